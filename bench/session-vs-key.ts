// Session or device key: what one call costs Odoo. An "Odoo account" profile calls through
// its live web session and falls back to its device API key; this measures both on the
// same server with the same workload (search_read of 20 partners, sequential, one
// keep-alive connection each), interleaved in rounds so drift hits both alike, and reports
// medians, p90 and the ratio key/session — plus the first call of each (the cold key
// check: Odoo hashes API keys with PBKDF2 and caches the result per process).
//   npm run bench:auth                 the Odoo test server
//   npm run bench:auth -- --real-odoo  a real Odoo 17 (the real-Odoo tier's server)
import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { createPinnedDispatcherFactory, spkiPin } from '../main/core/net/index.js';
import { createOdooClient, type OdooClient } from '../main/core/odoo/index.js';
import { createMemorySecrets, startOdooServer } from '../tests/support/odoo-server/index.js';
import { startRealOdoo } from '../tests/support/real-odoo/real-odoo.js';
import { median, percentile, printTable } from './stats.js';

const REAL_ODOO = process.argv.includes('--real-odoo');
const ROUNDS = 20;
const PER_ROUND = REAL_ODOO ? 10 : 50;
const FIELDS = ['name', 'email', 'city'];

interface Target {
  label: string;
  origin: string;
  database: string;
  user: { login: string; password: string; apiKey: string };
  ca: string;
  leaf: string;
  stop(): Promise<void>;
}

async function target(): Promise<Target> {
  if (REAL_ODOO) {
    const started = await startRealOdoo({ log: (line) => console.log(`[real odoo] ${line}`) });
    if (!started.ok) throw new Error(`no real Odoo: ${started.reason}`);
    const { odoo } = started;
    return {
      label: 'real Odoo 17 (workers=0) behind a Node TLS front',
      origin: odoo.info.origin,
      database: odoo.info.database,
      user: odoo.info.users.demo,
      ca: odoo.info.caPem,
      leaf: odoo.info.certPem,
      stop: () => odoo.stop(),
    };
  }
  const server = await startOdooServer({ version: 17, tls: true, partners: 2_000 });
  return {
    label: 'Odoo test server',
    origin: server.origin,
    database: server.database,
    user: server.user('demo'),
    ca: server.cert!,
    leaf: server.cert!,
    stop: () => server.stop(),
  };
}

function clientFor(t: Target, how: 'session' | 'key'): { client: OdooClient; close: () => Promise<void> } {
  const dispatchers = createPinnedDispatcherFactory({
    pins: [spkiPin(t.leaf), `sha256/${randomBytes(32).toString('base64')}`],
    trustSelfSigned: false,
    ca: t.ca,
    connections: 1,
  });
  const client = createOdooClient({
    origin: t.origin,
    database: t.database,
    login: t.user.login,
    authMethod: how === 'session' ? 'password' : 'api-key',
    transport: 'jsonrpc',
    secrets: createMemorySecrets(how === 'session' ? { password: t.user.password } : { 'api-key': t.user.apiKey }),
    dispatchers,
  });
  return { client, close: () => dispatchers.closeAll() };
}

async function main(): Promise<void> {
  const t = await target();
  const contenders = (['session', 'key'] as const).map((how) => ({ how, ...clientFor(t, how), samples: [] as number[], first: 0 }));
  const call = (c: OdooClient) => c.searchRead('res.partner', [], FIELDS, { limit: 20 });
  for (const c of contenders) {
    await c.client.login();
    const t0 = performance.now();
    await call(c.client);
    c.first = performance.now() - t0;
    for (let i = 0; i < 5; i++) await call(c.client);
  }
  for (let round = 0; round < ROUNDS; round++) {
    const order = round % 2 === 0 ? contenders : [...contenders].reverse();
    for (const c of order) {
      for (let i = 0; i < PER_ROUND; i++) {
        const t0 = performance.now();
        await call(c.client);
        c.samples.push(performance.now() - t0);
      }
    }
  }
  const sessionMedian = median(contenders[0]!.samples);
  printTable(
    `${t.label}: search_read res.partner (20 rows), ${ROUNDS * PER_ROUND} sequential calls each, interleaved`,
    contenders.map((c) => ({
      'calls through': c.how === 'session' ? 'web session (call_kw)' : 'API key (/jsonrpc execute_kw)',
      'first call ms': c.first.toFixed(1),
      'median ms': median(c.samples).toFixed(2),
      'p90 ms': percentile(c.samples, 90).toFixed(2),
      'median / session': (median(c.samples) / sessionMedian).toFixed(2),
    })),
  );
  for (const c of contenders) await c.close();
  await t.stop();
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? `${e.name}: ${e.message}` : 'bench failed');
  process.exitCode = 1;
});
