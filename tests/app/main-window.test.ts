// Our window with the electron module faked: the hardened window and the doors it keeps
// shut, hide-to-tray, and the ready-queue that holds events until our page listens.
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { createMainWindowHost, MAX_HELD_EVENTS, type MainWindowHost } from '../../main/app/main-window.js';
import { app, fake, FakeBrowserWindow, ipcMain } from '../support/fake-electron.js';
import { rendererReady, sentEvents, startShell } from './harness.js';

beforeEach(() => fake.reset());

describe('our window', () => {
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
});

function host(): { host: MainWindowHost; errors: string[] } {
  const errors: string[] = [];
  return { host: createMainWindowHost({ preloadPath: '/dist/preload/index.cjs', development: false, onError: (where) => errors.push(where) }), errors };
}

function shown(h: MainWindowHost): FakeBrowserWindow {
  h.show();
  const w = h.current();
  if (w === null) throw new Error('no window');
  return w as unknown as FakeBrowserWindow;
}

describe('the window host', () => {
  it('shows nothing before the app is ready, then creates the window shown and focused', () => {
    const { host: h } = host();
    h.show();
    expect(h.current()).toBeNull();
    expect(fake.windows).toHaveLength(0);
    app.becomeReady();
    const w = shown(h);
    expect(w.isVisible()).toBe(true);
    expect(w.focused).toBe(true);
  });

  it('restores a minimized window instead of making another', () => {
    app.becomeReady();
    const { host: h } = host();
    const w = shown(h);
    w.minimized = true;
    expect(shown(h)).toBe(w);
    expect(w.isMinimized()).toBe(false);
    expect(fake.windows).toHaveLength(1);
  });

  it('hides the window on close while asked to, lets it close otherwise, and makes a new one after', () => {
    app.becomeReady();
    const { host: h } = host();
    const first = shown(h);
    first.close();
    expect(first.isDestroyed()).toBe(true); // off by default: nothing keeps the app alive yet
    expect(h.current()).toBeNull();

    h.hideOnClose(true);
    const second = shown(h);
    expect(second).not.toBe(first);
    second.close();
    expect(second.isDestroyed()).toBe(false);
    expect(second.isVisible()).toBe(false);
    h.hideOnClose(false);
    second.close();
    expect(second.isDestroyed()).toBe(true);
  });

  it('trusts only the webContents of the window it holds now', () => {
    app.becomeReady();
    const { host: h } = host();
    const first = shown(h);
    expect(h.isOwnWebContents(first.webContents.id)).toBe(true);
    first.close();
    expect(h.isOwnWebContents(first.webContents.id)).toBe(false);
    const second = shown(h);
    expect(h.isOwnWebContents(second.webContents.id)).toBe(true);
    expect(h.isOwnWebContents(first.webContents.id)).toBe(false);
    expect(h.isOwnWebContents(new FakeBrowserWindow({}).webContents.id)).toBe(false);
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

  it(`keep at most ${MAX_HELD_EVENTS} waiting, dropping the oldest`, () => {
    app.becomeReady();
    const { host: h } = host();
    const w = shown(h);
    h.deliver('vault:locked', { reason: 'manual' });
    for (let i = 0; i < MAX_HELD_EVENTS; i += 1) h.deliver('profiles:changed', {});
    h.rendererReady();
    expect(w.webContents.sent).toHaveLength(MAX_HELD_EVENTS);
    expect(sentEvents(w, 'vault:locked')).toEqual([]);
  });

  it('that the contract refuses are reported and sent to nobody; the others still arrive', () => {
    app.becomeReady();
    const { host: h, errors } = host();
    const w = shown(h);
    h.rendererReady();
    h.deliver('vault:locked', { reason: 'not a reason' } as never);
    h.deliver('profiles:changed', {});
    expect(errors).toEqual(['event vault:locked']);
    expect(w.webContents.sent).toEqual([['profiles:changed', {}]]);
  });

  it("show our window first when they are 'ui:show', and are dropped with no window at all", () => {
    app.becomeReady();
    const { host: h } = host();
    h.deliver('profiles:changed', {});
    expect(h.current()).toBeNull();
    h.deliver('ui:show', { screen: 'quick-search' });
    const w = h.current() as unknown as FakeBrowserWindow;
    expect(w.isVisible()).toBe(true);
    h.rendererReady();
    expect(w.webContents.sent).toEqual([['ui:show', { screen: 'quick-search' }]]);
  });
});
