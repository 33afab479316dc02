// The menus of the shell as plain data: what each item says, whether it is enabled and
// which shell action it triggers. main/app turns an item's `action` into a click handler;
// everything else is passed to Electron's Menu.buildFromTemplate as it is. Keeping the
// templates pure lets them be unit-tested per vault state without Electron.

/** What a menu item (tray or application menu) asks the shell to do. */
export type ShellAction =
  | { kind: 'quick-login'; profileId: string }
  | { kind: 'quick-search' }
  | { kind: 'all-profiles' }
  | { kind: 'lock' }
  | { kind: 'open' }
  | { kind: 'quit' };

/** The subset of Electron's menu roles the application menu uses. */
export type ShellMenuRole =
  | 'about'
  | 'services'
  | 'hide'
  | 'hideOthers'
  | 'unhide'
  | 'quit'
  | 'undo'
  | 'redo'
  | 'cut'
  | 'copy'
  | 'paste'
  | 'pasteAndMatchStyle'
  | 'delete'
  | 'selectAll'
  | 'reload'
  | 'forceReload'
  | 'toggleDevTools'
  | 'resetZoom'
  | 'zoomIn'
  | 'zoomOut'
  | 'togglefullscreen'
  | 'minimize'
  | 'zoom'
  | 'front'
  | 'close'
  | 'appMenu'
  | 'editMenu'
  | 'viewMenu'
  | 'windowMenu';

export interface ShellMenuItem {
  id?: string;
  label?: string;
  type?: 'normal' | 'separator' | 'submenu';
  role?: ShellMenuRole;
  enabled?: boolean;
  accelerator?: string;
  /** Shown but not registered as a key binding (the global shortcut owns the keys). */
  registerAccelerator?: boolean;
  action?: ShellAction;
  submenu?: ShellMenuItem[];
}

export const SEPARATOR: ShellMenuItem = { type: 'separator' };

/**
 * Menu labels treat `&` as a mnemonic marker (Electron strips a single one): text that
 * comes from the person (a profile label) is escaped so it shows as typed. Long labels
 * are cut so one profile cannot stretch the menu across the screen.
 */
export function menuLabel(text: string, max = 60): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  const cut = flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
  return cut.replace(/&/g, '&&');
}
