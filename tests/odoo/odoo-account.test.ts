// "Odoo account" on real Odoo 17, through the core's dispatcher: the password is typed once
// and ends up nowhere; this device's key is listed in the user's API keys in Odoo; search
// and activities keep working after Odoo destroyed the web session; a window needs one
// password prompt; forgetting removes the key in Odoo. For a plain user, a two-factor
// user, and a portal user Odoo refuses a key to.
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Profile } from '../../contract/index.js';
import { FakeClock } from '../support/fakes.js';
import { fails, ok, startCore, type CoreHarness } from '../support/core-harness.js';
import {
  describeRealOdoo,
  frontPins,
  jsonRpc,
  killSessions,
  odooShell,
  rawRequest,
  totpCode,
  trustFront,
  user,
  type RealOdooLogin,
} from '../support/real-odoo/index.js';

describeRealOdoo('“Odoo account” on real Odoo 17', (odoo) => {
  let h: CoreHarness;
  let pins: [string, string];
  const clock = new FakeClock(Date.now());

  beforeAll(async () => {
    h = await startCore({ keychain: 'os', network: trustFront(), clock, deviceName: 'bench-laptop' });
    await ok(h.core, 'vault:create', { passphrase: 'correct horse battery staple', enablePresence: false });
    pins = frontPins();
  });
  afterAll(async () => {
    await h?.close();
  });

  const save = (login: RealOdooLogin) =>
    ok<Profile>(h.core, 'profiles:save', {
      label: `account ${login}`,
      url: odoo.origin,
      database: odoo.database,
      login: user(login).login,
      authMethod: 'account',
      transport: 'auto',
      pins,
      trustSelfSigned: false,
      secret: user(login).password,
    });
  /** The names of the user's API keys, as Odoo's Account Security list shows them. */
  const keysInOdoo = async (login: RealOdooLogin): Promise<string[]> =>
    (await odooShell<string[]>(`emit(env['res.users.apikeys'].sudo().search([('user_id', '=', ${user(login).uid})]).mapped('name'))`)) ?? [];
  const kinds = async (profileId: string): Promise<string[]> =>
    (JSON.parse(await h.rawKeychain()) as { account: string }[])
      .map((i) => i.account)
      .filter((a) => a.startsWith(`${profileId}/`))
      .map((a) => a.slice(profileId.length + 1))
      .sort();
  const profile = async (id: string) => (await ok<Profile[]>(h.core, 'profiles:list', {})).find((p) => p.id === id)!;
  /** common.authenticate with a key: the uid, or false when Odoo does not accept it. */
  const keyLogin = async (login: RealOdooLogin, key: string) =>
    ((await jsonRpc('/jsonrpc', { service: 'common', method: 'authenticate', args: [odoo.database, user(login).login, key, {}] })).json as { result: unknown })
      .result;

  it('a plain user: no password kept anywhere, a key in Odoo, and data after Odoo ended the session', async () => {
    const p = await save('demo');
    const named = (await profile(p.id)).deviceKey!.name;
    expect(named).toMatch(/^Odoo Companion — bench-laptop — \d{4}-\d\d-\d\d$/);
    expect(await keysInOdoo('demo')).toContain(named);
    expect(await kinds(p.id)).toEqual(['device-key', 'session']);
    const dump = `${await h.rawKeychain()}\n${h.dataFiles()}`;
    expect(dump).not.toContain(user('demo').password);
    const key = (await h.core.vault.secretsFor(p.id).get('device-key'))!;
    expect(dump).not.toContain(key);
    expect(await keyLogin('demo', key)).toBe(user('demo').uid);

    expect(await killSessions('demo')).toBeGreaterThan(0);
    clock.jumpWall(5 * 60_000);
    const groups = await ok<{ model: string; hits: { name: string }[] }[]>(h.core, 'odoo:search', { profileId: p.id, query: 'Companion Seed' });
    expect(groups.find((g) => g.model === 'res.partner')?.hits.length).toBeGreaterThan(0);
    const acts = await ok<{ overdue: unknown[]; upcoming: unknown[] }>(h.core, 'odoo:activities', { profileId: p.id });
    expect(acts.overdue.length + acts.upcoming.length).toBeGreaterThan(0);

    // The window: one password prompt, then Odoo's web client (not its login page).
    expect(await ok(h.core, 'odoo:open', { profileId: p.id })).toEqual({ status: 'password_prompted' });
    const opened = h.shell.opened.length;
    expect(await ok(h.core, 'odoo:signIn', { profileId: p.id, password: user('demo').password })).toMatchObject({ status: 'ok' });
    await expect.poll(() => h.shell.opened.length, { timeout: 20_000 }).toBe(opened + 1);
    const sid = h.shell.opened.at(-1)!.cookies.find((c) => c.name === 'session_id')!.value;
    const web = await rawRequest('GET', '/web', { headers: { cookie: `session_id=${sid}` } });
    expect(web.status).toBe(200);
    expect(web.text).toContain('odoo.__session_info__');
    expect((await keysInOdoo('demo')).filter((n) => n.startsWith('Odoo Companion'))).toEqual([named]); // reused, not made again

    // Forget with the password: the key is removed in Odoo; a login with it fails.
    expect((await fails(h.core, 'profiles:forget', { id: p.id, password: 'not the password' })).code).toBe('auth_failed');
    expect(await ok(h.core, 'profiles:forget', { id: p.id, password: user('demo').password })).toEqual({ done: true, revoked: true });
    expect(await keysInOdoo('demo')).not.toContain(named);
    expect(await keyLogin('demo', key)).toBe(false);
  });

  it('a two-factor user: the code once, then a key; the password is dropped', async () => {
    const p = await save('totp');
    expect(await keysInOdoo('totp')).toHaveLength(1); // only the tier's own key so far
    expect(await ok(h.core, 'odoo:login', { profileId: p.id })).toEqual({ status: 'totp_required' });
    await ok(h.core, 'odoo:submitTotp', { profileId: p.id, code: totpCode('totp'), trustDevice: true });
    const named = (await profile(p.id)).deviceKey!.name;
    expect(await keysInOdoo('totp')).toContain(named);
    expect(await kinds(p.id)).toEqual(['device-key', 'session', 'totp-device']);
    expect(`${await h.rawKeychain()}\n${h.dataFiles()}`).not.toContain(user('totp').password);
    // Odoo ends the session: search goes on through the key, no code, no password.
    await killSessions('totp');
    clock.jumpWall(5 * 60_000);
    expect((await ok<unknown[]>(h.core, 'odoo:search', { profileId: p.id, query: 'Companion Seed' })).length).toBeGreaterThan(0);
  });

  it('a portal user: Odoo refuses a key; the profile says why and works with the session alone', async () => {
    const p = await save('portal');
    const listed = await profile(p.id);
    expect(listed.deviceKey ?? null).toBeNull();
    expect(listed.deviceKeyRefused).toBeTruthy();
    expect(await kinds(p.id)).toEqual(['session']);
    expect(await ok(h.core, 'odoo:identity', { profileId: p.id })).toMatchObject({ uid: user('portal').uid });
  });
});
