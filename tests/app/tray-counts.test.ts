// The tray's overdue counts and its "Open All profiles" entry, with electron faked and the
// core's count replaced by a recorder: counts appear beside each profile with its
// environment tag, are read once per profile on unlock and again every five minutes on the
// clock, stop (and disappear) when the vault locks, and a profile that cannot answer shows
// no count while the others do.
import { beforeEach, describe, expect, it } from 'vitest';
import { OVERDUE_REFRESH_MS } from '../../main/core/services/overdue-refresh.js';
import { AppError } from '../../main/core/errors.js';
import { fake } from '../support/fake-electron.js';
import { findItem, PASSPHRASE, saveProfile, sentEvents, settle, startShell, trayItems, type StartedShell } from './harness.js';

beforeEach(() => fake.reset());

async function shellWithCounts(answers: Record<string, number | 'fail'>): Promise<{ s: StartedShell; asked: string[] }> {
  const asked: string[] = [];
  const s = await startShell({
    prepare: async (core) => {
      await core.dispatch('vault:create', { passphrase: PASSPHRASE, enablePresence: false });
      await saveProfile(core, 'acme', 'ACME');
      await saveProfile(core, 'beta', 'Beta');
      await core.profiles.update('acme', { environment: { kind: 'production', colour: 'red' } });
      core.lock('manual');
    },
    wrap: (core) => ({
      ...core,
      overdueCount: async (profileId: string) => {
        asked.push(profileId);
        const answer = answers[profileId];
        if (answer === 'fail' || answer === undefined) throw new AppError('network', 'The server could not be reached.');
        return answer;
      },
    }),
  });
  return { s, asked };
}

const label = (id: string): string | undefined => findItem(trayItems(), `profile:${id}`).label;

describe('tray overdue counts', () => {
  it('reads each profile once on unlock, shows the counts with the environment tag, and refreshes every five minutes', async () => {
    const answers: Record<string, number | 'fail'> = { acme: 3, beta: 'fail' };
    const { s, asked } = await shellWithCounts(answers);
    await settle();
    expect(asked).toEqual([]);
    expect(label('acme')).toBe('[PRODUCTION] ACME');

    await s.core.dispatch('vault:unlock', { method: 'passphrase', passphrase: PASSPHRASE });
    await settle();
    expect(asked.sort()).toEqual(['acme', 'beta']);
    expect(label('acme')).toBe('[PRODUCTION] ACME — 3 overdue');
    expect(label('beta')).toBe('Beta');

    answers.acme = 1;
    answers.beta = 2;
    s.clock.advance(OVERDUE_REFRESH_MS - 1);
    await settle();
    expect(asked).toHaveLength(2);
    s.clock.advance(1);
    await settle();
    expect(asked).toHaveLength(4);
    expect(label('acme')).toBe('[PRODUCTION] ACME — 1 overdue');
    expect(label('beta')).toBe('Beta — 2 overdue');
  });

  it('stops asking and drops the counts when the vault locks', async () => {
    const { s, asked } = await shellWithCounts({ acme: 4, beta: 0 });
    await s.core.dispatch('vault:unlock', { method: 'passphrase', passphrase: PASSPHRASE });
    await settle();
    expect(label('acme')).toBe('[PRODUCTION] ACME — 4 overdue');
    expect(label('beta')).toBe('Beta');
    s.core.lock('manual');
    await settle();
    expect(label('acme')).toBe('[PRODUCTION] ACME');
    const before = asked.length;
    s.clock.advance(3 * OVERDUE_REFRESH_MS);
    await settle();
    expect(asked).toHaveLength(before);
  });

  it('"Open All profiles" shows our window on All profiles', async () => {
    const { s } = await shellWithCounts({});
    s.win().hide();
    findItem(trayItems(), 'all-profiles').click?.();
    await settle();
    expect(s.win().isVisible()).toBe(true);
    expect(sentEvents(s.win(), 'ui:navigate')).toEqual([{ to: 'all-profiles' }]);
  });
});
