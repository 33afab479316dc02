// Stall bench: how long can a hostile server block the main process? A loopback server in
// a worker thread (its own event loop, so its sending does not count against ours) answers
// XML-RPC calls with the largest body each call is allowed, and the main thread's
// event-loop delay is sampled with perf_hooks.monitorEventLoopDelay while the client
// decodes five of them in parallel (one quick search). Prints the worst stall per run and
// the median over runs.
//   npm run bench:stall [-- --runs N]
// Target: no stall over 50 ms.
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import { createOdooClient } from '../main/core/odoo/index.js';
import { recordsAnswerCap, UNBOUNDED_ANSWER_BYTES } from '../main/core/odoo/response-limits.js';
import { createMemorySecrets, createTestDispatchers } from '../tests/support/odoo-server/index.js';
import { median, printTable } from './stats.js';

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const v = i === -1 ? Number.NaN : Number(process.argv[i + 1]);
  return Number.isFinite(v) && v > 0 ? v : fallback;
}

const RUNS = arg('runs', 5);
const PARALLEL = 5;

// The hostile server: every execute_kw is answered with a search_read-shaped body of
// `bytes` (just under the cap the call allows), streamed in 64 KB chunks.
const SERVER = `
const { createServer } = require('node:http');
const { parentPort } = require('node:worker_threads');
let bytes = 0;
const record = (id) => '<value><struct><member><name>id</name><value><int>' + id + '</int></value></member>' +
  '<member><name>name</name><value><string>Partner ' + id + ' &amp; Co</string></value></member>' +
  '<member><name>active</name><value><boolean>1</boolean></value></member></struct></value>';
const server = createServer((req, res) => {
  const parts = [];
  req.on('data', (c) => parts.push(c));
  req.on('end', () => {
    const body = Buffer.concat(parts).toString();
    if (req.url === '/web/webclient/version_info') {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ jsonrpc: '2.0', id: null, result: { server_version: '17.0', server_version_info: [17, 0, 0, 'final', 0, ''], server_serie: '17.0', protocol_version: 1 } }));
      return;
    }
    res.writeHead(200, { 'content-type': 'text/xml' });
    if (body.includes('<string>search_count</string>')) {
      res.end('<?xml version="1.0"?><methodResponse><params><param><value><int>0</int></value></param></params></methodResponse>');
      return;
    }
    if (body.includes('<methodName>authenticate</methodName>')) {
      res.end('<?xml version="1.0"?><methodResponse><params><param><value><int>2</int></value></param></params></methodResponse>');
      return;
    }
    const head = '<?xml version="1.0"?><methodResponse><params><param><value><array><data>';
    const tail = '</data></array></value></param></params></methodResponse>';
    let sent = head.length + tail.length;
    let id = 1;
    res.write(head);
    const pump = () => {
      for (;;) {
        let chunk = '';
        while (chunk.length < 64 * 1024) chunk += record(id++);
        if (sent + chunk.length > bytes) { res.end(tail); return; }
        sent += chunk.length;
        if (!res.write(chunk)) { res.once('drain', pump); return; }
      }
    };
    pump();
  });
});
parentPort.on('message', (m) => { bytes = m; parentPort.postMessage('ok'); });
server.listen(0, '127.0.0.1', () => parentPort.postMessage(server.address().port));
`;

function once(worker: Worker): Promise<unknown> {
  return new Promise((resolve) => worker.once('message', resolve));
}

interface Scenario {
  name: string;
  bytes: number;
  limit: number | undefined;
}

async function main(): Promise<void> {
  const worker = new Worker(SERVER, { eval: true });
  const port = (await once(worker)) as number;
  const origin = `http://127.0.0.1:${port}`;
  const scenarios: Scenario[] = [
    // What quick search asks (limit 9 per model): the largest answer allowed is the floor cap.
    { name: 'quick search (limit 9)', bytes: recordsAnswerCap(9)! - 1024, limit: 9 },
    // A read without a row limit: the largest body any XML-RPC call accepts.
    { name: 'unbounded read (largest cap)', bytes: UNBOUNDED_ANSWER_BYTES - 1024, limit: undefined },
  ];
  const rows: Record<string, string | number>[] = [];
  // Control: the same monitor over an idle second, so machine noise (other processes on a
  // shared machine) is not blamed on the decoder.
  const idle: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    const h = monitorEventLoopDelay({ resolution: 1 });
    h.enable();
    await new Promise<void>((resolve) => setTimeout(resolve, 1_000));
    h.disable();
    idle.push(h.max / 1e6);
  }
  rows.push({
    scenario: 'idle control (1 s, no calls)',
    'answer bytes': 0,
    'worst stall per run (ms)': idle.map((w) => w.toFixed(1)).join(' '),
    'median worst stall (ms)': median(idle).toFixed(1),
    'median wall (ms)': 1000,
  });
  for (const s of scenarios) {
    worker.postMessage(s.bytes);
    await once(worker);
    const worst: number[] = [];
    const wall: number[] = [];
    for (let run = 0; run < RUNS; run++) {
      const dispatchers = createTestDispatchers();
      const client = createOdooClient({
        origin,
        database: 'db',
        login: 'admin',
        authMethod: 'api-key',
        transport: 'xmlrpc',
        secrets: createMemorySecrets({ 'api-key': 'k' }),
        dispatchers,
      });
      // Authenticate first (a small answer), so the measured window holds only the five reads.
      await client.searchCount('res.partner', []).catch(() => 0);
      const h = monitorEventLoopDelay({ resolution: 1 });
      h.enable();
      const t0 = performance.now();
      const results = await Promise.all(
        Array.from({ length: PARALLEL }, () =>
          client.searchRead('res.partner', [], ['name'], s.limit === undefined ? {} : { limit: s.limit }).then(
            (r) => r.length,
            (e: unknown) => `error ${(e as { code?: string }).code ?? String(e)}`,
          ),
        ),
      );
      wall.push(performance.now() - t0);
      h.disable();
      worst.push(h.max / 1e6);
      if (results.some((r) => typeof r === 'string')) throw new Error(`a call failed: ${results.join(', ')}`);
      await dispatchers.closeAll();
    }
    rows.push({
      scenario: s.name,
      'answer bytes': s.bytes,
      'worst stall per run (ms)': worst.map((w) => w.toFixed(1)).join(' '),
      'median worst stall (ms)': median(worst).toFixed(1),
      'median wall (ms)': median(wall).toFixed(0),
    });
  }
  await worker.terminate();
  printTable(`Event-loop stall, ${PARALLEL} parallel calls, ${RUNS} runs each (target: no stall over 50 ms)`, rows);
}

await main();
