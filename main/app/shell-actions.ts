// What the tray, the application menu and the global shortcut can ask for (ShellAction,
// from core/shell/menu-model): quick-login to a profile, quick search, lock, open our
// window, quit. A failure is reported to the person (a notification in their language),
// never thrown into Electron's menu code.
import { app } from 'electron';
import type { CompanionCore } from '../core/companion.js';
import type { ShellAction } from '../core/shell/menu-model.js';
import type { MainWindowHost } from './main-window.js';

export type PerformAction = (action: ShellAction) => Promise<void>;

export function createShellActions(parts: {
  core: Pick<CompanionCore, 'quickLogin' | 'lock'>;
  mainWindow: Pick<MainWindowHost, 'show' | 'deliver'>;
  report(where: string, error: unknown): void;
}): PerformAction {
  const { core, mainWindow } = parts;
  return async (action) => {
    try {
      switch (action.kind) {
        case 'quick-login':
          await core.quickLogin.run(action.profileId);
          break;
        case 'quick-search':
          mainWindow.deliver('ui:show', { screen: 'quick-search' });
          break;
        case 'all-profiles':
          mainWindow.deliver('ui:navigate', { to: 'all-profiles' });
          break;
        case 'lock':
          core.lock('manual');
          break;
        case 'open':
          mainWindow.show();
          break;
        case 'quit':
          app.quit();
          break;
      }
    } catch (e) {
      parts.report(action.kind, e);
    }
  };
}
