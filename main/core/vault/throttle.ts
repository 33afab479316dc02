// Growing delays after wrong passphrases. Rules enforced here:
// - the first three failures cost nothing (typos happen); then 1 s, 2 s, 4 s … doubling,
//   capped at 5 minutes;
// - nothing is ever wiped for failing, however many failures;
// - the counter is persisted (a non-secret state file) so restarting the app does not
//   reset it; only a successful unlock does;
// - a clock set back never produces a wait longer than the cap;
// - a state without a usable counter (unreadable file, a store that lost it) is read as
//   FREE_ATTEMPTS failures: the next wrong passphrase already waits. It never reads as 0,
//   and never as NaN, which would compare as "no wait" forever.
import { join } from 'node:path';
import { z } from 'zod';
import { AtomicJsonFile, BothCopiesBadError } from '../profiles/atomic-json-file.js';

export const FREE_ATTEMPTS = 3;
export const MAX_DELAY_MS = 5 * 60_000;

/** The wait imposed after `failures` consecutive wrong passphrases. */
export function delayAfterFailures(failures: number): number {
  // Fails closed: a counter that is not a count gets the longest wait.
  if (!Number.isSafeInteger(failures) || failures < 0) return MAX_DELAY_MS;
  if (failures <= FREE_ATTEMPTS) return 0;
  // 2 ** a large exponent is Infinity, which the cap turns into MAX_DELAY_MS.
  return Math.min(MAX_DELAY_MS, 1000 * 2 ** (failures - FREE_ATTEMPTS - 1));
}

export interface ThrottleState {
  failedAttempts: number;
  /** Epoch ms of the last failure, null when there is none. */
  lastFailureAt: number | null;
}

export const INITIAL_THROTTLE: Readonly<ThrottleState> = Object.freeze({ failedAttempts: 0, lastFailureAt: null });

/** What a store loaded, made usable: a missing or broken counter counts as FREE_ATTEMPTS. */
export function sanitizeThrottleState(state: Partial<ThrottleState> | null | undefined): ThrottleState {
  const failures = state?.failedAttempts;
  const at = state?.lastFailureAt;
  return {
    failedAttempts: Number.isSafeInteger(failures) && (failures as number) >= 0 ? (failures as number) : FREE_ATTEMPTS,
    lastFailureAt: Number.isSafeInteger(at) ? (at as number) : null,
  };
}

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
      return sanitizeThrottleState(store.state);
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
