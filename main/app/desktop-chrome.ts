// The app's presence on the desktop outside our window — the tray (icon, tooltip, menu),
// the application menu and the About panel — kept in step with the core: rebuilt when the
// vault locks or unlocks, when profiles change, and at once when the language setting
// changes. Rebuilds run one at a time, and one that fails does not stop the later ones.
import { app, Menu } from 'electron';
import type { CompanionCore } from '../core/companion.js';
import { translator, type Translate } from '../core/i18n/translator.js';
import { appMenuTemplate } from '../core/shell/app-menu.js';
import type { ShellAction } from '../core/shell/menu-model.js';
import { buildMenu } from './menus.js';
import type { QuickSearchShortcut } from './shortcut.js';
import type { ShellTray } from './tray.js';
import type { TrayCounts } from './tray-counts.js';
import { environmentMark } from '../core/shell/environment-label.js';
import type { TrayProfile } from '../core/shell/tray-menu.js';

export interface DesktopChromeParts {
  core: Pick<CompanionCore, 'vaultState' | 'profileMenu' | 'locale' | 'on' | 'settings'>;
  tray: ShellTray;
  shortcut: Pick<QuickSearchShortcut, 'current'>;
  perform(action: ShellAction): void;
  platform: string;
  development: boolean;
  onError(where: string, error: unknown): void;
  /** The background overdue counts (tray-counts.ts); the tray shows them beside each profile. */
  overdue?: Pick<TrayCounts, 'counts' | 'onChange'>;
}

export interface DesktopChrome {
  /** Rebuilds tray, menus and About panel from the core's state now; never rejects. */
  refresh(): Promise<void>;
}

export function createDesktopChrome(parts: DesktopChromeParts): DesktopChrome {
  const { core, tray, platform } = parts;

  const setAboutPanel = (t: Translate): void => {
    app.setAboutPanelOptions({
      applicationName: app.getName(),
      applicationVersion: app.getVersion(),
      copyright: app.getName(),
      credits: t('about.credits'),
    });
  };

  const rebuild = (): void => {
    const state = core.vaultState();
    const t = translator(core.locale());
    const counts = parts.overdue?.counts() ?? new Map<string, number | null>();
    let profiles: TrayProfile[] = [];
    try {
      profiles = core.profileMenu().map((p) => ({
        id: p.id,
        label: p.label,
        environment: environmentMark(p.environment, t),
        overdue: counts.get(p.id) ?? null,
      }));
    } catch (e) {
      parts.onError('tray profiles', e);
    }
    tray.update({ state, profiles, quickSearchShortcut: parts.shortcut.current(), t });
    const template = appMenuTemplate({ platform, appName: app.getName(), development: parts.development, state, t });
    Menu.setApplicationMenu(buildMenu(template, parts.perform));
    setAboutPanel(t);
  };

  let queue: Promise<void> = Promise.resolve();
  const refresh = (): Promise<void> => {
    queue = queue.then(rebuild).catch((e: unknown) => parts.onError('desktop menus', e));
    return queue;
  };

  // Odoo windows are closed by the core itself on lock, through ShellPort.closeOdooWindows.
  core.on('vault:locked', () => void refresh());
  core.on('vault:unlocked', () => void refresh());
  core.on('profiles:changed', () => void refresh());
  parts.overdue?.onChange(() => void refresh());
  // A new language setting: the tray, menus and About panel speak it at once.
  core.settings.onChanged((next, previous) => {
    if (next.language !== previous.language) void refresh();
  });

  return { refresh };
}
