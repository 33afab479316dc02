// Why: Odoo needs PostgreSQL, and the tests must not touch a machine's own clusters: each
// run gets a private cluster (initdb into a temporary folder, a unix-socket folder of its
// own and a free loopback port), durability switched off for speed, and one role for Odoo.
import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { handOver, type ServerIdentity } from './os-user.js';
import { run, startDaemon, waitFor, type Daemon } from './processes.js';
import { freePort } from './ports.js';

export interface PostgresCluster {
  /** Folder of the unix socket: Odoo's `db_host`. */
  socketDir: string;
  port: number;
  /** The role Odoo connects as (the server's OS user name). */
  role: string;
  binDir: string;
  stop(): Promise<void>;
}

/** PostgreSQL's programs: PG_BIN, else Debian's newest /usr/lib/postgresql/N/bin, else PATH. */
export function postgresBinDir(): string {
  if (process.env.PG_BIN) return process.env.PG_BIN;
  const debian = '/usr/lib/postgresql';
  if (existsSync(debian)) {
    const versions = readdirSync(debian)
      .filter((v) => existsSync(path.join(debian, v, 'bin', 'initdb')))
      .sort((a, b) => Number(b) - Number(a));
    if (versions[0] !== undefined) return path.join(debian, versions[0], 'bin');
  }
  return '';
}

export async function startPostgres(options: { dir: string; identity: ServerIdentity; logFile: string; env: Record<string, string> }): Promise<PostgresCluster> {
  const { dir, identity, logFile, env } = options;
  const binDir = postgresBinDir();
  const bin = (name: string): string => (binDir === '' ? name : path.join(binDir, name));
  const dataDir = path.join(dir, 'pgdata');
  const socketDir = path.join(dir, 'pgsock');
  for (const d of [dataDir, socketDir]) {
    mkdirSync(d, { mode: 0o700 });
    handOver(identity, d);
  }
  const as = { runAs: identity.runAs, env, logFile };
  await run(bin('initdb'), ['-D', dataDir, '-U', 'postgres', '-E', 'UTF8', '--no-locale', '--auth-local=trust', '--auth-host=scram-sha-256', '--no-sync'], as);
  const port = await freePort();
  const daemon: Daemon = startDaemon(
    bin('postgres'),
    [
      '-D', dataDir, '-k', socketDir, '-p', String(port), '-h', '127.0.0.1',
      '-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off',
    ],
    as,
  );
  const stop = async (): Promise<void> => {
    await daemon.stop('SIGINT', 10_000); // SIGINT = PostgreSQL's "fast" shutdown
  };
  try {
    await waitFor(
      'PostgreSQL',
      async () => (await run(bin('pg_isready'), ['-q', '-h', socketDir, '-p', String(port)], { env, allowFailure: true })).code === 0,
      30_000,
      () => (daemon.running ? null : `exited early (see ${logFile})`),
    );
    await run(bin('createuser'), ['-h', socketDir, '-p', String(port), '-U', 'postgres', '--createdb', identity.name], as);
  } catch (e) {
    await stop();
    throw e;
  }
  return { socketDir, port, role: identity.name, binDir, stop };
}
