// One JSON file that survives crashes and corruption: the storage under profiles.json,
// settings.json and the vault's non-secret state. Rules enforced here:
// - a write never touches the live file in place: temp file in the same directory,
//   write, fsync the file, rename over the live file, fsync the directory;
// - before the live file is replaced, the last content known to be good is kept as
//   `<name>.bak` (written the same atomic way), so a crash or a corrupt live file always
//   leaves the last or the previous state;
// - a live file that fails to parse or validate is reported and read from the copy,
//   never silently replaced by an empty value; the bad file is set aside, not deleted;
// - saves are serialised through a promise queue, so concurrent saves land in call order.
import { randomBytes } from 'node:crypto';
import { mkdir, open, readdir, readFile, rename, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

export interface JsonSchema<T> {
  safeParse(data: unknown): { success: true; data: T } | { success: false; error: { message: string } };
}

export type LoadSource = 'main' | 'backup' | 'none';

export interface LoadResult<T> {
  value: T | null;
  /** Where the value came from: the live file, the kept copy, or nothing on disk. */
  source: LoadSource;
  /** Why the live file was not used, when it was not (never contains file content). */
  problem: string | null;
  /** Where the unusable live file was set aside, if it was. */
  quarantinedAs: string | null;
}

export class BothCopiesBadError extends Error {
  override readonly name = 'BothCopiesBadError';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

const RENAME_RETRIES = 5;

async function fsyncDir(dir: string): Promise<void> {
  // Windows cannot open a directory for fsync; its rename is already durable enough there.
  if (process.platform === 'win32') return;
  const fh = await open(dir, 'r');
  try {
    await fh.sync();
  } finally {
    await fh.close();
  }
}

async function renameWithRetry(from: string, to: string): Promise<void> {
  for (let attempt = 0; ; attempt += 1) {
    try {
      await rename(from, to);
      return;
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      // Antivirus and indexers briefly hold files open on Windows.
      if (attempt >= RENAME_RETRIES || (code !== 'EPERM' && code !== 'EBUSY' && code !== 'EACCES')) throw e;
      await new Promise((r) => setImmediate(r));
    }
  }
}

/** Writes `text` to `path` atomically (temp file, fsync, rename, fsync dir). */
export async function writeFileAtomic(path: string, text: string): Promise<void> {
  const dir = dirname(path);
  const tmp = join(dir, `${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  const fh = await open(tmp, 'wx', 0o600);
  try {
    await fh.writeFile(text, 'utf8');
    await fh.sync();
  } catch (e) {
    await fh.close().catch(() => {});
    await unlink(tmp).catch(() => {});
    throw e;
  }
  await fh.close();
  try {
    await renameWithRetry(tmp, path);
  } catch (e) {
    await unlink(tmp).catch(() => {});
    throw e;
  }
  await fsyncDir(dir);
}

async function readOptional(path: string): Promise<string | null> {
  try {
    return await readFile(path, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw e;
  }
}

export class AtomicJsonFile<T> {
  readonly path: string;
  readonly backupPath: string;
  private readonly schema: JsonSchema<T>;
  private queue: Promise<unknown> = Promise.resolve();
  /** The serialized content last known to be good (loaded or written); becomes the .bak. */
  private lastGood: string | null = null;

  constructor(path: string, schema: JsonSchema<T>) {
    this.path = path;
    this.backupPath = `${path}.bak`;
    this.schema = schema;
  }

  private parse(text: string): { ok: true; value: T } | { ok: false; problem: string } {
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch {
      return { ok: false, problem: 'not valid JSON' };
    }
    const r = this.schema.safeParse(data);
    return r.success ? { ok: true, value: r.data } : { ok: false, problem: 'does not match the expected format' };
  }

  /**
   * Reads the live file, or the kept copy when the live one is missing or bad (the bad
   * one is set aside as `<name>.corrupt-<time>` and the good copy restored in its place).
   * Throws BothCopiesBadError when neither can be used; nothing is changed on disk then.
   */
  async load(): Promise<LoadResult<T>> {
    return this.enqueue(async () => {
      await mkdir(dirname(this.path), { recursive: true });
      await this.removeStrayTemps();
      const mainText = await readOptional(this.path);
      const main = mainText === null ? null : this.parse(mainText);
      if (main?.ok) {
        this.lastGood = mainText;
        return { value: main.value, source: 'main' as const, problem: null, quarantinedAs: null };
      }
      const backupText = await readOptional(this.backupPath);
      const backup = backupText === null ? null : this.parse(backupText);
      if (mainText === null && backupText === null) {
        return { value: null, source: 'none' as const, problem: null, quarantinedAs: null };
      }
      const problem = main === null ? 'the file is missing' : main.problem;
      if (!backup?.ok) {
        const backupProblem = backup === null ? 'there is no kept copy' : `the kept copy is ${backup.problem}`;
        throw new BothCopiesBadError(`${basename(this.path)}: ${problem}, and ${backupProblem}`);
      }
      let quarantinedAs: string | null = null;
      if (mainText !== null) {
        quarantinedAs = `${this.path}.corrupt-${Date.now()}`;
        await renameWithRetry(this.path, quarantinedAs);
      }
      // Restore the good copy as the live file; the .bak stays as it is.
      await writeFileAtomic(this.path, backupText as string);
      this.lastGood = backupText;
      return { value: backup.value, source: 'backup' as const, problem, quarantinedAs };
    });
  }

  /** Saves `value` (validated first); resolves once it is durable. Saves run one at a time. */
  save(value: T): Promise<void> {
    const checked = this.schema.safeParse(value);
    if (!checked.success) return Promise.reject(new TypeError(`refusing to save invalid ${basename(this.path)}: ${checked.error.message}`));
    const text = `${JSON.stringify(checked.data, null, 2)}\n`;
    return this.enqueue(async () => {
      await mkdir(dirname(this.path), { recursive: true });
      // The copy first: if we die between the two writes, main still holds the last state.
      if (this.lastGood !== null) await writeFileAtomic(this.backupPath, this.lastGood);
      await writeFileAtomic(this.path, text);
      this.lastGood = text;
    });
  }

  /** Resolves when every queued save has finished (successfully or not). */
  async flush(): Promise<void> {
    await this.queue.catch(() => {});
  }

  private enqueue<R>(job: () => Promise<R>): Promise<R> {
    const run = this.queue.then(job, job);
    this.queue = run.catch(() => {});
    return run;
  }

  private async removeStrayTemps(): Promise<void> {
    const dir = dirname(this.path);
    const prefix = `${basename(this.path)}.`;
    let names: string[];
    try {
      names = await readdir(dir);
    } catch {
      return;
    }
    // Temp files of a write that never reached its rename (a crash): safe to drop.
    const stray = names.filter((n) => n.startsWith(prefix) && n.endsWith('.tmp'));
    await Promise.all(stray.map((n) => unlink(join(dir, n)).catch(() => {})));
  }
}
