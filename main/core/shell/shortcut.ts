// Checks the configured global shortcut before it is handed to Electron. A global
// shortcut is taken from every other application, so it must have a modifier (a plain
// letter would stop the person typing it anywhere) and name a real key.
export const DEFAULT_QUICK_SEARCH_SHORTCUT = 'CommandOrControl+Shift+Space';

const MODIFIERS = new Set([
  'command', 'cmd', 'control', 'ctrl', 'commandorcontrol', 'cmdorctrl', 'alt', 'option', 'altgr', 'shift', 'super', 'meta',
]);
const NAMED_KEYS = new Set([
  'space', 'tab', 'backspace', 'delete', 'insert', 'return', 'enter', 'up', 'down', 'left', 'right', 'home', 'end',
  'pageup', 'pagedown', 'escape', 'esc', 'plus', 'capslock', 'numlock', 'scrolllock', 'printscreen',
]);

export function isValidShortcut(accelerator: string): boolean {
  if (accelerator.length === 0 || accelerator.length > 64) return false;
  const parts = accelerator.split('+');
  const key = parts.pop();
  if (key === undefined || parts.length === 0) return false;
  const mods = parts.map((p) => p.toLowerCase());
  if (!mods.every((m) => MODIFIERS.has(m)) || new Set(mods).size !== mods.length) return false;
  // Shift alone is not enough: Shift+A is just a capital A.
  if (mods.every((m) => m === 'shift')) return false;
  const k = key.toLowerCase();
  return /^[a-z0-9]$/.test(k) || /^f([1-9]|1[0-9]|2[0-4])$/.test(k) || NAMED_KEYS.has(k) || /^[`\-=[\];',./\\]$/.test(key);
}
