// The global quick-search shortcut (configurable; default Ctrl/Cmd+Shift+Space). Another
// application may own the keys: Electron then refuses silently (register → false), which
// is reported as AppError('shortcut_unavailable') — never a crash — and the shortcut that
// worked before stays registered. On macOS register() answers true even for keys another
// application holds (electron/electron#21975): the shortcuts macOS keeps are refused
// before asking, and any other clash there cannot be seen (docs/electron-wiring.md).
import { globalShortcut } from 'electron';
import { AppError } from '../core/errors.js';
import { isValidShortcut, reservedBySystem } from '../core/shell/shortcut.js';

export interface QuickSearchShortcut {
  /** Registers `accelerator` in place of the current one; throws AppError when it cannot. */
  apply(accelerator: string): void;
  /** The registered accelerator, or null. */
  current(): string | null;
  dispose(): void;
}

function tryRegister(accelerator: string, onPress: () => void): boolean {
  try {
    return globalShortcut.register(accelerator, onPress);
  } catch {
    // Electron throws on an accelerator it cannot parse.
    return false;
  }
}

export function createQuickSearchShortcut(onPress: () => void, platform: string = process.platform): QuickSearchShortcut {
  let current: string | null = null;
  return {
    apply(accelerator) {
      if (accelerator === current) return;
      if (!isValidShortcut(accelerator)) {
        throw new AppError('invalid_input', 'This is not a usable shortcut: use a modifier and a key, like Ctrl+Shift+Space.', {
          shortcut: accelerator,
        });
      }
      if (reservedBySystem(accelerator, platform)) {
        throw new AppError('shortcut_unavailable', 'The system already uses this shortcut. Choose another one in Settings.', {
          shortcut: accelerator,
        });
      }
      const previous = current;
      if (previous !== null) globalShortcut.unregister(previous);
      current = null;
      if (tryRegister(accelerator, onPress)) {
        current = accelerator;
        return;
      }
      if (previous !== null && tryRegister(previous, onPress)) current = previous;
      throw new AppError(
        'shortcut_unavailable',
        'Another application already uses this shortcut. Choose another one in Settings.',
        { shortcut: accelerator },
      );
    },
    current: () => current,
    dispose() {
      if (current !== null) globalShortcut.unregister(current);
      current = null;
    },
  };
}
