// The IPC registration with electron faked: only our window's top frame, on our origin, is
// served; everything else gets 'forbidden_sender', and hostile input gets typed errors.
import { beforeEach, describe, expect, it } from 'vitest';
import { fake, FakeBrowserWindow, ipcMain } from '../support/fake-electron.js';
import { startShell } from './harness.js';

beforeEach(() => fake.reset());

describe('IPC sender check', () => {
  it('serves our top frame', async () => {
    const { win } = await startShell();
    const r = await ipcMain.invokeFrom(win().webContents, win().webContents.mainFrame, 'app:info', {});
    expect(r).toMatchObject({ ok: true, value: { name: 'Odoo Companion', version: '0.1.0', platform: 'linux' } });
  });

  it('rejects a foreign frame, a sub-frame and a destroyed frame, and keeps serving', async () => {
    const { win } = await startShell();
    const contents = win().webContents;
    const foreign = { url: 'https://evil.example/', parent: null };
    const otherOrigin = { url: 'app://companion.evil/index.html', parent: null };
    const subframe = { url: 'app://companion/index.html', parent: contents.mainFrame };
    for (const frame of [foreign, otherOrigin, subframe, null]) {
      const r = await ipcMain.invokeFrom(contents, frame, 'app:info', {});
      expect(r).toMatchObject({ ok: false, error: { code: 'forbidden_sender' } });
    }
    // A frame whose document was replaced: Electron throws on reading its url.
    const previous = contents.mainFrame;
    await contents.loadURL('app://companion/index.html');
    expect(await ipcMain.invokeFrom(contents, previous, 'app:info', {})).toMatchObject({ ok: false, error: { code: 'forbidden_sender' } });
    const r = await ipcMain.invokeFrom(contents, contents.mainFrame, 'app:info', {});
    expect(r).toMatchObject({ ok: true });
  });

  it('rejects a window we did not create, and an Odoo window', async () => {
    const s = await startShell();
    const stranger = new FakeBrowserWindow({});
    await stranger.loadURL('app://companion/index.html');
    const r = await ipcMain.invokeFrom(stranger.webContents, stranger.webContents.mainFrame, 'app:info', {});
    expect(r).toMatchObject({ ok: false, error: { code: 'forbidden_sender' } });

    const origin = 'https://odoo.example.com';
    await s.ports.shell.openOdooWindow({ profileId: 'acme', title: 'ACME', origin, url: `${origin}/web`, cookies: [], pins: [], trustSelfSigned: false });
    await fake.settled();
    const odoo = s.shell.odooWindows.windowsOf('acme')[0] as unknown as FakeBrowserWindow;
    const frame = { url: 'app://companion/index.html', parent: null };
    expect(await ipcMain.invokeFrom(odoo.webContents, frame, 'app:info', {})).toMatchObject({ ok: false, error: { code: 'forbidden_sender' } });
  });

  it('answers hostile input with typed errors', async () => {
    const { win } = await startShell();
    const contents = win().webContents;
    const frame = contents.mainFrame;
    expect(await ipcMain.invokeFrom(contents, frame, 'app:info', { extra: true })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input' },
    });
    expect(await ipcMain.invokeFrom(contents, frame, 'app:info', 'x'.repeat(1 << 20))).toMatchObject({
      ok: false,
      error: { code: 'payload_too_large' },
    });
    await expect(ipcMain.invokeFrom(contents, frame, 'evil:channel', {})).rejects.toThrow(/No handler/);
  });
});
