// The composed app with electron faked: how it starts (locked, tray, window or not), what
// it serves our window, and the doors it shuts on the default session.
import { beforeEach, describe, expect, it } from 'vitest';
import { app, fake, protocol, session } from '../support/fake-electron.js';
import { findItem, PASSPHRASE, startShell, tray, trayItems } from './harness.js';

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

  it('shows the window on first run even when asked to start in the tray: setup needs it', async () => {
    const s = await startShell({ prepare: async (core) => void (await core.settings.update({ startInTray: true })) });
    expect(s.core.vaultState()).toBe('uninitialized');
    expect(s.win().isVisible()).toBe(true);
  });

  it('shows the window when the dock icon is clicked (macOS activate)', async () => {
    const s = await startShell({
      platform: 'darwin',
      prepare: async (core) => {
        await core.dispatch('vault:create', { passphrase: PASSPHRASE, enablePresence: false });
        await core.settings.update({ startInTray: true });
      },
    });
    expect(s.shell.mainWindow()).toBeNull();
    app.emit('activate');
    expect(s.win().isVisible()).toBe(true);
  });

  it('hides the window to the tray when it is closed', async () => {
    const s = await startShell();
    s.win().close();
    expect(s.win().isDestroyed()).toBe(false);
    expect(s.win().isVisible()).toBe(false);
    expect(app.quitting).toBe(false);
    app.emit('second-instance');
    expect(s.win().isVisible()).toBe(true);
  });

  it('names itself to Windows for notifications', async () => {
    await startShell({ platform: 'win32' });
    expect(app.appUserModelId).toBe('com.odoocompanion.desktop');
  });
});

describe('our UI', () => {
  it('is given no permission: every request and check on the default session is denied', async () => {
    await startShell();
    const ses = session.defaultSession;
    const answers: boolean[] = [];
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal']) {
      ses.permissionRequestHandler?.(null, permission, (granted: boolean) => answers.push(granted));
    }
    expect(answers).toEqual([false, false, false, false, false]);
    expect(ses.permissionCheckHandler?.(null, 'media')).toBe(false);
    expect(ses.devicePermissionHandler?.({})).toBe(false);
  });

  it('is served on app://companion with a CSP that forbids network', async () => {
    await startShell();
    const handler = protocol.handlers.get('app');
    const res = (await handler?.({ url: 'app://companion/index.html' })) as Response;
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toContain("connect-src 'none'");
    const escape = (await handler?.({ url: 'app://companion/..%2f..%2fetc/passwd' })) as Response;
    expect(escape.status).toBe(404);
    expect(protocol.privileged).toEqual([
      { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: false } },
    ]);
  });
});
