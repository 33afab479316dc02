// The tray menu for each vault state (docs/architecture.md): the profiles (a click is a
// quick-login: unlock if needed, log in if needed, open that profile's Odoo window), each
// with its environment tag and its count of overdue activities, "Open All profiles",
// "Quick search…", "Lock now", "Open Companion", "Quit". Rebuilt by main/app whenever the
// profiles, the vault state or the language change. Labels come from the catalogues.
import type { VaultState } from '../../../contract/index.js';
import { english, type Translate } from '../i18n/translator.js';
import { withEnvironmentTag, type EnvironmentMark } from './environment-label.js';
import { menuLabel, SEPARATOR, type ShellMenuItem } from './menu-model.js';

export interface TrayProfile {
  id: string;
  label: string;
  /** Its environment label, shown as a tag before the label ("[PRODUCTION] Acme"). */
  environment?: EnvironmentMark | null;
  /** Overdue activities, from the background refresh; null or absent when unknown. */
  overdue?: number | null;
}

export interface TrayMenuInput {
  state: VaultState;
  profiles: readonly TrayProfile[];
  /** The global shortcut, shown beside "Quick search…" (null when none is registered). */
  quickSearchShortcut: string | null;
  /** The person's language (English when not given). */
  t?: Translate;
}

/** More profiles than this go into a "More profiles" submenu. */
export const TRAY_PROFILE_LIMIT = 12;

export function trayTooltip(state: VaultState, t: Translate = english): string {
  if (state === 'unlocked') return t('tray.tooltipUnlocked');
  if (state === 'locked') return t('tray.tooltipLocked');
  return t('tray.tooltipNotSetUp');
}

function profileItems(profiles: readonly TrayProfile[], t: Translate): ShellMenuItem[] {
  if (profiles.length === 0) return [{ id: 'no-profiles', label: t('tray.noProfiles'), enabled: false }];
  const items = profiles.map((p): ShellMenuItem => {
    // The person's text is cut and escaped first; the tag and the count are ours.
    const label = withEnvironmentTag(menuLabel(p.label), p.environment === undefined || p.environment === null ? null : { ...p.environment, tag: menuLabel(p.environment.tag, 24) });
    const overdue = p.overdue ?? 0;
    return {
      id: `profile:${p.id}`,
      label: overdue > 0 ? t('tray.profileOverdue', { label, count: overdue }) : label,
      action: { kind: 'quick-login', profileId: p.id },
    };
  });
  if (items.length <= TRAY_PROFILE_LIMIT) return items;
  return [
    ...items.slice(0, TRAY_PROFILE_LIMIT),
    { id: 'more-profiles', label: t('tray.moreProfiles'), type: 'submenu', submenu: items.slice(TRAY_PROFILE_LIMIT) },
  ];
}

export function trayMenuTemplate(input: TrayMenuInput): ShellMenuItem[] {
  const t = input.t ?? english;
  const quit: ShellMenuItem = { id: 'quit', label: t('tray.quit'), action: { kind: 'quit' } };
  if (input.state === 'uninitialized') {
    return [
      { id: 'status', label: t('tray.notSetUp'), enabled: false },
      SEPARATOR,
      { id: 'open', label: t('tray.setUp'), action: { kind: 'open' } },
      SEPARATOR,
      quit,
    ];
  }
  const unlocked = input.state === 'unlocked';
  const quickSearch: ShellMenuItem = { id: 'quick-search', label: t('menu.quickSearch'), action: { kind: 'quick-search' } };
  if (input.quickSearchShortcut !== null) {
    quickSearch.accelerator = input.quickSearchShortcut;
    quickSearch.registerAccelerator = false;
  }
  return [
    { id: 'status', label: unlocked ? t('tray.unlocked') : t('tray.locked'), enabled: false },
    SEPARATOR,
    ...profileItems(input.profiles, t),
    SEPARATOR,
    { id: 'all-profiles', label: t('tray.openAllProfiles'), action: { kind: 'all-profiles' } },
    quickSearch,
    // Locking a locked vault does nothing: the item is shown but disabled.
    { id: 'lock', label: t('nav.lockNow'), enabled: unlocked, action: { kind: 'lock' } },
    { id: 'open', label: t('tray.open'), action: { kind: 'open' } },
    SEPARATOR,
    quit,
  ];
}
