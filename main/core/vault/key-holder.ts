// Why: the vault key and every secret decrypted with it must live in one place, so that a
// lock can drop all of them at once, synchronously, with nothing able to run in between.
// This module is that place: the vault's state (uninitialized / locked / unlocked), the key,
// the decrypted cache, the epoch that cancels work begun before a lock, the "on lock, drop
// this" hooks and the locked/unlocked events. Rules enforced here (docs/security.md):
// - while locked (or uninitialized) nothing hands out the key: every use throws
//   AppError('locked') (or 'vault_not_initialized');
// - locking zeroes and drops the key and every cached secret, bumps the epoch, runs every
//   drop hook (one that throws does not stop the others), then tells listeners;
// - a value decrypted or written in an older epoch is never cached.
import type { LockReason, VaultState } from '../../../contract/index.js';
import { TypedEmitter } from '../emitter.js';
import { AppError, lockedError } from '../errors.js';
import { VAULT_KEY_BYTES } from '../secrets/secret-record.js';

export type VaultEvents = {
  locked: { reason: LockReason };
  unlocked: Record<string, never>;
};

export function notInitializedError(): AppError {
  return new AppError('vault_not_initialized', 'No vault has been set up yet. Create a vault passphrase first.');
}

export class KeyHolder {
  private readonly clock: { now(): number };
  private readonly emitter = new TypedEmitter<VaultEvents>();
  private readonly dropHooks = new Set<() => void>();
  private current: VaultState = 'locked';
  private key: Buffer | null = null;
  /** Decrypted secrets by item name, as Buffers so that locking can zero them. */
  private readonly cache = new Map<string, Buffer>();
  private epochCount = 0;
  /** When the person last proved it is them (passphrase or presence); meaningful only while unlocked. */
  private confirmedAt = 0;

  constructor(clock: { now(): number }) {
    this.clock = clock;
  }

  get state(): VaultState {
    return this.current;
  }

  /** Bumped by every lock; async work started in an older epoch must be discarded. */
  get epoch(): number {
    return this.epochCount;
  }

  isUnlocked(): boolean {
    // The key is held exactly while unlocked: every way out of 'unlocked' goes through lock().
    return this.current === 'unlocked';
  }

  /** True when unlocked and the person proved it is them within the last `ms`. */
  confirmedWithin(ms: number): boolean {
    return this.isUnlocked() && this.clock.now() - this.confirmedAt <= ms;
  }

  /** The person proved it is them again while unlocked. */
  confirm(): void {
    this.confirmedAt = this.clock.now();
  }

  /** What the keychain says: a wrapped key exists or not. Leaves an unlocked vault unlocked. */
  markStored(exists: boolean): void {
    if (this.current !== 'unlocked') this.current = exists ? 'locked' : 'uninitialized';
  }

  /**
   * The wrapped key is gone (deleted by a reset, here or by another instance): there is no
   * vault any more, so an unlocked one locks (reason 'reset') before becoming uninitialized.
   */
  markUninitialized(): void {
    if (this.current === 'unlocked') this.lock('reset');
    this.current = 'uninitialized';
  }

  on<K extends keyof VaultEvents>(event: K, listener: (payload: VaultEvents[K]) => void): () => void {
    return this.emitter.on(event, listener);
  }

  /** Registers something to drop on every lock; returns the unregister function. */
  onLock(drop: () => void): () => void {
    this.dropHooks.add(drop);
    return () => {
      this.dropHooks.delete(drop);
    };
  }

  /** Takes ownership of `key` (zeroing any other key held) and becomes unlocked. */
  becomeUnlocked(key: Buffer): void {
    if (key.length !== VAULT_KEY_BYTES) {
      key.fill(0);
      throw new AppError('internal', 'The vault key has the wrong size.');
    }
    const wasUnlocked = this.current === 'unlocked';
    if (this.key && this.key !== key) this.key.fill(0);
    this.key = key;
    this.current = 'unlocked';
    this.confirmedAt = this.clock.now();
    if (!wasUnlocked) this.emitter.emit('unlocked', {});
  }

  /**
   * Locks now. Returns true when the vault was unlocked; the `locked` event fires only
   * then, unless `announceAlways` (a reset is announced in every state).
   */
  lock(reason: LockReason, announceAlways = false): boolean {
    this.epochCount += 1;
    const wasUnlocked = this.current === 'unlocked';
    this.key?.fill(0);
    this.key = null;
    for (const value of this.cache.values()) value.fill(0);
    this.cache.clear();
    if (wasUnlocked) this.current = 'locked';
    // Hooks run on every lock request: dropping what is already gone is harmless.
    for (const drop of [...this.dropHooks]) {
      try {
        drop();
      } catch {
        // A failing hook must not keep the others (or the lock) from happening.
      }
    }
    if (wasUnlocked || announceAlways) this.emitter.emit('locked', { reason });
    return wasUnlocked;
  }

  /** Throws unless the vault is unlocked. */
  requireUnlocked(): void {
    if (this.current === 'uninitialized') throw notInitializedError();
    if (!this.isUnlocked()) throw lockedError();
  }

  /** The key, if the vault is still unlocked in `epoch`; throws AppError('locked') otherwise. */
  keyFor(epoch: number): Buffer {
    if (epoch !== this.epochCount || this.key === null) throw lockedError();
    return this.key;
  }

  /** The key of the unlocked vault; throws AppError('locked') when there is none. */
  currentKey(): Buffer {
    return this.keyFor(this.epochCount);
  }

  /** The cached plain text of `item`, or null. */
  cached(item: string): string | null {
    return this.cache.get(item)?.toString('utf8') ?? null;
  }

  /**
   * Keeps `plain` (owned from now on) as the cached value of `item`, if still unlocked in
   * `epoch`; otherwise zeroes it: a value from before a lock must not linger.
   */
  remember(item: string, plain: Buffer, epoch: number): void {
    if (epoch !== this.epochCount || this.key === null) {
      plain.fill(0);
      return;
    }
    this.forget(item);
    this.cache.set(item, plain);
  }

  /** Zeroes and drops the cached value of `item`. */
  forget(item: string): void {
    this.cache.get(item)?.fill(0);
    this.cache.delete(item);
  }

  /** Every decrypted secret held right now (for scrubbing error text); empty while locked. */
  held(): string[] {
    return [...this.cache.values()].map((b) => b.toString('utf8'));
  }
}
