// Why: everything the tier asks of Odoo itself — a config file for the private cluster,
// the database with base, web, mail, auth_totp and odoo_jwt installed and seeded (slow
// the first time, so a dump of it, its filestore and the seed's answer are kept in
// `.cache/` and restored on later runs), `odoo-bin shell` snippets, and the HTTP server, started on
// free loopback ports and waited for until it answers.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { handOver, type ServerIdentity } from './os-user.js';
import type { PostgresCluster } from './postgres.js';
import { run, startDaemon, waitFor, type Daemon, type RunAs } from './processes.js';
import { freePort } from './ports.js';

export const ODOO_MODULES = ['base', 'web', 'mail', 'auth_totp', 'odoo_jwt'] as const;

/** Everything needed to start another `odoo-bin` against this run's database (serializable). */
export interface OdooCommand {
  python: string;
  odooBin: string;
  config: string;
  database: string;
  runAs: RunAs | null;
  env: Record<string, string>;
  /** Where the shell's Odoo log goes. */
  shellLog: string;
}

/** A Python with Odoo's dependencies: ODOO_PYTHON, else the system's, else PATH's python3. */
export async function findPython(): Promise<string | null> {
  const candidates = [process.env.ODOO_PYTHON, '/usr/bin/python3', '/usr/local/bin/python3', 'python3'].filter(
    (c): c is string => typeof c === 'string' && c !== '',
  );
  for (const python of candidates) {
    const probe = await run(python, ['-c', 'import psycopg2, werkzeug, lxml, passlib, jwt'], { allowFailure: true, timeoutMs: 30_000 }).catch(() => null);
    if (probe?.code === 0) return python;
  }
  return null;
}

/** The environment every Odoo process gets: no inherited PATH tricks, a HOME it may write. */
export function odooEnv(home: string, pgBinDir: string): Record<string, string> {
  return {
    PATH: [pgBinDir, '/usr/local/bin', '/usr/bin', '/bin'].filter((p) => p !== '').join(':'),
    HOME: home,
    LANG: 'C.UTF-8',
    LC_ALL: 'C.UTF-8',
    TZ: 'UTC',
    PYTHONUNBUFFERED: '1',
  };
}

export function writeOdooConfig(options: {
  file: string;
  odooDir: string;
  addonsDir: string;
  dataDir: string;
  pg: PostgresCluster;
}): void {
  const { file, odooDir, addonsDir, dataDir, pg } = options;
  const lines = [
    '[options]',
    `addons_path = ${[path.join(odooDir, 'odoo', 'addons'), path.join(odooDir, 'addons'), addonsDir].join(',')}`,
    `data_dir = ${dataDir}`,
    `db_host = ${pg.socketDir}`,
    `db_port = ${pg.port}`,
    `db_user = ${pg.role}`,
    'db_password = False',
    `admin_passwd = ${randomBytes(18).toString('base64url')}`,
    'list_db = True',
    'proxy_mode = True',
    'workers = 0',
    'max_cron_threads = 0',
    'http_interface = 127.0.0.1',
    'log_level = info',
    '',
  ];
  writeFileSync(file, lines.join('\n'));
}

function logFile(identity: ServerIdentity, file: string): string {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, '');
  handOver(identity, file);
  return file;
}

export interface CreatedDatabase<T> {
  /** 'created' (modules installed and seeded now) or 'restored' (from the cached template). */
  how: 'created' | 'restored';
  ms: number;
  /** What `seed` resolved with (kept beside the template, read back on a restore). */
  seed: T;
}

/**
 * Creates `cmd.database`: restored from the template in `templateDir` when there is one,
 * else installed from scratch and seeded with `seed` (then dumped there, with the seed's
 * answer, for the next run).
 */
export async function createDatabase<T>(options: {
  cmd: OdooCommand;
  pg: PostgresCluster;
  dataDir: string;
  templateDir: string;
  identity: ServerIdentity;
  initLog: string;
  log: (line: string) => void;
  seed: () => Promise<T>;
}): Promise<CreatedDatabase<T>> {
  const { cmd, pg, dataDir, templateDir, identity, log } = options;
  const pgBin = (name: string): string => (pg.binDir === '' ? name : path.join(pg.binDir, name));
  const conn = ['-h', pg.socketDir, '-p', String(pg.port), '-U', pg.role];
  const dump = path.join(templateDir, 'database.dump');
  const filestore = path.join(templateDir, 'filestore.tar');
  const filestoreRoot = path.join(dataDir, 'filestore');
  const started = Date.now();

  if (existsSync(path.join(templateDir, '.complete'))) {
    await run(pgBin('createdb'), [...conn, cmd.database], { env: cmd.env });
    await run(pgBin('pg_restore'), [...conn, '-d', cmd.database, '-j', '2', dump], { env: cmd.env, timeoutMs: 300_000 });
    mkdirSync(filestoreRoot, { recursive: true });
    await run('tar', ['-xf', filestore, '-C', filestoreRoot]);
    handOver(identity, dataDir, true);
    const seed = JSON.parse(readFileSync(path.join(templateDir, 'seed.json'), 'utf8')) as T;
    return { how: 'restored', ms: Date.now() - started, seed };
  }

  log(`creating the database with ${ODOO_MODULES.join(',')} (once; 20–60 s)`);
  await run(
    cmd.python,
    [cmd.odooBin, '-c', cmd.config, '-d', cmd.database, '-i', ODOO_MODULES.join(','), '--stop-after-init', `--logfile=${logFile(identity, options.initLog)}`],
    { runAs: cmd.runAs, env: cmd.env, timeoutMs: 900_000, logFile: options.initLog },
  );
  const seedStart = Date.now();
  const seed = await options.seed();
  log(`seeded in ${((Date.now() - seedStart) / 1000).toFixed(1)} s`);
  const ms = Date.now() - started;
  // Keep it for the next run: a custom-format dump and the filestore, written beside and
  // renamed into place so a run that dies half-way leaves no broken template.
  const staging = `${templateDir}.partial-${process.pid}`;
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(staging, { recursive: true });
  await run(pgBin('pg_dump'), [...conn, '-Fc', '-Z', '1', '-f', path.join(staging, 'database.dump'), cmd.database], { env: cmd.env, timeoutMs: 300_000 });
  mkdirSync(path.join(filestoreRoot, cmd.database), { recursive: true });
  await run('tar', ['-cf', path.join(staging, 'filestore.tar'), '-C', filestoreRoot, cmd.database]);
  writeFileSync(path.join(staging, 'seed.json'), JSON.stringify(seed));
  writeFileSync(path.join(staging, '.complete'), `${new Date().toISOString()} ${ms} ms\n`);
  rmSync(templateDir, { recursive: true, force: true });
  renameSync(staging, templateDir);
  // Templates of older sources or seeds are of no further use.
  const cacheDir = path.dirname(templateDir);
  for (const name of readdirSync(cacheDir)) {
    if (/^template-[0-9a-f]{16}$/.test(name) && name !== path.basename(templateDir)) rmSync(path.join(cacheDir, name), { recursive: true, force: true });
  }
  return { how: 'created', ms, seed };
}

const RESULT = 'REAL-ODOO-RESULT ';

/**
 * Runs Python in `odoo-bin shell` against the database (`env` bound, superuser), then
 * commits and signals cache changes to the running server. `emit(value)` in the snippet
 * hands a JSON value back; the last one is returned.
 */
export async function odooShell<T = unknown>(cmd: OdooCommand, code: string): Promise<T | undefined> {
  const script = [
    'import json as _rt_json',
    'def emit(value):',
    `    print(${JSON.stringify(RESULT)} + _rt_json.dumps(value, default=str), flush=True)`,
    code,
    'env.cr.commit()',
    'env.registry.signal_changes()',
    '',
  ].join('\n');
  const r = await run(
    cmd.python,
    [cmd.odooBin, 'shell', '-c', cmd.config, '-d', cmd.database, '--no-http', `--logfile=${cmd.shellLog}`],
    { runAs: cmd.runAs, env: cmd.env, input: script, timeoutMs: 180_000, allowFailure: true },
  );
  if (r.code !== 0) {
    const tail = r.stderr.trim().split('\n').slice(-20).join('\n');
    throw new Error(`odoo-bin shell failed (${r.code}); log: ${cmd.shellLog}\n${tail}`);
  }
  const line = r.stdout.split('\n').filter((l) => l.startsWith(RESULT)).at(-1);
  return line === undefined ? undefined : (JSON.parse(line.slice(RESULT.length)) as T);
}

export interface OdooServer {
  httpPort: number;
  geventPort: number;
  origin: string;
  pidFile: string;
  daemon: Daemon;
  stop(): Promise<void>;
}

/** Starts the Odoo HTTP server and resolves once it answers with the database loaded. */
export async function startOdooServer(options: { cmd: OdooCommand; dir: string; logFile: string; identity: ServerIdentity }): Promise<OdooServer> {
  const { cmd, dir, identity } = options;
  const httpPort = await freePort();
  const geventPort = await freePort();
  const pidFile = path.join(dir, 'odoo.pid');
  const log = logFile(identity, options.logFile);
  const daemon = startDaemon(
    cmd.python,
    [
      cmd.odooBin, '-c', cmd.config, '-d', cmd.database, '--http-interface=127.0.0.1', `--http-port=${httpPort}`,
      `--gevent-port=${geventPort}`, `--pidfile=${pidFile}`, '--proxy-mode', '--workers=0', `--logfile=${log}`,
    ],
    { runAs: cmd.runAs, env: cmd.env, logFile: log },
  );
  const origin = `http://127.0.0.1:${httpPort}`;
  const stop = (): Promise<void> => daemon.stop('SIGTERM', 15_000);
  const exitedEarly = (): string | null => (daemon.running ? null : `Odoo exited early (see ${log})`);
  try {
    await waitFor('Odoo /web/webclient/version_info', async () => {
      const res = await fetch(`${origin}/web/webclient/version_info`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ jsonrpc: '2.0', method: 'call', params: {}, id: 1 }),
        signal: AbortSignal.timeout(5_000),
      });
      const body = (await res.json()) as { result?: { server_serie?: string } };
      return res.status === 200 && typeof body.result?.server_serie === 'string';
    }, 120_000, exitedEarly);
    // The registry loads after the port opens: wait until a database route answers too.
    await waitFor('Odoo /web/login', async () => {
      const res = await fetch(`${origin}/web/login?db=${encodeURIComponent(cmd.database)}`, { redirect: 'manual', signal: AbortSignal.timeout(30_000) });
      await res.arrayBuffer();
      return res.status === 200;
    }, 120_000, exitedEarly);
  } catch (e) {
    await stop();
    throw e;
  }
  return { httpPort, geventPort, origin, pidFile, daemon, stop };
}
