// The fake desktop services: powerMonitor, Touch ID and safeStorage, shell, global
// shortcuts, images, menus, the tray, notifications, dialogs, and the preload's side
// (contextBridge, ipcRenderer).
import { EventEmitter } from 'node:events';
import { app } from './app.js';
import { fake, onReset, tick } from './state.js';
import type { Listener } from './types.js';

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

export class FakePowerMonitor extends EventEmitter {
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
  /** Each showSaveDialog call's arguments, and where the person chooses to save (null: cancelled). */
  saveAsked: [] as unknown[][],
  savePath: null as string | null,
  async showSaveDialog(...args: unknown[]): Promise<{ canceled: boolean; filePath?: string }> {
    dialog.saveAsked.push(args);
    return dialog.savePath === null ? { canceled: true } : { canceled: false, filePath: dialog.savePath };
  },
};

export const contextBridge = {
  exposed: new Map<string, unknown>(),
  exposeInMainWorld(key: string, api: unknown): void {
    this.exposed.set(key, api);
  },
};

export class FakeIpcRenderer extends EventEmitter {
  invoked: [string, unknown][] = [];
  async invoke(channel: string, input: unknown): Promise<unknown> {
    this.invoked.push([channel, input]);
    return { ok: true, value: null };
  }
}

export const powerMonitor = new FakePowerMonitor();
export const ipcRenderer = new FakeIpcRenderer();

onReset(() => {
  FakeNotification.toasts.length = 0;
  FakeNotification.shown.length = 0;
  powerMonitor.removeAllListeners();
  powerMonitor.idleSeconds = 0;
  FakeTray.all.length = 0;
  FakeMenu.applicationMenu = null;
  shell.opened.length = 0;
  globalShortcut.taken.clear();
  globalShortcut.registered.clear();
  systemPreferences.touchId = false;
  systemPreferences.touchIdAnswer = true;
  systemPreferences.prompts.length = 0;
  contextBridge.exposed.clear();
  dialog.shown.length = 0;
  dialog.response = 0;
  dialog.saveAsked.length = 0;
  dialog.savePath = null;
  safeStorage.available = true;
  ipcRenderer.invoked = [];
  ipcRenderer.removeAllListeners();
});
