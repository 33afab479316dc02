// Why: keyboard shortcuts in one pure module — the global shortcut recorded from the keys a
// person presses (as an Electron accelerator), shown back in their platform's words
// ("Ctrl+Shift+Space", "⇧⌘Space"), and the rule that single-key shortcuts ("/", "?") never
// fire while the person is typing in a field.

export type Platform = 'darwin' | 'win32' | 'linux' | 'other';

/** What a keydown gives the recorder (a KeyboardEvent has all of it). */
export interface KeyPress {
  key: string;
  code: string;
  ctrlKey: boolean;
  altKey: boolean;
  shiftKey: boolean;
  metaKey: boolean;
}

export type Recorded =
  /** Only modifiers so far: `held` is what to show while the person goes on. */
  | { kind: 'partial'; held: string }
  /** A key without Ctrl, Alt or ⌘/Super: it would stop the person typing it anywhere. */
  | { kind: 'needs-modifier' }
  | { kind: 'done'; accelerator: string };

const MODIFIER_KEYS = new Set(['Control', 'Shift', 'Alt', 'AltGraph', 'Meta', 'OS', 'Super', 'Hyper', 'CapsLock', 'Fn']);

const NAMED_CODES: Record<string, string> = {
  Space: 'Space',
  Enter: 'Enter',
  NumpadEnter: 'Enter',
  Tab: 'Tab',
  Backspace: 'Backspace',
  Delete: 'Delete',
  Insert: 'Insert',
  Home: 'Home',
  End: 'End',
  PageUp: 'PageUp',
  PageDown: 'PageDown',
  ArrowUp: 'Up',
  ArrowDown: 'Down',
  ArrowLeft: 'Left',
  ArrowRight: 'Right',
  Minus: '-',
  Equal: '=',
  BracketLeft: '[',
  BracketRight: ']',
  Semicolon: ';',
  Quote: "'",
  Backquote: '`',
  Comma: ',',
  Period: '.',
  Slash: '/',
  Backslash: '\\',
};

/** The accelerator's key for a physical key (layout-independent, as global shortcuts are). */
function keyOf(code: string): string | null {
  const letter = /^Key([A-Z])$/.exec(code);
  if (letter) return letter[1]!;
  const digit = /^(?:Digit|Numpad)([0-9])$/.exec(code);
  if (digit) return digit[1]!;
  if (/^F([1-9]|1[0-9]|2[0-4])$/.test(code)) return code;
  return NAMED_CODES[code] ?? null;
}

/** Modifiers in accelerator words: Ctrl (Cmd on macOS) is written CommandOrControl, portable. */
function modifiersOf(press: KeyPress, platform: Platform): string[] {
  const mods: string[] = [];
  if (platform === 'darwin') {
    if (press.metaKey) mods.push('CommandOrControl');
    if (press.ctrlKey) mods.push('Control');
  } else {
    if (press.ctrlKey) mods.push('CommandOrControl');
    if (press.metaKey) mods.push('Super');
  }
  if (press.altKey) mods.push('Alt');
  if (press.shiftKey) mods.push('Shift');
  return mods;
}

/** Turns one keydown into the shortcut it records, if it completes one. */
export function recordKey(press: KeyPress, platform: Platform): Recorded {
  const mods = modifiersOf(press, platform);
  if (MODIFIER_KEYS.has(press.key)) return { kind: 'partial', held: formatAccelerator([...mods, ''].join('+'), platform) };
  const key = keyOf(press.code);
  // Shift alone is not enough: Shift+A is just a capital A.
  if (key === null || mods.every((m) => m === 'Shift')) return { kind: 'needs-modifier' };
  return { kind: 'done', accelerator: [...mods, key].join('+') };
}

const MAC_SYMBOLS: Record<string, string> = { control: '⌃', alt: '⌥', option: '⌥', shift: '⇧', command: '⌘', cmd: '⌘' };
const MAC_ORDER = ['⌃', '⌥', '⇧', '⌘'];

/** An accelerator in the platform's words: "Ctrl+Shift+Space" (Windows, Linux), "⇧⌘Space" (macOS). */
export function formatAccelerator(accelerator: string, platform: Platform): string {
  const parts = accelerator.split('+');
  const key = parts.pop() ?? '';
  const mods = parts.map((p) => {
    const m = p.toLowerCase();
    if (m === 'commandorcontrol' || m === 'cmdorctrl') return platform === 'darwin' ? 'command' : 'control';
    if (m === 'ctrl') return 'control';
    if (m === 'meta' || m === 'super') return platform === 'darwin' ? 'command' : 'super';
    return m;
  });
  if (platform === 'darwin') {
    const symbols = mods.map((m) => MAC_SYMBOLS[m] ?? m).sort((a, b) => MAC_ORDER.indexOf(a) - MAC_ORDER.indexOf(b));
    return symbols.join('') + key;
  }
  const words: Record<string, string> = { control: 'Ctrl', alt: 'Alt', option: 'Alt', altgr: 'AltGr', shift: 'Shift', super: platform === 'win32' ? 'Win' : 'Super' };
  const order = ['Ctrl', 'Super', 'Win', 'Alt', 'AltGr', 'Shift'];
  const named = mods.map((m) => words[m] ?? m).sort((a, b) => order.indexOf(a) - order.indexOf(b));
  return [...named, key].join('+');
}

/** Ctrl/Cmd plus a key, in the platform's words ("Ctrl+K", "⌘K"). */
export function withPrimary(key: string, platform: Platform): string {
  return formatAccelerator(`CommandOrControl+${key}`, platform);
}

/** True when a keydown has the platform's primary modifier (Cmd on macOS, Ctrl elsewhere) and no other. */
export function isPrimary(press: Pick<KeyPress, 'ctrlKey' | 'metaKey' | 'altKey' | 'shiftKey'>, platform: Platform): boolean {
  const primary = platform === 'darwin' ? press.metaKey && !press.ctrlKey : press.ctrlKey && !press.metaKey;
  return primary && !press.altKey && !press.shiftKey;
}

const NOT_TYPED = new Set(['checkbox', 'radio', 'button', 'submit', 'reset', 'range', 'color', 'file', 'image']);

/** The person is typing here: a single-character shortcut must leave the key to the field. */
export function isTypingTarget(el: Element | null): boolean {
  if (el === null) return false;
  const tag = el.tagName;
  if (tag === 'TEXTAREA' || tag === 'SELECT') return true;
  if (tag === 'INPUT') return !NOT_TYPED.has((el.getAttribute('type') ?? 'text').toLowerCase());
  return (el as HTMLElement).isContentEditable === true;
}
