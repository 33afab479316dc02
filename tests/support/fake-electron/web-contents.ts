// Fake windows and their pages: BrowserWindow, webContents (asynchronous loads, redirects,
// iframes, window.open, navigation events) and the frames IPC senders are.
import { EventEmitter } from 'node:events';
import { app } from './app.js';
import { loadError, NET_ERROR_NAMES, session, type FakeSession } from './network.js';
import { fake, onReset, tick } from './state.js';
import type { Listener } from './types.js';

let nextWebContentsId = 1;

/**
 * A frame as WebFrameMain shows it. Once Chromium has swapped the frame out (a new
 * document committed in its place, or its window closed), reading `url` throws "Render
 * frame was disposed before WebFrameMain could be accessed" (shell/browser/api/
 * electron_api_web_frame_main.cc, CheckRenderFrame; electron/electron#52309).
 */
export class FakeFrame {
  private disposed = false;
  constructor(
    private currentUrl: string,
    readonly parent: FakeFrame | null,
  ) {}
  get url(): string {
    if (this.disposed) throw new Error('Render frame was disposed before WebFrameMain could be accessed');
    return this.currentUrl;
  }
  dispose(): void {
    this.disposed = true;
  }
  isDisposed(): boolean {
    return this.disposed;
  }
}

function navigationDetails(url: string, isMainFrame: boolean, frame: FakeFrame | null, prevent: () => void): Record<string, unknown> {
  return { url, isMainFrame, isSameDocument: false, frame, initiator: undefined, preventDefault: prevent };
}

export class FakeWebContents extends EventEmitter {
  readonly id = nextWebContentsId++;
  url = '';
  destroyed = false;
  readonly sent: [string, unknown][] = [];
  windowOpenHandler: Listener | null = null;
  private frame: FakeFrame = new FakeFrame('', null);
  /** Iframes of the current page. */
  readonly subframes: FakeFrame[] = [];
  private navigationId = 0;
  /** Like Electron, every new webContents is announced on app 'web-contents-created' (docs/api/app.md). */
  constructor(readonly session: FakeSession) {
    super();
    app.emit('web-contents-created', { preventDefault() {} }, this);
  }
  get mainFrame(): FakeFrame {
    return this.frame;
  }
  setWindowOpenHandler(h: Listener): void {
    this.windowOpenHandler = h;
  }
  /** CSS inserted into the page, with the URL it was inserted on (docs/api/web-contents.md, insertCSS). */
  readonly insertedCss: { url: string; css: string }[] = [];
  insertCSS(css: string): Promise<string> {
    this.insertedCss.push({ url: this.url, css });
    return Promise.resolve(`css-${this.insertedCss.length}`);
  }
  loading = false;
  /** Every URL given to loadURL, in order. */
  readonly loaded: string[] = [];
  /** How each navigation ended: the URL it committed, or its net error name. */
  readonly outcomes: { url: string; error: string | null }[] = [];
  /**
   * Like Electron, loading is asynchronous (docs/api/web-contents.md, loadURL: "the
   * promise will resolve when the page has finished loading (see did-finish-load), and
   * rejects if the page fails to load (see did-fail-load)"). The order of events follows
   * docs/api/web-contents.md: did-start-loading,
   * did-start-navigation, will-redirect for each server redirect (emitted for loadURL too,
   * unlike will-navigate), the TLS check, then did-navigate, iframes, did-finish-load,
   * did-stop-loading; or did-fail-load. A second loadURL before the first has finished
   * fails the first with ERR_ABORTED (-3), as does a will-redirect that is prevented.
   */
  loadURL(url: string): Promise<void> {
    this.loaded.push(url);
    fake.log.push(['webContents.loadURL', url]);
    const load = this.navigate(url);
    fake.pending.add(load);
    void load.then(
      () => fake.pending.delete(load),
      () => fake.pending.delete(load),
    );
    return load;
  }
  private async navigate(url: string): Promise<void> {
    const token = ++this.navigationId;
    const superseded = (): boolean => token !== this.navigationId || this.destroyed;
    this.loading = true;
    this.emit('did-start-loading');
    this.emit('did-start-navigation', navigationDetails(url, true, this.frame, () => {}), url, false, true);
    await tick();
    let current = url;
    for (let hops = 0; hops < 20; hops += 1) {
      if (superseded()) return this.fail(-3, current, token);
      const failure = await fake.connect(this.session, current);
      if (superseded()) return this.fail(-3, current, token);
      if (failure !== 0) return this.fail(failure, current, token);
      const target = fake.redirectOf(current);
      if (target === null) break;
      let prevented = false;
      const prevent = (): void => {
        prevented = true;
      };
      this.emit('will-redirect', navigationDetails(target, true, this.frame, prevent), target, false, true, 1, 1);
      if (prevented) return this.fail(-3, current, token);
      current = target;
    }
    this.commit(current);
    this.outcomes.push({ url: current, error: null });
    this.emit('did-navigate', { preventDefault() {} }, current, 200, 'OK');
    for (const frameUrl of fake.framesOf(current)) await this.loadSubframe(frameUrl);
    if (superseded()) return this.fail(-3, current, token);
    this.loading = false;
    this.emit('did-finish-load');
    this.emit('did-stop-loading');
  }
  /** A new document: the previous main frame is gone (reading it now throws). */
  private commit(url: string): void {
    this.url = url;
    for (const f of this.subframes.splice(0)) f.dispose();
    this.frame.dispose();
    this.frame = new FakeFrame(url, null);
  }
  private fail(errno: number, url: string, token: number): never {
    const error = loadError(errno, url);
    this.outcomes.push({ url, error: error.code });
    // An aborted navigation commits nothing; any other failure commits Chromium's error page.
    if (errno !== -3 && token === this.navigationId && !this.destroyed) this.commit(url);
    this.emit('did-fail-load', { preventDefault() {} }, errno, error.code, url, true, 1, 1);
    if (token === this.navigationId) {
      this.loading = false;
      this.emit('did-stop-loading');
    }
    throw error;
  }
  /**
   * An iframe's load: will-redirect fires for it too, with isMainFrame false and the
   * iframe as `frame` (docs/api/web-contents.md, Event 'will-redirect': the details carry
   * `isMainFrame` and `frame`; Electron's navigation throttle,
   * shell/browser/electron_navigation_throttle.cc, emits it for any frame's navigation).
   * Its failures are did-fail-load with isMainFrame false.
   */
  private async loadSubframe(url: string): Promise<void> {
    const frame = new FakeFrame(url, this.frame);
    let current = url;
    for (let hops = 0; hops < 20; hops += 1) {
      const failure = await fake.connect(this.session, current);
      if (failure !== 0) {
        this.emit('did-fail-load', { preventDefault() {} }, failure, NET_ERROR_NAMES.get(failure) ?? 'ERR_FAILED', current, false, 1, 2);
        return;
      }
      const target = fake.redirectOf(current);
      if (target === null) break;
      let prevented = false;
      this.emit('will-redirect', navigationDetails(target, false, frame, () => (prevented = true)), target, false, false, 1, 2);
      if (prevented) {
        this.emit('did-fail-load', { preventDefault() {} }, -3, 'ERR_ABORTED', target, false, 1, 2);
        return;
      }
      current = target;
    }
    const committed = new FakeFrame(current, this.frame);
    this.subframes.push(committed);
    this.emit('did-frame-navigate', { preventDefault() {} }, current, 200, 'OK', false, 1, 2);
  }
  getURL(): string {
    return this.url;
  }
  isLoading(): boolean {
    return this.loading;
  }
  /** Test helper: a main-frame navigation finished at `url` (after redirects). */
  completeNavigation(url: string): void {
    this.commit(url);
    this.emit('did-navigate', { preventDefault() {} }, url, 200, 'OK');
  }
  /**
   * Test helper: what Electron does for window.open(url) (docs/api/window-open.md): asks
   * the window-open handler; on 'allow' creates the window. Options are, in increasing
   * precedence, the features string, the opener's security webPreferences (inherited:
   * lib/browser/guest-window-manager.ts) and overrideBrowserWindowOptions. The child's
   * webContents is created by Chromium next to its opener, so it lives in the OPENER's
   * session whatever partition the override names. 'did-create-window' comes before the
   * child's first navigation. Returns the new window, or null when denied.
   */
  openWindow(url: string, features = ''): FakeBrowserWindow | null {
    const answer = (this.windowOpenHandler?.({ url, frameName: '', features, disposition: 'new-window', referrer: { url: this.url, policy: 'strict-origin-when-cross-origin' } }) ?? {
      action: 'allow',
    }) as { action: string; overrideBrowserWindowOptions?: Record<string, unknown> };
    if (answer.action !== 'allow') return null;
    // makeWebPreferences: a parent's security preference is inherited only where the parent
    // has the secure value; the main process's override comes last.
    const opener = FakeBrowserWindow.all.find((w) => w.webContents === this);
    const inherited: Record<string, unknown> = {};
    const parentPrefs = (opener?.options.webPreferences ?? {}) as Record<string, unknown>;
    const secure: Record<string, boolean> = {
      contextIsolation: true,
      javascript: false,
      nodeIntegration: false,
      sandbox: true,
      webviewTag: false,
      nodeIntegrationInSubFrames: false,
      enableWebSQL: false,
    };
    for (const [key, value] of Object.entries(secure)) if (parentPrefs[key] === value) inherited[key] = value;
    const override = answer.overrideBrowserWindowOptions ?? {};
    // Electron's defaults for a window.open child (makeBrowserWindowOptions), then the override.
    const options = {
      show: true,
      width: 800,
      height: 600,
      ...override,
      webPreferences: { ...inherited, ...((override.webPreferences ?? {}) as Record<string, unknown>) },
    };
    const child = new FakeBrowserWindow(options, this.session);
    this.emit('did-create-window', child, { url, frameName: '', options, disposition: 'new-window' });
    void child.loadURL(url).catch(() => {});
    return child;
  }
  send(channel: string, payload: unknown): void {
    this.sent.push([channel, payload]);
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  destroy(): void {
    this.destroyed = true;
    this.navigationId += 1;
    this.frame.dispose();
    for (const f of this.subframes.splice(0)) f.dispose();
  }
  openDevTools(): void {
    fake.log.push(['webContents.openDevTools', this.id]);
  }
  /**
   * Test helper: the page asks to navigate its main frame ('will-navigate', cancellable;
   * or 'will-redirect' for a server redirect of the main frame, or of an iframe with
   * `isMainFrame: false`). Returns true if allowed.
   */
  attemptNavigation(url: string, eventName = 'will-navigate', isMainFrame = true): boolean {
    let prevented = false;
    const frame = isMainFrame ? this.frame : new FakeFrame(url, this.frame);
    const event = navigationDetails(url, isMainFrame, frame, () => (prevented = true));
    if (eventName === 'will-redirect') this.emit(eventName, event, url, false, isMainFrame, 1, 1);
    else this.emit(eventName, event, url);
    return !prevented;
  }
}

export class FakeBrowserWindow extends EventEmitter {
  static readonly all: FakeBrowserWindow[] = [];
  readonly webContents: FakeWebContents;
  readonly options: Record<string, unknown>;
  destroyed = false;
  visible = false;
  focused = false;
  minimized = false;
  title: string;
  constructor(options: Record<string, unknown> = {}, openerSession?: FakeSession) {
    super();
    this.options = options;
    const prefs = (options.webPreferences ?? {}) as { partition?: string };
    this.webContents = new FakeWebContents(
      openerSession ?? (prefs.partition === undefined ? session.defaultSession : session.fromPartition(prefs.partition)),
    );
    this.title = String(options.title ?? '');
    FakeBrowserWindow.all.push(this);
    fake.windows.push(this);
    // 'ready-to-show': once, when the first page (or Chromium's error page) has painted.
    const ready = (_e: unknown, errno?: unknown): void => {
      if (errno === -3) return;
      this.webContents.removeListener('did-finish-load', ready);
      this.webContents.removeListener('did-fail-load', ready);
      this.emit('ready-to-show');
    };
    this.webContents.on('did-finish-load', ready);
    this.webContents.on('did-fail-load', ready);
  }
  static getAllWindows(): FakeBrowserWindow[] {
    return FakeBrowserWindow.all.filter((w) => !w.destroyed);
  }
  loadURL(url: string): Promise<void> {
    return this.webContents.loadURL(url);
  }
  show(): void {
    this.visible = true;
  }
  hide(): void {
    this.visible = false;
  }
  focus(): void {
    this.focused = true;
  }
  isVisible(): boolean {
    return this.visible;
  }
  isMinimized(): boolean {
    return this.minimized;
  }
  restore(): void {
    this.minimized = false;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  setTitle(t: string): void {
    this.title = t;
  }
  /** Like Electron: 'close' may be prevented; otherwise the window goes away. */
  close(): void {
    let prevented = false;
    this.emit('close', { preventDefault: () => (prevented = true) });
    if (!prevented) this.destroy();
  }
  destroy(): void {
    if (this.destroyed) return;
    fake.log.push(['BrowserWindow.destroy', this.webContents.id]);
    this.destroyed = true;
    this.webContents.destroy();
    this.emit('closed');
    if (FakeBrowserWindow.getAllWindows().length === 0) app.lastWindowClosed();
  }
}

onReset(() => {
  FakeBrowserWindow.all.length = 0;
});
