// A faithful stand-in for the parts of the `electron` module main/app uses, so the shell's
// wiring is tested under plain Node (the Electron binary is not available on the build
// machines). It records what main/app asked for and lets a test play Electron's part:
// fire events, invoke IPC handlers as a given frame, answer permission requests.
// `fake.reset()` between tests.
import { EventEmitter } from 'node:events';

type Listener = (...args: unknown[]) => unknown;

let nextWebContentsId = 1;

export interface FakeFrame {
  url: string;
  parent: FakeFrame | null;
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

export class FakeCookies {
  /** Keyed by `host|path|name`, like a browser's jar. */
  readonly jar = new Map<string, FakeCookie>();
  /** Every details object passed to set(), in order. */
  readonly setCalls: Record<string, unknown>[] = [];
  async set(details: Record<string, unknown>): Promise<void> {
    fake.log.push(['cookies.set', details.name]);
    this.setCalls.push(details);
    const url = new URL(String(details.url));
    const domain = typeof details.domain === 'string' ? details.domain : url.hostname;
    const cookie: FakeCookie = {
      name: String(details.name ?? ''),
      value: String(details.value ?? ''),
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

export class FakeSession extends EventEmitter {
  permissionRequestHandler: Listener | null = null;
  permissionCheckHandler: Listener | null = null;
  devicePermissionHandler: Listener | null = null;
  certificateVerifyProc: Listener | null = null;
  readonly cookies = new FakeCookies();
  cleared = 0;
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
  setCertificateVerifyProc(h: Listener | null): void {
    fake.log.push(['session.setCertificateVerifyProc', this.partition]);
    this.certificateVerifyProc = h;
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

export class FakeWebContents extends EventEmitter {
  readonly id = nextWebContentsId++;
  url = '';
  destroyed = false;
  readonly sent: [string, unknown][] = [];
  windowOpenHandler: Listener | null = null;
  readonly mainFrame: FakeFrame;
  constructor(readonly session: FakeSession) {
    super();
    this.mainFrame = { url: '', parent: null };
  }
  setWindowOpenHandler(h: Listener): void {
    this.windowOpenHandler = h;
  }
  loading = false;
  /** Every URL given to loadURL, in order. */
  readonly loaded: string[] = [];
  async loadURL(url: string): Promise<void> {
    this.loaded.push(url);
    fake.log.push(['webContents.loadURL', url]);
    this.url = url;
    this.mainFrame.url = url;
    // Electron reports a finished main-frame navigation, then the end of the load.
    this.emit('did-navigate', { preventDefault() {} }, url, 200, 'OK');
    this.emit('did-finish-load');
  }
  getURL(): string {
    return this.url;
  }
  isLoading(): boolean {
    return this.loading;
  }
  /** Test helper: a main-frame navigation finished at `url` (after redirects). */
  completeNavigation(url: string): void {
    this.url = url;
    this.mainFrame.url = url;
    this.emit('did-navigate', { preventDefault() {} }, url, 200, 'OK');
  }
  /**
   * Test helper: what Electron does for window.open(url): asks the window-open handler;
   * on 'allow' creates the window with the override options and emits 'did-create-window'.
   * Returns the new window, or null when denied.
   */
  openWindow(url: string): FakeBrowserWindow | null {
    const answer = (this.windowOpenHandler?.({ url, frameName: '', features: '', disposition: 'new-window' }) ?? {
      action: 'allow',
    }) as { action: string; overrideBrowserWindowOptions?: Record<string, unknown> };
    if (answer.action !== 'allow') return null;
    const child = new FakeBrowserWindow(answer.overrideBrowserWindowOptions ?? {});
    this.emit('did-create-window', child, { url });
    void child.loadURL(url);
    return child;
  }
  send(channel: string, payload: unknown): void {
    this.sent.push([channel, payload]);
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  openDevTools(): void {
    fake.log.push(['webContents.openDevTools', this.id]);
  }
  /** Test helper: Electron's 'will-navigate' as a cancellable event; returns true if allowed. */
  attemptNavigation(url: string, eventName = 'will-navigate'): boolean {
    let prevented = false;
    const event = { preventDefault: () => (prevented = true), url, isMainFrame: true, isSameDocument: false };
    this.emit(eventName, event, url);
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
  constructor(options: Record<string, unknown> = {}) {
    super();
    this.options = options;
    const prefs = (options.webPreferences ?? {}) as { partition?: string };
    this.webContents = new FakeWebContents(
      prefs.partition === undefined ? session.defaultSession : session.fromPartition(prefs.partition),
    );
    this.title = String(options.title ?? '');
    FakeBrowserWindow.all.push(this);
    fake.windows.push(this);
  }
  static getAllWindows(): FakeBrowserWindow[] {
    return FakeBrowserWindow.all.filter((w) => !w.destroyed);
  }
  async loadURL(url: string): Promise<void> {
    await this.webContents.loadURL(url);
    this.emit('ready-to-show');
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
    this.webContents.destroyed = true;
    this.emit('closed');
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
    frame: FakeFrame | null,
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
  getPath(name: string): string {
    return `/fake/${name}`;
  }
  /** Like Electron: 'before-quit' may cancel; otherwise 'will-quit' and the app ends. */
  quit(): void {
    fake.log.push(['app.quit']);
    let prevented = false;
    this.emit('before-quit', { preventDefault: () => (prevented = true) });
    if (prevented) return;
    this.emit('will-quit', { preventDefault() {} });
    this.quitting = true;
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

class FakePowerMonitor extends EventEmitter {
  idleSeconds = 0;
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

export const globalShortcut = {
  taken: new Set<string>(),
  registered: new Map<string, Listener>(),
  register(accelerator: string, fn: Listener): boolean {
    if (this.taken.has(accelerator)) return false;
    this.registered.set(accelerator, fn);
    return true;
  },
  unregister(accelerator: string): void {
    this.registered.delete(accelerator);
  },
  unregisterAll(): void {
    this.registered.clear();
  },
  isRegistered(accelerator: string): boolean {
    return this.registered.has(accelerator);
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

export class FakeTray extends EventEmitter {
  static readonly all: FakeTray[] = [];
  menu: FakeMenu | null = null;
  tooltip = '';
  image: unknown;
  destroyed = false;
  constructor(image: unknown) {
    super();
    this.image = image;
    FakeTray.all.push(this);
  }
  setContextMenu(menu: FakeMenu | null): void {
    this.menu = menu;
  }
  setToolTip(t: string): void {
    this.tooltip = t;
  }
  setImage(image: unknown): void {
    this.image = image;
  }
  destroy(): void {
    this.destroyed = true;
  }
}

export class FakeNotification extends EventEmitter {
  static readonly shown: Record<string, unknown>[] = [];
  static isSupported(): boolean {
    return true;
  }
  constructor(readonly options: Record<string, unknown>) {
    super();
  }
  show(): void {
    FakeNotification.shown.push(this.options);
  }
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

export const fake = {
  windows: [] as FakeBrowserWindow[],
  log: [] as unknown[][],
  reset(): void {
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
