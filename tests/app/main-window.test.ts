// main/app with the electron module faked: the hardened window, the doors it keeps shut,
// and the IPC sender check as Electron would exercise them.
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { startApp } from '../../main/app/main.js';
import { app, fake, FakeBrowserWindow, ipcMain, protocol, session } from '../support/fake-electron.js';
import { distDir, rendererReady, sentEvents, startShell } from './harness.js';

beforeEach(() => fake.reset());

describe('main window', () => {
  it('is created with hardened webPreferences and our preload', async () => {
    const { win, dir } = await startShell();
    expect(win().options.webPreferences).toMatchObject({
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
    expect(win().webContents.getURL()).toBe('app://companion/index.html');
  });

  it('allows devtools in development only', async () => {
    const { win } = await startShell({ development: true });
    expect(win().options.webPreferences).toMatchObject({ devTools: true });
  });

  it('denies navigation away from our UI, redirects and webviews', async () => {
    const { win } = await startShell();
    const contents = win().webContents;
    expect(contents.attemptNavigation('https://evil.example/')).toBe(false);
    expect(contents.attemptNavigation('file:///etc/passwd')).toBe(false);
    expect(contents.attemptNavigation('javascript:alert(1)')).toBe(false);
    expect(contents.attemptNavigation('https://evil.example/', 'will-redirect')).toBe(false);
    expect(contents.attemptNavigation('app://companion/index.html')).toBe(true);
    let prevented = false;
    contents.emit('will-attach-webview', { preventDefault: () => (prevented = true) });
    expect(prevented).toBe(true);
  });

  it('denies window.open', async () => {
    const { win } = await startShell();
    expect(win().webContents.windowOpenHandler?.({ url: 'https://evil.example/' })).toEqual({ action: 'deny' });
    expect(win().webContents.openWindow('app://companion/index.html')).toBeNull();
  });

  it('denies every permission request and check', async () => {
    await startShell();
    const ses = session.defaultSession;
    const answers: boolean[] = [];
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal']) {
      ses.permissionRequestHandler?.(null, permission, (granted: boolean) => answers.push(granted));
    }
    expect(answers).toEqual([false, false, false, false, false]);
    expect(ses.permissionCheckHandler?.(null, 'media')).toBe(false);
  });

  it('serves the renderer on app://companion with a CSP that forbids network', async () => {
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

  it('focuses the first instance on a second launch, and quits when it is not the first', async () => {
    const { win } = await startShell();
    win().visible = false;
    app.emit('second-instance');
    expect(win().isVisible()).toBe(true);

    fake.reset();
    app.singleInstance = false;
    await expect(startApp({ distDir: distDir(), development: false })).resolves.toBeNull();
    expect(app.quitting).toBe(true);
    expect(fake.windows).toHaveLength(0);
  });
});

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

  it('rejects a window we did not create', async () => {
    await startShell();
    const stranger = new FakeBrowserWindow({});
    await stranger.loadURL('app://companion/index.html');
    const r = await ipcMain.invokeFrom(stranger.webContents, stranger.webContents.mainFrame, 'app:info', {});
    expect(r).toMatchObject({ ok: false, error: { code: 'forbidden_sender' } });
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

describe('events to our window', () => {
  // The renderer subscribes in an effect, after the page has loaded: an event sent at
  // did-finish-load can arrive before anyone listens.
  it('wait until the renderer says it listens, then arrive in order', async () => {
    const s = await startShell({ rendererReady: false });
    s.ports.shell.emit('ui:show', { screen: 'home' });
    s.ports.shell.emit('profiles:changed', {});
    expect(sentEvents(s.win())).toEqual([]);
    const contents = s.win().webContents;
    expect(await ipcMain.invokeFrom(contents, contents.mainFrame, 'ui:ready', { extra: 1 })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input' },
    });
    expect(sentEvents(s.win())).toEqual([]);
    expect(await rendererReady(s.win())).toMatchObject({ ok: true });
    expect(s.win().webContents.sent).toEqual([
      ['ui:show', { screen: 'home' }],
      ['profiles:changed', {}],
    ]);
    s.ports.shell.emit('vault:unlocked', {});
    expect(sentEvents(s.win(), 'vault:unlocked')).toEqual([{}]);
  });

  it('wait again after the page is reloaded', async () => {
    const s = await startShell();
    const contents = s.win().webContents;
    const reload = contents.loadURL('app://companion/index.html');
    s.ports.shell.emit('profiles:changed', {});
    await reload;
    expect(sentEvents(s.win(), 'profiles:changed')).toEqual([]);
    await rendererReady(s.win());
    expect(sentEvents(s.win(), 'profiles:changed')).toEqual([{}]);
  });

  it('are refused from a window that is not ours', async () => {
    await startShell({ rendererReady: false });
    const stranger = new FakeBrowserWindow({});
    await stranger.loadURL('app://companion/index.html');
    expect(await rendererReady(stranger)).toMatchObject({ ok: false, error: { code: 'forbidden_sender' } });
  });
});
