// Why: the passphrase is the one way into the vault that anyone at the keyboard can try,
// so checking it, counting wrong guesses and writing the passphrase-wrapped vault key
// (`vault/wrapped-key`) are one concern, kept apart from the vault's lifecycle. Rules
// enforced here (docs/security.md):
// - wrong passphrases are throttled with growing delays (throttle.ts) and never wipe
//   anything; before the wait is over no passphrase is even tried;
// - the counter survives restarts; only a proven owner (right passphrase, presence)
//   clears it; a store that cannot save does not turn into an unlock error;
// - a wrapped key that does not parse is reported as damaged, never as a wrong guess;
// - a changed passphrase's wrapped key is written and read back before success;
// - the scrypt cost of a new wrapped key is measured once on this machine (an unlock
//   takes 250 ms – 1 s), never below N = 2^15, unless fixed parameters are given.
import { AppError } from '../errors.js';
import type { Keychain } from '../secrets/keychain.js';
import { calibrateScrypt, unwrapVaultKey, WRAPPED_KEY_ITEM, WrongPassphraseError, wrapVaultKey, type ScryptParams } from './kdf.js';
import { INITIAL_THROTTLE, retryAt, sanitizeThrottleState, type ThrottleState, type ThrottleStore } from './throttle.js';

/** The floor for a calibrated scrypt cost, however slow the machine (32 MiB, ~100 ms on a laptop). */
export const MIN_CALIBRATED_N = 2 ** 15;

export interface PassphraseGateOptions {
  keychain: Keychain;
  throttle: ThrottleStore;
  clock: { now(): number };
  /** Fixed scrypt parameters for new wrapped keys; null to calibrate on first use. */
  scryptParams: ScryptParams | null;
  /** Measures this machine (default: calibrateScrypt); tests give a deterministic one. */
  calibrate?: () => Promise<ScryptParams>;
}

/** One sample per N: the first wrap (creating a vault) should not take several seconds. */
// Stryker disable next-line ObjectLiteral: the default of 3 samples picks the same N, only slower.
const calibrateOnce = async (): Promise<ScryptParams> => (await calibrateScrypt({ samples: 1 })).params;

export class PassphraseGate {
  private readonly keychain: Keychain;
  private readonly throttleStore: ThrottleStore;
  private readonly clock: { now(): number };
  private scryptParams: ScryptParams | null;
  private readonly calibrate: () => Promise<ScryptParams>;
  /** Replaced, never changed in place; load() reads the stored one before any use. */
  private throttle: ThrottleState = INITIAL_THROTTLE;

  constructor(options: PassphraseGateOptions) {
    this.keychain = options.keychain;
    this.throttleStore = options.throttle;
    this.clock = options.clock;
    this.scryptParams = options.scryptParams;
    this.calibrate = options.calibrate ?? calibrateOnce;
  }

  /** Reads the persisted wrong-passphrase counter. */
  async load(): Promise<void> {
    this.throttle = sanitizeThrottleState(await this.throttleStore.load());
  }

  /** The counter and, while a wait is running, when the next attempt is allowed. */
  status(): { retryAt: number | null; failedAttempts: number } {
    const now = this.clock.now();
    const at = retryAt(this.throttle, now);
    return { retryAt: (at ?? now) > now ? at : null, failedAttempts: this.throttle.failedAttempts };
  }

  /**
   * Throttle check, then unwrap. Returns the vault key (the caller owns and zeroes it), or
   * null when there is no wrapped key. Throws AppError('throttled') before the wait is
   * over, AppError('wrong_passphrase') (counted) for a wrong one.
   */
  async check(passphrase: string): Promise<Buffer | null> {
    const { retryAt: at } = this.status();
    if (at !== null) {
      throw new AppError('throttled', 'Too many wrong passphrases. Wait a moment before trying again.', {
        retryAt: at,
        failedAttempts: this.throttle.failedAttempts,
      });
    }
    const wrapped = await this.keychain.get(WRAPPED_KEY_ITEM);
    if (wrapped === null) return null;
    let key: Buffer;
    try {
      key = await unwrapVaultKey(wrapped, passphrase);
    } catch (e) {
      if (!(e instanceof WrongPassphraseError)) {
        throw new AppError('internal', 'The stored vault key is damaged and cannot be read.', { reason: 'wrapped_key_unreadable' }, { cause: e });
      }
      const failedAt = this.clock.now();
      const next = { failedAttempts: this.throttle.failedAttempts + 1, lastFailureAt: failedAt };
      await this.save(next);
      throw new AppError('wrong_passphrase', 'That passphrase is not correct.', {
        failedAttempts: next.failedAttempts,
        retryAt: retryAt(next, failedAt),
      });
    }
    await this.clearFailures();
    return key;
  }

  /** The owner proved it is them: earlier wrong passphrases no longer count. */
  async clearFailures(): Promise<void> {
    if (this.throttle.failedAttempts > 0) await this.save(INITIAL_THROTTLE);
  }

  /** A new vault, or none: the counter starts from zero, on disk too. */
  async restartCount(): Promise<void> {
    await this.save(INITIAL_THROTTLE);
  }

  /** Wraps `key` under `passphrase` and stores it (a new vault). */
  async store(key: Buffer, passphrase: string): Promise<void> {
    await this.keychain.set(WRAPPED_KEY_ITEM, await this.wrap(key, passphrase));
  }

  /**
   * Re-wraps `key` under a new passphrase, replacing the stored wrapped key; resolves only
   * once the keychain reads back exactly what was written.
   */
  async replace(key: Buffer, passphrase: string): Promise<void> {
    const wrapped = await this.wrap(key, passphrase);
    await this.keychain.set(WRAPPED_KEY_ITEM, wrapped);
    if ((await this.keychain.get(WRAPPED_KEY_ITEM)) !== wrapped) {
      throw new AppError('keychain_unavailable', 'The system keychain did not keep the new passphrase. Your old passphrase still works; try again.', {
        reason: 'failed',
        operation: 'write',
      });
    }
  }

  /** Deletes the wrapped key: the vault no longer exists. */
  async remove(): Promise<void> {
    await this.keychain.delete(WRAPPED_KEY_ITEM);
  }

  private async wrap(key: Buffer, passphrase: string): Promise<string> {
    return wrapVaultKey(key, passphrase, await this.params());
  }

  /** The scrypt cost for a new wrapped key: given, or measured once on this machine. */
  private async params(): Promise<ScryptParams> {
    if (this.scryptParams === null) {
      const params = await this.calibrate();
      this.scryptParams = { ...params, N: Math.max(params.N, MIN_CALIBRATED_N) };
    }
    return this.scryptParams;
  }

  private async save(state: ThrottleState): Promise<void> {
    this.throttle = state;
    try {
      await this.throttleStore.save(state);
    } catch {
      // The counter still holds in memory; a disk error must not turn into an unlock error.
    }
  }
}
