import { describe, expect, it } from 'vitest';
import { appMenuTemplate } from '../../../../main/core/shell/app-menu.js';
import { menuLabel, type ShellMenuItem } from '../../../../main/core/shell/menu-model.js';
import { TRAY_PROFILE_LIMIT, trayMenuTemplate, trayTooltip } from '../../../../main/core/shell/tray-menu.js';
import { translator } from '../../../../main/core/i18n/translator.js';

const profiles = [
  { id: 'acme', label: 'ACME production' },
  { id: 'beta', label: 'Beta & Sons staging' },
];
const ids = (items: ShellMenuItem[]): string[] => items.map((i) => i.id ?? i.type ?? '?');
const item = (items: ShellMenuItem[], id: string): ShellMenuItem | undefined => items.find((i) => i.id === id);

describe('tray menu', () => {
  it('tags each profile with its environment and counts its overdue activities, in the person’s language', () => {
    const t = trayMenuTemplate({
      state: 'unlocked',
      profiles: [
        { id: 'acme', label: 'ACME & Co', environment: { tag: 'PRODUCTION', colour: 'red' }, overdue: 3 },
        { id: 'beta', label: 'Beta', environment: null, overdue: 1 },
        { id: 'gamma', label: 'Gamma', environment: { tag: 'A & B '.repeat(10), colour: 'teal' }, overdue: 0 },
        { id: 'delta', label: 'Delta', overdue: null },
      ],
      quickSearchShortcut: null,
      t: translator('fr'),
    });
    expect(item(t, 'profile:acme')?.label).toBe('[PRODUCTION] ACME && Co — 3 en retard');
    expect(item(t, 'profile:beta')?.label).toBe('Beta — 1 en retard');
    expect(item(t, 'profile:gamma')?.label).toMatch(/^\[A && B A && B .*…\] Gamma$/);
    expect(item(t, 'profile:delta')?.label).toBe('Delta');
    expect(item(t, 'all-profiles')).toMatchObject({ label: 'Ouvrir Tous les profils', action: { kind: 'all-profiles' } });
  });

  it('offers only setup and quit before a vault exists', () => {
    const t = trayMenuTemplate({ state: 'uninitialized', profiles, quickSearchShortcut: null });
    expect(ids(t)).toEqual(['status', 'separator', 'open', 'separator', 'quit']);
    expect(item(t, 'open')?.action).toEqual({ kind: 'open' });
    expect(trayTooltip('uninitialized')).toMatch(/not set up/);
  });

  it('lists profiles for quick-login when locked, with Lock now disabled', () => {
    const t = trayMenuTemplate({ state: 'locked', profiles, quickSearchShortcut: 'CommandOrControl+Shift+Space' });
    expect(ids(t)).toEqual(['status', 'separator', 'profile:acme', 'profile:beta', 'separator', 'all-profiles', 'quick-search', 'lock', 'open', 'separator', 'quit']);
    expect(item(t, 'status')?.label).toBe('Locked');
    expect(item(t, 'profile:acme')?.action).toEqual({ kind: 'quick-login', profileId: 'acme' });
    expect(item(t, 'profile:beta')?.label).toBe('Beta && Sons staging');
    expect(item(t, 'lock')?.enabled).toBe(false);
    expect(item(t, 'quick-search')).toMatchObject({ accelerator: 'CommandOrControl+Shift+Space', registerAccelerator: false });
  });

  it('enables Lock now when unlocked', () => {
    const t = trayMenuTemplate({ state: 'unlocked', profiles, quickSearchShortcut: null });
    expect(item(t, 'status')?.label).toBe('Unlocked');
    expect(item(t, 'lock')).toMatchObject({ enabled: true, action: { kind: 'lock' } });
    expect(item(t, 'quick-search')?.accelerator).toBeUndefined();
    expect(item(t, 'quit')?.action).toEqual({ kind: 'quit' });
    expect(trayTooltip('unlocked')).toMatch(/unlocked/);
  });

  it('says when there are no profiles, and folds a long list', () => {
    expect(item(trayMenuTemplate({ state: 'unlocked', profiles: [], quickSearchShortcut: null }), 'no-profiles')?.enabled).toBe(false);
    const many = Array.from({ length: TRAY_PROFILE_LIMIT + 3 }, (_, i) => ({ id: `p${i}`, label: `P${i}` }));
    const t = trayMenuTemplate({ state: 'unlocked', profiles: many, quickSearchShortcut: null });
    expect(item(t, 'more-profiles')?.submenu).toHaveLength(3);
  });

  it('escapes and shortens labels', () => {
    expect(menuLabel('A & B')).toBe('A && B');
    expect(menuLabel('x'.repeat(100)).length).toBe(60);
    expect(menuLabel(' two\nlines ')).toBe('two lines');
  });
});

describe('application menu', () => {
  it('is the macOS app menu with roles, no devtools in production', () => {
    const t = appMenuTemplate({ platform: 'darwin', appName: 'Odoo Companion', development: false, state: 'locked' });
    const json = JSON.stringify(t);
    expect(t[0]?.label).toBe('Odoo Companion');
    for (const role of ['about', 'services', 'hide', 'hideOthers', 'unhide', 'quit', 'editMenu', 'windowMenu']) expect(json).toContain(`"${role}"`);
    expect(json).not.toContain('toggleDevTools');
    expect(json).toContain('"enabled":false'); // Lock now while locked
  });

  it('has a File menu elsewhere, and devtools in development', () => {
    const t = appMenuTemplate({ platform: 'win32', appName: 'Odoo Companion', development: true, state: 'unlocked' });
    expect(t[0]?.label).toBe('&File');
    expect(JSON.stringify(t)).toContain('toggleDevTools');
  });
});
