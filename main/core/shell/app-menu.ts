// The application menu: the platform's standard menus built from Electron roles (so
// copy/paste, zoom, window handling and the macOS app menu behave natively), plus the two
// commands of this app. Devtools appear only in development (docs/security.md). Our
// labels come from the catalogues; Electron translates the role items itself.
import type { VaultState } from '../../../contract/index.js';
import { english, type Translate } from '../i18n/translator.js';
import { SEPARATOR, type ShellMenuItem } from './menu-model.js';

export interface AppMenuInput {
  platform: string;
  appName: string;
  development: boolean;
  state: VaultState;
  /** The person's language (English when not given). */
  t?: Translate;
}

export function appMenuTemplate(input: AppMenuInput): ShellMenuItem[] {
  const mac = input.platform === 'darwin';
  const t = input.t ?? english;
  // macOS menus have no mnemonics: the `&` marking one elsewhere is dropped there.
  const top = (text: string): string => (mac ? text.replace(/&(?!&)/g, '') : text);
  const companion: ShellMenuItem[] = [
    { id: 'quick-search', label: t('menu.quickSearch'), action: { kind: 'quick-search' } },
    { id: 'lock', label: t('nav.lockNow'), accelerator: 'CommandOrControl+L', enabled: input.state === 'unlocked', action: { kind: 'lock' } },
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
      label: t('menu.file'),
      type: 'submenu',
      submenu: [...companion, SEPARATOR, { id: 'quit', label: t('menu.quit'), accelerator: 'Control+Q', action: { kind: 'quit' } }],
    });
  }
  template.push({ role: 'editMenu' });
  template.push({ label: top(t('menu.view')), type: 'submenu', submenu: view });
  template.push({ role: 'windowMenu' });
  if (!mac) template.push({ label: t('menu.help'), type: 'submenu', submenu: [{ role: 'about' }] });
  return template;
}
