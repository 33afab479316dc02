// The Electron main process: lifecycle, our window, the tray, the application menu, the
// global shortcut, Odoo windows, power and presence adapters, and IPC. It connects the
// core to Electron and decides nothing that core/shell can decide as a pure function.
//
// What the core is given (CompanionPorts): app meta, dataDir, the keytar keychain, the
// ShellPort implemented here (Odoo windows, and the one path of events to our window),
// the vault's IdleSource on powerMonitor, the platform's UserPresence, the clock, and
// applySettings (shortcut and launch at login, applied before a settings change is saved:
// a taken shortcut refuses the change with 'shortcut_unavailable'). core.on(...) drives
// the shell's own reactions (tray, notifier); it is not
// forwarded to the renderer, because the core emits every event through ShellPort.emit.
//
// Lifecycle rules enforced here: one instance (a second launch focuses the first); the
// app starts locked (the core's vault does) and locks before quitting (before-quit waits
// for the lock, closes Odoo windows and clears their partitions, then quits); closing our
// window hides it to the tray; nothing quits when the last window closes.
import { app, BrowserWindow, Menu, Notification, session, type WebContents } from 'electron';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { channels, type EventName, type EventPayload, type Settings } from '../../contract/index.js';
import { createCompanionCore, type CompanionCore, type CompanionPorts } from '../core/companion.js';
import { isAppError, toWireError } from '../core/errors.js';
import { errorSentence, translator } from '../core/i18n/translator.js';
import { createKeytarKeychain } from '../core/secrets/keytar-keychain.js';
import { appMenuTemplate } from '../core/shell/app-menu.js';
import type { ShellAction } from '../core/shell/menu-model.js';
import type { ShellPort } from '../core/shell/ports.js';
import { confirmWithDialog } from './confirm-dialog.js';
import { RENDERER_ORIGIN } from '../core/shell/window-policy.js';
import { systemClock, type Clock } from '../core/clock.js';
import { createActivityNotifier } from './activity-notifier.js';
import { registerIpc, sendEvent } from './ipc.js';
import { buildMenu } from './menus.js';
import { createOdooWindows, type OdooWindows } from './odoo-windows.js';
import { createIdleSource } from './power.js';
import { createUserPresence } from './presence.js';
import { registerRendererScheme, serveRenderer } from './renderer-protocol.js';
import { createQuickSearchShortcut, type QuickSearchShortcut } from './shortcut.js';
import { createTray, type ShellTray } from './tray.js';
import { createMainWindow, denyAllPermissions } from './windows.js';

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
  perform(action: ShellAction): Promise<void>;
  refreshTray(): Promise<void>;
  /** The quit sequence started by before-quit, once it has started. */
  quitting(): Promise<void> | null;
}

const QUIT_LOCK_TIMEOUT_MS = 5000;
/** Events held for a page that does not listen yet; past this, the oldest are dropped. */
const MAX_HELD_EVENTS = 64;

/** A navigation to a new document in the main frame (Electron 45: on the event; before: arguments). */
function newMainDocument(details: unknown, isInPlace: unknown, isMainFrame: unknown): boolean {
  if (typeof details === 'object' && details !== null && typeof (details as { isMainFrame?: unknown }).isMainFrame === 'boolean') {
    const d = details as { isMainFrame: boolean; isSameDocument?: boolean };
    return d.isMainFrame && d.isSameDocument !== true;
  }
  return isMainFrame === true && isInPlace !== true;
}

function describeError(error: unknown): string {
  if (isAppError(error)) return `AppError(${error.code})`;
  return error instanceof Error ? error.name : typeof error;
}

export async function startApp(options: StartOptions): Promise<DesktopShell | null> {
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return null;
  }
  registerRendererScheme();
  const platform = options.platform ?? process.platform;
  const clock = options.clock ?? systemClock;
  const createCore: CoreFactory = options.createCore ?? createCompanionCore;

  let mainWindow: BrowserWindow | null = null;
  let tray: ShellTray | null = null;
  let quitSequence: Promise<void> | null = null;
  let mayQuit = false;

  // Names only: an error's message could quote data that must not reach a log.
  const logError = (where: string, error: unknown): void => {
    console.error(`[shell] ${where}: ${describeError(error)}`);
  };

  /** The person's language now (the setting, else the OS language); English before the core exists. */
  const t = () => translator(core?.locale() ?? 'en');

  /** A notification titled with the app's name (a product name, the same in every language). */
  const notify = (body: string): void => {
    if (!Notification.isSupported()) return;
    new Notification({ title: app.getName(), body, silent: true }).show();
  };

  /** Tells the person about a failure they can act on: the error code's sentence, in their language. */
  const reportProblem = (where: string, error: unknown): void => {
    logError(where, error);
    notify(errorSentence(t(), toWireError(error).code));
  };

  const showMain = (): void => {
    if (!app.isReady()) return;
    if (mainWindow === null || mainWindow.isDestroyed()) {
      const created = createMainWindow({
        preloadPath: path.join(options.distDir, 'preload', 'index.cjs'),
        development: options.development,
      });
      mainWindow = created;
      // A new document has not subscribed yet: events wait for its 'ui:ready'.
      created.webContents.on('did-start-navigation', (details, _url, isInPlace, isMainFrame) => {
        if (newMainDocument(details, isInPlace, isMainFrame) && listening === created.webContents.id) listening = null;
      });
      created.on('close', (event) => {
        // Closing our window hides it: the app lives in the tray until "Quit".
        if (!mayQuit && quitSequence === null && tray !== null) {
          event.preventDefault();
          created.hide();
        }
      });
      created.on('closed', () => {
        if (mainWindow === created) mainWindow = null;
      });
    }
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.show();
    mainWindow.focus();
  };

  /**
   * Pushes an event to our window once its page listens. The renderer subscribes in an
   * effect after the page has loaded, so 'did-finish-load' is too early: events are held
   * until the page says 'ui:ready', then sent in order.
   */
  let listening: number | null = null;
  let held: ((contents: WebContents) => void)[] = [];
  const deliver = <E extends EventName>(event: E, payload: EventPayload<E>): void => {
    if (event === 'ui:show') showMain();
    const win = mainWindow;
    if (win === null || win.isDestroyed()) return;
    const send = (contents: WebContents): void => {
      try {
        sendEvent(contents, event, payload);
      } catch (e) {
        logError(`event ${event}`, e);
      }
    };
    if (listening === win.webContents.id) {
      send(win.webContents);
      return;
    }
    if (held.length >= MAX_HELD_EVENTS) held.shift();
    held.push(send);
  };
  /** 'ui:ready' from our window's top frame (the sender check let it through). */
  const rendererReady = (): void => {
    const win = mainWindow;
    if (win === null || win.isDestroyed()) return;
    listening = win.webContents.id;
    const waiting = held;
    held = [];
    for (const send of waiting) send(win.webContents);
  };

  app.on('second-instance', () => showMain());
  app.on('web-contents-created', (_event, contents) => {
    // Default for every webContents; our window and Odoo windows install their own.
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
    contents.on('will-attach-webview', (event) => event.preventDefault());
  });
  // Without a listener Electron quits when the last window closes: the tray keeps us.
  app.on('window-all-closed', () => {});

  await app.whenReady();

  let core: CompanionCore | null = null;
  const odooWindows = createOdooWindows({
    development: options.development,
    downloadsDir: () => app.getPath('downloads'),
    fileExists: (file) => existsSync(file),
    // Odoo ended the web session inside its window: the stored one is forgotten, so the
    // next quick-login authenticates instead of reusing a dead session.
    onSessionEnded: (profileId) => {
      core?.dispatch('odoo:logout', { profileId }).catch((e: unknown) => logError('session ended', e));
    },
    onLoadFailed: (_profileId, message) => {
      // Written by core/shell for people; it names at most a Chromium error code: no secret.
      logError('odoo window', message);
      notify(message);
    },
    onError: logError,
  });

  const shortcut = createQuickSearchShortcut(() => deliver('ui:show', { screen: 'quick-search' }), platform);
  let notificationsWanted = false;

  const shellPort: ShellPort = {
    openOdooWindow: (request) => odooWindows.openOdooWindow(request),
    closeOdooWindows: (profileId) => odooWindows.closeOdooWindows(profileId),
    emit: deliver,
    rendererReady,
    confirm: (request) => confirmWithDialog(request, mainWindow),
  };

  const applyDesktopSettings = async (next: Settings, previous: Settings | null): Promise<void> => {
    // Throws AppError('shortcut_unavailable') when another application owns the keys.
    if (next.shortcut !== shortcut.current()) shortcut.apply(next.shortcut);
    // Launch at login: macOS and Windows (Electron has no login items on Linux).
    if ((platform === 'darwin' || platform === 'win32') && (previous === null || next.launchAtLogin !== previous.launchAtLogin)) {
      if (app.getLoginItemSettings().openAtLogin !== next.launchAtLogin) app.setLoginItemSettings({ openAtLogin: next.launchAtLogin });
    }
    notificationsWanted = next.notifications;
    notifier.setActive(notificationsWanted && core?.vaultState() === 'unlocked');
  };

  const notifier = createActivityNotifier({
    clock,
    profiles: async () => core?.profileMenu() ?? [],
    async activities(profileId) {
      const r = await core?.dispatch('odoo:activities', { profileId });
      if (r === undefined || !r.ok) return null;
      const value = channels['odoo:activities'].output.safeParse(r.value);
      return value.success ? value.data : null;
    },
    onClick: () => deliver('ui:show', { screen: 'home' }),
    translate: t,
  });

  const ready = await createCore({
    app: { name: app.getName(), version: app.getVersion(), platform },
    dataDir: app.getPath('userData'),
    keychain: createKeytarKeychain(),
    shell: shellPort,
    idle: createIdleSource(),
    presence: createUserPresence(platform),
    clock,
    applySettings: (next, previous) => applyDesktopSettings(next, previous),
    onUnexpectedError: logError,
    // The OS's languages, best first; Chromium's application locale when it lists none.
    systemLanguages: () => {
      const preferred = app.getPreferredSystemLanguages();
      return preferred.length > 0 ? preferred : [app.getLocale()];
    },
  });
  core = ready;

  let trayJob: Promise<void> = Promise.resolve();
  const refreshTray = (): Promise<void> => {
    trayJob = trayJob.then(() => {
      const state = ready.vaultState();
      let profiles: { id: string; label: string }[] = [];
      try {
        profiles = ready.profileMenu();
      } catch (e) {
        logError('tray profiles', e);
      }
      const translate = t();
      tray?.update({ state, profiles, quickSearchShortcut: shortcut.current(), t: translate });
      Menu.setApplicationMenu(
        buildMenu(appMenuTemplate({ platform, appName: app.getName(), development: options.development, state, t: translate }), (a) => void perform(a)),
      );
      setAboutPanel(translate);
    });
    return trayJob;
  };

  async function perform(action: ShellAction): Promise<void> {
    try {
      switch (action.kind) {
        case 'quick-login':
          await ready.quickLogin.run(action.profileId);
          break;
        case 'quick-search':
          deliver('ui:show', { screen: 'quick-search' });
          break;
        case 'lock':
          ready.lock('manual');
          break;
        case 'open':
          showMain();
          break;
        case 'quit':
          app.quit();
          break;
      }
    } catch (e) {
      reportProblem(action.kind, e);
    }
  }

  denyAllPermissions(session.defaultSession);
  serveRenderer(path.join(options.distDir, 'renderer'));
  registerIpc(ready.dispatch, {
    trustedOrigin: RENDERER_ORIGIN,
    // Only our own window: Odoo windows (remote content, no preload) are never trusted.
    isOwnWebContents: (id) => mainWindow !== null && !mainWindow.isDestroyed() && mainWindow.webContents.id === id,
  });

  ready.on('vault:locked', () => {
    notifier.setActive(false);
    // Odoo windows are closed by the core itself on lock, through ShellPort.closeOdooWindows.
    void refreshTray();
  });
  ready.on('vault:unlocked', () => {
    notifier.setActive(notificationsWanted);
    void refreshTray();
  });
  ready.on('profiles:changed', () => void refreshTray());
  // A new language setting: the tray, menus and About panel speak it at once.
  ready.settings.onChanged((next, previous) => {
    if (next.language !== previous.language) void refreshTray();
  });

  function setAboutPanel(translate: ReturnType<typeof t>): void {
    app.setAboutPanelOptions({
      applicationName: app.getName(),
      applicationVersion: app.getVersion(),
      copyright: app.getName(),
      credits: translate('about.credits'),
    });
  }
  if (platform === 'win32') app.setAppUserModelId('com.odoocompanion.desktop');

  tray = createTray({ platform, perform: (a) => void perform(a) });

  const settings = ready.settings.get();
  try {
    await applyDesktopSettings(settings, null);
  } catch (e) {
    // A taken shortcut at start is reported, never fatal: everything else still works.
    reportProblem('shortcut', e);
  }
  await refreshTray();

  // Start in tray hides the window, except on first run: setup needs it.
  if (!settings.startInTray || ready.vaultState() === 'uninitialized') showMain();
  app.on('activate', showMain);

  app.on('before-quit', (event) => {
    if (mayQuit) return;
    event.preventDefault();
    if (quitSequence !== null) return;
    quitSequence = (async () => {
      // Lock first, whatever else fails: secrets leave memory before the process does.
      try {
        ready.lock('quit');
      } catch (e) {
        logError('quit: lock', e);
      }
      let timer: unknown = null;
      const timeout = new Promise<void>((resolve) => {
        timer = clock.setTimeout(resolve, QUIT_LOCK_TIMEOUT_MS);
      });
      await Promise.race([odooWindows.closeOdooWindows().catch((e: unknown) => logError('quit: close Odoo windows', e)), timeout]);
      notifier.dispose();
      shortcut.dispose();
      await Promise.race([ready.shutdown().catch((e: unknown) => logError('quit: shutdown', e)), timeout]);
      clock.clearTimeout(timer);
      tray?.destroy();
      tray = null;
    })().finally(() => {
      mayQuit = true;
      app.quit();
    });
  });

  return {
    core: ready,
    odooWindows,
    shortcut,
    mainWindow: () => mainWindow,
    showMain,
    perform,
    refreshTray,
    quitting: () => quitSequence,
  };
}
