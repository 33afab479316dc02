// The "Odoo account" sign-in through the whole core, against the test server (which
// copies real Odoo 17's API-key wizard): the password is typed once, a key for this
// device replaces it, calls fall back to that key when Odoo ends the session, a window
// needs one password prompt, forgetting revokes the key in Odoo, and a password profile
// moves over with consent.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Profile } from '../../../contract/index.js';
import { FakeClock } from '../../support/fakes.js';
import { fails, ok, pinsFor, startCore, type CoreHarness } from '../../support/core-harness.js';
import { requireKeychain } from '../../support/keychain.js';
import { makeClient, thrown } from '../odoo/fixture.js';
import { startOdooServer, type OdooTestServer } from '../../support/odoo-server/index.js';

const PASSPHRASE = 'correct horse battery staple';
let odoo: OdooTestServer;
let h: CoreHarness;
let pins: string[];
const clock = new FakeClock(Date.now());

beforeAll(async () => {
  await requireKeychain();
  odoo = await startOdooServer({ version: 17 });
  h = await startCore({ keychain: 'os', network: { ca: [odoo.cert!] }, clock, deviceName: 'laptop-anna' });
  await ok(h.core, 'vault:create', { passphrase: PASSPHRASE, enablePresence: false });
  pins = await pinsFor(h.core, odoo.origin);
});

afterAll(async () => {
  await h?.close();
  await odoo?.stop();
});

function draft(login: string, authMethod: 'account' | 'password' = 'account') {
  return { label: `${authMethod} ${login}`, url: odoo.origin, database: 'companion', login, authMethod, transport: 'auto' as const, pins, trustSelfSigned: false };
}

/** The kinds of secret the OS keychain holds for a profile (item names, never values). */
async function kindsOf(profileId: string): Promise<string[]> {
  const dump = JSON.parse(await h.rawKeychain()) as { account: string }[];
  return dump.map((i) => i.account).filter((a) => a.startsWith(`${profileId}/`)).map((a) => a.slice(profileId.length + 1)).sort();
}

const paths = (before: number) => odoo.requests.slice(before).map((r) => r.path);

describe('“Odoo account”: sign in once, keep no password', () => {
  let p: Profile;

  it('saving signs in, creates a key for this device in Odoo, and keeps no password', async () => {
    const demo = odoo.user('demo');
    p = await ok<Profile>(h.core, 'profiles:save', { ...draft('demo'), secret: demo.password });
    const keys = odoo.deviceKeys('demo');
    expect(keys).toHaveLength(1);
    expect(keys[0]!.name).toMatch(/^Odoo Companion — laptop-anna — \d{4}-\d\d-\d\d$/);
    expect(await kindsOf(p.id)).toEqual(['device-key', 'session']);
    const listed = (await ok<Profile[]>(h.core, 'profiles:list', {})).find((x) => x.id === p.id)!;
    expect(listed).toMatchObject({ authMethod: 'account', hasSecret: true, deviceKey: { name: keys[0]!.name, expiresAt: null } });
    const dump = `${await h.rawKeychain()}\n${h.dataFiles()}`;
    expect(dump).not.toContain(demo.password);
    expect(dump).not.toContain(keys[0]!.key);
  });

  it('calls go through the live session, then through the device key once Odoo ends it — never the password', async () => {
    let before = odoo.requests.length;
    await ok(h.core, 'odoo:search', { profileId: p.id, query: 'Azure' });
    expect(paths(before).every((x) => x.startsWith('/web/dataset/call_kw'))).toBe(true);
    odoo.expireSessions();
    clock.jumpWall(5 * 60_000);
    before = odoo.requests.length;
    const groups = await ok<{ model: string }[]>(h.core, 'odoo:search', { profileId: p.id, query: 'Azure' });
    expect(groups.some((g) => g.model === 'res.partner')).toBe(true);
    expect(await ok(h.core, 'odoo:activities', { profileId: p.id })).toBeTruthy();
    expect(paths(before)).not.toContain('/web/session/authenticate');
    expect(paths(before)).toContain('/jsonrpc');
  });

  it('opening Odoo after the session ended asks for the password only, then opens the web client', async () => {
    const opened = h.shell.opened.length;
    expect(await ok(h.core, 'odoo:open', { profileId: p.id })).toEqual({ status: 'password_prompted' });
    expect(h.shell.events).toContainEqual(['ui:show', { screen: 'password-prompt', profileId: p.id }]);
    expect((await fails(h.core, 'odoo:signIn', { profileId: p.id, password: 'not it' })).code).toBe('auth_failed');
    const r = await ok(h.core, 'odoo:signIn', { profileId: p.id, password: odoo.user('demo').password });
    expect(r).toMatchObject({ status: 'ok' });
    await expect.poll(() => h.shell.opened.length).toBe(opened + 1);
    expect(h.shell.opened.at(-1)!.cookies.map((c) => c.name)).toContain('session_id');
    // Still one key in Odoo (it is kept, not made again), and still no password kept.
    expect(odoo.deviceKeys('demo')).toHaveLength(1);
    expect(await kindsOf(p.id)).toEqual(['device-key', 'session']);
  });

  it('forgetting without the password leaves the key valid in Odoo, and says so', async () => {
    const admin = odoo.user('admin');
    const q = await ok<Profile>(h.core, 'profiles:save', { ...draft('admin'), secret: admin.password });
    expect(odoo.deviceKeys('admin')).toHaveLength(1);
    const before = odoo.requests.length;
    expect(await ok(h.core, 'profiles:forget', { id: q.id })).toEqual({ done: true, revoked: false });
    expect(odoo.deviceKeys('admin')).toHaveLength(1);
    // The web session is still ended in Odoo.
    expect(odoo.requests.slice(before).map((r) => r.path)).toContain('/web/session/destroy');
  });

  it('forgetting with the password revokes the key in Odoo first; a wrong password forgets nothing', async () => {
    const key = odoo.deviceKeys('demo')[0]!.key;
    expect((await fails(h.core, 'profiles:forget', { id: p.id, password: 'wrong' })).code).toBe('auth_failed');
    expect((await ok<Profile[]>(h.core, 'profiles:list', {})).some((x) => x.id === p.id)).toBe(true);
    expect(await ok(h.core, 'profiles:forget', { id: p.id, password: odoo.user('demo').password })).toEqual({ done: true, revoked: true });
    expect(odoo.deviceKeys('demo')).toHaveLength(0);
    expect(await kindsOf(p.id)).toEqual([]);
    // A call with the removed key fails.
    const withKey = makeClient(odoo, { authMethod: 'api-key', transport: 'jsonrpc', secretValues: { 'api-key': key } });
    expect(await thrown(() => withKey.client.login())).toMatchObject({ code: 'auth_failed' });
    await withKey.dispatchers.closeAll();
  });

  it('a two-factor user: the code is asked once after saving, then the key replaces the password', async () => {
    const t = odoo.user('totp');
    const q = await ok<Profile>(h.core, 'profiles:save', { ...draft('totp'), secret: t.password });
    expect(odoo.deviceKeys('totp')).toHaveLength(0); // waiting for the code
    expect((await ok<{ status: string }>(h.core, 'odoo:login', { profileId: q.id })).status).toBe('totp_required');
    await ok(h.core, 'odoo:submitTotp', { profileId: q.id, code: odoo.totpCode('totp'), trustDevice: true });
    expect(odoo.deviceKeys('totp')).toHaveLength(1);
    expect(await kindsOf(q.id)).toEqual(['device-key', 'session', 'totp-device']);
    expect(`${await h.rawKeychain()}\n${h.dataFiles()}`).not.toContain(t.password);
  });

  it('a password profile moves to “Odoo account” with consent: a key is made, the password dropped', async () => {
    const admin = odoo.user('admin');
    const old = await ok<Profile>(h.core, 'profiles:save', { ...draft('admin', 'password'), secret: admin.password });
    expect(await kindsOf(old.id)).toContain('password');
    const before = odoo.deviceKeys('admin').length;
    const moved = await ok<Profile>(h.core, 'profiles:migrate', { id: old.id });
    expect(moved.authMethod).toBe('account');
    expect(odoo.deviceKeys('admin')).toHaveLength(before + 1);
    expect(await kindsOf(old.id)).toEqual(['device-key', 'session']);
  });

  it('Odoo 18: a non-administrator gets the longest expiry Odoo allows, shown on the profile', async () => {
    const v18 = await startOdooServer({ version: 18, clock });
    try {
      const pins18 = await pinsFor(h.core, v18.origin);
      const q = await ok<Profile>(h.core, 'profiles:save', { ...draft('demo'), url: v18.origin, pins: pins18, trustSelfSigned: true, secret: v18.user('demo').password });
      const listed = (await ok<Profile[]>(h.core, 'profiles:list', {})).find((x) => x.id === q.id)!;
      const end = Date.parse(`${listed.deviceKey!.expiresAt!.replace(' ', 'T')}Z`);
      expect(Math.round((end - clock.now()) / 86_400_000)).toBe(90);
      expect(v18.deviceKeys('demo')).toHaveLength(1);
    } finally {
      await v18.stop();
    }
  });

  it('keeping the password is a choice per profile (off by default)', async () => {
    const admin = odoo.user('admin');
    const q = await ok<Profile>(h.core, 'profiles:save', { ...draft('admin'), label: 'keeps', keepPassword: true, secret: admin.password });
    expect(await kindsOf(q.id)).toEqual(['device-key', 'password', 'session']);
    odoo.expireSessions();
    clock.jumpWall(5 * 60_000);
    // With the password kept, opening Odoo signs in again by itself.
    expect(await ok(h.core, 'odoo:open', { profileId: q.id })).toEqual({ status: 'opened' });
  });
});
