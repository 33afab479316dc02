// How an Odoo window is made, with electron faked: remote content gets no preload, no
// node, the sandbox and an in-memory partition of its own; the window stays hidden until
// its first page has painted; windows its pages open get the same preferences.
import { beforeEach, describe, expect, it } from 'vitest';
import { createOdooBrowserWindow, odooChildWindowOptions } from '../../main/app/odoo-window-options.js';
import { app, fake, type FakeBrowserWindow } from '../support/fake-electron.js';
import { odooRequest as request, odooWindow, ORIGIN, startShell } from './harness.js';

beforeEach(() => fake.reset());

describe('an Odoo window', () => {
  it('has no preload, no node, the sandbox, and an in-memory partition of its own', async () => {
    const s = await startShell();
    await s.ports.shell.openOdooWindow(request());
    const prefs = odooWindow(s).options.webPreferences as Record<string, unknown>;
    expect(prefs).not.toHaveProperty('preload');
    expect(prefs).toMatchObject({
      partition: odooWindow(s).webContents.session.partition,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      webviewTag: false,
      devTools: false,
      // Chromium's spellchecker downloads dictionaries from a Google server on Windows and Linux.
      spellcheck: false,
    });
    expect(String(prefs.partition)).toMatch(/^odoo-acme-/);
    expect(String(prefs.partition).startsWith('persist:')).toBe(false);
  });

  it('stays hidden until its first page has painted, then shows focused, titled with the profile', async () => {
    app.becomeReady();
    const win = createOdooBrowserWindow({ title: 'ACME production', partition: 'odoo-acme-1', development: false }) as unknown as FakeBrowserWindow;
    expect(win.options).toMatchObject({ show: false, title: 'ACME production' });
    expect(win.isVisible()).toBe(false);
    await win.loadURL(`${ORIGIN}/web`);
    expect(win.isVisible()).toBe(true);
    expect(win.focused).toBe(true);
  });

  it('gives a window its pages open the same preferences, devtools only in development', () => {
    expect(odooChildWindowOptions('odoo-acme-1', false)).toEqual({
      autoHideMenuBar: true,
      webPreferences: expect.objectContaining({ partition: 'odoo-acme-1', sandbox: true, contextIsolation: true, nodeIntegration: false, devTools: false }),
    });
    expect(odooChildWindowOptions('odoo-acme-1', false).webPreferences).not.toHaveProperty('preload');
    expect(odooChildWindowOptions('odoo-acme-1', true).webPreferences).toMatchObject({ devTools: true });
  });
});
