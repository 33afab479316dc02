// Our own window, held for the whole run: shown on demand (created again if it was closed),
// hidden instead of closed while the app lives in the tray, and the one path of events to
// our page. Events wait in a ready-queue until the page says 'ui:ready': the renderer
// subscribes in an effect after the page has loaded, so 'did-finish-load' would be too
// early, and a new document (a reload) has to subscribe again.
import { app, type BrowserWindow, type WebContents } from 'electron';
import type { EventName, EventPayload } from '../../contract/index.js';
import { sendEvent } from './ipc.js';
import { createMainWindow } from './windows.js';

/** Events held for a page that does not listen yet; past this, the oldest are dropped. */
export const MAX_HELD_EVENTS = 64;

export interface MainWindowOptions {
  preloadPath: string;
  development: boolean;
  /** Failures that are bugs (an event the contract refuses); names only are logged by the caller. */
  onError(where: string, error: unknown): void;
}

export interface MainWindowHost {
  /** Shows our window, creating it when there is none; does nothing before the app is ready. */
  show(): void;
  /** The window, while it exists. */
  current(): BrowserWindow | null;
  /** Whether `id` is our window's webContents (the only one IPC trusts). */
  isOwnWebContents(id: number): boolean;
  /** ShellPort.emit: sent once our page listens, in order; 'ui:show' shows the window first. */
  deliver<E extends EventName>(event: E, payload: EventPayload<E>): void;
  /** ShellPort.rendererReady: our page listens now; what was held is sent. */
  rendererReady(): void;
  /** While on, closing the window hides it (the app lives in the tray); off lets it close. */
  hideOnClose(on: boolean): void;
}

/** A navigation to a new document in the main frame (Electron 45: on the event; before: arguments). */
function newMainDocument(details: unknown, isInPlace: unknown, isMainFrame: unknown): boolean {
  if (typeof details === 'object' && details !== null && typeof (details as { isMainFrame?: unknown }).isMainFrame === 'boolean') {
    const d = details as { isMainFrame: boolean; isSameDocument?: boolean };
    return d.isMainFrame && d.isSameDocument !== true;
  }
  return isMainFrame === true && isInPlace !== true;
}

export function createMainWindowHost(options: MainWindowOptions): MainWindowHost {
  let win: BrowserWindow | null = null;
  let hides = false;
  /** The webContents whose page said 'ui:ready' and has not started another document since. */
  let listening: number | null = null;
  let held: ((contents: WebContents) => void)[] = [];

  const alive = (): BrowserWindow | null => (win !== null && !win.isDestroyed() ? win : null);

  function create(): BrowserWindow {
    const created = createMainWindow({ preloadPath: options.preloadPath, development: options.development });
    created.webContents.on('did-start-navigation', (details, _url, isInPlace, isMainFrame) => {
      if (newMainDocument(details, isInPlace, isMainFrame) && listening === created.webContents.id) listening = null;
    });
    created.on('close', (event) => {
      if (!hides) return;
      event.preventDefault();
      created.hide();
    });
    created.on('closed', () => {
      if (win === created) win = null;
    });
    return created;
  }

  function show(): void {
    if (!app.isReady()) return;
    const shown = alive() ?? create();
    win = shown;
    if (shown.isMinimized()) shown.restore();
    shown.show();
    shown.focus();
  }

  return {
    show,
    current: alive,
    isOwnWebContents: (id) => alive()?.webContents.id === id,
    deliver(event, payload) {
      if (event === 'ui:show' || event === 'ui:navigate') show();
      const target = alive();
      if (target === null) return;
      const send = (contents: WebContents): void => {
        try {
          sendEvent(contents, event, payload);
        } catch (e) {
          options.onError(`event ${event}`, e);
        }
      };
      if (listening === target.webContents.id) {
        send(target.webContents);
        return;
      }
      if (held.length >= MAX_HELD_EVENTS) held.shift();
      held.push(send);
    },
    rendererReady() {
      const target = alive();
      if (target === null) return;
      listening = target.webContents.id;
      const waiting = held;
      held = [];
      for (const send of waiting) send(target.webContents);
    },
    hideOnClose(on) {
      hides = on;
    },
  };
}
