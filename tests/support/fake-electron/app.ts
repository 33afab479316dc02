// The fake app and its main-process plumbing: app (lifecycle events, quit, paths,
// languages, login items), ipcMain (handlers, invoked as a given frame), protocol, net.
import { EventEmitter } from 'node:events';
import { fake, onReset } from './state.js';
import type { FrameLike, Listener, WindowLike } from './types.js';

/** The windows not yet destroyed (every window made is listed in the shared state). */
function openWindows(): WindowLike[] {
  return fake.windows.filter((w) => !w.destroyed);
}

export class FakeIpcMain extends EventEmitter {
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
    sender: object,
    frame: FrameLike | null,
    channel: string,
    input: unknown,
  ): Promise<unknown> {
    const handler = this.handlers.get(channel);
    if (handler === undefined) throw new Error(`No handler registered for '${channel}'`);
    return handler({ sender, senderFrame: frame, frameId: 1, processId: 1 }, input);
  }
}

export class FakeApp extends EventEmitter {
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
      for (const win of openWindows()) win.close();
    } finally {
      this.closingForQuit = false;
    }
    if (openWindows().length > 0) return;
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

export const app = new FakeApp();
export const ipcMain = new FakeIpcMain();

onReset(() => {
  app.reset();
  ipcMain.handlers.clear();
  ipcMain.removeAllListeners();
  protocol.privileged.length = 0;
  protocol.handlers.clear();
});
