// The tray menu for each vault state (docs/architecture.md): the profiles (a click is a
// quick-login: unlock if needed, log in if needed, open that profile's Odoo window),
// "Quick search…", "Lock now", "Open Companion", "Quit". Rebuilt by main/app whenever the
// profiles or the vault state change.
import type { VaultState } from '../../../preload/contract.js';
import { menuLabel, SEPARATOR, type ShellMenuItem } from './menu-model.js';

export interface TrayProfile {
  id: string;
  label: string;
}

export interface TrayMenuInput {
  state: VaultState;
  profiles: readonly TrayProfile[];
  /** The global shortcut, shown beside "Quick search…" (null when none is registered). */
  quickSearchShortcut: string | null;
}

/** More profiles than this go into a "More profiles" submenu. */
export const TRAY_PROFILE_LIMIT = 12;

export function trayTooltip(state: VaultState): string {
  if (state === 'unlocked') return 'Odoo Companion — unlocked';
  if (state === 'locked') return 'Odoo Companion — locked';
  return 'Odoo Companion — not set up';
}

function profileItems(profiles: readonly TrayProfile[]): ShellMenuItem[] {
  if (profiles.length === 0) return [{ id: 'no-profiles', label: 'No Odoo profiles yet', enabled: false }];
  const items = profiles.map(
    (p): ShellMenuItem => ({ id: `profile:${p.id}`, label: menuLabel(p.label), action: { kind: 'quick-login', profileId: p.id } }),
  );
  if (items.length <= TRAY_PROFILE_LIMIT) return items;
  return [
    ...items.slice(0, TRAY_PROFILE_LIMIT),
    { id: 'more-profiles', label: 'More profiles', type: 'submenu', submenu: items.slice(TRAY_PROFILE_LIMIT) },
  ];
}

export function trayMenuTemplate(input: TrayMenuInput): ShellMenuItem[] {
  const quit: ShellMenuItem = { id: 'quit', label: 'Quit Odoo Companion', action: { kind: 'quit' } };
  if (input.state === 'uninitialized') {
    return [
      { id: 'status', label: 'Not set up yet', enabled: false },
      SEPARATOR,
      { id: 'open', label: 'Set up Odoo Companion…', action: { kind: 'open' } },
      SEPARATOR,
      quit,
    ];
  }
  const unlocked = input.state === 'unlocked';
  const quickSearch: ShellMenuItem = { id: 'quick-search', label: 'Quick search…', action: { kind: 'quick-search' } };
  if (input.quickSearchShortcut !== null) {
    quickSearch.accelerator = input.quickSearchShortcut;
    quickSearch.registerAccelerator = false;
  }
  return [
    { id: 'status', label: unlocked ? 'Unlocked' : 'Locked', enabled: false },
    SEPARATOR,
    ...profileItems(input.profiles),
    SEPARATOR,
    quickSearch,
    // Locking a locked vault does nothing: the item is shown but disabled.
    { id: 'lock', label: 'Lock now', enabled: unlocked, action: { kind: 'lock' } },
    { id: 'open', label: 'Open Companion', action: { kind: 'open' } },
    SEPARATOR,
    quit,
  ];
}
