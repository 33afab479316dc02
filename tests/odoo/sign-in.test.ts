// Every sign-in method, error class and session event of the product, against a real
// Odoo 17 with the real odoo_jwt module, through the core's IPC dispatcher — the way the
// renderer and the shell use it. Requests per action are counted at the server's door
// (the tier's TLS front).
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Profile } from '../../contract/index.js';
import { FakeClock } from '../support/fakes.js';
import { fails, ok, startCore, type CoreHarness } from '../support/core-harness.js';
import {
  countedAtServer,
  deleteRecord,
  frontAnswered,
  frontRequests,
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

const PASSPHRASE = 'correct horse battery staple';

describeRealOdoo('sign-in on real Odoo 17 with odoo_jwt', (odoo) => {
  let h: CoreHarness;
  let pins: [string, string];
  const clock = new FakeClock(Date.now());

  beforeAll(async () => {
    h = await startCore({ keychain: 'os', network: trustFront(), clock });
    await ok(h.core, 'vault:create', { passphrase: PASSPHRASE, enablePresence: false });
    pins = frontPins();
  });
  afterAll(async () => {
    await h?.close();
  });

  function draft(authMethod: 'account' | 'api-key' | 'password' | 'jwt', login: RealOdooLogin, transport: 'auto' | 'jsonrpc' | 'xmlrpc' = 'auto') {
    return {
      label: `${authMethod} ${login} ${transport}`,
      url: odoo.origin,
      database: odoo.database,
      login: user(login).login,
      authMethod,
      transport,
      pins,
      trustSelfSigned: false,
    };
  }
  const save = (d: ReturnType<typeof draft>, secret: string) => ok<Profile>(h.core, 'profiles:save', { ...d, secret });
  const search = (profileId: string, query = 'Companion Seed') =>
    ok<{ model: string; hits: { id: number; name: string }[] }[]>(h.core, 'odoo:search', { profileId, query });
  const relock = async () => {
    await ok(h.core, 'vault:lock', {});
    await ok(h.core, 'vault:unlock', { method: 'passphrase', passphrase: PASSPHRASE });
  };
  /** The session cookie the shell was last asked to put in an Odoo window. */
  const lastWindowSession = (): string => h.shell.opened.at(-1)!.cookies.find((c) => c.name === 'session_id')!.value;
  const sessionAlive = async (sid: string): Promise<boolean> => {
    const r = await jsonRpc('/web/session/get_session_info', {}, { cookie: `session_id=${sid}` });
    return typeof (r.json as { result?: { uid?: unknown } }).result?.uid === 'number';
  };
  const storedRefresh = (login: RealOdooLogin) =>
    odooShell<{ token: string; revoked: boolean } | null>(
      `t = env['jwt.refresh_token'].sudo().search([('user_id', '=', ${user(login).uid})], limit=1)\nemit({'token': t.stored_token, 'revoked': bool(t.is_revoked)} if t else None)`,
    );

  it('JWT: test connection, save, search, activities and an Odoo window, all through the session odoo_jwt opens', async () => {
    const demo = user('demo');
    expect(await ok(h.core, 'profiles:testConnection', { ...draft('jwt', 'demo'), secret: demo.password })).toMatchObject({
      status: 'ok',
      identity: { uid: demo.uid, name: demo.name },
    });
    const p = await save(draft('jwt', 'demo'), demo.password);
    const groups = await search(p.id);
    expect(groups.find((g) => g.model === 'res.partner')?.hits.map((x) => x.name)).toContain(odoo.partners[0]!.name);
    const acts = await ok<{ overdue: { summary: string }[]; upcoming: { summary: string }[] }>(h.core, 'odoo:activities', { profileId: p.id });
    expect([...acts.overdue, ...acts.upcoming].map((a) => a.summary).join('\n')).toMatch(/for demo/);
    expect(await ok(h.core, 'odoo:open', { profileId: p.id })).toEqual({ status: 'opened' });
    const web = await rawRequest('GET', '/web', { headers: { cookie: `session_id=${lastWindowSession()}` } });
    expect(web.status).toBe(200);
    expect(web.text).toContain('odoo.__session_info__');
  });

  it('JWT: a wrong password is auth_failed (the module answers HTTP 200 with result.error)', async () => {
    const e = await fails(h.core, 'profiles:testConnection', { ...draft('jwt', 'demo'), secret: 'not the password' });
    expect(e.code).toBe('auth_failed');
  });

  it('JWT: the refresh token is rotated with the access token the module requires, and sign-out revokes it in Odoo', async () => {
    const p = await save(draft('jwt', 'admin'), user('admin').password);
    await ok(h.core, 'odoo:login', { profileId: p.id });
    const first = await storedRefresh('admin');
    expect(first?.revoked).toBe(false);
    clock.jumpWall(50 * 60_000); // past the 2700 s rotation period, as the client counts
    await ok(h.core, 'odoo:open', { profileId: p.id }); // the session check keeps the tokens fresh
    const rotated = await storedRefresh('admin');
    expect(rotated?.token).not.toBe(first?.token);
    const sid = lastWindowSession();
    await ok(h.core, 'odoo:logout', { profileId: p.id });
    expect((await storedRefresh('admin'))?.revoked).toBe(true); // no longer mints access tokens
    expect(await sessionAlive(sid)).toBe(false); // and the web session is ended
  });

  it('JWT: locking ends the web session in Odoo; after unlock one /api/authenticate serves five parallel searches', async () => {
    const p = await save(draft('jwt', 'demo'), user('demo').password);
    await ok(h.core, 'odoo:open', { profileId: p.id });
    const sid = lastWindowSession();
    expect(await sessionAlive(sid)).toBe(true);
    const destroys = (lines: string[]) => lines.filter((x) => x === 'POST /web/session/destroy').length;
    const before = destroys(await frontRequests());
    await ok(h.core, 'vault:lock', {});
    // Asked only once Odoo has answered every sign-out the lock sent (one per JWT profile in
    // use): a request on the same session that overlaps one would have Odoo write the
    // session back when it finishes.
    await expect
      .poll(async () => {
        const [sent, answered] = [destroys(await frontRequests()), destroys(await frontAnswered())];
        return sent > before && answered === sent;
      }, { timeout: 20_000 })
      .toBe(true);
    expect(await sessionAlive(sid)).toBe(false);
    await ok(h.core, 'vault:unlock', { method: 'passphrase', passphrase: PASSPHRASE });
    const paths = await countedAtServer(() => search(p.id));
    expect(paths.filter((x) => x === '/api/authenticate')).toHaveLength(1);
    expect(paths.filter((x) => x.startsWith('/web/dataset/call_kw'))).toHaveLength(5);
    expect(paths.length).toBeLessThanOrEqual(7);
  });

  it('JWT: a two-factor user gets tokens for the password alone; the product says so, and Odoo still asks the code', async () => {
    const p = await save(draft('jwt', 'totp'), user('totp').password);
    expect(await ok(h.core, 'odoo:login', { profileId: p.id })).toEqual({ status: 'totp_required' });
    const done = await ok(h.core, 'odoo:submitTotp', { profileId: p.id, code: totpCode('totp'), trustDevice: false });
    expect(done).toMatchObject({ status: 'ok', identity: { uid: user('totp').uid } });
    const listed = (await ok<Profile[]>(h.core, 'profiles:list', {})).find((x) => x.id === p.id)!;
    expect(listed.jwtSkipsTwoFactor).toBe(true);
    expect((await search(p.id)).length).toBeGreaterThan(0);
  });

  it('password: one quick search on an expired session signs in once, not once per model', async () => {
    const p = await save(draft('password', 'demo'), user('demo').password);
    await ok(h.core, 'odoo:login', { profileId: p.id });
    expect(await killSessions('demo')).toBeGreaterThan(0);
    clock.jumpWall(5 * 60_000);
    const paths = await countedAtServer(() => search(p.id));
    expect(paths.filter((x) => x === '/web/session/authenticate')).toHaveLength(1);
    expect(paths.filter((x) => x.startsWith('/web/dataset/call_kw'))).toHaveLength(6); // one refused, five answered
    expect(paths.filter((x) => x === '/web/webclient/version_info').length).toBeLessThanOrEqual(1);
  });

  it('password: a live session costs five requests for a quick search', async () => {
    const p = await save(draft('password', 'admin'), user('admin').password);
    await ok(h.core, 'odoo:login', { profileId: p.id });
    await relock();
    const paths = await countedAtServer(() => search(p.id));
    expect(paths).toHaveLength(5);
  });

  it('password + TOTP with a trusted device: a re-login costs at most three requests and no code', async () => {
    const p = await save(draft('password', 'totp'), user('totp').password);
    expect(await ok(h.core, 'odoo:login', { profileId: p.id })).toEqual({ status: 'totp_required' });
    await ok(h.core, 'odoo:submitTotp', { profileId: p.id, code: totpCode('totp'), trustDevice: true });
    await killSessions('totp');
    clock.jumpWall(5 * 60_000);
    const paths = await countedAtServer(() => search(p.id));
    const login = paths.filter((x) => !x.startsWith('/web/dataset/call_kw'));
    expect(login.length).toBeLessThanOrEqual(3);
    expect(paths.filter((x) => x === '/web/session/authenticate')).toHaveLength(1);
  });

  it('API key: the first quick search after unlock costs at most six requests (version known, one key check)', async () => {
    const p = await save(draft('api-key', 'demo'), user('demo').apiKey);
    await search(p.id);
    await expect.poll(() => h.core.profiles.get(p.id)?.serverVersion, { timeout: 10_000 }).toBe(odoo.serie);
    await relock();
    const paths = await countedAtServer(() => search(p.id));
    expect(paths.length).toBeLessThanOrEqual(6);
    expect(paths.filter((x) => x === '/web/webclient/version_info')).toHaveLength(0);
  });

  it('a wrong database is unknown_database on every transport', async () => {
    const bad = { database: 'no_such_database' };
    for (const transport of ['jsonrpc', 'xmlrpc'] as const) {
      const e = await fails(h.core, 'profiles:testConnection', { ...draft('api-key', 'demo', transport), ...bad, secret: user('demo').apiKey });
      expect(e.code, transport).toBe('unknown_database');
    }
    for (const method of ['password', 'jwt', 'account'] as const) {
      const e = await fails(h.core, 'profiles:testConnection', { ...draft(method, 'demo'), ...bad, secret: user('demo').password });
      expect(e.code, method).toBe('unknown_database');
    }
  });

  it('read() of a deleted record answers [] on every route (the product reads [] as missing_record)', async () => {
    const admin = user('admin');
    const gone = await odooShell<number>("emit(env['res.partner'].create({'name': 'Companion Gone'}).id)");
    await deleteRecord('res.partner', gone!);
    const viaJsonRpc = await jsonRpc('/jsonrpc', {
      service: 'object',
      method: 'execute_kw',
      args: [odoo.database, admin.uid, admin.apiKey, 'res.partner', 'read', [[gone]], { fields: ['name'] }],
    });
    expect((viaJsonRpc.json as { result: unknown }).result).toEqual([]);
    const cookie = `session_id=${(await jsonRpc('/web/session/authenticate', { db: odoo.database, login: admin.login, password: admin.password })).cookies.session_id!.split('=')[1]}`;
    const viaSession = await jsonRpc('/web/dataset/call_kw/res.partner/read', { model: 'res.partner', method: 'read', args: [[gone]], kwargs: { fields: ['name'] } }, { cookie });
    expect((viaSession.json as { result: unknown }).result).toEqual([]);
    // write() of the same id is MissingError: the product's missing_record.
    const p = await save(draft('api-key', 'admin', 'xmlrpc'), admin.apiKey);
    expect((await ok<Profile[]>(h.core, 'profiles:list', {})).some((x) => x.id === p.id)).toBe(true);
    const viaWrite = await jsonRpc('/web/dataset/call_kw/res.partner/write', { model: 'res.partner', method: 'write', args: [[gone], { name: 'x' }], kwargs: {} }, { cookie });
    expect((viaWrite.json as { error: { data: { name: string } } }).error.data.name).toBe('odoo.exceptions.MissingError');
  });
});
