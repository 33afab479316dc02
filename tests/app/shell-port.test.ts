// The ShellPort the core is built with, with electron faked: Odoo windows opened and
// closed by OdooWindows, events through our window's ready-queue, and confirmations in a
// native dialog attached to our window when there is one.
import { beforeEach, describe, expect, it } from 'vitest';
import { createMainWindowHost } from '../../main/app/main-window.js';
import { createOdooWindows } from '../../main/app/odoo-windows.js';
import { createShellPort } from '../../main/app/shell-port.js';
import { confirmationFor } from '../../main/core/shell/confirmations.js';
import { app, dialog, fake, type FakeBrowserWindow } from '../support/fake-electron.js';

beforeEach(() => {
  fake.reset();
  app.becomeReady();
});

function parts() {
  const mainWindow = createMainWindowHost({ preloadPath: '/dist/preload/index.cjs', development: false, onError: () => {} });
  const odooWindows = createOdooWindows({ development: false, downloadsDir: () => '/downloads', fileExists: () => false });
  return { mainWindow, odooWindows, port: createShellPort({ mainWindow, odooWindows }) };
}

describe('ShellPort', () => {
  it('asks in a dialog attached to our window, or a free one when there is no window', async () => {
    const { mainWindow, port } = parts();
    dialog.response = 1;
    expect(await port.confirm(confirmationFor('reset-vault'))).toBe(true);
    expect(dialog.shown[0]).toHaveLength(1);
    mainWindow.show();
    dialog.response = 0;
    expect(await port.confirm(confirmationFor('reset-vault'))).toBe(false);
    expect(dialog.shown[1]?.[0]).toBe(mainWindow.current());
  });

  it('sends events through the ready-queue of our window', () => {
    const { mainWindow, port } = parts();
    mainWindow.show();
    port.emit('profiles:changed', {});
    const win = mainWindow.current() as unknown as FakeBrowserWindow;
    expect(win.webContents.sent).toEqual([]);
    port.rendererReady();
    expect(win.webContents.sent).toEqual([['profiles:changed', {}]]);
  });

  it('opens and closes Odoo windows', async () => {
    const { odooWindows, port } = parts();
    const origin = 'https://odoo.example.com';
    await port.openOdooWindow({ profileId: 'acme', title: 'ACME', origin, url: `${origin}/web`, cookies: [], pins: [], trustSelfSigned: false });
    const [win] = odooWindows.windowsOf('acme');
    expect(win).toBeDefined();
    await port.closeOdooWindows('acme');
    expect(win?.isDestroyed()).toBe(true);
  });
});
