// Non-secret profile metadata in `profiles.json` under the app's data folder (docs/architecture.md,
// "Storage"). No secret ever lives here: the record schema (profile-schema.ts, owned here
// and not by the IPC contract) has no field for one, and unknown keys are refused, on load
// as on save. `hasSecret` and `session` of the contract's Profile are computed by the
// caller from the vault, not stored.
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { AppError, profileNotFound } from '../errors.js';
import { AtomicJsonFile, BothCopiesBadError, type LoadSource } from './atomic-json-file.js';
import { PROFILES_FILE_VERSION, profileRecordSchema, profilesFileSchema, type ProfileRecord, type ProfilesFile } from './profile-schema.js';

export { profileRecordSchema, profilesFileSchema, type ProfileRecord, type ProfilesFile };

/** A new profile's id: random, so ids never collide or say anything about the profile. */
export const newProfileId = (): string => `p-${randomBytes(6).toString('hex')}`;

export const PROFILES_FILE = 'profiles.json';

export interface ProfileStoreHealth {
  /** True when the live file was unusable and the kept copy was used instead. */
  recoveredFromBackup: boolean;
  /** Why (a short non-secret phrase), when it was. */
  problem: string | null;
  /** Where the unusable file was set aside. */
  quarantinedAs: string | null;
  source: LoadSource;
}

type Listener = (health: ProfileStoreHealth) => void;

export class ProfileStore {
  private readonly file: AtomicJsonFile<ProfilesFile>;
  private profiles: ProfileRecord[] = [];
  private healthState: ProfileStoreHealth = { recoveredFromBackup: false, problem: null, quarantinedAs: null, source: 'none' };
  private readonly recoveredListeners = new Set<Listener>();
  private readonly changedListeners = new Set<() => void>();
  /** Mutations run one after another so read-modify-write never loses an update. */
  private chain: Promise<unknown> = Promise.resolve();

  private constructor(file: AtomicJsonFile<ProfilesFile>) {
    this.file = file;
  }

  /**
   * Opens `<dataDir>/profiles.json`. A corrupt live file is recovered from the kept copy
   * and reported through `health()`; when both are unusable this throws
   * AppError('profile_store_corrupt') and changes nothing on disk.
   */
  static async open(dataDir: string, options: { onRecovered?: Listener } = {}): Promise<ProfileStore> {
    const store = new ProfileStore(new AtomicJsonFile(join(dataDir, PROFILES_FILE), profilesFileSchema));
    if (options.onRecovered) store.recoveredListeners.add(options.onRecovered);
    await store.reload();
    return store;
  }

  /** Re-reads the file (used at open; also after an external restore). */
  async reload(): Promise<void> {
    let result;
    try {
      result = await this.file.load();
    } catch (e) {
      if (e instanceof BothCopiesBadError) {
        throw new AppError(
          'profile_store_corrupt',
          'The saved profile list is damaged and so is its backup copy. Nothing was deleted; the files were left as they are.',
          { file: PROFILES_FILE },
          { cause: e },
        );
      }
      throw e;
    }
    this.profiles = result.value?.profiles ?? [];
    this.healthState = {
      recoveredFromBackup: result.source === 'backup',
      problem: result.problem,
      quarantinedAs: result.quarantinedAs,
      source: result.source,
    };
    if (result.source === 'backup') for (const l of this.recoveredListeners) l(this.healthState);
  }

  health(): ProfileStoreHealth {
    return { ...this.healthState };
  }

  onRecovered(listener: Listener): () => void {
    this.recoveredListeners.add(listener);
    return () => this.recoveredListeners.delete(listener);
  }

  onChanged(listener: () => void): () => void {
    this.changedListeners.add(listener);
    return () => this.changedListeners.delete(listener);
  }

  list(): ProfileRecord[] {
    return this.profiles.map((p) => structuredClone(p));
  }

  get(id: string): ProfileRecord | null {
    const p = this.profiles.find((x) => x.id === id);
    return p ? structuredClone(p) : null;
  }

  /** Inserts or replaces the record with this id. */
  async save(record: ProfileRecord): Promise<ProfileRecord> {
    const parsed = parseRecord(record);
    return this.mutate((list) => {
      const i = list.findIndex((p) => p.id === parsed.id);
      if (i === -1) list.push(parsed);
      else list[i] = parsed;
      return parsed;
    });
  }

  /** Applies a partial change to an existing record; profile_not_found when it does not exist. */
  update(id: string, patch: Partial<Omit<ProfileRecord, 'id'>>): Promise<ProfileRecord> {
    return this.mutate((list) => {
      const i = list.findIndex((p) => p.id === id);
      if (i === -1) throw profileNotFound(id);
      const next = parseRecord({ ...list[i], ...patch, id });
      list[i] = next;
      return next;
    });
  }

  /** Removes a record; false when there was none. */
  remove(id: string): Promise<boolean> {
    return this.mutate((list) => {
      const i = list.findIndex((p) => p.id === id);
      if (i === -1) return false;
      list.splice(i, 1);
      return true;
    });
  }

  /** Replaces the whole list (used by tests and imports). */
  async replaceAll(records: ProfileRecord[]): Promise<void> {
    const parsed = records.map(parseRecord);
    return this.mutate((list) => {
      list.splice(0, list.length, ...parsed);
    });
  }

  private mutate<R>(change: (draft: ProfileRecord[]) => R): Promise<R> {
    const job = async (): Promise<R> => {
      const draft = this.profiles.map((p) => structuredClone(p));
      const result = change(draft);
      await this.file.save({ version: PROFILES_FILE_VERSION, profiles: draft });
      // Memory follows the disk only once the write is durable.
      this.profiles = draft;
      for (const l of this.changedListeners) l();
      return result;
    };
    const run = this.chain.then(job, job);
    this.chain = run.catch(() => {});
    return run;
  }
}

function parseRecord(value: unknown): ProfileRecord {
  const r = profileRecordSchema.safeParse(value);
  if (r.success) return r.data;
  // Field paths only: the values themselves never go into an error.
  const fields = [...new Set(r.error.issues.map((i) => i.path.join('.') || '(record)'))];
  throw new AppError('invalid_input', 'The profile has missing or invalid fields.', { fields });
}
