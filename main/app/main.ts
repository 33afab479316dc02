// The Electron main process, composed: each part is built once what it needs exists, and
// handed it explicitly. Nothing here decides what core/shell can decide as a pure function,
// and nothing is read through a variable assigned later.
//
// The order: the single-instance lock and app defaults; our window's host (no window yet);
// Electron ready; the parts the core asks for (Odoo windows, the shortcut, the desktop
// settings, the ShellPort) — then the core; then what needs the core: IPC, tray and menus,
// activity notifications, the quit sequence. Rules kept (docs/electron-wiring.md): one
// instance; the app starts locked and locks before quitting; closing our window hides it to
// the tray; nothing quits when the last window closes.
import { app, session, type BrowserWindow } from 'electron';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { systemClock, type Clock } from '../core/clock.js';
import { createCompanionCore, type CompanionCore, type CompanionPorts } from '../core/companion.js';
import { translator } from '../core/i18n/translator.js';
import { createKeytarKeychain } from '../core/secrets/keytar-keychain.js';
import { RENDERER_ORIGIN } from '../core/shell/window-policy.js';
import { watchActivities } from './activity-watch.js';
import { createDesktopChrome } from './desktop-chrome.js';
import { createDesktopSettings } from './desktop-settings.js';
import { registerIpc } from './ipc.js';
import { claimSingleInstance } from './lifecycle.js';
import { createMainWindowHost } from './main-window.js';
import { createOdooWindows, type OdooWindows } from './odoo-windows.js';
import { createIdleSource } from './power.js';
import { createUserPresence } from './presence.js';
import { logProblem, notify, problemReporter } from './problem-notices.js';
import { quitSequence } from './quit-sequence.js';
import { registerRendererScheme, serveRenderer } from './renderer-protocol.js';
import { createShellActions, type PerformAction } from './shell-actions.js';
import { createShellPort } from './shell-port.js';
import { createQuickSearchShortcut, type QuickSearchShortcut } from './shortcut.js';
import { createTray } from './tray.js';
import { denyAllPermissions } from './windows.js';

export type CoreFactory = (ports: CompanionPorts) => Promise<CompanionCore>;

export interface StartOptions {
  /** Folder holding the built app: main/, preload/, renderer/. */
  distDir: string;
  development: boolean;
  /** Builds the core (default: createCompanionCore on the keytar keychain); tests pass their own. */
  createCore?: CoreFactory;
  clock?: Clock;
  platform?: string;
}

/** Handles on the running shell, for the entry point and the tests. */
export interface DesktopShell {
  core: CompanionCore;
  odooWindows: OdooWindows;
  shortcut: QuickSearchShortcut;
  mainWindow(): BrowserWindow | null;
  showMain(): void;
  perform: PerformAction;
  refreshTray(): Promise<void>;
  /** The quit sequence started by before-quit, once it has started. */
  quitting(): Promise<void> | null;
}

export async function startApp(options: StartOptions): Promise<DesktopShell | null> {
  const platform = options.platform ?? process.platform;
  const clock = options.clock ?? systemClock;
  const createCore = options.createCore ?? createCompanionCore;

  const lifecycle = claimSingleInstance();
  if (lifecycle === null) return null;
  registerRendererScheme();
  const mainWindow = createMainWindowHost({
    preloadPath: path.join(options.distDir, 'preload', 'index.cjs'),
    development: options.development,
    onError: logProblem,
  });
  lifecycle.onSecondInstance(mainWindow.show);
  await lifecycle.ready();

  // What the core is built with.
  const odooWindows = createOdooWindows({
    development: options.development,
    downloadsDir: () => app.getPath('downloads'),
    fileExists: (file) => existsSync(file),
    // The message is written by core/shell for people; it names at most a Chromium error code.
    onLoadFailed: (_profileId, message) => {
      logProblem('odoo window', message);
      notify(message);
    },
    onError: logProblem,
  });
  const shortcut = createQuickSearchShortcut(() => mainWindow.deliver('ui:show', { screen: 'quick-search' }), platform);
  const desktopSettings = createDesktopSettings({ platform, shortcut });
  const core = await createCore({
    app: { name: app.getName(), version: app.getVersion(), platform },
    dataDir: app.getPath('userData'),
    keychain: createKeytarKeychain(),
    shell: createShellPort({ odooWindows, mainWindow }),
    idle: createIdleSource(),
    presence: createUserPresence(platform),
    clock,
    applySettings: desktopSettings.apply,
    onUnexpectedError: logProblem,
    // The OS's languages, best first; Chromium's application locale when it lists none.
    systemLanguages: () => {
      const preferred = app.getPreferredSystemLanguages();
      return preferred.length > 0 ? preferred : [app.getLocale()];
    },
  });

  // What needs the core.
  const reportProblem = problemReporter(() => translator(core.locale()));
  // Odoo ended the web session inside its window: the stored one is forgotten, so the next
  // quick-login authenticates instead of reusing a dead session.
  odooWindows.onSessionEnded((profileId) => {
    core.dispatch('odoo:logout', { profileId }).catch((e: unknown) => logProblem('session ended', e));
  });
  denyAllPermissions(session.defaultSession);
  serveRenderer(path.join(options.distDir, 'renderer'));
  // Only our own window: Odoo windows (remote content, no preload) are never trusted.
  registerIpc(core.dispatch, { trustedOrigin: RENDERER_ORIGIN, isOwnWebContents: mainWindow.isOwnWebContents });
  const perform = createShellActions({ core, mainWindow, report: reportProblem });
  const tray = createTray({ platform, perform: (action) => void perform(action) });
  mainWindow.hideOnClose(true);
  const chrome = createDesktopChrome({
    core,
    tray,
    shortcut,
    perform: (action) => void perform(action),
    platform,
    development: options.development,
    onError: logProblem,
  });
  if (platform === 'win32') app.setAppUserModelId('com.odoocompanion.desktop');

  const settings = core.settings.get();
  desktopSettings.applyAtStart(settings, reportProblem);
  const showHome = (): void => mainWindow.deliver('ui:show', { screen: 'home' });
  const notifier = watchActivities({ core, clock, showHome, onError: logProblem });
  await chrome.refresh();

  // Start in tray hides the window, except on first run: setup needs it.
  if (!settings.startInTray || core.vaultState() === 'uninitialized') mainWindow.show();
  lifecycle.onActivate(mainWindow.show);
  const quitting = lifecycle.holdQuitUntil(
    quitSequence({ core, odooWindows, notifier, shortcut, tray, mainWindow, clock, onError: logProblem }),
  );

  return {
    core,
    odooWindows,
    shortcut,
    mainWindow: mainWindow.current,
    showMain: mainWindow.show,
    perform,
    refreshTray: chrome.refresh,
    quitting,
  };
}
