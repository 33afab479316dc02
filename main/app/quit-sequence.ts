// What happens between "Quit" and the process ending, in an order that matters: the vault
// locks first, whatever else fails, so secrets leave memory before anything can hang; then
// Odoo windows close and their partitions are cleared; background work stops; the core
// shuts down; the tray goes. Closing and shutting down share one time budget, so a hung
// step can delay the quit but never prevent it.
import type { Clock } from '../core/clock.js';
import type { CompanionCore } from '../core/companion.js';
import type { ActivityNotifier } from './activity-notifier.js';
import type { MainWindowHost } from './main-window.js';
import type { OdooWindows } from './odoo-windows.js';
import type { QuickSearchShortcut } from './shortcut.js';
import type { ShellTray } from './tray.js';

/** How long closing Odoo windows and shutting the core down may take, together. */
export const QUIT_BUDGET_MS = 5000;

export interface QuitParts {
  core: Pick<CompanionCore, 'lock' | 'shutdown'>;
  odooWindows: Pick<OdooWindows, 'closeOdooWindows'>;
  notifier: Pick<ActivityNotifier, 'dispose'>;
  shortcut: Pick<QuickSearchShortcut, 'dispose'>;
  tray: Pick<ShellTray, 'destroy'>;
  mainWindow: Pick<MainWindowHost, 'hideOnClose'>;
  clock: Clock;
  onError(where: string, error: unknown): void;
}

export function quitSequence(parts: QuitParts): () => Promise<void> {
  return async () => {
    try {
      parts.core.lock('quit');
    } catch (e) {
      parts.onError('quit: lock', e);
    }
    // Our window may close now: the quit closes it instead of hiding it to the tray.
    parts.mainWindow.hideOnClose(false);
    let timer: unknown = null;
    const budget = new Promise<void>((resolve) => {
      timer = parts.clock.setTimeout(resolve, QUIT_BUDGET_MS);
    });
    await Promise.race([parts.odooWindows.closeOdooWindows().catch((e: unknown) => parts.onError('quit: close Odoo windows', e)), budget]);
    parts.notifier.dispose();
    parts.shortcut.dispose();
    await Promise.race([parts.core.shutdown().catch((e: unknown) => parts.onError('quit: shutdown', e)), budget]);
    parts.clock.clearTimeout(timer);
    parts.tray.destroy();
  };
}
