// Tray, application menu and About panel with electron faked: rebuilt from the core's
// state when the vault locks or unlocks and when profiles change, one rebuild at a time,
// and a rebuild that fails does not stop the later ones. (Their language: languages.test.ts.)
import { beforeEach, describe, expect, it } from 'vitest';
import type { CompanionCore } from '../../main/core/companion.js';
import { app, fake, FakeNativeImage, FakeTray } from '../support/fake-electron.js';
import { appMenuItems, findItem, PASSPHRASE, saveProfile, settle, startShell, tray, trayItems } from './harness.js';

beforeEach(() => fake.reset());

describe('tray', () => {
  it('shows a menu per vault state, with the profiles, and rebuilds it when they change', async () => {
    const s = await startShell();
    expect(s.core.vaultState()).toBe('uninitialized');
    expect(trayItems().map((i) => i.id ?? i.type)).toEqual(['status', 'separator', 'open', 'separator', 'quit']);

    await s.core.dispatch('vault:create', { passphrase: PASSPHRASE, enablePresence: false });
    await saveProfile(s.core, 'acme', 'ACME & Co');
    await settle();
    expect(tray().tooltip).toBe('Odoo Companion — unlocked');
    const unlocked = trayItems();
    expect(unlocked.map((i) => i.id ?? i.type)).toEqual([
      'status',
      'separator',
      'profile:acme',
      'separator',
      'all-profiles',
      'quick-search',
      'lock',
      'open',
      'separator',
      'quit',
    ]);
    expect(findItem(unlocked, 'profile:acme').label).toBe('ACME && Co');
    expect(findItem(unlocked, 'lock').enabled).toBe(true);
    const unlockedIcon = tray().image as FakeNativeImage;

    findItem(unlocked, 'lock').click?.();
    await settle();
    expect(s.core.vaultState()).toBe('locked');
    expect(tray().tooltip).toBe('Odoo Companion — locked');
    expect(findItem(trayItems(), 'lock').enabled).toBe(false);
    expect(findItem(trayItems(), 'profile:acme')).toBeDefined();
    expect(tray().image).not.toBe(unlockedIcon);
    expect(FakeTray.all).toHaveLength(1);
  });

  it('names the quick-search shortcut in its menu', async () => {
    const s = await startShell({ prepare: async (core) => void (await core.dispatch('vault:create', { passphrase: PASSPHRASE, enablePresence: false })) });
    expect(s.shell.shortcut.current()).toBe('CommandOrControl+Shift+Space');
    expect(JSON.stringify(findItem(trayItems(), 'quick-search'))).toContain('Shift+Space');
  });
});

describe('application menu', () => {
  it('uses standard roles, with devtools only in development', async () => {
    await startShell({ platform: 'darwin' });
    const roles = JSON.stringify(appMenuItems());
    for (const role of ['about', 'hide', 'quit', 'editMenu', 'windowMenu', 'zoomIn']) expect(roles).toContain(`"role":"${role}"`);
    expect(roles).not.toContain('toggleDevTools');
    fake.reset();
    await startShell({ platform: 'linux', development: true });
    expect(JSON.stringify(appMenuItems())).toContain('toggleDevTools');
  });

  it('follows the vault state like the tray', async () => {
    const s = await startShell();
    const before = JSON.stringify(appMenuItems());
    await s.core.dispatch('vault:create', { passphrase: PASSPHRASE, enablePresence: false });
    await settle();
    expect(JSON.stringify(appMenuItems())).not.toBe(before);
    expect(app.aboutPanel.length).toBeGreaterThan(1);
  });
});

describe('rebuilds', () => {
  it('go on after one failed: the tray keeps following the vault', async () => {
    let failing = false;
    const s = await startShell({
      wrap: (core): CompanionCore => ({
        ...core,
        vaultState: () => {
          if (failing) throw new Error('state unreadable');
          return core.vaultState();
        },
      }),
    });
    failing = true;
    await expect(s.shell.refreshTray()).resolves.toBeUndefined();
    failing = false;
    await s.core.dispatch('vault:create', { passphrase: PASSPHRASE, enablePresence: false });
    await settle();
    expect(tray().tooltip).toBe('Odoo Companion — unlocked');
  });

  it('show the tray without profiles when the profile list cannot be read', async () => {
    const s = await startShell({
      prepare: async (core) => {
        await core.dispatch('vault:create', { passphrase: PASSPHRASE, enablePresence: false });
        await saveProfile(core, 'acme', 'ACME');
      },
      wrap: (core): CompanionCore => ({
        ...core,
        profileMenu: () => {
          throw new Error('profiles unreadable');
        },
      }),
    });
    await s.shell.refreshTray();
    expect(trayItems().map((i) => i.id ?? i.type)).not.toContain('profile:acme');
    expect(tray().tooltip).toBe('Odoo Companion — unlocked');
  });
});
