// Why: the real-Odoo tier needs an Odoo 17 source tree and the odoo_jwt module, which are
// far too big for the repository. They come from ODOO_SRC / ODOO_JWT_SRC, or from two
// archives in a default folder (`defaultArchiveDir`); an unpacked archive is kept under `.cache/`
// (keyed by the archive's size and mtime, with its Python byte-code compiled) so the next
// run starts at once. No source at all: the tier is skipped, and says why.
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { run } from './processes.js';

export interface OdooSources {
  /** The Odoo source tree (holds `odoo-bin`). */
  odooDir: string;
  /** A folder or a .tar.gz holding the odoo_jwt module. */
  jwtSource: string;
  /** Changes whenever either source changes: keys the database template. */
  key: string;
}

export type SourceLookup = { ok: true; sources: OdooSources } | { ok: false; reason: string };

const ODOO_ARCHIVE = 'odoo-17.0-minimal.tar.gz';
const JWT_ARCHIVE = 'odoo_jwt-17.0.tar.gz';

function stamp(file: string): string {
  const s = statSync(file);
  return `${s.size}-${Math.round(s.mtimeMs)}`;
}

/** Removes `<name>.partial-<pid>` folders left in `dir` by runs that died half-way. */
export function sweepPartials(dir: string): void {
  if (!existsSync(dir)) return;
  for (const name of readdirSync(dir)) {
    const pid = Number(/\.partial-(\d+)$/.exec(name)?.[1]);
    if (!Number.isInteger(pid) || pid === process.pid) continue;
    try {
      process.kill(pid, 0); // still running: its work in progress
    } catch {
      rmSync(path.join(dir, name), { recursive: true, force: true });
    }
  }
}

/** Where the archives are looked for when no environment variable names a source. */
export function defaultArchiveDir(repoRoot: string): string {
  return path.resolve(repoRoot, '..', 'shared', 'odoo');
}

/** Finds the Odoo tree and the odoo_jwt module without unpacking anything yet. */
export function findSources(repoRoot: string): { odoo: string; jwt: string } | { reason: string } {
  const archives = defaultArchiveDir(repoRoot);
  const odoo = process.env.ODOO_SRC || path.join(archives, ODOO_ARCHIVE);
  const jwt = process.env.ODOO_JWT_SRC || path.join(archives, JWT_ARCHIVE);
  if (process.env.ODOO_SRC && !existsSync(odoo)) return { reason: `ODOO_SRC=${odoo} does not exist` };
  if (!existsSync(odoo)) return { reason: `no Odoo source (set ODOO_SRC, or put ${ODOO_ARCHIVE} in ${archives})` };
  if (!statSync(odoo).isFile() && !existsSync(path.join(odoo, 'odoo-bin'))) return { reason: `ODOO_SRC=${odoo} has no odoo-bin` };
  if (!existsSync(jwt)) return { reason: `no odoo_jwt module (set ODOO_JWT_SRC, or put ${JWT_ARCHIVE} in ${archives})` };
  return { odoo, jwt };
}

/**
 * Resolves the sources, unpacking the Odoo archive into `<repo>/.cache/real-odoo/` once
 * (byte-code compiled with `python`, so every Odoo process starts without compiling).
 */
export async function prepareSources(repoRoot: string, python: string, log: (line: string) => void): Promise<SourceLookup> {
  const found = findSources(repoRoot);
  if ('reason' in found) return { ok: false, reason: found.reason };
  const hash = createHash('sha256');
  let odooDir: string;
  if (statSync(found.odoo).isFile()) {
    const cacheRoot = path.join(repoRoot, '.cache', 'real-odoo');
    sweepPartials(cacheRoot);
    const target = path.join(cacheRoot, `odoo-src-${stamp(found.odoo)}`);
    if (!existsSync(path.join(target, '.complete'))) {
      const started = Date.now();
      log(`unpacking ${path.basename(found.odoo)} into ${path.relative(repoRoot, target)} (once)`);
      rmSync(target, { recursive: true, force: true });
      const staging = `${target}.partial-${process.pid}`;
      rmSync(staging, { recursive: true, force: true });
      mkdirSync(staging, { recursive: true });
      await run('tar', ['-xzf', found.odoo, '-C', staging]);
      await run(python, ['-m', 'compileall', '-q', '-j', '0', staging], { allowFailure: true, timeoutMs: 600_000 });
      await run('touch', [path.join(staging, '.complete')]);
      renameSync(staging, target);
      log(`unpacked and compiled in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    }
    odooDir = path.join(target, 'odoo-17.0');
    hash.update(`archive:${stamp(found.odoo)}`);
  } else {
    odooDir = found.odoo;
    hash.update(`tree:${odooDir}:${stamp(path.join(odooDir, 'odoo-bin'))}:${stamp(path.join(odooDir, 'odoo', 'release.py'))}`);
  }
  if (!existsSync(path.join(odooDir, 'odoo-bin'))) return { ok: false, reason: `${odooDir} has no odoo-bin` };
  hash.update(statSync(found.jwt).isFile() ? `jwt:${stamp(found.jwt)}` : `jwt:${found.jwt}`);
  return { ok: true, sources: { odooDir, jwtSource: found.jwt, key: hash.digest('hex').slice(0, 16) } };
}

/** Puts the odoo_jwt module into `addonsDir/odoo_jwt` (a folder the server user can write). */
export async function installJwtModule(jwtSource: string, addonsDir: string): Promise<string> {
  mkdirSync(addonsDir, { recursive: true });
  if (statSync(jwtSource).isFile()) await run('tar', ['-xzf', jwtSource, '-C', addonsDir]);
  else cpSync(jwtSource, path.join(addonsDir, 'odoo_jwt'), { recursive: true });
  const dir = path.join(addonsDir, 'odoo_jwt');
  if (!existsSync(path.join(dir, '__manifest__.py'))) throw new Error(`${jwtSource} does not hold an odoo_jwt module`);
  return dir;
}
