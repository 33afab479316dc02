import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readJwtClaims } from '../../../main/core/odoo/jwt-tokens.js';
import { startOdooServer, type OdooTestServer } from '../../support/odoo-server/index.js';
import { request } from 'undici';
import { fakeClock, makeClient, thrown, type ClientKit } from './fixture.js';

const clock = fakeClock();
let v17: OdooTestServer;
let v19: OdooTestServer;

beforeAll(async () => {
  [v17, v19] = await Promise.all([
    startOdooServer({ version: 17, clock, partners: 1000 }),
    startOdooServer({ version: 19, clock, partners: 1000 }),
  ]);
});
afterAll(async () => {
  await Promise.all([v17.stop(), v19.stop()]);
});

describe('odoo_jwt', () => {
  /** A request straight to the test server, as another client would send it. */
  async function raw(kit: ClientKit, path: string, body: unknown, headers: Record<string, string> = {}): Promise<Record<string, unknown>> {
    const res = await request(`${v17.origin}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'user-agent': 'test', ...headers },
      body: JSON.stringify(body),
      dispatcher: kit.dispatchers.get(v17.origin),
    });
    return (await res.body.json()) as Record<string, unknown>;
  }
  const lastCallKw = () => [...v17.requests].reverse().find((q) => q.path.startsWith('/web/dataset/call_kw'))!;

  it('signs in through /api/authenticate; Odoo data goes through the web session it opened, never the token', async () => {
    const demo = v17.user('demo');
    const kit = makeClient(v17, { authMethod: 'jwt', clock, secretValues: { password: demo.password } });
    const r = await kit.client.login();
    expect(r).toMatchObject({ status: 'ok', identity: { uid: 6, name: 'Marc Demo', serverVersion: '17.0' } });
    expect(readJwtClaims(kit.secrets.values.get('jwt-refresh')!)?.userId).toBe(6);
    expect(await kit.client.searchCount('res.partner', [])).toBe(1000);
    const call = lastCallKw();
    expect(call.headers.cookie).toMatch(/session_id=[0-9a-f]{40}/);
    expect(call.headers.authorization).toBeUndefined();
    // Only the refresh token is written to the vault: the web session lives in memory.
    expect(kit.secrets.writes.map((w) => w.kind)).toEqual(['jwt-refresh']);
    const web = await kit.client.webSession();
    expect(call.headers.cookie).toContain(web.sessionId);
    expect(kit.client.jwtSkipsTotp).toBe(false);
    await kit.dispatchers.closeAll();
  });

  it('a wrong database is unknown_database, though the module signs in to the server\'s only one', async () => {
    const kit = makeClient(v17, { authMethod: 'jwt', clock, database: 'nodb', secretValues: { password: v17.user('demo').password } });
    expect(await thrown(() => kit.client.login())).toMatchObject({ code: 'unknown_database' });
    await kit.dispatchers.closeAll();
  });

  it('a refused login is the module\'s result.error (HTTP 200), read as auth_failed', async () => {
    const kit = makeClient(v17, { authMethod: 'jwt', clock, secretValues: { password: 'wrong' } });
    expect(await thrown(() => kit.client.login())).toMatchObject({ code: 'auth_failed', details: { odooMessage: 'Invalid login or password' } });
    await kit.dispatchers.closeAll();
  });

  it('keeps the tokens fresh and rotates the refresh token with the access token the module requires', async () => {
    const demo = v17.user('demo');
    const kit = makeClient(v17, { authMethod: 'jwt', clock, secretValues: { password: demo.password } });
    await kit.client.login();
    const before = kit.secrets.values.get('jwt-refresh');
    clock.advance(61_000);
    expect(await kit.client.checkSession()).toBe(true);
    expect(v17.requests.at(-1)?.path).toBe('/api/update/access-token');
    clock.advance(2_800_000); // past the 2700 s rotation period
    v17.expireSessions();
    expect(await kit.client.searchCount('res.partner', [])).toBe(1000); // a fresh sign-in, transparently
    clock.advance(2_800_000);
    expect(await kit.client.checkSession()).toBe(true);
    const rotation = v17.requests.at(-1)!;
    expect(rotation.path).toBe('/api/update/refresh-token');
    expect(rotation.headers.authorization).toMatch(/^ey/); // the raw access token, no "Bearer "
    expect(kit.secrets.values.get('jwt-refresh')).not.toBe(before);
    await kit.dispatchers.closeAll();
  });

  it('a refresh token replaced by another sign-in is signed_in_elsewhere', async () => {
    const demo = v17.user('demo');
    const kit = makeClient(v17, { authMethod: 'jwt', clock, secretValues: { password: demo.password } });
    await kit.client.login();
    v17.jwtLoginElsewhere('demo');
    clock.advance(61_000);
    expect(await thrown(() => kit.client.checkSession())).toMatchObject({ code: 'signed_in_elsewhere' });
    expect(kit.secrets.values.has('jwt-refresh')).toBe(false);
    await kit.dispatchers.closeAll();
  });

  it('sign-out revokes the refresh token in Odoo (with the access token) and ends the web session', async () => {
    const demo = v17.user('demo');
    const kit = makeClient(v17, { authMethod: 'jwt', clock, secretValues: { password: demo.password } });
    await kit.client.login();
    const refresh = kit.secrets.values.get('jwt-refresh')!;
    const { sessionId } = await kit.client.webSession();
    clock.advance(61_000); // the access token in memory has expired: a new one first
    await kit.client.logout();
    const revoke = v17.requests.at(-1)!;
    expect(revoke.path).toBe('/api/revoke/token');
    expect(revoke.headers.authorization).toMatch(/^ey/);
    expect(kit.secrets.values.has('jwt-refresh')).toBe(false);
    // The refresh token no longer mints access tokens on the server.
    const mint = await raw(kit, '/api/update/access-token', { user_id: 6 }, { refreshToken: refresh });
    expect(mint.error).toMatchObject({ data: { name: 'odoo.exceptions.AccessDenied', message: 'Token has been revoked => User Logged out, Please Log in again' } });
    // Nor does the web session open Odoo.
    const info = await raw(kit, '/web/session/get_session_info', { jsonrpc: '2.0', method: 'call', params: {}, id: 1 }, { cookie: `session_id=${sessionId}` });
    expect(info.error).toMatchObject({ data: { name: 'odoo.http.SessionExpiredException' } });
    await kit.dispatchers.closeAll();
  });

  it('on lock, the web session kept in memory is ended in Odoo; the refresh token stays in the vault', async () => {
    const demo = v17.user('demo');
    const kit = makeClient(v17, { authMethod: 'jwt', clock, secretValues: { password: demo.password } });
    await kit.client.login();
    const { sessionId } = await kit.client.webSession();
    await kit.client.endVolatileSession();
    expect(v17.requests.at(-1)?.path).toBe('/web/session/destroy');
    const info = await raw(kit, '/web/session/get_session_info', { jsonrpc: '2.0', method: 'call', params: {}, id: 1 }, { cookie: `session_id=${sessionId}` });
    expect(info.error).toMatchObject({ data: { name: 'odoo.http.SessionExpiredException' } });
    expect(kit.secrets.values.has('jwt-refresh')).toBe(true);
    await kit.dispatchers.closeAll();
  });

  it('a two-factor user gets tokens for the password alone (noted), but Odoo\'s session still asks the code', async () => {
    const t = v17.user('totp');
    const kit = makeClient(v17, { authMethod: 'jwt', login: 'totp', clock, secretValues: { password: t.password } });
    expect(await kit.client.login()).toEqual({ status: 'totp_required' });
    expect(kit.client.jwtSkipsTotp).toBe(true);
    expect(kit.secrets.values.has('jwt-refresh')).toBe(true);
    const done = await kit.client.submitTotp(v17.totpCode('totp'), true);
    expect(done).toMatchObject({ status: 'ok', identity: { login: 'totp' } });
    expect(await kit.client.searchCount('res.partner', [])).toBe(1000);
    await kit.dispatchers.closeAll();
  });
});

describe('JSON-2 on 19', () => {
  it('auto picks JSON-2 with a bearer key and the database header', async () => {
    const demo = v19.user('demo');
    const { client, dispatchers } = makeClient(v19, { authMethod: 'api-key', transport: 'auto', secretValues: { 'api-key': demo.apiKey } });
    expect(await client.login()).toMatchObject({ status: 'ok', identity: { uid: 6, serverVersion: '19.0', company: 'YourCompany' } });
    const rows = await client.searchRead('res.partner', [['id', '=', 14]], ['name']);
    expect(rows).toEqual([{ id: 14, name: 'Azure Interior' }]);
    const last = v19.requests.at(-1)!;
    expect(last.path).toBe('/json/2/res.partner/search_read');
    expect(last.headers.authorization).toBe(`bearer ${demo.apiKey}`);
    expect(last.headers['x-odoo-database']).toBe('companion');
    expect(await client.nameSearch('res.partner', 'Wood Corner', { limit: 1 })).toEqual([[9, 'Wood Corner']]);
    expect(await client.searchCount('res.partner', [])).toBe(1000);
    expect(await client.read('res.partner', [999999], ['name'])).toEqual([]);
    expect(await thrown(() => client.call('res.partner', 'write', [], { ids: [999999], vals: { name: 'x' } }))).toMatchObject({ code: 'missing_record' });
    expect(await thrown(() => client.searchCount('ir.config_parameter', []))).toMatchObject({ code: 'access_denied' });
    expect(await thrown(() => client.call('res.partner', 'no_such_method', [], {}))).toMatchObject({ code: 'user_error', details: { status: 404 } });
    await dispatchers.closeAll();
  });

  it('a wrong database is unknown_database (Odoo 19 answers 404 with an HTML page)', async () => {
    const demo = v19.user('demo');
    const { client, dispatchers } = makeClient(v19, { authMethod: 'api-key', transport: 'json2', database: 'nodb', secretValues: { 'api-key': demo.apiKey } });
    expect(await thrown(() => client.login())).toMatchObject({ code: 'unknown_database' });
    await dispatchers.closeAll();
  });

  it('an invalid key is auth_failed (401)', async () => {
    const { client, dispatchers } = makeClient(v19, { authMethod: 'api-key', transport: 'json2', secretValues: { 'api-key': 'nope' } });
    expect(await thrown(() => client.login())).toMatchObject({ code: 'auth_failed', details: { status: 401 } });
    await dispatchers.closeAll();
  });

  it('the profile can still force JSON-RPC on 19', async () => {
    const demo = v19.user('demo');
    const { client, dispatchers } = makeClient(v19, { authMethod: 'api-key', transport: 'jsonrpc', secretValues: { 'api-key': demo.apiKey } });
    expect(await client.searchCount('res.partner', [])).toBe(1000);
    expect(v19.requests.at(-1)?.path).toBe('/jsonrpc');
    await dispatchers.closeAll();
  });

  it('password sessions work on 19 too (never by error code: 19 sends code 0)', async () => {
    const demo = v19.user('demo');
    const { client, dispatchers } = makeClient(v19, { secretValues: { password: demo.password } });
    await client.login();
    expect(await client.read('res.partner', [999999], ['name'])).toEqual([]);
    expect(await thrown(() => client.call('res.partner', 'unlink', [[999999]]))).toMatchObject({ code: 'missing_record' });
    await dispatchers.closeAll();
  });
});
