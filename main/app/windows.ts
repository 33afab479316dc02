// Creates our own windows with the hardened options from core/shell/window-policy and
// closes every door Electron leaves open by default: navigation, window.open, webviews,
// permission requests.
import { BrowserWindow, type Session } from 'electron';
import { ownWindowMayNavigate, ownWindowPreferences, RENDERER_ENTRY } from '../core/shell/window-policy.js';

export interface MainWindowOptions {
  preloadPath: string;
  development: boolean;
  show?: boolean;
}

export function denyAllPermissions(ses: Session): void {
  ses.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  ses.setPermissionCheckHandler(() => false);
  ses.setDevicePermissionHandler(() => false);
}

export function createMainWindow(options: MainWindowOptions): BrowserWindow {
  const win = new BrowserWindow({
    width: 1100,
    height: 760,
    minWidth: 720,
    minHeight: 520,
    show: options.show ?? false,
    title: 'Odoo Companion',
    backgroundColor: '#1d1b22',
    webPreferences: ownWindowPreferences(options.preloadPath, options.development),
  });
  const contents = win.webContents;
  contents.on('will-navigate', (event, url) => {
    if (!ownWindowMayNavigate(url)) event.preventDefault();
  });
  contents.on('will-redirect', (event, url) => {
    if (!ownWindowMayNavigate(url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  win.once('ready-to-show', () => {
    if (options.show !== false) win.show();
  });
  void win.loadURL(RENDERER_ENTRY);
  return win;
}
