// main/app with the electron module faked: the hardened window, the doors it keeps shut,
// and the IPC sender check as Electron would exercise them.
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { startApp } from '../../main/app/main.js';
import { app, fake, ipcMain, protocol, session, type FakeBrowserWindow } from '../support/fake-electron.js';

function distDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'companion-dist-'));
  mkdirSync(path.join(dir, 'renderer'));
  writeFileSync(path.join(dir, 'renderer', 'index.html'), '<!doctype html><title>x</title>');
  return dir;
}

async function started(): Promise<{ win: FakeBrowserWindow; dir: string }> {
  const dir = distDir();
  startApp({ distDir: dir, development: false });
  app.becomeReady();
  await app.whenReady();
  const win = fake.windows[0];
  if (win === undefined) throw new Error('no window was created');
  return { win, dir };
}

beforeEach(() => fake.reset());

describe('main window', () => {
  it('is created with hardened webPreferences and our preload', async () => {
    const { win, dir } = await started();
    expect(win.options.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      devTools: false,
      preload: path.join(dir, 'preload', 'index.cjs'),
    });
    expect(win.webContents.getURL()).toBe('app://companion/index.html');
  });

  it('denies navigation away from our UI, redirects and webviews', async () => {
    const { win } = await started();
    expect(win.webContents.attemptNavigation('https://evil.example/')).toBe(false);
    expect(win.webContents.attemptNavigation('file:///etc/passwd')).toBe(false);
    expect(win.webContents.attemptNavigation('javascript:alert(1)')).toBe(false);
    expect(win.webContents.attemptNavigation('https://evil.example/', 'will-redirect')).toBe(false);
    expect(win.webContents.attemptNavigation('app://companion/index.html')).toBe(true);
    let prevented = false;
    win.webContents.emit('will-attach-webview', { preventDefault: () => (prevented = true) });
    expect(prevented).toBe(true);
  });

  it('denies window.open', async () => {
    const { win } = await started();
    expect(win.webContents.windowOpenHandler?.({ url: 'https://evil.example/' })).toEqual({ action: 'deny' });
  });

  it('denies every permission request and check', async () => {
    await started();
    const ses = session.defaultSession;
    const answers: boolean[] = [];
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal']) {
      ses.permissionRequestHandler?.(null, permission, (granted: boolean) => answers.push(granted));
    }
    expect(answers).toEqual([false, false, false, false, false]);
    expect(ses.permissionCheckHandler?.(null, 'media')).toBe(false);
  });

  it('serves the renderer on app://companion with a CSP that forbids network', async () => {
    await started();
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

  it('focuses the first instance on a second launch, and quits when it is not the first', async () => {
    const { win } = await started();
    win.visible = false;
    app.emit('second-instance');
    expect(win.isVisible()).toBe(true);

    fake.reset();
    app.singleInstance = false;
    startApp({ distDir: distDir(), development: false });
    expect(app.quitting).toBe(true);
  });
});

describe('IPC sender check', () => {
  it('serves our top frame', async () => {
    const { win } = await started();
    const r = await ipcMain.invokeFrom(win.webContents, win.webContents.mainFrame, 'app:info', {});
    expect(r).toEqual({
      ok: true,
      value: { name: 'Odoo Companion', version: '0.1.0', platform: expect.any(String), vaultState: 'locked' },
    });
  });

  it('rejects a foreign frame, a sub-frame and a destroyed frame, and keeps serving', async () => {
    const { win } = await started();
    const foreign = { url: 'https://evil.example/', parent: null };
    const subframe = { url: 'app://companion/index.html', parent: win.webContents.mainFrame };
    for (const frame of [foreign, subframe, null]) {
      const r = await ipcMain.invokeFrom(win.webContents, frame, 'app:info', {});
      expect(r).toMatchObject({ ok: false, error: { code: 'forbidden_sender' } });
    }
    const r = await ipcMain.invokeFrom(win.webContents, win.webContents.mainFrame, 'app:info', {});
    expect(r).toMatchObject({ ok: true });
  });

  it('rejects a window we did not create', async () => {
    await started();
    const { FakeBrowserWindow } = await import('../support/fake-electron.js');
    const stranger = new FakeBrowserWindow({});
    await stranger.loadURL('app://companion/index.html');
    fake.windows.pop();
    const r = await ipcMain.invokeFrom(stranger.webContents, stranger.webContents.mainFrame, 'app:info', {});
    expect(r).toMatchObject({ ok: false, error: { code: 'forbidden_sender' } });
  });

  it('answers hostile input with typed errors', async () => {
    const { win } = await started();
    const frame = win.webContents.mainFrame;
    expect(await ipcMain.invokeFrom(win.webContents, frame, 'app:info', { extra: true })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input' },
    });
    expect(await ipcMain.invokeFrom(win.webContents, frame, 'app:info', 'x'.repeat(1 << 20))).toMatchObject({
      ok: false,
      error: { code: 'payload_too_large' },
    });
    await expect(ipcMain.invokeFrom(win.webContents, frame, 'evil:channel', {})).rejects.toThrow(/No handler/);
  });
});
