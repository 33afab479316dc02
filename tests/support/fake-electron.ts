// A faithful stand-in for the parts of the `electron` module main/app uses, so the shell's
// wiring is tested under plain Node (the Electron binary is not available on the build
// machines). It records what main/app asked for and lets a test play Electron's part:
// fire events, invoke IPC handlers as a given frame, answer permission requests.
// `fake.reset()` between tests.
import { EventEmitter } from 'node:events';

type Listener = (...args: unknown[]) => unknown;

let nextWebContentsId = 1;

/** Lets other promise callbacks and events run, the way Chromium's IPC hops would. */
const tick = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

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

/** What IPC tests hand over as a sender frame (a FakeFrame, or a plain look-alike). */
export interface FrameLike {
  readonly url: string;
  readonly parent: unknown;
}

/** A cookie as Electron's session.cookies.get reports it (no `url`: domain + path). */
export interface FakeCookie {
  name: string;
  value: string;
  domain: string;
  hostOnly: boolean;
  path: string;
  secure: boolean;
  httpOnly: boolean;
  session: boolean;
  expirationDate?: number;
  sameSite: string;
}

/** Chromium treats loopback as a secure context: a secure cookie may be set there over http. */
function potentiallyTrustworthy(u: URL): boolean {
  return u.protocol === 'https:' || u.hostname === 'localhost' || u.hostname === '127.0.0.1' || u.hostname === '[::1]';
}

export class FakeCookies {
  /** Keyed by `host|path|name`, like a browser's jar. */
  readonly jar = new Map<string, FakeCookie>();
  /** Every details object passed to set(), in order. */
  readonly setCalls: Record<string, unknown>[] = [];
  /**
   * Like Electron, set() REJECTS a cookie Chromium will not store, instead of dropping it
   * quietly (docs/api/cookies.md: "Returns Promise<void> - A promise which resolves when
   * the cookie has been set"; the reasons come from Chromium's CookieInclusionStatus,
   * turned into messages by shell/browser/api/electron_api_cookies.cc): an unparsable
   * URL, a `domain` that does not cover the URL's host, a secure cookie from an insecure
   * URL, a name or value with control characters.
   */
  async set(details: Record<string, unknown>): Promise<void> {
    fake.log.push(['cookies.set', details.name]);
    this.setCalls.push(details);
    await Promise.resolve();
    let url: URL;
    try {
      url = new URL(String(details.url));
    } catch {
      throw new Error('Failed to set cookie - invalid URL');
    }
    const name = String(details.name ?? '');
    const value = String(details.value ?? '');
    // eslint-disable-next-line no-control-regex
    if (/[\x00-\x1f\x7f;]/.test(name) || /[\x00-\x1f\x7f;]/.test(value)) throw new Error('Failed to set cookie with an invalid name or value');
    if (typeof details.domain === 'string') {
      const d = details.domain.replace(/^\./, '');
      if (url.hostname !== d && !url.hostname.endsWith(`.${d}`)) throw new Error('Failed to set cookie with an invalid domain attribute');
    }
    if (details.secure === true && !potentiallyTrustworthy(url)) throw new Error('Failed to set cookie - secure cookie on an insecure URL');
    const domain = typeof details.domain === 'string' ? details.domain : url.hostname;
    const cookie: FakeCookie = {
      name,
      value,
      domain,
      hostOnly: details.domain === undefined,
      path: typeof details.path === 'string' ? details.path : '/',
      secure: details.secure === true,
      httpOnly: details.httpOnly === true,
      session: details.expirationDate === undefined,
      sameSite: typeof details.sameSite === 'string' ? details.sameSite : 'unspecified',
    };
    if (typeof details.expirationDate === 'number') cookie.expirationDate = details.expirationDate;
    this.jar.set(`${cookie.domain}|${cookie.path}|${cookie.name}`, cookie);
  }
  async get(filter: { url?: string; name?: string } = {}): Promise<FakeCookie[]> {
    const host = filter.url === undefined ? undefined : new URL(filter.url).hostname;
    return [...this.jar.values()].filter(
      (c) => (filter.name === undefined || c.name === filter.name) && (host === undefined || c.domain.replace(/^\./, '') === host),
    );
  }
  async remove(url: string, name: string): Promise<void> {
    fake.log.push(['cookies.remove', name]);
    const u = new URL(url);
    for (const [key, c] of this.jar) {
      if (c.name === name && c.domain.replace(/^\./, '') === u.hostname && u.pathname.startsWith(c.path)) this.jar.delete(key);
    }
  }
  async flushStore(): Promise<void> {}
}

/** A certificate the way Electron hands it to the verify proc (PEM `data`, issuer chain). */
export interface FakeCertificate {
  data: string;
  issuerCert?: FakeCertificate | null;
}

/** Chromium's own verdicts, by net error name (net/base/net_error_list.h). */
const NET_ERRORS: Record<string, number> = {
  'net::OK': 0,
  'net::ERR_FAILED': -2,
  'net::ERR_ABORTED': -3,
  'net::ERR_CONNECTION_REFUSED': -102,
  'net::ERR_CERT_COMMON_NAME_INVALID': -200,
  'net::ERR_CERT_DATE_INVALID': -201,
  'net::ERR_CERT_AUTHORITY_INVALID': -202,
};
const NET_ERROR_NAMES = new Map(Object.entries(NET_ERRORS).map(([n, c]) => [c, n.replace(/^net::/, '')]));

/** What setCertificateVerifyProc is given (docs/api/session.md). */
export interface FakeVerifyRequest {
  hostname: string;
  certificate: FakeCertificate;
  validatedCertificate?: FakeCertificate | null;
  verificationResult: string;
  errorCode: number;
  isIssuedByKnownRoot?: boolean;
}
export type FakeVerifyProc = (request: FakeVerifyRequest, callback: (verdict: number) => void) => void;

export class FakeSession extends EventEmitter {
  permissionRequestHandler: Listener | null = null;
  permissionCheckHandler: Listener | null = null;
  devicePermissionHandler: Listener | null = null;
  certificateVerifyProc: FakeVerifyProc | null = null;
  readonly cookies = new FakeCookies();
  cleared = 0;
  /**
   * Chromium's CachingCertVerifier, one per network context (so one per partition):
   * results are kept 30 minutes, keyed by host and certificate. Installing another verify
   * proc does NOT empty it (electron/electron#26517 removed the flush; #41448 is open
   * about it), nor does any clear-storage call. A test that needs it gone must use a new
   * partition, as the app does.
   */
  readonly verifierCache = new Map<string, number>();
  /** Every time the proc was actually consulted (cache misses), by host name. */
  readonly verifyCalls: string[] = [];
  constructor(readonly partition: string) {
    super();
  }
  setPermissionRequestHandler(h: Listener | null): void {
    this.permissionRequestHandler = h;
  }
  setPermissionCheckHandler(h: Listener | null): void {
    this.permissionCheckHandler = h;
  }
  setDevicePermissionHandler(h: Listener | null): void {
    this.devicePermissionHandler = h;
  }
  setCertificateVerifyProc(h: FakeVerifyProc | null): void {
    fake.log.push(['session.setCertificateVerifyProc', this.partition]);
    this.certificateVerifyProc = h;
  }
  /**
   * What the network context does on a TLS handshake: the cached result if there is one;
   * otherwise Chromium's own verdict, handed to the proc (docs/api/session.md,
   * setCertificateVerifyProc: 0 accepts, -2 fails, -3 keeps Chromium's result). A
   * refusal by the proc becomes net::ERR_FAILED — not a certificate error — and the
   * result is cached (spec/api-session-spec.ts: "rejects the request when the callback is
   * called with -2" expects /ERR_FAILED/ and the failed URL as the page title; "saves
   * cached results" sees the proc called once for two loads).
   */
  async verifyServer(hostname: string, server: FakeServer): Promise<number> {
    const key = `${hostname}|${server.certificate.data}`;
    const cached = this.verifierCache.get(key);
    if (cached !== undefined) return cached;
    const chromium = NET_ERRORS[server.chromiumResult] ?? -2;
    let result = chromium;
    const proc = this.certificateVerifyProc;
    if (proc !== null) {
      this.verifyCalls.push(hostname);
      const verdict = await new Promise<number>((resolve) => {
        proc(
          {
            hostname,
            certificate: server.certificate,
            validatedCertificate: chromium === 0 ? server.certificate : null,
            verificationResult: server.chromiumResult,
            errorCode: chromium,
            isIssuedByKnownRoot: chromium === 0,
          },
          resolve,
        );
      });
      result = verdict === 0 ? 0 : verdict === -3 ? chromium : -2;
    }
    this.verifierCache.set(key, result);
    return result;
  }
  async clearStorageData(): Promise<void> {
    this.cleared += 1;
    this.cookies.jar.clear();
    fake.log.push(['session.clearStorageData', this.partition]);
  }
  async clearCache(): Promise<void> {
    fake.log.push(['session.clearCache', this.partition]);
  }
  async clearAuthCache(): Promise<void> {
    fake.log.push(['session.clearAuthCache', this.partition]);
  }
  setUserAgent(): void {}
  getUserAgent(): string {
    return 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/140.0 Safari/537.36';
  }
  setDownloadPath(p: string): void {
    fake.log.push(['session.setDownloadPath', p]);
  }
}

/** What session 'will-download' hands over. */
export class FakeDownloadItem extends EventEmitter {
  savePath = '';
  cancelled = false;
  constructor(readonly filename: string, readonly url = 'https://odoo.example.com/web/content/1') {
    super();
  }
  getFilename(): string {
    return this.filename;
  }
  getURL(): string {
    return this.url;
  }
  setSavePath(p: string): void {
    this.savePath = p;
  }
  getSavePath(): string {
    return this.savePath;
  }
  cancel(): void {
    this.cancelled = true;
  }
}

/**
 * A server on the fake network. An https server presents `certificate`, which Chromium
 * judges `chromiumResult`; `redirects` answers a path with a 302 to another URL; `frames`
 * lists the iframes a page embeds; `unreachable` refuses connections.
 */
export interface FakeServer {
  certificate: FakeCertificate;
  chromiumResult: string;
  redirects: Record<string, string>;
  frames: Record<string, string[]>;
  unreachable: boolean;
}

/** The Error loadURL rejects with (lib/browser/api/web-contents.ts: errno, code, url). */
export interface FakeLoadError extends Error {
  errno: number;
  code: string;
  url: string;
}

function loadError(errno: number, url: string): FakeLoadError {
  const code = NET_ERROR_NAMES.get(errno) ?? 'ERR_FAILED';
  return Object.assign(new Error(`${code} (${errno}) loading '${url}'`), { errno, code, url });
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

class FakeIpcMain extends EventEmitter {
  readonly handlers = new Map<string, Listener>();
  handle(channel: string, fn: Listener): void {
    if (this.handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    this.handlers.set(channel, fn);
  }
  removeHandler(channel: string): void {
    this.handlers.delete(channel);
  }
  /** Test helper: what Electron does when a frame calls ipcRenderer.invoke. */
  async invokeFrom(
    sender: FakeWebContents,
    frame: FrameLike | null,
    channel: string,
    input: unknown,
  ): Promise<unknown> {
    const handler = this.handlers.get(channel);
    if (handler === undefined) throw new Error(`No handler registered for '${channel}'`);
    return handler({ sender, senderFrame: frame, frameId: 1, processId: 1 }, input);
  }
}

class FakeApp extends EventEmitter {
  name = 'Odoo Companion';
  version = '0.1.0';
  isPackaged = false;
  singleInstance = true;
  quitting = false;
  loginItem = { openAtLogin: false };
  appUserModelId: string | null = null;
  private ready = false;
  private readyResolve: (() => void) | null = null;
  private readyPromise: Promise<void> = new Promise((r) => (this.readyResolve = r));
  readonly aboutPanel: Record<string, unknown>[] = [];
  requestSingleInstanceLock(): boolean {
    return this.singleInstance;
  }
  whenReady(): Promise<void> {
    return this.readyPromise;
  }
  /** Test helper: become ready. */
  becomeReady(): void {
    this.ready = true;
    this.readyResolve?.();
    this.emit('ready');
  }
  isReady(): boolean {
    return this.ready;
  }
  getName(): string {
    return this.name;
  }
  getVersion(): string {
    return this.version;
  }
  /** The OS's languages, best first (tests set them). */
  preferredSystemLanguages: string[] = ['en-US'];
  locale = 'en-US';
  getPreferredSystemLanguages(): string[] {
    return [...this.preferredSystemLanguages];
  }
  getLocale(): string {
    return this.locale;
  }
  getPath(name: string): string {
    return `/fake/${name}`;
  }
  /**
   * Like Electron's app.quit() (docs/api/app.md): 'before-quit' first, which may cancel;
   * then every window is asked to close, and a window that refuses ('close' prevented)
   * cancels the quit; once all are closed, 'will-quit' and the app ends. Closing them for a
   * quit does not emit 'window-all-closed' (docs/api/app.md, Event: 'window-all-closed').
   */
  quit(): void {
    fake.log.push(['app.quit']);
    let prevented = false;
    this.emit('before-quit', { preventDefault: () => (prevented = true) });
    if (prevented) return;
    this.closingForQuit = true;
    try {
      for (const win of FakeBrowserWindow.getAllWindows()) win.close();
    } finally {
      this.closingForQuit = false;
    }
    if (FakeBrowserWindow.getAllWindows().length > 0) return;
    this.emit('will-quit', { preventDefault() {} });
    this.quitting = true;
  }
  private closingForQuit = false;
  /**
   * The last window went away: 'window-all-closed' when someone listens, else Electron's
   * default, which is to quit (docs/api/app.md, Event: 'window-all-closed').
   */
  lastWindowClosed(): void {
    if (this.closingForQuit || this.quitting) return;
    if (this.listenerCount('window-all-closed') > 0) this.emit('window-all-closed');
    else this.quit();
  }
  exit(): void {
    fake.log.push(['app.exit']);
    this.quitting = true;
  }
  setAppUserModelId(id: string): void {
    this.appUserModelId = id;
  }
  focus(): void {}
  setAboutPanelOptions(o: Record<string, unknown>): void {
    this.aboutPanel.push(o);
  }
  setLoginItemSettings(s: { openAtLogin: boolean }): void {
    this.loginItem = s;
  }
  getLoginItemSettings(): { openAtLogin: boolean } {
    return this.loginItem;
  }
  reset(): void {
    this.removeAllListeners();
    this.closingForQuit = false;
    this.singleInstance = true;
    this.quitting = false;
    this.ready = false;
    this.loginItem = { openAtLogin: false };
    this.aboutPanel.length = 0;
    this.appUserModelId = null;
    this.readyPromise = new Promise((r) => (this.readyResolve = r));
  }
}

const sessions = new Map<string, FakeSession>();
export const session = {
  defaultSession: new FakeSession(''),
  fromPartition(partition: string): FakeSession {
    let s = sessions.get(partition);
    if (s === undefined) {
      s = new FakeSession(partition);
      sessions.set(partition, s);
    }
    return s;
  },
};

export const protocol = {
  privileged: [] as unknown[],
  handlers: new Map<string, Listener>(),
  registerSchemesAsPrivileged(schemes: unknown[]): void {
    this.privileged.push(...schemes);
  },
  handle(scheme: string, fn: Listener): void {
    this.handlers.set(scheme, fn);
  },
  unhandle(scheme: string): void {
    this.handlers.delete(scheme);
  },
};

export const net = {
  async fetch(url: string): Promise<Response> {
    const { readFile } = await import('node:fs/promises');
    const { fileURLToPath } = await import('node:url');
    try {
      return new Response(await readFile(fileURLToPath(url)));
    } catch {
      return new Response('not found', { status: 404 });
    }
  },
};

/**
 * powerMonitor events exist only on some platforms (docs/api/power-monitor.md: 'lock-screen'
 * and 'unlock-screen' macOS and Windows; 'user-did-become-active' and
 * 'user-did-resign-active' macOS; 'suspend' and 'resume' everywhere).
 */
const POWER_EVENT_PLATFORMS: Record<string, readonly string[]> = {
  'lock-screen': ['darwin', 'win32'],
  'unlock-screen': ['darwin', 'win32'],
  'user-did-resign-active': ['darwin'],
  'user-did-become-active': ['darwin'],
  suspend: ['darwin', 'win32', 'linux'],
  resume: ['darwin', 'win32', 'linux'],
};

class FakePowerMonitor extends EventEmitter {
  idleSeconds = 0;
  /** Test helper: the OS reports `name` — only where Electron has that event. Returns whether it fired. */
  simulate(name: string): boolean {
    if (!(POWER_EVENT_PLATFORMS[name] ?? []).includes(fake.platform)) return false;
    this.emit(name);
    return true;
  }
  getSystemIdleTime(): number {
    return this.idleSeconds;
  }
  getSystemIdleState(threshold: number): string {
    return this.idleSeconds >= threshold ? 'idle' : 'active';
  }
}

export const systemPreferences = {
  touchId: false,
  touchIdAnswer: true,
  prompts: [] as string[],
  canPromptTouchID(): boolean {
    return this.touchId;
  },
  async promptTouchID(reason: string): Promise<void> {
    this.prompts.push(reason);
    if (!this.touchIdAnswer) throw new Error('User cancelled');
  },
};

/** Plays the OS protected store: its key lives here, never in the keychain items. */
export const safeStorage = {
  available: true,
  osKey: Buffer.alloc(32, 7),
  isEncryptionAvailable(): boolean {
    return safeStorage.available;
  },
  encryptString(plain: string): Buffer {
    return Buffer.from(Buffer.from(`os:${plain}`).map((b, i) => b ^ safeStorage.osKey[i % 32]!));
  },
  decryptString(sealed: Buffer): string {
    const text = Buffer.from(sealed.map((b, i) => b ^ safeStorage.osKey[i % 32]!)).toString();
    if (!text.startsWith('os:')) throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
    return text.slice(3);
  },
};

export const shell = {
  opened: [] as string[],
  async openExternal(url: string): Promise<void> {
    this.opened.push(url);
  },
};

/**
 * globalShortcut.register answers false when another application owns the keys on Windows
 * and X11 (docs/api/global-shortcut.md: "this call will silently fail"), but on macOS it
 * answers TRUE and the keys still go to the other application (electron/electron#21975,
 * open; #53770; #2527). `taken` is what other applications hold; `press` plays the keys.
 */
export const globalShortcut = {
  taken: new Set<string>(),
  registered: new Map<string, Listener>(),
  register(accelerator: string, fn: Listener): boolean {
    if (this.taken.has(accelerator) && fake.platform !== 'darwin') return false;
    this.registered.set(accelerator, fn);
    return true;
  },
  unregister(accelerator: string): void {
    this.registered.delete(accelerator);
  },
  unregisterAll(): void {
    this.registered.clear();
  },
  /** Only this app's own registrations (electron/electron#3808): never what others hold. */
  isRegistered(accelerator: string): boolean {
    return this.registered.has(accelerator);
  },
  /** Test helper: the person presses the keys; whoever really owns them gets them. */
  press(accelerator: string): boolean {
    if (this.taken.has(accelerator)) return false;
    const fn = this.registered.get(accelerator);
    fn?.();
    return fn !== undefined;
  },
};

export class FakeNativeImage {
  constructor(readonly source: string | Buffer, readonly scaleFactor = 1) {}
  template = false;
  readonly representations: { scaleFactor: number; buffer?: Buffer }[] = [];
  addRepresentation(options: { scaleFactor: number; buffer?: Buffer }): void {
    this.representations.push(options);
  }
  setTemplateImage(t: boolean): void {
    this.template = t;
  }
  isEmpty(): boolean {
    return false;
  }
  resize(): FakeNativeImage {
    return this;
  }
}
export const nativeImage = {
  createFromPath: (p: string) => new FakeNativeImage(p),
  createFromDataURL: (d: string) => new FakeNativeImage(d),
  createFromBuffer: (b: Buffer, options: { scaleFactor?: number } = {}) => new FakeNativeImage(b, options.scaleFactor ?? 1),
  createEmpty: () => new FakeNativeImage(''),
};

export class FakeMenu {
  constructor(readonly template: Record<string, unknown>[]) {}
  static applicationMenu: FakeMenu | null = null;
  static buildFromTemplate(template: Record<string, unknown>[]): FakeMenu {
    return new FakeMenu(template);
  }
  static setApplicationMenu(menu: FakeMenu | null): void {
    FakeMenu.applicationMenu = menu;
  }
}

/**
 * Like Electron's Tray (shell/browser/api/electron_api_tray.cc): it cannot be created
 * before the app is ready ("Cannot create Tray before app is ready"), and once destroyed
 * every setter throws "Tray is destroyed" (Tray::CheckAlive).
 */
export class FakeTray extends EventEmitter {
  static readonly all: FakeTray[] = [];
  menu: FakeMenu | null = null;
  tooltip = '';
  image: unknown;
  destroyed = false;
  constructor(image: unknown) {
    super();
    if (!app.isReady()) throw new Error('Cannot create Tray before app is ready');
    this.image = image;
    FakeTray.all.push(this);
  }
  private checkAlive(): void {
    if (this.destroyed) throw new Error('Tray is destroyed');
  }
  setContextMenu(menu: FakeMenu | null): void {
    this.checkAlive();
    this.menu = menu;
  }
  setToolTip(t: string): void {
    this.checkAlive();
    this.tooltip = t;
  }
  setImage(image: unknown): void {
    this.checkAlive();
    this.image = image;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  destroy(): void {
    this.destroyed = true;
  }
}

/**
 * What the OS keeps of a shown notification. Electron keeps only a WEAK reference to the
 * main-process Notification object: once the app drops its own, V8 may collect it and a
 * later click or close reaches no listener (electron/electron#16922 "Notification lifetime
 * is too short"; #12690: clicks lost after about a minute, "the notification object is
 * being garbage collected before the click event is emitted"). The fake holds a WeakRef
 * too, and `collectGarbage()` runs a real full GC, so a test sees exactly what V8 keeps.
 */
export class FakeToast {
  private readonly ref: WeakRef<FakeNotification>;
  constructor(
    notification: FakeNotification,
    readonly options: Record<string, unknown>,
  ) {
    this.ref = new WeakRef(notification);
  }
  /** The person clicks it; returns whether a Notification object was still there to hear it. */
  click(): boolean {
    const n = this.ref.deref();
    n?.emit('click', { preventDefault() {} });
    return n !== undefined;
  }
  /** The person dismisses it. */
  close(): boolean {
    const n = this.ref.deref();
    n?.emit('close', { preventDefault() {} });
    return n !== undefined;
  }
}

export class FakeNotification extends EventEmitter {
  static readonly shown: Record<string, unknown>[] = [];
  static readonly toasts: FakeToast[] = [];
  static isSupported(): boolean {
    return true;
  }
  constructor(readonly options: Record<string, unknown>) {
    super();
  }
  show(): void {
    FakeNotification.shown.push(this.options);
    FakeNotification.toasts.push(new FakeToast(this, this.options));
  }
  close(): void {
    this.emit('close', { preventDefault() {} });
  }
}

/**
 * Test helper: a full garbage collection, after the current job has ended (V8 keeps a
 * WeakRef's target alive until then). Needs node's --expose-gc (the app tier sets it).
 */
export async function collectGarbage(): Promise<void> {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc === undefined) throw new Error('collectGarbage needs node --expose-gc');
  await tick();
  gc();
  await tick();
}

export const dialog = {
  /** Each showMessageBox call's arguments (parent window first when one was given). */
  shown: [] as unknown[][],
  /** The button the person presses (0 = the first, which Electron also gives for Escape). */
  response: 0,
  async showMessageBox(...args: unknown[]): Promise<{ response: number }> {
    dialog.shown.push(args);
    return { response: dialog.response };
  },
};

export const contextBridge = {
  exposed: new Map<string, unknown>(),
  exposeInMainWorld(key: string, api: unknown): void {
    this.exposed.set(key, api);
  },
};

class FakeIpcRenderer extends EventEmitter {
  invoked: [string, unknown][] = [];
  async invoke(channel: string, input: unknown): Promise<unknown> {
    this.invoked.push([channel, input]);
    return { ok: true, value: null };
  }
}

export const app = new FakeApp();
export const ipcMain = new FakeIpcMain();
export const ipcRenderer = new FakeIpcRenderer();
export const powerMonitor = new FakePowerMonitor();
export const BrowserWindow = FakeBrowserWindow;
export const Menu = FakeMenu;
export const Tray = FakeTray;
export const Notification = FakeNotification;

export interface FakeServerOptions {
  certificate?: FakeCertificate;
  chromiumResult?: string;
  redirects?: Record<string, string>;
  frames?: Record<string, string[]>;
  unreachable?: boolean;
}

export const fake = {
  windows: [] as FakeBrowserWindow[],
  log: [] as unknown[][],
  /** The platform the fake plays (process.platform values): platform-only behaviour follows it. */
  platform: 'linux',
  /** Loads still running (webContents.loadURL promises). */
  pending: new Set<Promise<void>>(),
  /**
   * The fake network, by origin. A page of an origin with no server is served without a
   * TLS handshake being modelled (for tests about something else); a test about
   * certificates, redirects or iframes declares the server.
   */
  servers: new Map<string, FakeServer>(),
  serve(origin: string, options: FakeServerOptions = {}): FakeServer {
    const server: FakeServer = {
      certificate: options.certificate ?? { data: `certificate of ${origin}` },
      chromiumResult: options.chromiumResult ?? 'net::OK',
      redirects: options.redirects ?? {},
      frames: options.frames ?? {},
      unreachable: options.unreachable ?? false,
    };
    fake.servers.set(new URL(origin).origin, server);
    return server;
  },
  serverOf(url: string): FakeServer | undefined {
    try {
      return fake.servers.get(new URL(url).origin);
    } catch {
      return undefined;
    }
  },
  /** Connects for `url` in `ses`: 0, or the net error the connection fails with. */
  async connect(ses: FakeSession, url: string): Promise<number> {
    const server = fake.serverOf(url);
    if (server === undefined) return 0;
    if (server.unreachable) return -102;
    const u = new URL(url);
    if (u.protocol !== 'https:') return 0;
    return ses.verifyServer(u.hostname.replace(/^\[|\]$/g, ''), server);
  },
  redirectOf(url: string): string | null {
    const server = fake.serverOf(url);
    if (server === undefined) return null;
    const u = new URL(url);
    const target = server.redirects[u.pathname + u.search];
    return target === undefined ? null : new URL(target, u).href;
  },
  framesOf(url: string): string[] {
    const server = fake.serverOf(url);
    return server?.frames[new URL(url).pathname] ?? [];
  },
  /** Waits until no load is running (each load may start others: child windows, reloads). */
  async settled(): Promise<void> {
    for (let rounds = 0; rounds < 100; rounds += 1) {
      await tick();
      if (fake.pending.size === 0) return;
      await Promise.allSettled([...fake.pending]);
    }
    throw new Error('loads never settled');
  },
  reset(): void {
    fake.platform = 'linux';
    fake.pending.clear();
    fake.servers.clear();
    FakeNotification.toasts.length = 0;
    app.reset();
    ipcMain.handlers.clear();
    ipcMain.removeAllListeners();
    powerMonitor.removeAllListeners();
    powerMonitor.idleSeconds = 0;
    FakeBrowserWindow.all.length = 0;
    FakeTray.all.length = 0;
    FakeNotification.shown.length = 0;
    FakeMenu.applicationMenu = null;
    fake.windows.length = 0;
    fake.log.length = 0;
    sessions.clear();
    session.defaultSession = new FakeSession('');
    protocol.privileged.length = 0;
    protocol.handlers.clear();
    shell.opened.length = 0;
    globalShortcut.taken.clear();
    globalShortcut.registered.clear();
    systemPreferences.touchId = false;
    systemPreferences.touchIdAnswer = true;
    systemPreferences.prompts.length = 0;
    contextBridge.exposed.clear();
    dialog.shown.length = 0;
    safeStorage.available = true;
    dialog.response = 0;
    ipcRenderer.invoked = [];
    ipcRenderer.removeAllListeners();
  },
};

export default {
  app,
  BrowserWindow,
  contextBridge,
  dialog,
  safeStorage,
  globalShortcut,
  ipcMain,
  ipcRenderer,
  Menu,
  nativeImage,
  net,
  Notification,
  powerMonitor,
  protocol,
  session,
  shell,
  systemPreferences,
  Tray,
};
