import { afterAll, describe, expect, it } from 'vitest';
import { probeServer } from '../../../main/core/odoo/index.js';
import { createTestDispatchers, startOdooServer, type OdooTestServer } from '../../support/odoo-server/index.js';
import { makeClient, thrown } from './fixture.js';

const servers: OdooTestServer[] = [];
afterAll(async () => {
  await Promise.all(servers.map((s) => s.stop()));
});

async function start(opts: Parameters<typeof startOdooServer>[0]): Promise<OdooTestServer> {
  const s = await startOdooServer({ partners: 50, ...opts });
  servers.push(s);
  return s;
}

describe('probeServer', () => {
  it.each([
    [16, { serverVersion: '16.0', series: '16.0', major: 16, minor: 0, saas: false }],
    [17, { serverVersion: '17.0', series: '17.0', major: 17, minor: 0, saas: false }],
    [18, { serverVersion: '18.0', series: '18.0', major: 18, minor: 0, saas: false }],
    [19, { serverVersion: '19.0', series: '19.0', major: 19, minor: 0, saas: false }],
    ['saas~17.2', { serverVersion: 'saas~17.2', series: 'saas~17.2', major: 17, minor: 2, saas: true }],
  ] as const)('reads version %s, the database list and the JWT module', async (version, expected) => {
    const s = await start({ version });
    const dispatchers = createTestDispatchers(s.cert!);
    const r = await probeServer(`${s.origin}/odoo/web#action=1`, dispatchers);
    expect(r).toEqual({ origin: s.origin, insecure: false, version: expected, databases: ['companion'], jwtModule: true });
    await dispatchers.closeAll();
  });

  it('a hidden database list is null; no odoo_jwt is false; plain http on loopback is insecure', async () => {
    const s = await start({ version: 17, tls: false, listDb: false, jwtModule: false });
    const dispatchers = createTestDispatchers();
    const r = await probeServer(s.origin, dispatchers);
    expect(r).toMatchObject({ insecure: true, databases: null, jwtModule: false, version: { major: 17 } });
    const { client } = makeClient(s, { dispatchers, secretValues: {} });
    expect(await client.listDatabases()).toBeNull();
    await dispatchers.closeAll();
  });

  it('refuses plain http to a non-loopback host before any request', async () => {
    const dispatchers = createTestDispatchers();
    expect(await thrown(() => probeServer('http://erp.example.com', dispatchers))).toMatchObject({ code: 'insecure_url' });
    expect(dispatchers.created).toEqual([]);
  });

  it('a server that is not Odoo is bad_response', async () => {
    const s = await start({ version: 17 });
    s.setFault({ kind: 'html-502' });
    const dispatchers = createTestDispatchers(s.cert!);
    expect(await thrown(() => probeServer(s.origin, dispatchers))).toMatchObject({ code: 'bad_response' });
    s.setFault(null);
    await dispatchers.closeAll();
  });

  it('the client probe picks JSON-2 on 19 only', async () => {
    const s18 = await start({ version: 18 });
    const k18 = makeClient(s18, { authMethod: 'api-key', transport: 'auto', secretValues: { 'api-key': s18.user('demo').apiKey } });
    await k18.client.login();
    expect(s18.requests.some((q) => q.path.startsWith('/json/2/'))).toBe(false);
    expect(s18.requests.some((q) => q.path === '/jsonrpc')).toBe(true);
    await k18.dispatchers.closeAll();
  });
});
