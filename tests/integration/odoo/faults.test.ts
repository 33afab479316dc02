import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createTestDispatchers, startOdooServer, type OdooTestServer } from '../../support/odoo-server/index.js';
import { makeClient, thrown } from './fixture.js';

let server: OdooTestServer;
let other: OdooTestServer;

beforeAll(async () => {
  [server, other] = await Promise.all([
    startOdooServer({ version: 17, partners: 1000 }),
    startOdooServer({ version: 17, partners: 100 }),
  ]);
});
afterEach(() => {
  server.setFault(null);
});
afterAll(async () => {
  await Promise.all([server.stop(), other.stop()]);
});

function apiClient(extra: Parameters<typeof makeClient>[1] = {}) {
  const demo = server.user('demo');
  return makeClient(server, { authMethod: 'api-key', transport: 'jsonrpc', secretValues: { 'api-key': demo.apiKey }, ...extra });
}

describe('transport faults', () => {
  it('reuses its TLS connections for sequential calls (keep-alive)', async () => {
    const { client, dispatchers } = apiClient();
    const start = server.handshakes;
    for (let i = 0; i < 5; i++) await client.searchRead('res.partner', [], ['name'], { limit: 80 });
    // undici's pool may open a second connection while the first one is still connecting.
    expect(server.handshakes - start).toBeLessThanOrEqual(2);
    const warm = server.handshakes;
    for (let i = 0; i < 50; i++) await client.searchRead('res.partner', [], ['name'], { limit: 80 });
    expect(server.handshakes - warm).toBe(0);
    await dispatchers.closeAll();
  });

  it('one handshake in all with a single-connection dispatcher', async () => {
    const { client, dispatchers } = apiClient({ dispatchers: createTestDispatchers(server.cert!, { connections: 1 }) });
    const start = server.handshakes;
    for (let i = 0; i < 30; i++) await client.searchRead('res.partner', [], ['name'], { limit: 80 });
    expect(server.handshakes - start).toBe(1);
    await dispatchers.closeAll();
  });

  it('works when the server closes the connection after each response', async () => {
    const { client, dispatchers } = apiClient();
    server.setFault({ kind: 'connection-close' });
    const before = server.connections;
    for (let i = 0; i < 5; i++) expect(await client.searchCount('res.partner', [])).toBe(1000);
    expect(server.connections - before).toBeGreaterThanOrEqual(5);
    await dispatchers.closeAll();
  });

  it('a slow answer is a timeout (headers timeout)', async () => {
    const { client, dispatchers } = apiClient({ timeouts: { headersMs: 150 } });
    await client.login();
    server.setFault({ kind: 'delay', ms: 1_000 });
    expect(await thrown(() => client.searchCount('res.partner', []))).toMatchObject({ code: 'timeout' });
    await dispatchers.closeAll();
  });

  it('a slow-drip body hits the total timeout even though every chunk is on time', async () => {
    const { client, dispatchers } = apiClient({ timeouts: { bodyMs: 1_000, totalMs: 300 } });
    await client.login();
    server.setFault({ kind: 'slow-drip', chunkMs: 100, chunks: 20 });
    expect(await thrown(() => client.searchRead('res.partner', [], ['name'], { limit: 80 }))).toMatchObject({
      code: 'timeout',
      details: { reason: 'total' },
    });
    server.setFault({ kind: 'slow-drip', chunkMs: 5, chunks: 4 });
    expect(await client.searchRead('res.partner', [], ['name'], { limit: 80 })).toHaveLength(80);
    await dispatchers.closeAll();
  });

  it('a connection dropped mid-body is a network error', async () => {
    const { client, dispatchers } = apiClient();
    await client.login();
    server.setFault({ kind: 'drop-mid-body' });
    expect(await thrown(() => client.searchRead('res.partner', [], ['name'], { limit: 80 }))).toMatchObject({ code: 'network' });
    await dispatchers.closeAll();
  });

  it('an HTML 502 page from a proxy is bad_response', async () => {
    const { client, dispatchers } = apiClient();
    server.setFault({ kind: 'html-502' });
    expect(await thrown(() => client.login())).toMatchObject({ code: 'bad_response', details: { status: 502 } });
    await dispatchers.closeAll();
  });

  it('an oversize body is too_large, streamed or declared', async () => {
    const { client, dispatchers } = apiClient({ maxResponseBytes: 256 * 1024 });
    await client.login();
    server.setFault({ kind: 'oversize', bytes: 50 * 1024 * 1024 });
    expect(await thrown(() => client.searchCount('res.partner', []))).toMatchObject({ code: 'too_large' });
    server.setFault({ kind: 'oversize', bytes: 50 * 1024 * 1024, declareLength: true });
    expect(await thrown(() => client.searchCount('res.partner', []))).toMatchObject({ code: 'too_large' });
    server.setFault(null);
    expect(await client.searchCount('res.partner', [])).toBe(1000);
    await dispatchers.closeAll();
  });

  it('over JSON-RPC too, each call is capped by what it can return: a count is not 200 KB', async () => {
    // The channel's own cap is the default (32 MB): only the per-call cap can refuse this.
    const { client, dispatchers } = apiClient();
    await client.login();
    server.setFault({ kind: 'oversize', bytes: 200 * 1024 });
    expect(await thrown(() => client.searchCount('res.partner', []))).toMatchObject({ code: 'too_large', details: { limitBytes: 64 * 1024 } });
    server.setFault(null);
    expect(await client.searchCount('res.partner', [])).toBe(1000);
    await dispatchers.closeAll();
  });

  it('a redirect to another origin is reported with its target and never followed', async () => {
    const demo = server.user('demo');
    const { client, secrets, dispatchers } = makeClient(server, { secretValues: { password: demo.password } });
    await client.login();
    const target = `${other.origin}/web/dataset/call_kw/res.partner/search_count`;
    server.setFault({ kind: 'redirect', location: target, status: 307 });
    const before = other.requests.length;
    expect(await thrown(() => client.searchCount('res.partner', []))).toMatchObject({ code: 'redirect', details: { location: target } });
    expect(other.requests.length).toBe(before); // no cookie, no credential went there
    expect(secrets.values.has('session')).toBe(true);
    // Same-origin redirects are not followed either.
    server.setFault({ kind: 'redirect', location: '/odoo', status: 301 });
    expect(await thrown(() => client.searchCount('res.partner', []))).toMatchObject({ code: 'redirect', details: { location: `${server.origin}/odoo` } });
    await dispatchers.closeAll();
  });

  it('every call is abortable', async () => {
    const { client, dispatchers } = apiClient();
    await client.login();
    const ac = new AbortController();
    ac.abort();
    expect(await thrown(() => client.searchCount('res.partner', [], { signal: ac.signal }))).toMatchObject({ code: 'aborted' });
    server.setFault({ kind: 'delay', ms: 2_000 });
    const ac2 = new AbortController();
    const pending = thrown(() => client.searchCount('res.partner', [], { signal: ac2.signal }));
    await new Promise<void>((resolve) => {
      const check = (): void => {
        if (server.requests.at(-1)?.path === '/jsonrpc') resolve();
        else setImmediate(check);
      };
      check();
    });
    ac2.abort();
    expect(await pending).toMatchObject({ code: 'aborted' });
    await dispatchers.closeAll();
  });

  it('a server that is gone is a network error', async () => {
    const gone = await startOdooServer({ version: 17, partners: 10 });
    const dispatchers = createTestDispatchers(gone.cert!);
    const { client } = makeClient(gone, { authMethod: 'api-key', transport: 'jsonrpc', secretValues: { 'api-key': 'x' }, dispatchers });
    await gone.stop();
    expect(await thrown(() => client.login())).toMatchObject({ code: 'network' });
    await dispatchers.closeAll();
  });

  it('an untrusted certificate is tls_untrusted', async () => {
    const { client, dispatchers } = apiClient({ dispatchers: createTestDispatchers(undefined) });
    expect(await thrown(() => client.login())).toMatchObject({ code: 'tls_untrusted' });
    await dispatchers.closeAll();
  });
});

describe('Odoo errors over a web session', () => {
  it('classifies by data.name', async () => {
    const demo = server.user('demo');
    const { client, dispatchers } = makeClient(server, { secretValues: { password: demo.password } });
    await client.login();
    expect(await thrown(() => client.searchCount('ir.config_parameter', []))).toMatchObject({
      code: 'access_denied',
      details: { odooError: 'odoo.exceptions.AccessError' },
    });
    expect(await thrown(() => client.call('res.users', 'write', [[6], { name: 'x' }]))).toMatchObject({ code: 'access_denied' });
    // Real Odoo 17: read() of an unknown id answers []; write() of one raises MissingError.
    expect(await client.read('res.partner', [999999], ['name'])).toEqual([]);
    expect(await thrown(() => client.call('res.partner', 'write', [[999999], { name: 'x' }]))).toMatchObject({ code: 'missing_record' });
    expect(await thrown(() => client.searchCount('no.such.model', []))).toMatchObject({ code: 'server_error', details: { odooError: 'builtins.KeyError' } });
    expect(await thrown(() => client.call('res.partner', 'no_such_method'))).toMatchObject({ code: 'server_error', details: { odooError: 'builtins.AttributeError' } });
    expect(await thrown(() => client.call('res.partner', '_compute_display_name'))).toMatchObject({ code: 'access_denied' });
    expect(await thrown(() => client.searchCount('res.partner', [['no_field', '=', 1]]))).toMatchObject({
      code: 'server_error',
      details: { odooMessage: "Invalid field res.partner.no_field in leaf ('no_field', '=', 1)" },
    });
    await dispatchers.closeAll();
  });

  it('a validation error is user_error with the Odoo text kept in a detail', async () => {
    const admin = server.user('admin');
    const { client, dispatchers } = makeClient(server, { login: 'admin', secretValues: { password: admin.password } });
    await client.login();
    const e = await thrown(() => client.call('res.users', 'create', [{ login: 'demo', name: 'Again' }]));
    expect(e).toMatchObject({
      code: 'user_error',
      details: { odooMessage: 'The operation cannot be completed: You can not have two users with the same login!' },
    });
    await dispatchers.closeAll();
  });
});
