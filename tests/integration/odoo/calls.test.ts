// One model call through the client (calls.ts): a refused session is retried once and never
// in a loop, only an expired session signs in again, a call Odoo answered confirms the
// session, and the shorthands send what Odoo's methods take — seen through a recording
// proxy in front of the test server.
import { describe, expect, it } from 'vitest';
import { createTestDispatchers, type OdooTestServer } from '../../support/odoo-server/index.js';
import { fakeClock, makeClient, thrown, type ClientKit, useOdooServers } from './fixture.js';
import { rpcError, rpcResult, type OdooProxy, type ProxiedRequest } from './odoo-proxy.js';

const clock = fakeClock();
let server: OdooTestServer;
let proxy: OdooProxy;
const kits = useOdooServers({ clock }, (s) => {
  server = s.plain;
  proxy = s.proxy;
});
const V17 = { serverVersion: '17.0', series: '17.0', major: 17, minor: 0, saas: false };

type Extra = Parameters<typeof makeClient>[1];

function client(extra: Extra = {}): ClientKit {
  const kit = makeClient(server, {
    origin: proxy.origin,
    clock,
    secretValues: { password: server.user('demo').password },
    dispatchers: createTestDispatchers(),
    ...extra,
  });
  kits.push(kit);
  return kit;
}

const keyClient = (): ClientKit => client({ authMethod: 'api-key', transport: 'jsonrpc', serverVersion: V17, secretValues: { 'api-key': server.user('demo').apiKey } });
const count = (paths: string[], prefix: string): number => paths.filter((p) => p.startsWith(prefix)).length;
/** The model method's args and kwargs of the last `execute_kw`. */
function lastCall(): { args: unknown; kwargs: unknown } {
  const req = [...proxy.requests].reverse().find((r: ProxiedRequest) => r.path === '/jsonrpc' && (r.json?.params as { method?: string }).method === 'execute_kw')!;
  const a = (req.json!.params as { args: unknown[] }).args;
  return { args: a[5], kwargs: a[6] };
}
const refuseEverySession = (): void => {
  proxy.override = (req) => (req.path.startsWith('/web/dataset/call_kw') ? rpcError('odoo.http.SessionExpiredException', 'Session expired') : undefined);
};

describe('a refused session is retried once, never in a loop', () => {
  it('a kept session: refused, one sign-in, refused again — then the error', async () => {
    const first = client();
    await first.client.login();
    refuseEverySession();
    const from = proxy.requests.length;
    expect(await thrown(() => first.client.searchCount('res.partner', []))).toMatchObject({ code: 'session_expired' });
    const paths = proxy.pathsSince(from);
    expect(count(paths, '/web/session/authenticate')).toBe(1);
    expect(count(paths, '/web/dataset/call_kw')).toBe(2);
  });

  it('no kept session: one sign-in, and a refusal right after it is the error', async () => {
    const { client: c } = client();
    refuseEverySession();
    const from = proxy.requests.length;
    expect(await thrown(() => c.searchCount('res.partner', []))).toMatchObject({ code: 'session_expired' });
    expect(proxy.pathsSince(from)).toEqual(['/web/session/authenticate', '/web/dataset/call_kw/res.partner/search_count']);
  });

  it('any other error is the call’s own: no sign-in', async () => {
    const { client: c } = client();
    await c.login();
    const from = proxy.requests.length;
    expect(await thrown(() => c.searchCount('ir.config_parameter', []))).toMatchObject({ code: 'access_denied' });
    expect(proxy.pathsSince(from)).toEqual(['/web/dataset/call_kw/ir.config_parameter/search_count']);
  });

  it('a call Odoo answered confirms a session read from the vault: concurrent calls then go at once', async () => {
    const first = client();
    await first.client.login();
    const later = client({ secrets: first.secrets });
    expect(await later.client.searchCount('res.partner', [])).toBe(20);
    server.expireSessions();
    const from = proxy.requests.length;
    await Promise.all(Array.from({ length: 5 }, () => later.client.searchCount('res.partner', [])));
    const paths = proxy.pathsSince(from);
    expect(count(paths, '/web/session/authenticate')).toBe(1);
    expect(count(paths, '/web/dataset/call_kw')).toBe(10);
  });
});

describe('who is signed in, read with a key', () => {
  it('reads the identity fields of res.users, with the caller’s signal', async () => {
    const { client: c } = keyClient();
    expect(await c.checkSession()).toBe(true); // the uid is known, the identity is not
    const ac = new AbortController();
    ac.abort();
    expect(await thrown(() => c.identity({ signal: ac.signal }))).toMatchObject({ code: 'aborted' });
    expect(await c.identity()).toMatchObject({ uid: 6, name: 'Marc Demo', company: 'YourCompany' });
    expect(lastCall()).toEqual({ args: [[6]], kwargs: { fields: ['name', 'login', 'lang', 'tz', 'company_id'] } });
  });

  it('a user Odoo no longer has is missing_record', async () => {
    proxy.override = (req) => (req.path === '/jsonrpc' && (req.json?.params as { method?: string }).method === 'execute_kw' ? rpcResult([]) : undefined);
    expect(await thrown(() => keyClient().client.login())).toMatchObject({ code: 'missing_record', details: { model: 'res.users' } });
  });
});

describe('the shorthands send what Odoo’s methods take', () => {
  it('call, searchRead, searchCount, nameSearch, read, fieldsGet', async () => {
    const { client: c } = keyClient();
    const domain = [['is_company', '=', true]];
    await c.call('res.partner', 'search');
    expect(lastCall()).toEqual({ args: [], kwargs: {} });
    await c.searchRead('res.partner', domain, ['name']);
    expect(lastCall()).toEqual({ args: [domain], kwargs: { fields: ['name'] } });
    await c.searchRead('res.partner', domain, ['name'], { offset: 2, limit: 3, order: 'name desc', context: { lang: 'fr_BE' } });
    expect(lastCall()).toEqual({ args: [domain], kwargs: { fields: ['name'], offset: 2, limit: 3, order: 'name desc', context: { lang: 'fr_BE' } } });
    await c.searchCount('res.partner', domain);
    expect(lastCall()).toEqual({ args: [domain], kwargs: {} });
    await c.nameSearch('res.partner', 'Azure');
    expect(lastCall()).toEqual({ args: ['Azure', [], 'ilike', 100], kwargs: {} });
    await c.nameSearch('res.partner', 'Azure', { domain, operator: '=', limit: 1 });
    expect(lastCall()).toEqual({ args: ['Azure', domain, '=', 1], kwargs: {} });
    await c.read('res.partner', [9], ['name']);
    expect(lastCall()).toEqual({ args: [[9]], kwargs: { fields: ['name'] } });
    await c.fieldsGet('res.partner');
    expect(lastCall()).toEqual({ args: [], kwargs: {} });
    await c.fieldsGet('res.partner', ['type']);
    expect(lastCall()).toEqual({ args: [], kwargs: { attributes: ['type'] } });
  });
});
