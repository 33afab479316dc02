// Checks the configured global shortcut before it is handed to Electron. A global
// shortcut is taken from every other application, so it must have a modifier (a plain
// letter would stop the person typing it anywhere) and name a real key. On macOS,
// Electron's register() answers true even when the keys are already taken
// (electron/electron#21975), so the shortcuts macOS itself keeps are refused here.
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

/** One accelerator as a canonical set of modifiers and a key, for the platform. */
function canonical(accelerator: string, platform: string): string {
  const parts = accelerator.split('+').map((p) => p.toLowerCase());
  const typed = parts.pop() ?? '';
  const key = typed === 'esc' ? 'escape' : typed === 'return' ? 'enter' : typed;
  const mods = parts.map((m) => {
    if (m === 'commandorcontrol' || m === 'cmdorctrl') return platform === 'darwin' ? 'command' : 'control';
    if (m === 'cmd' || m === 'meta' || m === 'super') return platform === 'darwin' ? 'command' : 'super';
    if (m === 'ctrl') return 'control';
    if (m === 'option') return 'alt';
    return m;
  });
  return [...new Set(mods)].sort().join('+') + '+' + key;
}

/**
 * macOS's own system-wide shortcuts (Apple's "Mac keyboard shortcuts" defaults): Spotlight
 * and Finder search, input sources, the character viewer, app and window switching,
 * screenshots, Force Quit, lock screen.
 */
const MACOS_RESERVED = new Set(
  [
    'Command+Space',
    'Command+Alt+Space',
    'Control+Space',
    'Control+Alt+Space',
    'Control+Command+Space',
    'Command+Tab',
    'Command+Shift+Tab',
    'Command+`',
    'Command+Shift+3',
    'Command+Shift+4',
    'Command+Shift+5',
    'Command+Control+Shift+3',
    'Command+Control+Shift+4',
    'Command+Alt+Escape',
    'Command+Control+Q',
  ].map((a) => canonical(a, 'darwin')),
);

/**
 * True when the platform keeps `accelerator` for itself and Electron would not say so:
 * only macOS, where register() cannot be trusted to refuse.
 */
export function reservedBySystem(accelerator: string, platform: string): boolean {
  return platform === 'darwin' && MACOS_RESERVED.has(canonical(accelerator, platform));
}
