// Why: every process the real-Odoo tier starts (PostgreSQL, Odoo, odoo-bin shell, tar…)
// goes through here, so one place knows what still runs and which temporary folders
// exist, and can stop and remove all of it — on a normal stop, on a failure, on Ctrl-C or
// when the test process exits early. Each child leads its own process group, so killing
// the group also takes its children (PostgreSQL backends, Odoo threads' subprocesses).
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, openSync, rmSync } from 'node:fs';

/** The OS identity a process runs as; null = the current user. */
export interface RunAs {
  uid: number;
  gid: number;
  name: string;
}

const live = new Set<ChildProcess>();
const tempDirs = new Set<string>();
let hooked = false;

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    try {
      child.kill(signal);
    } catch {
      // already gone
    }
  }
}

/** Synchronous last resort: kills every live process group and removes every temp folder. */
export function killEverythingNow(): void {
  for (const child of live) killGroup(child, 'SIGKILL');
  live.clear();
  for (const dir of tempDirs) {
    try {
      // Killed servers may still be writing for a moment: retry a few times.
      rmSync(dir, { recursive: true, force: true, maxRetries: 10, retryDelay: 50 });
    } catch (e) {
      console.error(`could not remove ${dir}: ${(e as Error).message}`);
    }
  }
  tempDirs.clear();
}

function hookExit(): void {
  if (hooked) return;
  hooked = true;
  process.on('exit', killEverythingNow);
  for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143], ['SIGHUP', 129]] as const) {
    process.once(signal, () => {
      killEverythingNow();
      process.exit(code);
    });
  }
}

/** Registers a temporary folder to remove on stop or on an early exit. */
export function trackTempDir(dir: string): void {
  hookExit();
  tempDirs.add(dir);
}

export function removeTempDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
  tempDirs.delete(dir);
}

export interface SpawnSpec {
  runAs?: RunAs | null;
  env?: Record<string, string>;
  cwd?: string;
  /** Appends stdout and stderr to this file instead of collecting them. */
  logFile?: string;
}

function start(command: string, args: readonly string[], spec: SpawnSpec, input: boolean): ChildProcess {
  hookExit();
  const fd = spec.logFile === undefined ? null : openSync(spec.logFile, 'a');
  const child = spawn(command, args, {
    cwd: spec.cwd,
    env: spec.env ?? (process.env as Record<string, string>),
    detached: true, // own process group: stop() and the exit hook kill the whole group
    stdio: [input ? 'pipe' : 'ignore', fd ?? 'pipe', fd ?? 'pipe'],
    ...(spec.runAs ? { uid: spec.runAs.uid, gid: spec.runAs.gid } : {}),
  });
  if (fd !== null) closeSync(fd);
  live.add(child);
  child.once('exit', () => live.delete(child));
  child.once('error', () => live.delete(child));
  return child;
}

export interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs a command to its end and resolves with its output; rejects when it exits non-zero
 * (unless `allowFailure`) or outlives `timeoutMs` (its process group is killed then).
 */
export function run(
  command: string,
  args: readonly string[],
  spec: SpawnSpec & { input?: string; timeoutMs?: number; allowFailure?: boolean } = {},
): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = start(command, args, spec, spec.input !== undefined);
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout?.on('data', (b: Buffer) => out.push(b));
    child.stderr?.on('data', (b: Buffer) => err.push(b));
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      killGroup(child, 'SIGKILL');
    }, spec.timeoutMs ?? 300_000);
    child.once('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    child.once('close', (code) => {
      clearTimeout(timer);
      const result = { code, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') };
      if (timedOut) reject(new Error(`${command} ${args.join(' ')} took longer than ${spec.timeoutMs} ms`));
      else if (code !== 0 && !spec.allowFailure) {
        const tail = (result.stderr || result.stdout).trim().split('\n').slice(-15).join('\n');
        const where = spec.logFile === undefined ? '' : ` (log: ${spec.logFile})`;
        reject(new Error(`${command} ${args.slice(0, 6).join(' ')} exited with ${code}${where}\n${tail}`));
      } else resolve(result);
    });
    if (spec.input !== undefined) {
      child.stdin!.on('error', () => {});
      child.stdin!.end(spec.input);
    }
  });
}

export interface Daemon {
  readonly pid: number;
  /** Settles when the process has exited (with its exit code, or null when signalled). */
  readonly exited: Promise<number | null>;
  readonly running: boolean;
  /** Sends `signal`, waits up to `graceMs` for the exit, then kills the whole group. */
  stop(signal?: NodeJS.Signals, graceMs?: number): Promise<void>;
}

/** Starts a long-running process (a server), output to its log file. */
export function startDaemon(command: string, args: readonly string[], spec: SpawnSpec & { logFile: string }): Daemon {
  const child = start(command, args, spec, false);
  let running = true;
  const exited = new Promise<number | null>((resolve) => {
    child.once('exit', (code) => {
      running = false;
      resolve(code);
    });
    child.once('error', () => {
      running = false;
      resolve(null);
    });
  });
  return {
    pid: child.pid ?? -1,
    exited,
    get running() {
      return running;
    },
    async stop(signal = 'SIGTERM', graceMs = 15_000) {
      if (!running) return;
      killGroup(child, signal);
      const timer = setTimeout(() => killGroup(child, 'SIGKILL'), graceMs);
      await exited;
      clearTimeout(timer);
      // Whatever the leader left behind in its group goes too.
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        // the group is empty
      }
    },
  };
}

/** Polls `check` until it answers true, or fails after `timeoutMs` with `what` in the message. */
export async function waitFor(what: string, check: () => Promise<boolean>, timeoutMs: number, abort?: () => string | null): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const reason = abort?.() ?? null;
    if (reason !== null) throw new Error(`${what}: ${reason}`);
    if (await check().catch(() => false)) return;
    if (Date.now() > deadline) throw new Error(`${what}: not ready after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 150));
  }
}
