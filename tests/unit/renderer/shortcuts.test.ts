// The keyboard's pure rules (renderer/shortcuts.ts): a recorded global shortcut as the
// accelerator main registers, shown back in the platform's words, and single-key
// shortcuts kept away from fields the person types in.
import { describe, expect, it } from 'vitest';
import { formatAccelerator, isPrimary, isTypingTarget, recordKey, withPrimary, type KeyPress } from '../../../renderer/shortcuts.js';

const press = (code: string, key: string, mods: Partial<KeyPress> = {}): KeyPress => ({
  code, key, ctrlKey: false, altKey: false, shiftKey: false, metaKey: false, ...mods,
});

describe('recording a shortcut', () => {
  it('records Ctrl (⌘ on macOS) as CommandOrControl, by physical key', () => {
    expect(recordKey(press('Space', ' ', { ctrlKey: true, shiftKey: true }), 'linux')).toEqual({ kind: 'done', accelerator: 'CommandOrControl+Shift+Space' });
    expect(recordKey(press('Space', ' ', { metaKey: true, shiftKey: true }), 'darwin')).toEqual({ kind: 'done', accelerator: 'CommandOrControl+Shift+Space' });
    expect(recordKey(press('KeyT', 't', { ctrlKey: true, altKey: true }), 'win32')).toEqual({ kind: 'done', accelerator: 'CommandOrControl+Alt+T' });
    // An AZERTY "a" is the KeyQ position: the global shortcut is the key's place, as the OS registers it.
    expect(recordKey(press('KeyQ', 'a', { altKey: true }), 'linux')).toEqual({ kind: 'done', accelerator: 'Alt+Q' });
    expect(recordKey(press('F5', 'F5', { metaKey: true }), 'linux')).toEqual({ kind: 'done', accelerator: 'Super+F5' });
    expect(recordKey(press('ArrowUp', 'ArrowUp', { ctrlKey: true }), 'darwin')).toEqual({ kind: 'done', accelerator: 'Control+Up' });
  });

  it('waits while only modifiers are held, showing them', () => {
    expect(recordKey(press('ControlLeft', 'Control', { ctrlKey: true }), 'linux')).toEqual({ kind: 'partial', held: 'Ctrl+' });
    expect(recordKey(press('ShiftLeft', 'Shift', { metaKey: true, shiftKey: true }), 'darwin')).toEqual({ kind: 'partial', held: '⇧⌘' });
  });

  it('refuses a key alone or with Shift only, and keys it cannot name', () => {
    expect(recordKey(press('KeyA', 'a'), 'linux')).toEqual({ kind: 'needs-modifier' });
    expect(recordKey(press('KeyA', 'A', { shiftKey: true }), 'linux')).toEqual({ kind: 'needs-modifier' });
    expect(recordKey(press('IntlBackslash', '<', { ctrlKey: true }), 'linux')).toEqual({ kind: 'needs-modifier' });
  });
});

describe('shortcuts in the platform’s words', () => {
  it('writes Ctrl+Shift+Space on Windows and Linux, ⇧⌘Space on macOS', () => {
    expect(formatAccelerator('CommandOrControl+Shift+Space', 'linux')).toBe('Ctrl+Shift+Space');
    expect(formatAccelerator('CommandOrControl+Shift+Space', 'win32')).toBe('Ctrl+Shift+Space');
    expect(formatAccelerator('CommandOrControl+Shift+Space', 'darwin')).toBe('⇧⌘Space');
    expect(formatAccelerator('Shift+Alt+CmdOrCtrl+K', 'linux')).toBe('Ctrl+Alt+Shift+K');
    expect(formatAccelerator('Super+F5', 'win32')).toBe('Win+F5');
    expect(formatAccelerator('Control+Alt+Command+L', 'darwin')).toBe('⌃⌥⌘L');
    expect(withPrimary('K', 'darwin')).toBe('⌘K');
    expect(withPrimary('K', 'linux')).toBe('Ctrl+K');
  });

  it('knows the primary modifier of each platform', () => {
    expect(isPrimary({ ctrlKey: true, metaKey: false, altKey: false, shiftKey: false }, 'linux')).toBe(true);
    expect(isPrimary({ ctrlKey: false, metaKey: true, altKey: false, shiftKey: false }, 'linux')).toBe(false);
    expect(isPrimary({ ctrlKey: false, metaKey: true, altKey: false, shiftKey: false }, 'darwin')).toBe(true);
    expect(isPrimary({ ctrlKey: true, metaKey: false, altKey: false, shiftKey: true }, 'win32')).toBe(false);
  });
});

describe('typing in a field', () => {
  const el = (tagName: string, type?: string, editable = false) =>
    ({ tagName, getAttribute: (n: string) => (n === 'type' ? (type ?? null) : null), isContentEditable: editable }) as unknown as Element;
  it('is a text field, a text area, a select or editable content — not a checkbox or a button', () => {
    expect(isTypingTarget(el('INPUT'))).toBe(true);
    expect(isTypingTarget(el('INPUT', 'search'))).toBe(true);
    expect(isTypingTarget(el('INPUT', 'password'))).toBe(true);
    expect(isTypingTarget(el('TEXTAREA'))).toBe(true);
    expect(isTypingTarget(el('SELECT'))).toBe(true);
    expect(isTypingTarget(el('DIV', undefined, true))).toBe(true);
    expect(isTypingTarget(el('INPUT', 'checkbox'))).toBe(false);
    expect(isTypingTarget(el('BUTTON'))).toBe(false);
    expect(isTypingTarget(null)).toBe(false);
  });
});
