// Growing delays after wrong passphrases. Rules enforced here:
// - the first three failures cost nothing (typos happen); then 1 s, 2 s, 4 s … doubling,
//   capped at 5 minutes;
// - nothing is ever wiped for failing, however many failures;
// - the counter is persisted (a non-secret state file) so restarting the app does not
//   reset it; only a successful unlock does;
// - a clock set back never produces a wait longer than the cap.
import { join } from 'node:path';
import { z } from 'zod';
import { AtomicJsonFile, BothCopiesBadError } from '../profiles/atomic-json-file.js';

export const FREE_ATTEMPTS = 3;
export const MAX_DELAY_MS = 5 * 60_000;

/** The wait imposed after `failures` consecutive wrong passphrases. */
export function delayAfterFailures(failures: number): number {
  if (failures <= FREE_ATTEMPTS) return 0;
  const exp = failures - FREE_ATTEMPTS - 1;
  return exp >= 20 ? MAX_DELAY_MS : Math.min(MAX_DELAY_MS, 1000 * 2 ** exp);
}

export interface ThrottleState {
  failedAttempts: number;
  /** Epoch ms of the last failure, null when there is none. */
  lastFailureAt: number | null;
}

export const INITIAL_THROTTLE: Readonly<ThrottleState> = Object.freeze({ failedAttempts: 0, lastFailureAt: null });

/** When the next attempt is allowed (epoch ms), or null when it is allowed now and always. */
export function retryAt(state: ThrottleState, now: number): number | null {
  if (state.lastFailureAt === null) return null;
  const delay = delayAfterFailures(state.failedAttempts);
  if (delay === 0) return null;
  // A clock set back must not lock the person out for longer than the cap.
  const from = Math.min(state.lastFailureAt, now);
  return from + delay;
}

/** Where the throttle state lives between runs. */
export interface ThrottleStore {
  load(): Promise<ThrottleState>;
  save(state: ThrottleState): Promise<void>;
}

export function createMemoryThrottleStore(initial: ThrottleState = INITIAL_THROTTLE): ThrottleStore & { state: ThrottleState } {
  const store = {
    state: { ...initial },
    async load() {
      return { ...store.state };
    },
    async save(s: ThrottleState) {
      store.state = { ...s };
    },
  };
  return store;
}

const stateFileSchema = z.object({
  version: z.literal(1),
  unlockFailures: z.number().int().nonnegative(),
  lastFailureAt: z.number().int().nonnegative().nullable(),
});

export const VAULT_STATE_FILE = 'vault-state.json';

/** `<dataDir>/vault-state.json`: the failure counter, nothing secret. */
export function createFileThrottleStore(dataDir: string): ThrottleStore {
  const file = new AtomicJsonFile(join(dataDir, VAULT_STATE_FILE), stateFileSchema);
  return {
    async load() {
      try {
        const r = await file.load();
        return r.value ? { failedAttempts: r.value.unlockFailures, lastFailureAt: r.value.lastFailureAt } : { ...INITIAL_THROTTLE };
      } catch (e) {
        // Both copies unreadable: keep counting from a cautious non-zero state.
        if (e instanceof BothCopiesBadError) return { failedAttempts: FREE_ATTEMPTS, lastFailureAt: null };
        throw e;
      }
    },
    async save(s) {
      await file.save({ version: 1, unlockFailures: s.failedAttempts, lastFailureAt: s.lastFailureAt });
    },
  };
}
