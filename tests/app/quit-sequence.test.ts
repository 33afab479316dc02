// The quit sequence: the vault locks first, Odoo windows close and their partitions are
// cleared, background work stops, the core shuts down, the tray goes — and a hung step
// delays the quit by the time budget at most. The whole app is used where the real parts
// can show it; recorders stand in for parts only to make one of them fail or hang.
import { beforeEach, describe, expect, it } from 'vitest';
import { QUIT_BUDGET_MS, quitSequence, type QuitParts } from '../../main/app/quit-sequence.js';
import { FakeClock } from '../support/fakes.js';
import { app, fake, globalShortcut } from '../support/fake-electron.js';
import { ORIGIN, PASSPHRASE, settle, startShell, tray } from './harness.js';

beforeEach(() => fake.reset());

describe('quitting the app', () => {
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
    expect(s.core.vaultState()).toBe('locked'); // at once, inside the quit event
    await s.shell.quitting();
    await settle();
    expect(odoo?.isDestroyed()).toBe(true);
    expect(await odooSession?.cookies.get({})).toEqual([]);
    expect(app.quitting).toBe(true);
    const log = fake.log.map(([k]) => k);
    expect(log.indexOf('session.clearStorageData')).toBeLessThan(log.lastIndexOf('app.quit'));
  });

  it('closes our window even when it was hidden to the tray, releases the shortcut and removes the tray', async () => {
    const s = await startShell();
    const win = s.win();
    win.close();
    expect(win.isDestroyed()).toBe(false); // hidden to the tray
    app.quit();
    await s.shell.quitting();
    expect(win.isDestroyed()).toBe(true);
    expect(app.quitting).toBe(true);
    expect(tray().destroyed).toBe(true);
    expect(globalShortcut.registered.size).toBe(0);
  });
});

/** Parts that record what was asked of them, in order. */
function recordingParts(steps: string[], clock: FakeClock, over: Partial<QuitParts> = {}): QuitParts {
  return {
    core: {
      lock: () => void steps.push('lock'),
      shutdown: async () => void steps.push('shutdown'),
    },
    odooWindows: { closeOdooWindows: async () => void steps.push('close Odoo windows') },
    notifier: { dispose: () => void steps.push('notifier') },
    shortcut: { dispose: () => void steps.push('shortcut') },
    tray: { destroy: () => void steps.push('tray') },
    mainWindow: { hideOnClose: (on) => void steps.push(`hide on close: ${on}`) },
    clock,
    onError: (where) => void steps.push(`error: ${where}`),
    ...over,
  };
}

describe('the quit sequence', () => {
  it('runs its steps in order, the lock first', async () => {
    const steps: string[] = [];
    const clock = new FakeClock();
    await quitSequence(recordingParts(steps, clock))();
    expect(steps).toEqual(['lock', 'hide on close: false', 'close Odoo windows', 'notifier', 'shortcut', 'shutdown', 'tray']);
    expect(clock.pending()).toBe(0);
  });

  it('goes on when the lock throws', async () => {
    const steps: string[] = [];
    const parts = recordingParts(steps, new FakeClock(), {
      core: {
        lock: () => {
          throw new Error('lock failed');
        },
        shutdown: async () => void steps.push('shutdown'),
      },
    });
    await quitSequence(parts)();
    expect(steps[0]).toBe('error: quit: lock');
    expect(steps).toContain('shutdown');
    expect(steps.at(-1)).toBe('tray');
  });

  it('gives a hung close of Odoo windows the time budget, then goes on', async () => {
    const steps: string[] = [];
    const clock = new FakeClock();
    const parts = recordingParts(steps, clock, {
      // Chromium's network service can hang: this close never ends.
      odooWindows: { closeOdooWindows: () => new Promise<void>(() => {}) },
    });
    let done = false;
    const run = quitSequence(parts)().then(() => (done = true));
    await settle();
    clock.advance(QUIT_BUDGET_MS - 1);
    await settle();
    expect(done).toBe(false);
    clock.advance(1);
    await run;
    expect(steps.slice(-4)).toEqual(['notifier', 'shortcut', 'shutdown', 'tray']);
  });

  it('reports a failed close or shutdown and still ends', async () => {
    const steps: string[] = [];
    const parts = recordingParts(steps, new FakeClock(), {
      odooWindows: { closeOdooWindows: () => Promise.reject(new Error('clear failed')) },
      core: { lock: () => void steps.push('lock'), shutdown: () => Promise.reject(new Error('shutdown failed')) },
    });
    await quitSequence(parts)();
    expect(steps).toEqual(['lock', 'hide on close: false', 'error: quit: close Odoo windows', 'notifier', 'shortcut', 'error: quit: shutdown', 'tray']);
  });
});
