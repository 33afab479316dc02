import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOdooClient } from '../../../main/core/odoo/index.js';
import { createMemorySecrets, createTestDispatchers } from '../../support/odoo-server/index.js';
import { bigRecordsAnswer, startHostileXmlRpcServer, type HostileXmlRpcServer } from '../../support/hostile-xmlrpc-server.js';
import { thrown } from './fixture.js';

let server: HostileXmlRpcServer;
beforeAll(async () => {
  server = await startHostileXmlRpcServer(() => '');
});
afterAll(async () => {
  await server.stop();
});

function client() {
  const dispatchers = createTestDispatchers();
  const c = createOdooClient({
    origin: server.origin,
    database: 'db',
    login: 'demo',
    authMethod: 'api-key',
    transport: 'xmlrpc',
    secrets: createMemorySecrets({ 'api-key': 'k' }),
    dispatchers,
  });
  return { client: c, dispatchers };
}

const wrap = (inner: string): string =>
  `<?xml version="1.0"?><methodResponse><params><param>${inner}</param></params></methodResponse>`;

describe('a hostile XML-RPC server', () => {
  it.each([
    ['a 10 000-deep answer', wrap('<value><array><data>'.repeat(10_000) + '</data></array></value>'.repeat(10_000))],
    ['a reference past U+10FFFF', wrap('<value><string>&#x110000;</string></value>')],
    ['invalid UTF-8', Buffer.concat([Buffer.from(wrap('<value><string>')), Buffer.from([0xff, 0xfe]), Buffer.from('</string></value>')])],
    ['a truncated answer', wrap('<value><array><data>')],
    ['an HTML page', '<html><body>502</body></html>'],
  ])('%s is bad_response, never internal', async (_label, body) => {
    server.answer = () => body;
    const { client: c, dispatchers } = client();
    expect(await thrown(() => c.searchRead('res.partner', [], ['name']))).toMatchObject({
      name: 'AppError',
      code: 'bad_response',
    });
    await dispatchers.closeAll();
  });

  it('a count that answers megabytes is too_large: each call is capped by what it can return', async () => {
    server.answer = () => ({ chunks: bigRecordsAnswer(3 * 1024 * 1024) });
    const big = client();
    // Nothing the app asks for is larger than 2 MB.
    expect(await thrown(() => big.client.searchRead('res.partner', [], ['name']))).toMatchObject({ code: 'too_large' });
    await big.dispatchers.closeAll();

    server.answer = () => ({ chunks: bigRecordsAnswer(1.5 * 1024 * 1024) });
    const { client: c, dispatchers } = client();
    expect(await thrown(() => c.searchCount('res.partner', []))).toMatchObject({ code: 'too_large' });
    // A quick search asks for 9 rows: more than a megabyte is not an answer to that.
    expect(await thrown(() => c.searchRead('res.partner', [], ['name'], { limit: 9 }))).toMatchObject({ code: 'too_large' });
    // A read without a row limit may be that large, and is decoded as it streams in.
    const rows = await c.searchRead<{ id: number }>('res.partner', [], ['name']);
    expect(rows.length).toBeGreaterThan(5_000);
    expect(rows.at(-1)?.id).toBe(rows.length);
    await dispatchers.closeAll();
  });
});
