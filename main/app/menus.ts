// Turns the shell's pure menu templates (core/shell/menu-model) into Electron menus: each
// item's `action` becomes a click handler, everything else is passed through.
import { Menu, type MenuItemConstructorOptions } from 'electron';
import type { ShellAction, ShellMenuItem } from '../core/shell/menu-model.js';

export function toElectronTemplate(items: readonly ShellMenuItem[], perform: (action: ShellAction) => void): MenuItemConstructorOptions[] {
  return items.map((item) => {
    const out: MenuItemConstructorOptions = {};
    if (item.id !== undefined) out.id = item.id;
    if (item.label !== undefined) out.label = item.label;
    if (item.type !== undefined) out.type = item.type;
    if (item.role !== undefined) out.role = item.role;
    if (item.enabled !== undefined) out.enabled = item.enabled;
    if (item.accelerator !== undefined) out.accelerator = item.accelerator;
    if (item.registerAccelerator !== undefined) out.registerAccelerator = item.registerAccelerator;
    if (item.submenu !== undefined) out.submenu = toElectronTemplate(item.submenu, perform);
    const action = item.action;
    if (action !== undefined) out.click = () => perform(action);
    return out;
  });
}

export function buildMenu(items: readonly ShellMenuItem[], perform: (action: ShellAction) => void): Menu {
  return Menu.buildFromTemplate(toElectronTemplate(items, perform));
}
