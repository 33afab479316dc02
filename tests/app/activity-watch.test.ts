// Activity notifications run for the core, with electron faked: on exactly while the
// setting is on and the vault is unlocked (also when a taken shortcut spoils the start),
// asking activities through the core's dispatcher, a click opening our window's home.
import { beforeEach, describe, expect, it } from 'vitest';
import type { CompanionCore } from '../../main/core/companion.js';
import type { Activity } from '../../contract/index.js';
import { fake, FakeNotification, globalShortcut } from '../support/fake-electron.js';
import { invokeFromUi, PASSPHRASE, saveProfile, sentEvents, settle, startShell, type StartShellOptions } from './harness.js';

const due: Activity = {
  id: 7,
  summary: 'Call back',
  activityType: 'Call',
  deadline: '2026-01-04',
  model: 'res.partner',
  resId: 3,
  resName: 'Azure Interior',
};

const DAY_MS = 24 * 3600 * 1000;

beforeEach(() => fake.reset());

/** A shell whose core answers 'odoo:activities' with one overdue activity, and records who asked. */
async function watched(notifications: boolean, over: StartShellOptions = {}) {
  const asked: unknown[] = [];
  const s = await startShell({
    ...over,
    prepare: async (core) => {
      await core.dispatch('vault:create', { passphrase: PASSPHRASE, enablePresence: false });
      await core.settings.update({ notifications });
      await saveProfile(core, 'acme', 'ACME');
    },
    wrap: (core): CompanionCore => ({
      ...core,
      dispatch: async (channel, input) => {
        if (channel !== 'odoo:activities') return core.dispatch(channel, input);
        asked.push(input);
        return { ok: true, value: { overdue: [due], today: [], upcoming: [] } };
      },
    }),
  });
  await settle();
  return { s, asked };
}

describe('activity notifications', () => {
  it('run while the setting is on and the vault unlocked; a click opens our home screen', async () => {
    const { s, asked } = await watched(true);
    expect(asked).toEqual([{ profileId: 'acme' }]);
    expect(FakeNotification.toasts).toHaveLength(1);
    s.win().hide();
    FakeNotification.toasts[0]?.click();
    expect(s.win().isVisible()).toBe(true);
    expect(sentEvents(s.win(), 'ui:show')).toContainEqual({ screen: 'home' });
  });

  it('stop when the vault locks and start again when it unlocks', async () => {
    const { s, asked } = await watched(true);
    s.core.lock('manual');
    s.clock.advance(DAY_MS);
    await settle();
    expect(asked).toHaveLength(1);
    expect(await s.core.dispatch('vault:unlock', { method: 'passphrase', passphrase: PASSPHRASE })).toMatchObject({ ok: true });
    await settle();
    expect(asked).toHaveLength(2);
  });

  it('follow the setting', async () => {
    const { s, asked } = await watched(false);
    s.clock.advance(DAY_MS);
    await settle();
    expect(asked).toEqual([]);
    expect(await invokeFromUi(s.win(), 'settings:update', { notifications: true })).toMatchObject({ ok: true });
    await settle();
    expect(asked).toHaveLength(1);
    expect(await invokeFromUi(s.win(), 'settings:update', { notifications: false })).toMatchObject({ ok: true });
    s.clock.advance(DAY_MS);
    await settle();
    expect(asked).toHaveLength(1);
  });

  it('run even when the shortcut could not be registered at start', async () => {
    globalShortcut.taken.add('CommandOrControl+Shift+Space');
    const { s, asked } = await watched(true);
    expect(s.shell.shortcut.current()).toBeNull();
    expect(asked).toEqual([{ profileId: 'acme' }]);
  });
});
