// The settings the desktop itself carries out: the global quick-search shortcut and
// launch at login. The core calls `apply` before it saves a change, so a shortcut another
// application owns refuses the change ('shortcut_unavailable') and nothing is half-applied:
// the shortcut goes first, launch at login only once it has been accepted. At start the
// saved settings are applied each on its own, so a taken shortcut does not keep launch at
// login from being set.
//
// Launch at login: Electron's app.setLoginItemSettings is macOS and Windows only
// (https://www.electronjs.org/docs/latest/api/app#appsetloginitemsettingssettings-macos-windows);
// on Linux it is an XDG autostart entry (main/core/shell/autostart.ts) naming the app's own
// executable — the AppImage file when run from one ($APPIMAGE), else app.getPath('exe').
import path from 'node:path';
import { app } from 'electron';
import type { Settings } from '../../contract/index.js';
import { AUTOSTART_FILE_NAME, autostartDir, autostartEntry, removeAutostart, writeAutostart } from '../core/shell/autostart.js';
import type { QuickSearchShortcut } from './shortcut.js';

export interface DesktopSettings {
  /** The core's applySettings port: throws AppError when the desktop cannot carry `next` out. */
  apply(next: Settings, previous: Settings): Promise<void>;
  /** The saved settings at start; a failure (a taken shortcut) is handed to `report`, never thrown. */
  applyAtStart(settings: Settings, report: (where: string, error: unknown) => void): void;
}

/** Electron has login items on macOS and Windows; Linux gets an XDG autostart entry. */
function hasLoginItems(platform: string): boolean {
  return platform === 'darwin' || platform === 'win32';
}

export function createDesktopSettings(options: {
  platform: string;
  shortcut: QuickSearchShortcut;
  /** Where XDG_CONFIG_HOME and APPIMAGE are read (default: this process's environment). */
  env?: Readonly<Record<string, string | undefined>>;
}): DesktopSettings {
  const { platform, shortcut } = options;
  const env = options.env ?? process.env;
  const autostartFile = (): string => path.join(autostartDir(env, app.getPath('home')), AUTOSTART_FILE_NAME);

  const applyShortcut = (next: Settings): void => {
    // Throws AppError('shortcut_unavailable') when another application owns the keys.
    if (next.shortcut !== shortcut.current()) shortcut.apply(next.shortcut);
  };
  const applyLaunchAtLogin = async (wanted: boolean): Promise<void> => {
    if (hasLoginItems(platform)) {
      if (app.getLoginItemSettings().openAtLogin !== wanted) app.setLoginItemSettings({ openAtLogin: wanted });
      return;
    }
    if (platform !== 'linux') return;
    if (!wanted) return removeAutostart(autostartFile());
    const exec = env.APPIMAGE !== undefined && env.APPIMAGE !== '' ? env.APPIMAGE : app.getPath('exe');
    await writeAutostart(autostartFile(), autostartEntry({ name: app.getName(), exec }));
  };

  return {
    async apply(next, previous) {
      applyShortcut(next);
      if (next.launchAtLogin !== previous.launchAtLogin) await applyLaunchAtLogin(next.launchAtLogin);
    },
    applyAtStart(settings, report) {
      try {
        applyShortcut(settings);
      } catch (e) {
        report('shortcut', e);
      }
      // Off at start changes nothing: an entry is only removed when the person turns it off.
      if (!settings.launchAtLogin && !hasLoginItems(platform)) return;
      applyLaunchAtLogin(settings.launchAtLogin).catch((e: unknown) => report('launch at login', e));
    },
  };
}
