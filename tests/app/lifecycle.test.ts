// The app's lifecycle with electron faked: starts locked, the tray per vault state, the
// application menu and About panel, hide-to-tray, start in tray, lock before quitting.
import { beforeEach, describe, expect, it } from 'vitest';
import { app, fake, FakeNativeImage, FakeTray } from '../support/fake-electron.js';
import { appMenuItems, findItem, PASSPHRASE, sentEvents, settle, startShell, tray, trayItems } from './harness.js';

const ORIGIN = 'https://odoo.example.com';

async function saveProfile(core: Awaited<ReturnType<typeof startShell>>['core'], id: string, label: string): Promise<void> {
  await core.profiles.save({
    id,
    label,
    origin: ORIGIN,
    insecure: false,
    database: 'prod',
    login: 'anna@example.com',
    authMethod: 'password',
    transport: 'auto',
    pins: [],
    trustSelfSigned: false,
    serverVersion: '17.0',
    createdAt: 0,
    lastUsedAt: null,
    certificateValidTo: null,
  });
}

beforeEach(() => fake.reset());

describe('start', () => {
  it('starts with the vault not open, the tray saying so, and the window shown', async () => {
    const s = await startShell();
    expect(s.core.vaultState()).not.toBe('unlocked');
    expect(tray().tooltip).toMatch(/not set up|locked/);
    expect(s.win().isVisible()).toBe(true);
    expect(app.aboutPanel.at(-1)).toMatchObject({ applicationName: 'Odoo Companion', applicationVersion: '0.1.0' });
  });

  it('starts in the tray when asked: no window until the person opens one', async () => {
    const s = await startShell({
      prepare: async (core) => {
        await core.dispatch('vault:create', { passphrase: PASSPHRASE, enablePresence: false });
        await core.settings.update({ startInTray: true });
      },
    });
    expect(s.shell.mainWindow()).toBeNull();
    findItem(trayItems(), 'open').click?.();
    expect(s.win().isVisible()).toBe(true);
  });

  it('hides the window to the tray when it is closed', async () => {
    const s = await startShell();
    s.win().close();
    expect(s.win().isDestroyed()).toBe(false);
    expect(s.win().isVisible()).toBe(false);
    app.emit('second-instance');
    expect(s.win().isVisible()).toBe(true);
  });

  it('registers launch at login on macOS and Windows when the setting is on', async () => {
    await startShell({ platform: 'win32', prepare: async (core) => void (await core.settings.update({ launchAtLogin: true })) });
    expect(app.getLoginItemSettings()).toEqual({ openAtLogin: true });
    expect(app.appUserModelId).toBe('com.odoocompanion.desktop');
  });
});

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

  it('uses template images on macOS, with a 2x representation', async () => {
    await startShell({ platform: 'darwin' });
    const image = tray().image as FakeNativeImage;
    expect(image.template).toBe(true);
    expect(image.representations.map((r) => r.scaleFactor)).toEqual([2]);
    expect(Buffer.isBuffer(image.source) && image.source.subarray(1, 4).toString()).toBe('PNG');
  });

  it('opens quick search from the tray', async () => {
    const s = await startShell();
    s.win().hide();
    findItem(trayItems(), 'quit'); // present in every state
    await s.shell.perform({ kind: 'quick-search' });
    expect(s.win().isVisible()).toBe(true);
    expect(sentEvents(s.win(), 'ui:show')).toEqual([{ screen: 'quick-search' }]);
  });

  it('quick-login on a locked vault without presence asks our UI for the passphrase', async () => {
    const s = await startShell();
    await s.core.dispatch('vault:create', { passphrase: PASSPHRASE, enablePresence: false });
    await saveProfile(s.core, 'acme', 'ACME');
    s.core.lock('manual');
    await settle();
    findItem(trayItems(), 'profile:acme').click?.();
    await settle(50);
    expect(sentEvents(s.win(), 'ui:show')).toEqual([{ screen: 'unlock-prompt', profileId: 'acme' }]);
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
});

describe('quit', () => {
  it('locks the vault and clears Odoo partitions before quitting', async () => {
    const s = await startShell();
    await s.core.dispatch('vault:create', { passphrase: PASSPHRASE, enablePresence: false });
    await s.ports.shell.openOdooWindow({
      profileId: 'acme',
      title: 'ACME',
      origin: ORIGIN,
      url: `${ORIGIN}/web`,
      cookies: [{ name: 'session_id', value: 'sid-canary' }],
      pins: [],
      trustSelfSigned: false,
    });
    const odoo = s.shell.odooWindows.windowsOf('acme')[0];
    const odooSession = odoo?.webContents.session;

    app.quit();
    expect(app.quitting).toBe(false); // held back until locked
    await s.shell.quitting();
    await settle();
    expect(s.core.vaultState()).toBe('locked');
    expect(odoo?.isDestroyed()).toBe(true);
    expect(await odooSession?.cookies.get({})).toEqual([]);
    expect(app.quitting).toBe(true);
    const log = fake.log.map(([k]) => k);
    expect(log.indexOf('session.clearStorageData')).toBeLessThan(log.lastIndexOf('app.quit'));
  });
});
