// "All profiles" against three Odoo test servers at once, through the real core and the
// real keychain: a healthy one, a slow one (it holds every answer; the per-profile time
// limit passes on the fake clock, nobody sleeps) and a failing one (a proxy's HTML 502
// page). Search and activities bring the healthy one's answers and a typed error for each
// other; acting on an activity changes it in Odoo and says where it now belongs; the tray's
// background refresh costs at most one request per profile once signed in.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ERROR_CODES, type ChannelOutput, type Profile } from '../../../contract/index.js';
import { PROFILE_TIMEOUT_MS } from '../../../main/core/services/all-profiles.js';
import { createOverdueRefresh } from '../../../main/core/services/overdue-refresh.js';
import { FakeClock } from '../../support/fakes.js';
import { fails, ok, pinsFor, startCore, type CoreHarness } from '../../support/core-harness.js';
import { requireKeychain } from '../../support/keychain.js';
import { startOdooServer, type OdooTestServer } from '../../support/odoo-server/index.js';

const PASSPHRASE = 'all-profiles Passphrase Juniper 41';
/** Noon UTC on a Monday: the same day in UTC and in the demo user's Brussels. */
const clock = new FakeClock(Date.parse('2026-01-05T12:00:00Z'));
const serverClock = { now: () => clock.now() };
let healthy: OdooTestServer;
let slow: OdooTestServer;
let down: OdooTestServer;
let h: CoreHarness;
const ids: Record<'healthy' | 'slow' | 'down', string> = { healthy: '', slow: '', down: '' };

/** Yields to I/O until `cond` holds (no timer: the servers' answers are what we wait for). */
async function until(cond: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 500_000; i += 1) {
    if (cond()) return;
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
  throw new Error(`never happened: ${what}`);
}

async function save(server: OdooTestServer, label: string, environment?: Profile['environment']): Promise<string> {
  const profile = await ok<Profile>(h.core, 'profiles:save', {
    label,
    url: server.origin,
    database: 'companion',
    login: 'demo',
    authMethod: 'api-key',
    transport: 'auto',
    pins: await pinsFor(h.core, server.origin),
    trustSelfSigned: true,
    secret: server.user('demo').apiKey,
    ...(environment === undefined ? {} : { environment }),
  });
  return profile.id;
}

beforeAll(async () => {
  await requireKeychain();
  [healthy, slow, down] = (await Promise.all([1, 2, 3].map(() => startOdooServer({ version: 17, clock: serverClock })))) as [OdooTestServer, OdooTestServer, OdooTestServer];
  h = await startCore({ keychain: 'os', clock, network: { ca: [healthy.cert!, slow.cert!, down.cert!] } });
  await ok(h.core, 'vault:create', { passphrase: PASSPHRASE, enablePresence: false });
  ids.healthy = await save(healthy, 'Acme production', { kind: 'production', colour: 'red' });
  ids.slow = await save(slow, 'Acme staging', { kind: 'staging', colour: 'orange' });
  ids.down = await save(down, 'Acme test');
  slow.setFault({ kind: 'delay', ms: 10 * 60_000 });
  down.setFault({ kind: 'html-502' });
});

afterAll(async () => {
  await h?.close();
  await Promise.all([healthy, slow, down].map((s) => s?.stop()));
});

/**
 * Runs `start` (one question to every profile), lets the healthy and failing profiles
 * answer, then moves the fake clock past the per-profile limit for the slow one.
 */
async function withSlowProfileTimedOut<T>(start: () => Promise<T>, timersLeft = 1): Promise<T> {
  const before = clock.pending();
  const pending = start();
  // One time limit per profile; two are cleared once the healthy and failing ones have
  // answered, and the slow one's is left (with the refresh's own interval, when it starts).
  await until(() => clock.pending() === before + timersLeft, 'the healthy and failing profiles answered');
  clock.advance(PROFILE_TIMEOUT_MS);
  return pending;
}

const codes = new Set<string>(ERROR_CODES);

describe('every profile at once, one slow and one failing', () => {
  it('quick search: the healthy profile’s groups, a timeout for the slow one, the failing one’s typed error', async () => {
    const r = await withSlowProfileTimedOut(() => ok<ChannelOutput<'all:search'>>(h.core, 'all:search', { query: 'Azure' }));
    const [a, b, c] = r.profiles;
    expect(a).toMatchObject({ profileId: ids.healthy, label: 'Acme production', environment: { kind: 'production', colour: 'red' }, ok: true });
    expect(a?.ok === true && a.groups.find((g) => g.model === 'res.partner')?.hits.length).toBeGreaterThan(0);
    expect(b).toMatchObject({ profileId: ids.slow, environment: { kind: 'staging' }, ok: false, error: { code: 'timeout' } });
    expect(c).toMatchObject({ profileId: ids.down, environment: null, ok: false });
    expect(c?.ok === false && codes.has(c.error.code) && c.error.code !== 'internal' && c.error.code !== 'timeout').toBe(true);
    console.info(`all-profiles search: healthy ${a?.ok}, slow ${b?.ok === false ? b.error.code : 'ok'}, failing ${c?.ok === false ? c.error.code : 'ok'}`);
  });

  it('activities: the healthy profile’s, merged by due date and labelled; the others listed as failed, with why', async () => {
    const r = await withSlowProfileTimedOut(() => ok<ChannelOutput<'all:activities'>>(h.core, 'all:activities', {}));
    expect(r.overdue.length).toBeGreaterThan(0);
    for (const bucket of [r.overdue, r.today, r.upcoming]) {
      expect(bucket.every((a) => a.profileId === ids.healthy && a.profileLabel === 'Acme production' && a.environment?.kind === 'production')).toBe(true);
      expect(bucket.map((a) => a.deadline)).toEqual([...bucket.map((a) => a.deadline)].sort());
    }
    expect(r.today.every((a) => a.deadline === '2026-01-05')).toBe(true);
    expect(r.failed.map((f) => [f.profileId, f.error.code === 'timeout'])).toEqual([
      [ids.slow, true],
      [ids.down, false],
    ]);
  });

  it('opens a profile’s Odoo window marked with its environment label', async () => {
    await ok(h.core, 'odoo:open', { profileId: ids.healthy });
    expect(h.shell.opened.at(-1)).toMatchObject({ profileId: ids.healthy, title: 'Acme production', environment: { tag: 'PRODUCTION', colour: 'red' } });
    await ok(h.core, 'odoo:open', { profileId: ids.down }).catch(() => undefined);
    const plain = h.shell.opened.filter((r) => r.profileId === ids.down).at(-1);
    if (plain !== undefined) expect(plain).not.toHaveProperty('environment');
  });

  it('a locked vault refuses the whole question rather than answering profile by profile', async () => {
    h.core.lock('manual');
    expect((await fails(h.core, 'all:search', { query: 'Azure' })).code).toBe('locked');
    expect((await fails(h.core, 'all:activities', {})).code).toBe('locked');
    await ok(h.core, 'vault:unlock', { method: 'passphrase', passphrase: PASSPHRASE });
  });
});

describe('acting on an activity without opening Odoo', () => {
  it('reschedules to tomorrow: Odoo has the new date, and the answer says which bucket it moves to', async () => {
    const before = await withSlowProfileTimedOut(() => ok<ChannelOutput<'all:activities'>>(h.core, 'all:activities', {}));
    const overdue = before.overdue[0]!;
    const moved = await ok(h.core, 'odoo:activityReschedule', { profileId: ids.healthy, activityId: overdue.id, to: { kind: 'tomorrow' } });
    expect(moved).toEqual({ profileId: ids.healthy, activityId: overdue.id, deadline: '2026-01-06', bucket: 'upcoming' });
    const today = await ok(h.core, 'odoo:activityReschedule', { profileId: ids.healthy, activityId: overdue.id, to: { kind: 'date', date: '2026-01-05' } });
    expect(today).toMatchObject({ deadline: '2026-01-05', bucket: 'today' });
    const [row] = await healthyActivity(overdue.id);
    expect(row?.date_deadline).toBe('2026-01-05');
  });

  it('marks done with a feedback line: the activity is gone from Odoo and the chatter got the note', async () => {
    const activityId = (await healthyActivityIds())[0]!;
    expect(await ok(h.core, 'odoo:activityDone', { profileId: ids.healthy, activityId, feedback: 'Called, all settled' })).toEqual({
      profileId: ids.healthy,
      activityId,
      done: true,
    });
    expect(await healthyActivityIds()).not.toContain(activityId);
    expect(healthy.registry.data.doneActivities.at(-1)).toMatchObject({ id: activityId, feedback: 'Called, all settled' });
    // Done twice: Odoo's MissingError, typed, with Odoo's words kept.
    const again = await fails(h.core, 'odoo:activityDone', { profileId: ids.healthy, activityId });
    expect(again.code).toBe('missing_record');
  });

  it("Odoo's refusal keeps Odoo's message", async () => {
    const model = healthy.registry.data.models.get('mail.activity')!;
    model.adminWriteOnly = { group: 'Administration/Settings' };
    try {
      const activityId = (await healthyActivityIds())[0]!;
      const refused = await fails(h.core, 'odoo:activityReschedule', { profileId: ids.healthy, activityId, to: { kind: 'next-week' } });
      expect(refused.code).toBe('access_denied');
      expect(String(refused.details?.odooMessage)).toMatch(/^You are not allowed to modify 'Activity' \(mail\.activity\) records/);
    } finally {
      delete model.adminWriteOnly;
    }
  });
});

describe('the tray’s background refresh', () => {
  it('costs at most one request per profile per refresh once signed in, and still answers for the healthy one', async () => {
    // A fresh unlock: every client is new, as after the person unlocks in the morning.
    h.core.lock('manual');
    await ok(h.core, 'vault:unlock', { method: 'passphrase', passphrase: PASSPHRASE });
    const seen: ReadonlyMap<string, number | null>[] = [];
    const refresh = createOverdueRefresh({
      clock,
      profiles: () => h.core.profileMenu(),
      count: (id, signal) => h.core.overdueCount(id, signal),
      onChange: (counts) => seen.push(new Map(counts)),
      intervalMs: 24 * 3600_000,
    });
    const figures: number[][] = [];
    const firstPaths: string[] = [];
    const servers = [healthy, slow, down];
    for (let round = 0; round < 3; round += 1) {
      const before = servers.map((s) => s.requests.length);
      // The first refresh is the one start() makes (it also sets the next one's timer).
      if (round === 0) await withSlowProfileTimedOut(() => (refresh.start(), refresh.refresh()), 2);
      else await withSlowProfileTimedOut(() => refresh.refresh());
      figures.push(servers.map((s, i) => s.requests.length - before[i]!));
      if (round === 0) firstPaths.push(...healthy.requests.slice(before[0]).map((r) => r.path));
    }
    refresh.stop();
    console.info(`background refresh, requests per server (healthy, slow, failing): ${figures.map((f) => f.join('/')).join(' then ')}; the first after unlock signs in: ${firstPaths.join(', ')}`);
    for (const later of figures.slice(1)) for (const n of later) expect(n).toBeLessThanOrEqual(1);
    expect(figures[2]![0]).toBe(1);
    const last = seen.at(-2)!;
    expect(last.get(ids.healthy)).toBeGreaterThan(0);
    expect(last.get(ids.slow)).toBeNull();
    expect(last.get(ids.down)).toBeNull();
    expect(seen.at(-1)?.size).toBe(0);
  });
});

async function healthyActivity(id: number): Promise<{ date_deadline: string }[]> {
  return healthy.registry.data.models.get('mail.activity')!.records.filter((r) => r.id === id) as unknown as { date_deadline: string }[];
}

async function healthyActivityIds(): Promise<number[]> {
  const demo = healthy.user('demo');
  return healthy.registry.data.models
    .get('mail.activity')!
    .records.filter((r) => Array.isArray(r.user_id) && r.user_id[0] === demo.uid)
    .map((r) => r.id);
}
