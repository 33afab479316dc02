// The 'api-key' sign-in through the client, seen through a proxy in front of the test
// server (which records every body): one key check carries the calls that follow and is
// shared by concurrent ones, a session check always asks Odoo, and only a positive uid
// counts as a yes — on JSON-RPC and on Odoo 19's JSON-2.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createTestDispatchers, startOdooServer, type OdooTestServer } from '../../support/odoo-server/index.js';
import { makeClient, settle, thrown, type ClientKit } from './fixture.js';
import { holdNext, rpcResult, startOdooProxy, type OdooProxy, type ProxiedRequest } from './odoo-proxy.js';

let v17: OdooTestServer;
let v19: OdooTestServer;
let p17: OdooProxy;
let p19: OdooProxy;
const kits: ClientKit[] = [];

beforeAll(async () => {
  [v17, v19] = await Promise.all([
    startOdooServer({ version: 17, partners: 20, tls: false }),
    startOdooServer({ version: 19, partners: 20, tls: false }),
  ]);
  [p17, p19] = await Promise.all([startOdooProxy(v17), startOdooProxy(v19)]);
});
afterEach(async () => {
  for (const p of [p17, p19]) p.override = null;
  await Promise.all(kits.splice(0).map((k) => k.dispatchers.closeAll()));
});
afterAll(async () => {
  await Promise.all([v17.stop(), v19.stop(), p17.stop(), p19.stop()]);
});

function keyClient(server: OdooTestServer, proxy: OdooProxy, transport: 'jsonrpc' | 'xmlrpc' | 'json2' = 'jsonrpc'): ClientKit {
  const kit = makeClient(server, {
    origin: proxy.origin,
    authMethod: 'api-key',
    transport,
    secretValues: { 'api-key': server.user('demo').apiKey },
    dispatchers: createTestDispatchers(),
  });
  kits.push(kit);
  return kit;
}

/** What each request was: `authenticate`, `execute_kw` (JSON-RPC), or the JSON-2 path. */
const what = (reqs: ProxiedRequest[]): string[] =>
  reqs.map((r) => (r.path === '/jsonrpc' ? String((r.json?.params as Record<string, unknown> | undefined)?.method) : r.path));

async function through(proxy: OdooProxy, action: () => Promise<unknown>): Promise<string[]> {
  const from = proxy.requests.length;
  await action();
  return what(proxy.requests.slice(from));
}

const isAuthenticate = (r: ProxiedRequest): boolean => r.path === '/jsonrpc' && (r.json?.params as Record<string, unknown> | undefined)?.method === 'authenticate';

describe('one key check', () => {
  it('the uid learned at sign-in carries the calls that follow', async () => {
    const { client } = keyClient(v17, p17);
    expect(await through(p17, () => client.login())).toEqual(['authenticate', '/web/webclient/version_info', 'execute_kw']);
    expect(await through(p17, () => client.searchCount('res.partner', []))).toEqual(['execute_kw']);
  });

  it('XML-RPC checks the key and calls on XML-RPC', async () => {
    const { client } = keyClient(v17, p17, 'xmlrpc');
    expect(await through(p17, () => client.login())).toEqual(['/xmlrpc/2/common', '/web/webclient/version_info', '/xmlrpc/2/object']);
  });

  it('is shared by calls made at once', async () => {
    const { client } = keyClient(v17, p17);
    const seen = await through(p17, () => Promise.all(Array.from({ length: 5 }, () => client.searchCount('res.partner', []))));
    expect(seen.filter((x) => x === 'authenticate')).toHaveLength(1);
    expect(seen.filter((x) => x === 'execute_kw')).toHaveLength(5);
  });

  it('a session check always asks Odoo', async () => {
    const { client } = keyClient(v17, p17);
    await client.login();
    expect(await through(p17, () => client.checkSession())).toEqual(['authenticate']);
    expect(await through(p17, () => client.checkSession())).toEqual(['authenticate']);
  });

  it('after a lock, a call does not wait for a check started before it', async () => {
    const { client } = keyClient(v17, p17);
    const from = p17.requests.length;
    const held = holdNext(p17, isAuthenticate);
    const before = settle(client.searchCount('res.partner', []));
    await Promise.race([held.arrived, before]);
    client.forget();
    const after = settle(client.searchCount('res.partner', []));
    held.release();
    expect(await Promise.all([before, after])).toEqual([
      { ok: true, value: 20 },
      { ok: true, value: 20 },
    ]);
    expect(p17.requests.slice(from).filter(isAuthenticate)).toHaveLength(2);
  });
});

describe('only a positive uid is a yes', () => {
  it.each([0, -1, false, '6'])('authenticate answering %j is auth_failed', async (uid) => {
    p17.override = (req) => (isAuthenticate(req) ? rpcResult(uid) : undefined);
    const { client } = keyClient(v17, p17);
    expect(await thrown(() => client.login())).toMatchObject({ code: 'auth_failed' });
    expect(await client.checkSession()).toBe(false);
  });

  it('JSON-2: the uid of context_get; an answer without one is auth_failed', async () => {
    const { client } = keyClient(v19, p19, 'json2');
    expect(await through(p19, () => client.login())).toEqual(['/json/2/res.users/context_get', '/web/webclient/version_info', '/json/2/res.users/read']);
    for (const body of ['null', '{"lang":"en_US"}', '[6]']) {
      p19.override = (req) => (req.path === '/json/2/res.users/context_get' ? { headers: { 'content-type': 'application/json' }, body } : undefined);
      expect(await thrown(() => keyClient(v19, p19, 'json2').client.login()), body).toMatchObject({ code: 'auth_failed' });
    }
  });
});
