// The fake electron module itself: each behaviour it copies from Electron (the source is
// cited where the fake implements it) is pinned here, so the fake cannot drift back to a
// friendlier Electron than the real one and hide the app's bugs again.
import { beforeEach, describe, expect, it } from 'vitest';
import {
  collectGarbage,
  fake,
  FakeBrowserWindow,
  FakeNotification,
  FakeTray,
  app,
  globalShortcut,
  powerMonitor,
  session,
  type FakeLoadError,
} from '../support/fake-electron.js';

const SITE = 'https://odoo.example.com';

beforeEach(() => fake.reset());

function events(win: FakeBrowserWindow, names: string[]): unknown[][] {
  const seen: unknown[][] = [];
  for (const name of names) win.webContents.on(name, (...args: unknown[]) => seen.push([name, ...args.slice(1)]));
  return seen;
}

describe('loads', () => {
  it('are asynchronous and report start, navigation, finish and stop in order', async () => {
    const win = new FakeBrowserWindow({});
    const seen = events(win, ['did-start-loading', 'did-navigate', 'did-finish-load', 'did-stop-loading']);
    const load = win.loadURL(`${SITE}/web`);
    expect(win.webContents.getURL()).toBe('');
    expect(win.webContents.isLoading()).toBe(true);
    await load;
    expect(seen.map(([n]) => n)).toEqual(['did-start-loading', 'did-navigate', 'did-finish-load', 'did-stop-loading']);
    expect(win.webContents.getURL()).toBe(`${SITE}/web`);
  });

  it('fail with ERR_ABORTED when another load replaces them', async () => {
    const win = new FakeBrowserWindow({});
    const failures: unknown[] = [];
    win.webContents.on('did-fail-load', (_e, code, name) => failures.push([code, name]));
    const first = win.loadURL(`${SITE}/web`);
    const second = win.loadURL(`${SITE}/odoo`);
    await expect(first).rejects.toMatchObject({ errno: -3, code: 'ERR_ABORTED' });
    await second;
    expect(failures).toEqual([[-3, 'ERR_ABORTED']]);
    expect(win.webContents.getURL()).toBe(`${SITE}/odoo`);
  });

  it('fail with ERR_CONNECTION_REFUSED when the server is down, committing the error page', async () => {
    fake.serve(SITE, { unreachable: true });
    const win = new FakeBrowserWindow({});
    await expect(win.loadURL(`${SITE}/web`)).rejects.toMatchObject({ errno: -102, code: 'ERR_CONNECTION_REFUSED' });
    expect(win.webContents.getURL()).toBe(`${SITE}/web`);
  });

  it('emit ready-to-show once, for the first page painted', async () => {
    const win = new FakeBrowserWindow({});
    let shown = 0;
    win.on('ready-to-show', () => (shown += 1));
    await win.loadURL(`${SITE}/web`);
    await win.loadURL(`${SITE}/odoo`);
    expect(shown).toBe(1);
  });
});

describe('the certificate verify proc', () => {
  it('is called by loads; a refusal fails the load with ERR_FAILED, not a certificate error', async () => {
    fake.serve(SITE, { certificate: { data: 'leaf' } });
    const ses = session.fromPartition('p1');
    const asked: unknown[] = [];
    ses.setCertificateVerifyProc((request: { hostname: string; verificationResult: string }, callback: (v: number) => void) => {
      asked.push([request.hostname, request.verificationResult]);
      callback(-2);
    });
    const win = new FakeBrowserWindow({ webPreferences: { partition: 'p1' } });
    const failures: unknown[] = [];
    win.webContents.on('did-fail-load', (_e, code, name, url, isMainFrame) => failures.push([code, name, url, isMainFrame]));
    const error = (await win.loadURL(`${SITE}/web`).catch((e: unknown) => e)) as FakeLoadError;
    expect(error).toMatchObject({ errno: -2, code: 'ERR_FAILED', url: `${SITE}/web` });
    expect(asked).toEqual([['odoo.example.com', 'net::OK']]);
    expect(failures).toEqual([[-2, 'ERR_FAILED', `${SITE}/web`, true]]);
  });

  it('keeps Chromium’s own error when the proc answers -3', async () => {
    fake.serve(SITE, { chromiumResult: 'net::ERR_CERT_AUTHORITY_INVALID' });
    session.fromPartition('p1').setCertificateVerifyProc((_r: unknown, callback: (v: number) => void) => callback(-3));
    const win = new FakeBrowserWindow({ webPreferences: { partition: 'p1' } });
    await expect(win.loadURL(`${SITE}/web`)).rejects.toMatchObject({ errno: -202, code: 'ERR_CERT_AUTHORITY_INVALID' });
  });

  it('is cached per partition: a new proc, cleared storage and caches do not ask it again', async () => {
    fake.serve(SITE);
    const ses = session.fromPartition('p1');
    ses.setCertificateVerifyProc((_r: unknown, callback: (v: number) => void) => callback(-2));
    const win = new FakeBrowserWindow({ webPreferences: { partition: 'p1' } });
    await expect(win.loadURL(`${SITE}/web`)).rejects.toMatchObject({ code: 'ERR_FAILED' });

    ses.setCertificateVerifyProc((_r: unknown, callback: (v: number) => void) => callback(0));
    await ses.clearStorageData();
    await ses.clearCache();
    await ses.clearAuthCache();
    await expect(win.loadURL(`${SITE}/web`)).rejects.toMatchObject({ code: 'ERR_FAILED' });
    expect(ses.verifyCalls).toEqual(['odoo.example.com']);

    // Another partition is another network context, with an empty cache.
    session.fromPartition('p2').setCertificateVerifyProc((_r: unknown, callback: (v: number) => void) => callback(0));
    const other = new FakeBrowserWindow({ webPreferences: { partition: 'p2' } });
    await other.loadURL(`${SITE}/web`);
    expect(session.fromPartition('p2').verifyCalls).toEqual(['odoo.example.com']);
  });
});

describe('will-redirect', () => {
  it('fires for loadURL with isMainFrame, and preventing it aborts the load', async () => {
    fake.serve(SITE, { redirects: { '/web/session/logout': '/web/login' } });
    const win = new FakeBrowserWindow({});
    const redirects: unknown[] = [];
    win.webContents.on('will-redirect', (details: { url: string; isMainFrame: boolean }) => redirects.push([details.url, details.isMainFrame]));
    await win.loadURL(`${SITE}/web/session/logout`);
    expect(redirects).toEqual([[`${SITE}/web/login`, true]]);
    expect(win.webContents.getURL()).toBe(`${SITE}/web/login`);

    win.webContents.once('will-redirect', (details: { preventDefault(): void }) => details.preventDefault());
    await expect(win.loadURL(`${SITE}/web/session/logout`)).rejects.toMatchObject({ code: 'ERR_ABORTED' });
  });

  it('fires for an iframe’s redirect too, with isMainFrame false', async () => {
    fake.serve(SITE, { frames: { '/web': ['https://maps.example.net/embed'] } });
    fake.serve('https://maps.example.net', { redirects: { '/embed': '/embed/v2' } });
    const win = new FakeBrowserWindow({});
    const redirects: unknown[] = [];
    win.webContents.on('will-redirect', (details: { url: string; isMainFrame: boolean }, url: string, _inPlace: boolean, isMainFrame: boolean) =>
      redirects.push([details.url, details.isMainFrame, url, isMainFrame]),
    );
    await win.loadURL(`${SITE}/web`);
    expect(redirects).toEqual([['https://maps.example.net/embed/v2', false, 'https://maps.example.net/embed/v2', false]]);
    expect(win.webContents.subframes.map((f) => f.url)).toEqual(['https://maps.example.net/embed/v2']);
  });
});

describe('cookies.set', () => {
  it('rejects cookies Chromium will not store', async () => {
    const cookies = session.fromPartition('p1').cookies;
    await expect(cookies.set({ url: 'http://odoo.example.com/', name: 'a', value: '1', secure: true })).rejects.toThrow(/secure/);
    await expect(cookies.set({ url: `${SITE}/`, name: 'a', value: '1', domain: 'evil.example' })).rejects.toThrow(/domain/);
    await expect(cookies.set({ url: `${SITE}/`, name: 'a', value: 'x;y' })).rejects.toThrow(/invalid/);
    await expect(cookies.set({ url: 'not a url', name: 'a', value: '1' })).rejects.toThrow(/URL/);
    await cookies.set({ url: 'http://localhost:8069/', name: 'a', value: '1', secure: true });
    expect(await cookies.get({})).toHaveLength(1);
  });
});

describe('window.open', () => {
  it('puts the child in the opener’s session with inherited security preferences, announced before it loads', async () => {
    const opener = new FakeBrowserWindow({ webPreferences: { partition: 'p1', sandbox: true, contextIsolation: true, webviewTag: true } });
    opener.webContents.setWindowOpenHandler(() => ({
      action: 'allow',
      overrideBrowserWindowOptions: { webPreferences: { partition: 'elsewhere', nodeIntegration: false } },
    }));
    let loadedWhenAnnounced: string[] | null = null;
    opener.webContents.on('did-create-window', (child: FakeBrowserWindow) => (loadedWhenAnnounced = [...child.webContents.loaded]));
    const child = opener.webContents.openWindow(`${SITE}/report/1`);
    expect(loadedWhenAnnounced).toEqual([]);
    expect(child?.webContents.session).toBe(session.fromPartition('p1'));
    expect(child?.options).toMatchObject({ show: true, width: 800, height: 600 });
    expect(child?.options.webPreferences).toMatchObject({ sandbox: true, contextIsolation: true, nodeIntegration: false });
    // Only secure values are inherited: the opener's webviewTag: true is not.
    expect(child?.options.webPreferences).not.toHaveProperty('webviewTag');
    await fake.settled();
    expect(child?.webContents.getURL()).toBe(`${SITE}/report/1`);
  });
});

describe('frames', () => {
  it('throw on `url` once disposed by a new document', async () => {
    const win = new FakeBrowserWindow({});
    await win.loadURL(`${SITE}/web`);
    const before = win.webContents.mainFrame;
    await win.loadURL(`${SITE}/odoo`);
    expect(() => before.url).toThrow(/Render frame was disposed/);
    expect(win.webContents.mainFrame.url).toBe(`${SITE}/odoo`);
  });
});

describe('notifications', () => {
  it('are held weakly: one the app does not keep loses its click after a GC', async () => {
    const kept = new FakeNotification({ title: 'kept' });
    const clicks: string[] = [];
    kept.on('click', () => clicks.push('kept'));
    kept.show();
    (() => {
      const dropped = new FakeNotification({ title: 'dropped' });
      dropped.on('click', () => clicks.push('dropped'));
      dropped.show();
    })();
    await collectGarbage();
    const [keptToast, droppedToast] = FakeNotification.toasts;
    expect(droppedToast?.click()).toBe(false);
    expect(keptToast?.click()).toBe(true);
    expect(clicks).toEqual(['kept']);
  });
});

describe('app', () => {
  it('announces every new webContents on web-contents-created, window.open children included', () => {
    const seen: number[] = [];
    app.on('web-contents-created', (_event, contents: { id: number }) => seen.push(contents.id));
    const win = new FakeBrowserWindow({});
    const child = win.webContents.openWindow(`${SITE}/web`);
    expect(seen).toEqual([win.webContents.id, child?.webContents.id]);
  });

  it('quits when the last window closes, unless someone listens to window-all-closed', () => {
    new FakeBrowserWindow({}).close();
    expect(app.quitting).toBe(true);
    fake.reset();
    let told = 0;
    app.on('window-all-closed', () => (told += 1));
    new FakeBrowserWindow({}).close();
    expect(told).toBe(1);
    expect(app.quitting).toBe(false);
  });

  it('closes every window on quit; a window that refuses to close cancels the quit', () => {
    let told = 0;
    app.on('window-all-closed', () => (told += 1));
    const stubborn = new FakeBrowserWindow({});
    const willing = new FakeBrowserWindow({});
    let refuse = true;
    stubborn.on('close', (event: { preventDefault(): void }) => {
      if (refuse) event.preventDefault();
    });
    const quits: string[] = [];
    app.on('will-quit', () => quits.push('will-quit'));
    app.quit();
    expect(willing.isDestroyed()).toBe(true);
    expect(stubborn.isDestroyed()).toBe(false);
    expect(app.quitting).toBe(false);
    refuse = false;
    app.quit();
    expect(stubborn.isDestroyed()).toBe(true);
    expect(quits).toEqual(['will-quit']);
    expect(app.quitting).toBe(true);
    expect(told).toBe(0);
  });
});

describe('the tray', () => {
  it('cannot be made before the app is ready, and throws once destroyed', () => {
    expect(() => new FakeTray('icon')).toThrow('Cannot create Tray before app is ready');
    app.becomeReady();
    const tray = new FakeTray('icon');
    tray.setToolTip('before');
    tray.destroy();
    expect(tray.isDestroyed()).toBe(true);
    expect(() => tray.setToolTip('after')).toThrow('Tray is destroyed');
    expect(() => tray.setImage('other')).toThrow('Tray is destroyed');
    expect(() => tray.setContextMenu(null)).toThrow('Tray is destroyed');
    expect(tray.tooltip).toBe('before');
  });
});

describe('platform-specific behaviour', () => {
  it('has powerMonitor events only where Electron has them', () => {
    const seen: string[] = [];
    for (const name of ['lock-screen', 'user-did-resign-active', 'suspend']) powerMonitor.on(name, () => seen.push(`${fake.platform}:${name}`));
    for (const platform of ['linux', 'win32', 'darwin']) {
      fake.platform = platform;
      for (const name of ['lock-screen', 'user-did-resign-active', 'suspend']) powerMonitor.simulate(name);
    }
    expect(seen).toEqual([
      'linux:suspend',
      'win32:lock-screen',
      'win32:suspend',
      'darwin:lock-screen',
      'darwin:user-did-resign-active',
      'darwin:suspend',
    ]);
  });

  it('lets globalShortcut.register answer true on macOS for keys another app holds', () => {
    globalShortcut.taken.add('Command+Space');
    fake.platform = 'win32';
    expect(globalShortcut.register('Command+Space', () => {})).toBe(false);
    fake.platform = 'darwin';
    let pressed = 0;
    expect(globalShortcut.register('Command+Space', () => (pressed += 1))).toBe(true);
    expect(globalShortcut.isRegistered('Command+Space')).toBe(true);
    expect(globalShortcut.press('Command+Space')).toBe(false);
    expect(pressed).toBe(0);
  });
});
