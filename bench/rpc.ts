// RPC bench: the same call (search_read of 80 partners, sequential, keep-alive) on the
// same TLS server, through the Odoo client, through raw undici, and through the
// odoo-await package (XML-RPC). Prints median and p99 per call, calls/s, TLS handshakes
// per 1000 calls (counted by the server), and the client/raw median ratio.
//   npm run bench:rpc [-- --calls N]               the Odoo test server (10 000 partners)
//   npm run bench:rpc -- --real-odoo [--calls N]   a real Odoo 17 behind the real-Odoo
//                                                  tier's TLS front (default 300 calls)
// Target: client median ≤ 1.10 × raw undici, 1 handshake per 1000 sequential calls.
import https from 'node:https';
import { performance } from 'node:perf_hooks';
import { createRequire } from 'node:module';
import { createOdooClient } from '../main/core/odoo/index.js';
import { randomBytes } from 'node:crypto';
import { createPinnedDispatcherFactory, spkiPin } from '../main/core/net/index.js';
import { createMemorySecrets, createTestDispatchers, startOdooServer } from '../tests/support/odoo-server/index.js';
import { startRealOdoo } from '../tests/support/real-odoo/real-odoo.js';
import { median, percentile, printTable } from './stats.js';

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const v = i === -1 ? Number.NaN : Number(process.argv[i + 1]);
  return Number.isFinite(v) && v > 0 ? v : fallback;
}

const REAL_ODOO = process.argv.includes('--real-odoo');
const CALLS = arg('calls', REAL_ODOO ? 300 : 1000);
const ROUNDS = 20;
const WARMUP = 50;
const FIELDS = ['name', 'email', 'phone', 'city', 'country_id'];
const LIMIT = 80;

interface Contender {
  name: string;
  /** Dispatcher (or agent) connection count: a single keep-alive connection for all. */
  call: () => Promise<unknown>;
  samples: number[];
  handshakes: number;
  busyMs: number;
}

/** What the contenders talk to: the test server or a real Odoo behind the TLS front. */
interface Target {
  label: string;
  origin: string;
  database: string;
  demo: { login: string; uid: number; apiKey: string };
  /** The CA to trust, and the certificate whose key is pinned. */
  ca: string;
  leaf: string;
  readonly handshakes: number;
  stop(): Promise<void>;
}

async function testServerTarget(): Promise<Target> {
  const server = await startOdooServer({ version: 17, tls: true, partners: 10_000 });
  return {
    label: 'Odoo test server',
    origin: server.origin,
    database: server.database,
    demo: server.user('demo'),
    ca: server.cert!,
    leaf: server.cert!,
    get handshakes() {
      return server.handshakes;
    },
    stop: () => server.stop(),
  };
}

async function realOdooTarget(): Promise<Target> {
  const started = await startRealOdoo({ log: (line) => console.log(`[real odoo] ${line}`) });
  if (!started.ok) throw new Error(`no real Odoo: ${started.reason}`);
  const { odoo } = started;
  // Enough partners for an 80-row page, with the fields the workload reads.
  await odoo.shell(
    "be = env.ref('base.be')\n" +
      "env['res.partner'].create([{'name': 'Bench Partner %03d' % i, 'email': 'bench%03d@example.com' % i, " +
      "'phone': '+32 2 555 %04d' % i, 'city': 'Brussels', 'country_id': be.id} for i in range(200)])",
  );
  return {
    label: 'real Odoo 17 (werkzeug dev server, workers=0) behind a Node TLS front',
    origin: odoo.info.origin,
    database: odoo.info.database,
    demo: odoo.info.users.demo,
    ca: odoo.info.caPem,
    leaf: odoo.info.certPem,
    get handshakes() {
      return odoo.front.handshakes;
    },
    stop: () => odoo.stop(),
  };
}

async function main(): Promise<void> {
  const server = REAL_ODOO ? await realOdooTarget() : await testServerTarget();
  const demo = server.demo;
  const cert = server.ca;

  // 1. The Odoo client (API key over JSON-RPC) through the dispatcher production uses:
  //    pinned to the server's key (plus a backup pin), production pool defaults.
  const clientDispatchers = createPinnedDispatcherFactory({
    pins: [spkiPin(server.leaf), `sha256/${randomBytes(32).toString('base64')}`],
    trustSelfSigned: false,
    ca: cert,
    connections: 1,
  });
  const client = createOdooClient({
    origin: server.origin,
    database: server.database,
    login: demo.login,
    authMethod: 'api-key',
    transport: 'jsonrpc',
    secrets: createMemorySecrets({ 'api-key': demo.apiKey }),
    dispatchers: clientDispatchers,
  });
  await client.login();

  // 2. Raw undici: the same dispatcher type, the same JSON-RPC body, JSON.parse.
  const rawDispatchers = createTestDispatchers(cert, { connections: 1 });
  const agent = rawDispatchers.get(server.origin);
  let rawId = 0;
  const rawCall = async (): Promise<unknown> => {
    const res = await agent.request({
      origin: server.origin,
      path: '/jsonrpc',
      method: 'POST',
      // The same request on the wire as the client's, so only client-side work differs.
      headers: { 'content-type': 'application/json', accept: 'application/json', 'user-agent': 'OdooCompanion/0.1' },
      body: JSON.stringify({
        jsonrpc: '2.0',
        method: 'call',
        id: ++rawId,
        params: {
          service: 'object',
          method: 'execute_kw',
          args: [server.database, demo.uid, demo.apiKey, 'res.partner', 'search_read', [[]], { fields: FIELDS, limit: LIMIT }],
        },
      }),
    });
    const body = JSON.parse(await res.body.text()) as { result?: unknown; error?: unknown };
    if (body.error) throw new Error('raw call failed');
    return body.result;
  };

  // 3. odoo-await (XML-RPC through node:https's global keep-alive agent, trusting the test CA).
  const require = createRequire(import.meta.url);
  const OdooAwait = require('odoo-await') as new (opts: Record<string, unknown>) => {
    connect(): Promise<number>;
    searchRead(model: string, domain: unknown, fields: string[], opts: Record<string, unknown>): Promise<unknown[]>;
  };
  (https.globalAgent.options as { ca?: string }).ca = cert;
  (https.globalAgent.options as { keepAlive?: boolean }).keepAlive = true;
  (https.globalAgent as unknown as { maxSockets: number }).maxSockets = 1;
  const odooAwait = new OdooAwait({ baseUrl: server.origin, db: server.database, username: demo.login, password: demo.apiKey });
  await odooAwait.connect();

  const contenders: Contender[] = [
    { name: 'raw undici (JSON-RPC)', call: rawCall, samples: [], handshakes: 0, busyMs: 0 },
    {
      name: 'odoo client (JSON-RPC)',
      call: () => client.searchRead('res.partner', [], FIELDS, { limit: LIMIT }),
      samples: [],
      handshakes: 0,
      busyMs: 0,
    },
    {
      name: 'odoo-await (XML-RPC)',
      call: () => odooAwait.searchRead('res.partner', [], FIELDS, { offset: 0, limit: LIMIT, order: '', context: {} }),
      samples: [],
      handshakes: 0,
      busyMs: 0,
    },
  ];

  // Sanity: everyone gets the same 80 rows.
  // Each contender already opened its one connection above (login/connect): count it.
  for (const c of contenders) {
    const before = server.handshakes;
    const rows = (await c.call()) as unknown[];
    if (!Array.isArray(rows) || rows.length !== LIMIT) throw new Error(`${c.name} returned ${String((rows as unknown[]).length)} rows`);
    for (let i = 0; i < WARMUP; i++) await c.call();
    c.handshakes += server.handshakes - before;
  }
  // The client and odoo-await opened their connection in login()/connect(), before the loop above.
  contenders[1]!.handshakes += 1;
  contenders[2]!.handshakes += 1;
  const connectHandshakes = server.handshakes;

  // Interleaved rounds so drift (GC, CPU frequency) hits every contender alike. Handshakes
  // are counted from the first call of each contender, warm-up and connection set-up included.
  const perRound = Math.ceil(CALLS / ROUNDS);
  for (let round = 0; round < ROUNDS; round++) {
    // Rotate who goes first, so no contender always runs right after another one.
    const order = contenders.map((_, i) => contenders[(i + round) % contenders.length]!);
    for (const c of order) {
      const before = server.handshakes;
      const start = performance.now();
      for (let i = 0; i < perRound; i++) {
        const t0 = performance.now();
        await c.call();
        c.samples.push(performance.now() - t0);
      }
      c.busyMs += performance.now() - start;
      c.handshakes += server.handshakes - before;
    }
  }

  const rawMedian = median(contenders[0]!.samples);
  printTable(`${server.label}: search_read res.partner (${LIMIT} rows, ${FIELDS.length} fields), ${perRound * ROUNDS} sequential calls each, TLS, keep-alive`, contenders.map((c) => ({
    contender: c.name,
    'median ms': median(c.samples).toFixed(3),
    'p99 ms': percentile(c.samples, 99).toFixed(3),
    'calls/s': Math.round((c.samples.length / c.busyMs) * 1000),
    'handshakes/1000 calls': ((c.handshakes * 1000) / (c.samples.length + WARMUP + 1)).toFixed(2),
    'median / raw': (median(c.samples) / rawMedian).toFixed(3),
  })));
  console.log(`\nTLS handshakes counted by the server: ${server.handshakes} in all (${connectHandshakes} before the timed rounds: one connection per contender), for ${contenders.reduce((n, c) => n + c.samples.length + WARMUP + 1, 0)} calls + 2 logins`);
  const ratio = median(contenders[1]!.samples) / rawMedian;
  console.log(`client/raw median ratio: ${ratio.toFixed(3)} (target ≤ 1.10) ${ratio <= 1.1 ? 'OK' : 'OVER'}`);

  await clientDispatchers.closeAll();
  await rawDispatchers.closeAll();
  https.globalAgent.destroy();
  await server.stop();
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? `${e.name}: ${e.message}` : 'bench failed');
  process.exitCode = 1;
});
