// The settings the desktop itself carries out: the global quick-search shortcut and
// launch at login. The core calls `apply` before it saves a change, so a shortcut another
// application owns refuses the change ('shortcut_unavailable') and nothing is half-applied:
// the shortcut goes first, launch at login only once it has been accepted. At start the
// saved settings are applied each on its own, so a taken shortcut does not keep launch at
// login from being set.
import { app } from 'electron';
import type { Settings } from '../../contract/index.js';
import type { QuickSearchShortcut } from './shortcut.js';

export interface DesktopSettings {
  /** The core's applySettings port: throws AppError when the desktop cannot carry `next` out. */
  apply(next: Settings, previous: Settings): Promise<void>;
  /** The saved settings at start; a failure (a taken shortcut) is handed to `report`, never thrown. */
  applyAtStart(settings: Settings, report: (where: string, error: unknown) => void): void;
}

/** Electron has login items on macOS and Windows only (Linux would need an XDG autostart file). */
function hasLoginItems(platform: string): boolean {
  return platform === 'darwin' || platform === 'win32';
}

export function createDesktopSettings(options: { platform: string; shortcut: QuickSearchShortcut }): DesktopSettings {
  const { platform, shortcut } = options;

  const applyShortcut = (next: Settings): void => {
    // Throws AppError('shortcut_unavailable') when another application owns the keys.
    if (next.shortcut !== shortcut.current()) shortcut.apply(next.shortcut);
  };
  const applyLaunchAtLogin = (wanted: boolean): void => {
    if (!hasLoginItems(platform)) return;
    if (app.getLoginItemSettings().openAtLogin !== wanted) app.setLoginItemSettings({ openAtLogin: wanted });
  };

  return {
    async apply(next, previous) {
      applyShortcut(next);
      if (next.launchAtLogin !== previous.launchAtLogin) applyLaunchAtLogin(next.launchAtLogin);
    },
    applyAtStart(settings, report) {
      try {
        applyShortcut(settings);
      } catch (e) {
        report('shortcut', e);
      }
      try {
        applyLaunchAtLogin(settings.launchAtLogin);
      } catch (e) {
        report('launch at login', e);
      }
    },
  };
}
