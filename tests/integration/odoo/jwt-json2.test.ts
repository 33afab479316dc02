import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readJwtClaims } from '../../../main/core/odoo/jwt-tokens.js';
import { startOdooServer, type OdooTestServer } from '../../support/odoo-server/index.js';
import { fakeClock, makeClient, thrown } from './fixture.js';

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
  it('logs in, keeps the refresh token in the vault and the access token in memory', async () => {
    const demo = v17.user('demo');
    const { client, secrets, dispatchers } = makeClient(v17, { authMethod: 'jwt', clock, secretValues: { password: demo.password } });
    const r = await client.login();
    expect(r).toMatchObject({ status: 'ok', identity: { uid: 6, name: 'Marc Demo', serverVersion: '17.0' } });
    const refresh = secrets.values.get('jwt-refresh')!;
    expect(readJwtClaims(refresh)?.userId).toBe(6);
    // Only the refresh token is written to the vault.
    expect(secrets.writes.map((w) => w.kind)).toEqual(['jwt-refresh']);
    const last = v17.requests.at(-1)!;
    expect(last.path).toBe('/web/dataset/call_kw/res.users/read');
    expect(last.headers.authorization).toMatch(/^ey/); // raw token, no "Bearer "
    await dispatchers.closeAll();
  });

  it('refreshes the access token before its 60 s expiry: no request fails for it', async () => {
    const demo = v17.user('demo');
    const { client, dispatchers } = makeClient(v17, { authMethod: 'jwt', clock, secretValues: { password: demo.password } });
    await client.login();
    for (let i = 0; i < 6; i++) {
      clock.advance(25_000); // crosses the 60 s expiry twice
      expect(await client.searchCount('res.partner', [])).toBe(1000);
    }
    const paths = v17.requests.slice(-40).map((q) => q.path);
    expect(paths).toContain('/api/update/access-token');
    expect(v17.requests.slice(-40).some((q) => q.path.startsWith('/web/dataset/call_kw') && q.headers.authorization === undefined)).toBe(false);
    await dispatchers.closeAll();
  });

  it('after a restart, gets a new access token from the stored refresh token (no password needed)', async () => {
    const demo = v17.user('demo');
    const first = makeClient(v17, { authMethod: 'jwt', clock, secretValues: { password: demo.password } });
    await first.client.login();
    const refresh = first.secrets.values.get('jwt-refresh')!;
    const second = makeClient(v17, { authMethod: 'jwt', clock, secretValues: { 'jwt-refresh': refresh }, dispatchers: first.dispatchers });
    expect(await second.client.searchCount('res.partner', [['is_company', '=', true]])).toBeGreaterThan(0);
    expect(await second.client.checkSession()).toBe(true);
    await first.dispatchers.closeAll();
  });

  it('rotates the refresh token when it nears its end', async () => {
    const demo = v17.user('demo');
    const { client, secrets, dispatchers } = makeClient(v17, { authMethod: 'jwt', clock, secretValues: { password: demo.password } });
    await client.login();
    const before = secrets.values.get('jwt-refresh');
    clock.advance(2_800_000); // past the 2700 s rotation period
    expect(await client.searchCount('res.partner', [])).toBe(1000);
    const after = secrets.values.get('jwt-refresh');
    expect(after).not.toBe(before);
    expect(v17.requests.some((q) => q.path === '/api/update/refresh-token')).toBe(true);
    await dispatchers.closeAll();
  });

  it('a refresh token replaced by another login is signed_in_elsewhere', async () => {
    const demo = v17.user('demo');
    const { client, secrets, dispatchers } = makeClient(v17, { authMethod: 'jwt', clock, secretValues: { password: demo.password } });
    await client.login();
    v17.jwtLoginElsewhere('demo');
    clock.advance(61_000);
    expect(await thrown(() => client.searchCount('res.partner', []))).toMatchObject({ code: 'signed_in_elsewhere' });
    expect(secrets.values.has('jwt-refresh')).toBe(false);
    await dispatchers.closeAll();
  });

  it('revokes on logout and drops the access token', async () => {
    const demo = v17.user('demo');
    const { client, secrets, dispatchers } = makeClient(v17, { authMethod: 'jwt', clock, secretValues: { password: demo.password } });
    await client.login();
    const refresh = secrets.values.get('jwt-refresh')!;
    await client.logout();
    expect(v17.requests.at(-1)?.path).toBe('/api/revoke/token');
    expect(secrets.values.has('jwt-refresh')).toBe(false);
    // The revoked refresh token no longer works.
    const again = makeClient(v17, { authMethod: 'jwt', clock, secretValues: { 'jwt-refresh': refresh }, dispatchers });
    expect(await again.client.checkSession()).toBe(false);
    await dispatchers.closeAll();
  });

  it('a wrong password is auth_failed', async () => {
    const { client, dispatchers } = makeClient(v17, { authMethod: 'jwt', clock, secretValues: { password: 'wrong' } });
    expect(await thrown(() => client.login())).toMatchObject({ code: 'auth_failed' });
    await dispatchers.closeAll();
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
    expect(await thrown(() => client.read('res.partner', [999999], ['name']))).toMatchObject({ code: 'missing_record' });
    expect(await thrown(() => client.searchCount('ir.config_parameter', []))).toMatchObject({ code: 'access_denied' });
    expect(await thrown(() => client.call('res.partner', 'no_such_method', [], {}))).toMatchObject({ code: 'user_error', details: { status: 404 } });
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
    expect(await thrown(() => client.read('res.partner', [999999], ['name']))).toMatchObject({ code: 'missing_record' });
    await dispatchers.closeAll();
  });
});
