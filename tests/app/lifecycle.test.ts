// The app's lifecycle with electron faked: one instance, the defaults every webContents
// gets, staying alive when the last window closes, and a quit held until the quit
// sequence has run once.
import { beforeEach, describe, expect, it } from 'vitest';
import { claimSingleInstance, type AppLifecycle } from '../../main/app/lifecycle.js';
import { startApp } from '../../main/app/main.js';
import { app, fake, FakeBrowserWindow } from '../support/fake-electron.js';
import { distDir, startShell } from './harness.js';

beforeEach(() => fake.reset());

function lifecycle(): AppLifecycle {
  const claimed = claimSingleInstance();
  if (claimed === null) throw new Error('the lock was not ours');
  return claimed;
}

/** A promise and the function that settles it. */
function deferred(): { promise: Promise<void>; resolve(): void } {
  let resolve = (): void => {};
  const promise = new Promise<void>((res) => {
    resolve = res;
  });
  return { promise, resolve };
}

describe('single instance', () => {
  it('quits at once, creating nothing, when another instance holds the lock', async () => {
    app.singleInstance = false;
    expect(claimSingleInstance()).toBeNull();
    expect(app.quitting).toBe(true);

    fake.reset();
    app.singleInstance = false;
    await expect(startApp({ distDir: distDir(), development: false })).resolves.toBeNull();
    expect(app.quitting).toBe(true);
    expect(fake.windows).toHaveLength(0);
  });

  it('focuses the first instance on a second launch', async () => {
    const { win } = await startShell();
    win().visible = false;
    app.emit('second-instance');
    expect(win().isVisible()).toBe(true);
  });
});

describe('every webContents', () => {
  it('refuses window.open and <webview> unless its owner says otherwise', () => {
    lifecycle();
    const stray = new FakeBrowserWindow({});
    expect(stray.webContents.openWindow('https://example.org/')).toBeNull();
    let prevented = false;
    stray.webContents.emit('will-attach-webview', { preventDefault: () => (prevented = true) });
    expect(prevented).toBe(true);
  });
});

describe('windows closing', () => {
  it('do not quit the app when the last one goes: the tray keeps it', () => {
    lifecycle();
    new FakeBrowserWindow({}).close();
    expect(app.quitting).toBe(false);
  });
});

describe('quit', () => {
  it('is held until the sequence has run, once, then happens', async () => {
    const life = lifecycle();
    const step = deferred();
    let runs = 0;
    const running = life.holdQuitUntil(async () => {
      runs += 1;
      await step.promise;
    });
    expect(running()).toBeNull();
    app.quit();
    app.quit();
    expect(app.quitting).toBe(false);
    expect(runs).toBe(1);
    step.resolve();
    await running();
    expect(app.quitting).toBe(true);
    expect(runs).toBe(1);
  });

  it('starts the sequence inside the quit event, so its first step cannot be overtaken', () => {
    const life = lifecycle();
    const order: string[] = [];
    life.holdQuitUntil(async () => {
      order.push('first step');
    });
    app.quit();
    order.push('after quit()');
    expect(order).toEqual(['first step', 'after quit()']);
  });

  it('happens even when the sequence fails', async () => {
    const life = lifecycle();
    const running = life.holdQuitUntil(() => Promise.reject(new Error('shutdown failed')));
    app.quit();
    await running();
    expect(app.quitting).toBe(true);
  });
});
