// Why: PostgreSQL refuses to run as root and Odoo should not, so when the tests run as
// root (CI machines) both run as a dedicated system user, created on first use; as any
// other user they simply run as that user. Files the servers must write are handed over
// with `chown`.
import { execFileSync } from 'node:child_process';
import { chownSync, readdirSync, statSync } from 'node:fs';
import { userInfo } from 'node:os';
import path from 'node:path';
import type { RunAs } from './processes.js';

export const ODOO_OS_USER = 'companion-odoo';

function lookup(name: string): RunAs | null {
  try {
    const uid = Number(execFileSync('id', ['-u', name], { stdio: ['ignore', 'pipe', 'ignore'] }).toString().trim());
    const gid = Number(execFileSync('id', ['-g', name], { stdio: ['ignore', 'pipe', 'ignore'] }).toString().trim());
    return Number.isInteger(uid) && Number.isInteger(gid) ? { uid, gid, name } : null;
  } catch {
    return null;
  }
}

export interface ServerIdentity {
  /** Who the servers run as: null = this process's own user. */
  runAs: RunAs | null;
  /** The OS user name, also the PostgreSQL role Odoo connects as. */
  name: string;
}

/** The identity PostgreSQL and Odoo run under; creates the system user when root. */
export function serverIdentity(): ServerIdentity {
  if (process.getuid?.() !== 0) return { runAs: null, name: userInfo().username };
  let user = lookup(ODOO_OS_USER);
  if (user === null) {
    try {
      execFileSync('useradd', ['--system', '--user-group', '--no-create-home', '--shell', '/usr/sbin/nologin', ODOO_OS_USER], {
        stdio: ['ignore', 'ignore', 'pipe'],
      });
    } catch (e) {
      // Another run may have created it meanwhile; the lookup below decides.
      if (lookup(ODOO_OS_USER) === null) throw new Error(`cannot create the OS user ${ODOO_OS_USER}: ${(e as Error).message}`, { cause: e });
    }
    user = lookup(ODOO_OS_USER);
    if (user === null) throw new Error(`the OS user ${ODOO_OS_USER} does not exist`);
  }
  return { runAs: user, name: user.name };
}

/** Gives `target` (and, with `recursive`, everything under it) to the server user. */
export function handOver(identity: ServerIdentity, target: string, recursive = false): void {
  if (identity.runAs === null) return;
  const { uid, gid } = identity.runAs;
  chownSync(target, uid, gid);
  if (recursive && statSync(target).isDirectory()) {
    for (const name of readdirSync(target)) handOver(identity, path.join(target, name), true);
  }
}
