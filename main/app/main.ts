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
import type { ShellAction } from '../core/shell/menu-model.js';
import { RENDERER_ORIGIN } from '../core/shell/window-policy.js';
import { watchActivities } from './activity-watch.js';
import { createDesktopChrome } from './desktop-chrome.js';
import { createDesktopSettings } from './desktop-settings.js';
import { registerIpc } from './ipc.js';
import { claimSingleInstance } from './lifecycle.js';
import { createMainWindowHost, type MainWindowHost } from './main-window.js';
import { createOdooWindows, type OdooWindows } from './odoo-windows.js';
import { createIdleSource } from './power.js';
import { createUserPresence } from './presence.js';
import { logProblem, notify, problemReporter } from './problem-notices.js';
import { quitSequence } from './quit-sequence.js';
import { registerRendererScheme, serveRenderer } from './renderer-protocol.js';
import { createShellActions, type PerformAction } from './shell-actions.js';
import { createShellPort } from './shell-port.js';
import { createQuickSearchShortcut, type QuickSearchShortcut } from './shortcut.js';
import { loadPolicy, policyPath } from '../core/settings/admin-policy.js';
import { saveProfileFileWithDialog } from './profile-file-dialog.js';
import { createTray } from './tray.js';
import { watchOverdueCounts } from './tray-counts.js';
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
  /** Where the administrator's policy is read (default: the OS's place, settings/admin-policy.ts). */
  policyFile?: string;
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

/** What the core is given besides the ShellPort and applySettings: the desktop's own facts and services. */
function desktopPorts(platform: string, clock: Clock): Omit<CompanionPorts, 'shell' | 'applySettings'> {
  return {
    app: { name: app.getName(), version: app.getVersion(), platform },
    dataDir: app.getPath('userData'),
    keychain: createKeytarKeychain(),
    idle: createIdleSource(),
    presence: createUserPresence(platform),
    clock,
    onUnexpectedError: logProblem,
    // The OS's languages, best first; Chromium's application locale when it lists none.
    systemLanguages: () => {
      const preferred = app.getPreferredSystemLanguages();
      return preferred.length > 0 ? preferred : [app.getLocale()];
    },
  };
}

/** Our UI: served on app://companion, no permission granted, IPC answered for our window's top frame only. */
function serveOwnUi(distDir: string, core: CompanionCore, mainWindow: MainWindowHost): void {
  denyAllPermissions(session.defaultSession);
  serveRenderer(path.join(distDir, 'renderer'));
  // Odoo windows (remote content, no preload) are never trusted.
  registerIpc(core.dispatch, { trustedOrigin: RENDERER_ORIGIN, isOwnWebContents: mainWindow.isOwnWebContents });
}

export async function startApp(options: StartOptions): Promise<DesktopShell | null> {
  const { development } = options;
  const platform = options.platform ?? process.platform;
  const clock = options.clock ?? systemClock;
  const createCore = options.createCore ?? createCompanionCore;

  const lifecycle = claimSingleInstance();
  if (lifecycle === null) return null;
  registerRendererScheme();
  const preloadPath = path.join(options.distDir, 'preload', 'index.cjs');
  const mainWindow = createMainWindowHost({ preloadPath, development, onError: logProblem });
  lifecycle.onSecondInstance(mainWindow.show);
  await lifecycle.ready();

  // What the core asks for, then the core.
  const odooWindows = createOdooWindows({
    development,
    downloadsDir: () => app.getPath('downloads'),
    fileExists: (file) => existsSync(file),
    // Written by core/shell for people; it names at most a Chromium error code: no secret.
    onLoadFailed: (_profileId, message) => {
      logProblem('odoo window', message);
      notify(message);
    },
    onError: logProblem,
  });
  // The global shortcut opens quick search on every profile at once ("All profiles").
  const shortcut = createQuickSearchShortcut(() => mainWindow.deliver('ui:navigate', { to: 'all-profiles-search' }), platform);
  const desktopSettings = createDesktopSettings({ platform, shortcut });
  const shell = createShellPort({ odooWindows, mainWindow });
  // The administrator's policy, read once at start: an unusable file is reported, and its strict fallback applies.
  const policy = await loadPolicy(options.policyFile ?? policyPath(platform as NodeJS.Platform, process.env));
  if (policy.state === 'invalid') logProblem('administrator policy', new Error(`${policy.path}: ${policy.problem ?? 'unusable'}`));
  const core = await createCore({
    ...desktopPorts(platform, clock),
    shell,
    applySettings: desktopSettings.apply,
    policy,
    saveProfileFile: (name, text) => saveProfileFileWithDialog(name, text, mainWindow.current()),
  });

  // What needs the core.
  const reportProblem = problemReporter(() => translator(core.locale()));
  // Odoo ended the web session in its window: the stored one is forgotten, so the next
  // quick-login signs in instead of reusing a dead session.
  odooWindows.onSessionEnded((profileId) => {
    core.dispatch('odoo:logout', { profileId }).catch((e: unknown) => logProblem('session ended', e));
  });
  serveOwnUi(options.distDir, core, mainWindow);
  const perform = createShellActions({ core, mainWindow, report: reportProblem });
  const run = (action: ShellAction): void => void perform(action);
  const tray = createTray({ platform, perform: run });
  mainWindow.hideOnClose(true);
  const overdue = watchOverdueCounts({ core, clock, onError: logProblem });
  const chrome = createDesktopChrome({ core, tray, shortcut, perform: run, platform, development, onError: logProblem, overdue });
  if (platform === 'win32') app.setAppUserModelId('com.odoocompanion.desktop');
  const settings = core.settings.get();
  desktopSettings.applyAtStart(settings, reportProblem);
  const showHome = (): void => mainWindow.deliver('ui:show', { screen: 'home' });
  const notifier = watchActivities({ core, clock, showHome, onError: logProblem });
  await chrome.refresh();

  // Start in tray hides the window, except on first run: setup needs it.
  if (!settings.startInTray || core.vaultState() === 'uninitialized') mainWindow.show();
  lifecycle.onActivate(mainWindow.show);
  const quit = quitSequence({ core, odooWindows, notifier, shortcut, tray, mainWindow, clock, onError: logProblem });
  const quitting = lifecycle.holdQuitUntil(quit);

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
