// Asking every profile at once: answers, failures and a slow server each land in their own
// entry (the slow one after its time limit, driven by a fake clock), in the profiles'
// order; activities merge by due date with their profile's label.
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../../main/core/errors.js';
import { eachProfile, mergeActivities, PROFILE_TIMEOUT_MS } from '../../../../main/core/services/all-profiles.js';
import type { ActivityBuckets } from '../../../../main/core/services/companion-search.js';
import { FakeClock } from '../../../support/fakes.js';

/** Lets every pending promise reaction run (a macrotask turn; no time passes on the fake clock). */
const settle = () => new Promise<void>((resolve) => setImmediate(resolve));

const profiles = [
  { id: 'p-prod', label: 'Production' },
  { id: 'p-slow', label: 'Slow staging' },
  { id: 'p-down', label: 'Test' },
];

describe('all profiles at once', () => {
  it('a slow server times out alone and a failing one says why, while the others answer', async () => {
    const clock = new FakeClock();
    const aborted: string[] = [];
    const pending = eachProfile(
      profiles,
      (id, signal) => {
        if (id === 'p-prod') return Promise.resolve(42);
        if (id === 'p-down') return Promise.reject(new AppError('network', 'The server could not be reached.'));
        return new Promise<number>(() => signal.addEventListener('abort', () => aborted.push(id)));
      },
      { clock },
    );
    let done = false;
    void pending.then(() => (done = true));
    await settle();
    expect(done).toBe(false);
    clock.advance(PROFILE_TIMEOUT_MS - 1);
    await settle();
    expect(done).toBe(false);
    clock.advance(1);
    const result = await pending;
    expect(result.map((r) => r.profileId)).toEqual(['p-prod', 'p-slow', 'p-down']);
    expect(result[0]).toMatchObject({ ok: true, value: 42, label: 'Production' });
    expect(result[1]).toMatchObject({ ok: false, error: { code: 'timeout' } });
    expect(result[2]).toMatchObject({ ok: false, error: { code: 'network', message: 'The server could not be reached.' } });
    expect(aborted).toEqual(['p-slow']);
    expect(clock.pending()).toBe(0);
  });

  it('an unexpected error crosses as internal, never its text', async () => {
    const [r] = await eachProfile([profiles[0]!], () => Promise.reject(new Error('secret-token-abc at /home/x')), { clock: new FakeClock() });
    expect(r).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(JSON.stringify(r)).not.toContain('secret-token-abc');
  });

  it('merges activities by due date, then profile, each labelled, and lists the profiles that failed', () => {
    const act = (id: number, deadline: string) => ({ id, summary: `A${id}`, activityType: null, deadline, model: 'res.partner', resId: 1, resName: 'X' });
    const a: ActivityBuckets = { overdue: [act(1, '2026-11-20'), act(2, '2026-11-28')], today: [act(3, '2026-11-30')], upcoming: [] };
    const b: ActivityBuckets = { overdue: [act(1, '2026-11-25')], today: [], upcoming: [act(9, '2026-12-02')] };
    const merged = mergeActivities([
      { profileId: 'p-b', label: 'Staging', ok: true, value: b },
      { profileId: 'p-a', label: 'Production', ok: true, value: a },
      { profileId: 'p-c', label: 'Test', ok: false, error: { code: 'network', message: 'down' } },
    ]);
    expect(merged.overdue.map((x) => [x.profileLabel, x.deadline])).toEqual([
      ['Production', '2026-11-20'],
      ['Staging', '2026-11-25'],
      ['Production', '2026-11-28'],
    ]);
    expect(merged.today.map((x) => x.profileId)).toEqual(['p-a']);
    expect(merged.upcoming.map((x) => x.profileId)).toEqual(['p-b']);
    expect(merged.failed).toEqual([{ profileId: 'p-c', label: 'Test', error: { code: 'network', message: 'down' } }]);
  });
});
