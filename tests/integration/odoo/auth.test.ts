import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../../main/core/errors.js';
import { BROWSER_UA } from '../../../main/core/odoo/index.js';
import { startOdooServer, type OdooTestServer } from '../../support/odoo-server/index.js';
import { fakeClock, makeClient, thrown } from './fixture.js';

let server: OdooTestServer;
const clock = fakeClock();

beforeAll(async () => {
  server = await startOdooServer({ version: 17, clock, partners: 2000 });
});
afterAll(async () => {
  await server.stop();
});

describe('password → web session', () => {
  it('logs in, stores the session id, and calls with it', async () => {
    const demo = server.user('demo');
    const { client, secrets, dispatchers } = makeClient(server, { secretValues: { password: demo.password } });
    const r = await client.login();
    expect(r).toEqual({
      status: 'ok',
      identity: {
        uid: 6,
        name: 'Marc Demo',
        login: 'demo',
        database: 'companion',
        company: 'YourCompany',
        lang: 'en_US',
        tz: 'Europe/Brussels',
        serverVersion: '17.0',
      },
    });
    const sid = secrets.values.get('session');
    expect(sid).toMatch(/^[0-9a-f]{40}$/);
    const rows = await client.searchRead<{ id: number; name: string }>('res.partner', [['name', 'ilike', 'Deco Addict']], ['name'], { limit: 3 });
    expect(rows[0]).toEqual({ id: 10, name: 'Deco Addict' });
    expect(server.requests.at(-1)?.headers.cookie).toBe(`session_id=${sid}`);
    expect(await client.checkSession()).toBe(true);
    const web = await client.webSession();
    expect(web).toEqual({ origin: server.origin, sessionId: sid, tdId: null });
    await client.logout();
    expect(secrets.values.has('session')).toBe(false);
    await dispatchers.closeAll();
  });

  it('reuses a stored session without logging in again', async () => {
    const demo = server.user('demo');
    const first = makeClient(server, { secretValues: { password: demo.password } });
    await first.client.login();
    const sid = first.secrets.values.get('session')!;
    const second = makeClient(server, { secretValues: { session: sid }, dispatchers: first.dispatchers });
    const before = server.requests.length;
    expect(await second.client.searchCount('res.partner', [['is_company', '=', true]])).toBeGreaterThan(0);
    expect(server.requests.slice(before).map((r) => r.path)).toEqual(['/web/dataset/call_kw/res.partner/search_count']);
    expect((await second.client.webSession()).sessionId).toBe(sid);
    await first.dispatchers.closeAll();
  });

  it('re-authenticates once, transparently, when the session expired', async () => {
    const demo = server.user('demo');
    const { client, secrets, dispatchers } = makeClient(server, { secretValues: { password: demo.password } });
    await client.login();
    const old = secrets.values.get('session');
    server.expireSessions();
    expect(await client.checkSession()).toBe(false);
    expect(await client.searchCount('res.partner', [])).toBe(2000);
    expect(secrets.values.get('session')).not.toBe(old);
    await dispatchers.closeAll();
  });

  it('never loops: without the password an expired session is session_expired', async () => {
    const { client, dispatchers } = makeClient(server, { secretValues: { session: 'f'.repeat(40) } });
    const e = await thrown(() => client.searchCount('res.partner', []));
    expect(e).toBeInstanceOf(AppError);
    expect((e as AppError).code).toBe('session_expired');
    const { client: c2 } = makeClient(server, { secretValues: { session: 'f'.repeat(40), password: 'wrong' }, dispatchers });
    const before = server.requests.length;
    expect(await thrown(() => c2.searchCount('res.partner', []))).toMatchObject({ code: 'auth_failed' });
    // one call, one authenticate, no retry loop
    expect(server.requests.length - before).toBe(2);
    await dispatchers.closeAll();
  });

  it('says auth_failed for a wrong password, and unknown_database for a wrong database on every transport', async () => {
    const { client, dispatchers } = makeClient(server, { secretValues: { password: 'nope' } });
    expect(await thrown(() => client.login())).toMatchObject({ code: 'auth_failed', details: { odooError: 'odoo.exceptions.AccessDenied' } });
    const demo = server.user('demo');
    const { client: c2 } = makeClient(server, { database: 'nodb', secretValues: { password: demo.password }, dispatchers });
    expect(await thrown(() => c2.login())).toMatchObject({ code: 'unknown_database' });
    // Real Odoo 17: psycopg2.OperationalError on /jsonrpc, fault 1 on XML-RPC — one typed error.
    for (const transport of ['jsonrpc', 'xmlrpc'] as const) {
      const { client: c3 } = makeClient(server, { database: 'nodb', authMethod: 'api-key', transport, secretValues: { 'api-key': demo.apiKey }, dispatchers });
      expect(await thrown(() => c3.login()), transport).toMatchObject({ code: 'unknown_database' });
    }
    await dispatchers.closeAll();
  });

  it('refuses an API key on the web session (API keys never open one)', async () => {
    const demo = server.user('demo');
    const { client, dispatchers } = makeClient(server, { secretValues: { password: demo.apiKey } });
    expect(await thrown(() => client.login())).toMatchObject({ code: 'auth_failed' });
    await dispatchers.closeAll();
  });

  it('a kept session Odoo ended, with no password left, is session_expired (sign in again), not a missing credential', async () => {
    const first = makeClient(server, { secretValues: { password: server.user('demo').password } });
    await first.client.login();
    first.secrets.values.delete('password');
    server.expireSessions();
    // A client built afterwards (after an unlock) knows nothing but what the vault keeps.
    const later = makeClient(server, { secrets: first.secrets, dispatchers: first.dispatchers });
    expect(await thrown(() => later.client.identity())).toMatchObject({ code: 'session_expired' });
    await first.dispatchers.closeAll();
  });

  it('an “Odoo account” whose session Odoo ended, with no key and no password, asks for the password — in calls and identity alike', async () => {
    const first = makeClient(server, { authMethod: 'account', secretValues: {} });
    await first.client.signIn(server.user('demo').password);
    first.secrets.values.delete('device-key'); // as when Odoo refused one (a portal user)
    server.expireSessions();
    const later = makeClient(server, { authMethod: 'account', secrets: first.secrets, dispatchers: first.dispatchers });
    expect(await thrown(() => later.client.searchCount('res.partner', []))).toMatchObject({ code: 'password_required' });
    const again = makeClient(server, { authMethod: 'account', secrets: first.secrets, dispatchers: first.dispatchers });
    server.expireSessions();
    expect(await thrown(() => again.client.identity())).toMatchObject({ code: 'password_required' });
    await first.dispatchers.closeAll();
  });

  it('answers locked when the vault is locked', async () => {
    const { client, secrets, dispatchers } = makeClient(server, { secretValues: { password: server.user('demo').password } });
    secrets.locked = true;
    expect(await thrown(() => client.login())).toMatchObject({ code: 'locked' });
    expect(await thrown(() => client.searchCount('res.partner', []))).toMatchObject({ code: 'locked' });
    await dispatchers.closeAll();
  });
});

describe('two-factor (TOTP)', () => {
  it('asks for the code, then finishes the login with it', async () => {
    const u = server.user('totp');
    const { client, secrets, dispatchers } = makeClient(server, { login: 'totp', secretValues: { password: u.password } });
    expect(await client.login()).toEqual({ status: 'totp_required' });
    expect(secrets.values.has('session')).toBe(false); // half-authenticated sessions are not stored
    expect(await thrown(() => client.submitTotp('000000', false))).toMatchObject({ code: 'totp_invalid' });
    const r = await client.submitTotp(server.totpCode('totp'), false);
    expect(r).toMatchObject({ status: 'ok', identity: { uid: 7, login: 'totp', lang: 'fr_BE' } });
    expect(secrets.values.get('session')).toMatch(/^[0-9a-f]{40}$/);
    expect(secrets.values.has('totp-device')).toBe(false);
    const totpRequests = server.requests.filter((q) => q.path === '/web/login/totp');
    expect(totpRequests.every((q) => q.headers['user-agent'] === BROWSER_UA)).toBe(true);
    expect(await client.searchCount('res.partner', [])).toBe(2000);
    await dispatchers.closeAll();
  });

  it('trusts the device: td_id is stored and skips the code next time', async () => {
    const u = server.user('totp');
    const { client, secrets, dispatchers } = makeClient(server, { login: 'totp', secretValues: { password: u.password } });
    expect(await client.login()).toEqual({ status: 'totp_required' });
    await client.submitTotp(server.totpCode('totp'), true);
    const td = secrets.values.get('totp-device');
    expect(td).toMatch(/^[0-9a-f]{40}$/);
    expect((await client.webSession()).tdId).toBe(td);

    // A new client (app restart) with the same vault: no code asked.
    secrets.values.delete('session');
    const next = makeClient(server, { login: 'totp', secrets, dispatchers });
    const r = await next.client.login();
    expect(r).toMatchObject({ status: 'ok', identity: { uid: 7 } });
    await dispatchers.closeAll();
  });

  it('drops a td_id the server no longer trusts and asks for the code', async () => {
    const u = server.user('totp');
    const { client, secrets, dispatchers } = makeClient(server, {
      login: 'totp',
      secretValues: { password: u.password, 'totp-device': 'a'.repeat(40) },
    });
    expect(await client.login()).toEqual({ status: 'totp_required' });
    expect(secrets.values.has('totp-device')).toBe(false);
    expect(await client.submitTotp(server.totpCode('totp'), false)).toMatchObject({ status: 'ok' });
    await dispatchers.closeAll();
  });

  it('an expired session of a TOTP user without trusted device needs the code again', async () => {
    const u = server.user('totp');
    const { client, dispatchers } = makeClient(server, { login: 'totp', secretValues: { password: u.password } });
    await client.login();
    await client.submitTotp(server.totpCode('totp'), false);
    server.expireSessions();
    expect(await thrown(() => client.searchCount('res.partner', []))).toMatchObject({ code: 'totp_required' });
    expect(await client.submitTotp(server.totpCode('totp'), false)).toMatchObject({ status: 'ok' });
    await dispatchers.closeAll();
  });

  it('submitTotp without a pending login is session_expired', async () => {
    const { client, dispatchers } = makeClient(server, { login: 'totp', secretValues: {} });
    expect(await thrown(() => client.submitTotp('123456', false))).toMatchObject({ code: 'session_expired' });
    await dispatchers.closeAll();
  });

  it('password RPC is refused for a TOTP user; the API key works', async () => {
    const u = server.user('totp');
    const pw = makeClient(server, { login: 'totp', authMethod: 'api-key', transport: 'jsonrpc', secretValues: { 'api-key': u.password } });
    expect(await thrown(() => pw.client.login())).toMatchObject({ code: 'auth_failed' });
    const key = makeClient(server, { login: 'totp', authMethod: 'api-key', transport: 'jsonrpc', secretValues: { 'api-key': u.apiKey }, dispatchers: pw.dispatchers });
    expect(await key.client.login()).toMatchObject({ status: 'ok', identity: { uid: 7, name: 'Tina Twofactor' } });
    await pw.dispatchers.closeAll();
  });
});

describe('API key transports', () => {
  for (const transport of ['jsonrpc', 'xmlrpc'] as const) {
    it(`${transport}: login, identity, helpers and typed errors`, async () => {
      const demo = server.user('demo');
      const { client, dispatchers } = makeClient(server, { authMethod: 'api-key', transport, secretValues: { 'api-key': demo.apiKey } });
      const r = await client.login();
      expect(r).toEqual({
        status: 'ok',
        identity: { uid: 6, name: 'Marc Demo', login: 'demo', database: 'companion', company: 'YourCompany', lang: 'en_US', tz: 'Europe/Brussels', serverVersion: '17.0' },
      });
      expect(await client.searchRead('res.partner', [['id', 'in', [10, 14]]], ['name'])).toEqual([
        { id: 14, name: 'Azure Interior' },
        { id: 10, name: 'Deco Addict' },
      ]);
      expect(await client.nameSearch('res.partner', 'Azure Interior', { limit: 1 })).toEqual([[14, 'Azure Interior']]);
      expect(await client.read('res.partner', [9], ['name', 'country_id'])).toEqual([{ id: 9, name: 'Wood Corner', country_id: [233, 'United States'] }]);
      const fields = await client.fieldsGet('res.partner', ['type', 'string']);
      expect(fields.name).toEqual({ type: 'char', string: 'Name' });
      expect(await client.read('res.partner', [999999], ['name'])).toEqual([]);
      expect(await thrown(() => client.call('res.partner', 'unlink', [[999999]]))).toMatchObject({ code: 'missing_record' });
      expect(await thrown(() => client.searchCount('ir.config_parameter', []))).toMatchObject({ code: 'access_denied' });
      expect(await thrown(() => client.searchCount('no.such.model', []))).toMatchObject({ code: 'user_error' });
      expect(await checkSession(client)).toBe(true);
      await dispatchers.closeAll();
    });
  }

  it('a bad or revoked key is auth_failed (false from authenticate is not an error)', async () => {
    const { client, dispatchers } = makeClient(server, { authMethod: 'api-key', transport: 'jsonrpc', secretValues: { 'api-key': 'bad-key' } });
    expect(await thrown(() => client.login())).toMatchObject({ code: 'auth_failed' });
    expect(await client.checkSession()).toBe(false);
    await dispatchers.closeAll();
  });

  it('missing credential is a clear auth_failed with the missing kind, not a crash', async () => {
    const { client, dispatchers } = makeClient(server, { authMethod: 'api-key', transport: 'xmlrpc', secretValues: {} });
    expect(await thrown(() => client.login())).toMatchObject({ code: 'auth_failed', details: { missing: 'api-key' } });
    await dispatchers.closeAll();
  });

  it('webSession refuses API-key profiles', async () => {
    const { client, dispatchers } = makeClient(server, { authMethod: 'api-key', secretValues: { 'api-key': 'x' } });
    expect(await thrown(() => client.webSession())).toMatchObject({ code: 'invalid_input' });
    await dispatchers.closeAll();
  });
});

async function checkSession(client: { checkSession(): Promise<boolean> }): Promise<boolean> {
  return client.checkSession();
}
