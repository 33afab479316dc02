// Why: one function that brings the whole real-Odoo tier up — sources, a private
// PostgreSQL, the database with seeded people and data (from the cached template when
// there is one), Odoo, the TLS front — and one `stop` that takes it all down again, used by
// the Vitest global setup and by scripts that need a real Odoo (wire recorder, bench).
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createTestPki } from '../pki.js';
import { createDatabase, findPython, odooEnv, odooShell, startOdooServer, writeOdooConfig, type OdooCommand, type OdooServer } from './odoo.js';
import { handOver, serverIdentity } from './os-user.js';
import { startPostgres, type PostgresCluster } from './postgres.js';
import { removeTempDir, run, trackTempDir } from './processes.js';
import { findSources, installJwtModule, prepareSources } from './sources.js';
import { startTlsFront, type TlsFront } from './tls-front.js';
import type { RealOdooInfo } from './types.js';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const SEED = fileURLToPath(new URL('./seed.py', import.meta.url));

type Activity = RealOdooInfo['activities'][number];
type Seed = Pick<RealOdooInfo, 'users' | 'partners'> & { activities: (Activity & { days: number })[] };

/**
 * The template was seeded on some earlier day: puts each activity's deadline back at the
 * same distance from today (overdue, today, upcoming), straight in the database.
 */
async function moveActivitiesToToday(pg: PostgresCluster, cmd: OdooCommand, seeded: Seed['activities']): Promise<Activity[]> {
  const sql = seeded.map((a) => `UPDATE mail_activity SET date_deadline = CURRENT_DATE + ${Math.trunc(a.days)} WHERE id = ${Math.trunc(a.id)};`);
  const psql = pg.binDir === '' ? 'psql' : path.join(pg.binDir, 'psql');
  await run(psql, ['-h', pg.socketDir, '-p', String(pg.port), '-U', pg.role, '-d', cmd.database, '-v', 'ON_ERROR_STOP=1', '-q', '-c', sql.join('\n')], { env: cmd.env });
  const today = new Date();
  return seeded.map(({ days, ...a }) => ({
    ...a,
    deadline: new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate() + days)).toISOString().slice(0, 10),
    state: days < 0 ? 'overdue' : days === 0 ? 'today' : 'planned',
  }));
}

export interface RealOdoo {
  info: RealOdooInfo;
  front: TlsFront;
  shell<T = unknown>(code: string): Promise<T | undefined>;
  stop(): Promise<void>;
}

export type RealOdooStart = { ok: true; odoo: RealOdoo } | { ok: false; reason: string };

/**
 * Starts the tier. Resolves `{ ok: false, reason }` when no Odoo source (or no Python
 * with Odoo's dependencies) is available; throws when something that exists fails.
 */
export async function startRealOdoo(options: { log?: (line: string) => void; resultsDir?: string; database?: string } = {}): Promise<RealOdooStart> {
  const log = options.log ?? ((line: string) => console.log(`[real odoo] ${line}`));
  const started = Date.now();
  const where = findSources(REPO_ROOT);
  if ('reason' in where) return { ok: false, reason: where.reason };
  const python = await findPython();
  if (python === null) return { ok: false, reason: 'no Python 3 with Odoo\'s dependencies (set ODOO_PYTHON)' };
  const found = await prepareSources(REPO_ROOT, python, log);
  if (!found.ok) return { ok: false, reason: found.reason };
  const { sources } = found;

  const identity = serverIdentity();
  const resultsDir = options.resultsDir ?? path.join(REPO_ROOT, 'test-results', 'odoo');
  mkdirSync(resultsDir, { recursive: true });
  const dir = mkdtempSync(path.join(tmpdir(), 'companion-odoo-'));
  trackTempDir(dir); // 0700, handed to the server user below
  const home = path.join(dir, 'home');
  const dataDir = path.join(dir, 'data');
  const addonsDir = path.join(dir, 'addons');
  for (const d of [home, dataDir]) mkdirSync(d);

  let pg: PostgresCluster | null = null;
  let server: OdooServer | null = null;
  let front: TlsFront | null = null;
  let pkiDispose: (() => Promise<void>) | null = null;
  const stop = async (): Promise<void> => {
    await front?.stop().catch(() => {});
    await server?.stop().catch(() => {});
    await pg?.stop().catch(() => {});
    await pkiDispose?.().catch(() => {});
    removeTempDir(dir);
  };

  try {
    const jwtDir = await installJwtModule(sources.jwtSource, addonsDir);
    handOver(identity, dir, true);

    const pgStart = Date.now();
    pg = await startPostgres({ dir, identity, logFile: path.join(resultsDir, 'postgres.log'), env: odooEnv(home, '') });
    log(`PostgreSQL up in ${Date.now() - pgStart} ms (port ${pg.port})`);
    const config = path.join(dir, 'odoo.conf');
    writeOdooConfig({ file: config, odooDir: sources.odooDir, addonsDir, dataDir, pg });
    handOver(identity, config);
    const shellLog = path.join(resultsDir, 'odoo-shell.log');
    writeFileSync(shellLog, '');
    handOver(identity, shellLog);
    const cmd: OdooCommand = {
      python,
      odooBin: path.join(sources.odooDir, 'odoo-bin'),
      config,
      database: options.database ?? 'companion',
      runAs: identity.runAs,
      env: odooEnv(home, pg.binDir),
      shellLog,
    };

    // The template's key: the sources and the seed script (a new seed builds a new one).
    const seedScript = readFileSync(SEED, 'utf8');
    const templateKey = createHash('sha256').update(sources.key).update(seedScript).digest('hex').slice(0, 16);
    const db = await createDatabase<Seed>({
      cmd,
      pg,
      dataDir,
      templateDir: path.join(REPO_ROOT, '.cache', 'real-odoo', `template-${templateKey}`),
      identity,
      initLog: path.join(resultsDir, 'odoo-init.log'),
      log,
      seed: async () => {
        const seed = await odooShell<Seed>(cmd, seedScript);
        if (seed === undefined) throw new Error(`seeding printed nothing (log: ${shellLog})`);
        return seed;
      },
    });
    log(`database ${db.how} in ${(db.ms / 1000).toFixed(1)} s`);
    const activities = await moveActivitiesToToday(pg, cmd, db.seed.activities);
    // odoo_jwt signs with the secret in setup/.translator, written by its install hook; a
    // database restored from the template skips that hook, so every run writes its own
    // (after the install, which would overwrite it).
    const jwtSecret = randomBytes(32).toString('hex');
    writeFileSync(path.join(jwtDir, 'setup', '.translator'), jwtSecret);
    handOver(identity, path.join(jwtDir, 'setup', '.translator'));

    const serverStart = Date.now();
    const [pki, odooServer] = await Promise.all([
      createTestPki().then((p) => {
        pkiDispose = p.dispose;
        return p;
      }),
      startOdooServer({ cmd, dir, logFile: path.join(resultsDir, 'odoo.log'), identity }).then((s) => {
        server = s;
        return s;
      }),
    ]);
    const serverMs = Date.now() - serverStart;
    front = await startTlsFront({ upstream: odooServer.origin, keyPem: pki.leafEc.keyPem, chainPem: pki.leafEc.chainPem });

    const info: RealOdooInfo = {
      origin: front.origin,
      httpOrigin: odooServer.origin,
      caPem: pki.root.certPem,
      certPem: pki.leafEc.certPem,
      database: cmd.database,
      jwtSecret,
      serie: '17.0',
      users: db.seed.users,
      partners: db.seed.partners,
      activities,
      dataDir,
      logFile: path.join(resultsDir, 'odoo.log'),
      command: cmd,
      timings: { totalMs: Date.now() - started, database: db.how, databaseMs: db.ms, serverMs },
    };
    log(
      `Odoo ${info.serie} at ${info.origin} (http ${info.httpOrigin}) ready in ${(info.timings.totalMs / 1000).toFixed(1)} s ` +
        `(database ${db.how} ${(db.ms / 1000).toFixed(1)} s, server ${(serverMs / 1000).toFixed(1)} s)`,
    );
    const odoo: RealOdoo = { info, front, shell: (code) => odooShell(cmd, code), stop };
    return { ok: true, odoo };
  } catch (e) {
    await stop();
    throw e;
  }
}
