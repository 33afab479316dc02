// The Electron main process: lifecycle, our window, IPC. It connects core services to
// Electron and decides nothing that core can decide.
import { app, BrowserWindow, session } from 'electron';
import path from 'node:path';
import { createDispatch } from '../core/ipc/dispatch.js';
import { createHandlers } from '../core/ipc/handlers.js';
import { RENDERER_ORIGIN } from '../core/shell/window-policy.js';
import { registerIpc } from './ipc.js';
import { registerRendererScheme, serveRenderer } from './renderer-protocol.js';
import { createMainWindow, denyAllPermissions } from './windows.js';

export interface StartOptions {
  /** Folder holding the built app: main/, preload/, renderer/. */
  distDir: string;
  development: boolean;
}

export function startApp(options: StartOptions): void {
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }
  registerRendererScheme();

  const windows = new Set<BrowserWindow>();
  let mainWindow: BrowserWindow | null = null;

  const dispatch = createDispatch(
    createHandlers({
      app: { name: app.getName(), version: app.getVersion(), platform: process.platform },
      vaultState: () => 'locked',
    }),
    {
      onUnexpectedError: (channel, error) => {
        // Names only: an unexpected error's message could quote data we must not log.
        console.error(`[ipc] ${channel} failed: ${error instanceof Error ? error.name : typeof error}`);
      },
    },
  );

  const showMain = (): void => {
    if (mainWindow === null || mainWindow.isDestroyed()) {
      mainWindow = createMainWindow({
        preloadPath: path.join(options.distDir, 'preload', 'index.cjs'),
        development: options.development,
      });
      windows.add(mainWindow);
      const created = mainWindow;
      created.on('closed', () => {
        windows.delete(created);
        if (mainWindow === created) mainWindow = null;
      });
    }
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.show();
    mainWindow.focus();
  };

  app.on('second-instance', showMain);
  app.on('web-contents-created', (_event, contents) => {
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  });

  void app.whenReady().then(() => {
    denyAllPermissions(session.defaultSession);
    serveRenderer(path.join(options.distDir, 'renderer'));
    registerIpc(dispatch, {
      trustedOrigin: RENDERER_ORIGIN,
      isOwnWebContents: (id) => [...windows].some((w) => !w.isDestroyed() && w.webContents.id === id),
    });
    showMain();
    app.on('activate', showMain);
  });

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
}
