// The application menu: the platform's standard menus built from Electron roles (so
// copy/paste, zoom, window handling and the macOS app menu behave natively), plus the two
// commands of this app. Devtools appear only in development (docs/security.md).
import type { VaultState } from '../../../preload/contract.js';
import { SEPARATOR, type ShellMenuItem } from './menu-model.js';

export interface AppMenuInput {
  platform: string;
  appName: string;
  development: boolean;
  state: VaultState;
}

export function appMenuTemplate(input: AppMenuInput): ShellMenuItem[] {
  const mac = input.platform === 'darwin';
  const companion: ShellMenuItem[] = [
    { id: 'quick-search', label: 'Quick search…', action: { kind: 'quick-search' } },
    { id: 'lock', label: 'Lock now', accelerator: 'CommandOrControl+L', enabled: input.state === 'unlocked', action: { kind: 'lock' } },
  ];
  const view: ShellMenuItem[] = [
    ...(input.development ? [{ role: 'reload' as const }, { role: 'forceReload' as const }, { role: 'toggleDevTools' as const }, SEPARATOR] : []),
    { role: 'resetZoom' },
    { role: 'zoomIn' },
    { role: 'zoomOut' },
    SEPARATOR,
    { role: 'togglefullscreen' },
  ];
  const template: ShellMenuItem[] = [];
  if (mac) {
    template.push({
      label: input.appName,
      type: 'submenu',
      submenu: [
        { role: 'about' },
        SEPARATOR,
        ...companion,
        SEPARATOR,
        { role: 'services' },
        SEPARATOR,
        { role: 'hide' },
        { role: 'hideOthers' },
        { role: 'unhide' },
        SEPARATOR,
        { role: 'quit' },
      ],
    });
  } else {
    template.push({
      label: '&File',
      type: 'submenu',
      submenu: [...companion, SEPARATOR, { id: 'quit', label: 'Quit', accelerator: 'Control+Q', action: { kind: 'quit' } }],
    });
  }
  template.push({ role: 'editMenu' });
  template.push({ label: mac ? 'View' : '&View', type: 'submenu', submenu: view });
  template.push({ role: 'windowMenu' });
  if (!mac) template.push({ label: '&Help', type: 'submenu', submenu: [{ role: 'about' }] });
  return template;
}
