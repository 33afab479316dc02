// Non-secret app settings in `settings.json` (auto-lock minutes, lock on screen lock or
// suspend, launch at login, tray, shortcut, notifications, language; the format is
// settings-schema.ts, owned here and not by the IPC contract). Same crash-safe file as the
// profile store. Settings are not precious: when both the file and its copy are unusable
// the defaults are used and that is reported; the bad files stay until the next change.
import { TypedEmitter } from '../emitter.js';
import { join } from 'node:path';
import { settingsFileSchema, settingsSchema, type Settings } from './settings-schema.js';
import { AppError } from '../errors.js';
import { AtomicJsonFile, BothCopiesBadError } from '../profiles/atomic-json-file.js';

export const SETTINGS_FILE = 'settings.json';

export const DEFAULT_SETTINGS: Readonly<Settings> = Object.freeze({
  autoLockMinutes: 15,
  lockOnScreenLock: true,
  lockOnSuspend: true,
  launchAtLogin: false,
  startInTray: false,
  shortcut: 'CommandOrControl+Shift+Space',
  notifications: true,
  language: 'system',
});

export interface SettingsLoadReport {
  source: 'main' | 'backup' | 'none' | 'defaults';
  problem: string | null;
}

export class SettingsStore {
  private readonly file: AtomicJsonFile<Partial<Settings>>;
  private current: Settings = { ...DEFAULT_SETTINGS };
  private report: SettingsLoadReport = { source: 'none', problem: null };
  private readonly events = new TypedEmitter<{ changed: { next: Settings; previous: Settings } }>();
  private chain: Promise<unknown> = Promise.resolve();

  private constructor(file: AtomicJsonFile<Partial<Settings>>) {
    this.file = file;
  }

  static async open(dataDir: string): Promise<SettingsStore> {
    const store = new SettingsStore(new AtomicJsonFile(join(dataDir, SETTINGS_FILE), settingsFileSchema));
    try {
      const r = await store.file.load();
      store.current = { ...DEFAULT_SETTINGS, ...stripUndefined(r.value ?? {}) };
      store.report = { source: r.source, problem: r.problem };
    } catch (e) {
      if (!(e instanceof BothCopiesBadError)) throw e;
      store.report = { source: 'defaults', problem: 'the settings file and its copy were unusable' };
    }
    return store;
  }

  get(): Settings {
    return { ...this.current };
  }

  loadReport(): SettingsLoadReport {
    return { ...this.report };
  }

  /** Validates and persists a partial change; resolves with the full new settings. */
  async update(patch: Partial<Settings>): Promise<Settings> {
    const checked = settingsSchema.partial().strict().safeParse(patch);
    if (!checked.success) {
      const fields = [...new Set(checked.error.issues.map((i) => i.path.join('.') || '(settings)'))];
      throw new AppError('invalid_input', 'Some settings are not valid.', { fields });
    }
    const parsedPatch = checked.data;
    const job = async (): Promise<Settings> => {
      const next = settingsSchema.parse({ ...this.current, ...stripUndefined(parsedPatch) });
      await this.file.save(next);
      const previous = this.current;
      this.current = next;
      this.events.emit('changed', { next: { ...next }, previous });
      return { ...next };
    };
    const run = this.chain.then(job, job);
    this.chain = run.catch(() => {});
    return run;
  }

  onChanged(listener: (next: Settings, previous: Settings) => void): () => void {
    return this.events.on('changed', ({ next, previous }) => listener(next, previous));
  }
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
