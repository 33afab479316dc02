// The vault: the one owner of the vault key and of every decrypted secret in main.
// Everything that needs a profile's secret goes through `secretsFor(profileId)`.
// Rules enforced here (docs/security.md):
// - the app starts locked; while locked (or uninitialized) every secret access throws
//   AppError('locked') (or 'vault_not_initialized'); nothing is readable without the key;
// - locking zeroes and drops the vault key and every decrypted secret cached here, bumps
//   an epoch that cancels unlocks and reads still in flight, runs the "on lock, drop
//   this" hooks (Odoo session ids, access tokens) and tells listeners (the shell closes
//   Odoo windows and clears their partitions);
// - every value is encrypted (AES-256-GCM, item name as associated data) before it
//   reaches the keychain;
// - wrong passphrases are throttled with growing delays and never wipe anything;
// - the presence copy of the vault key (`vault/presence-key`) exists only while presence
//   unlock is on, and only sealed by the platform (presence-seal.ts: a Windows Hello
//   signature, or the OS protected store): the keychain never holds the key itself, and a
//   copy in the old clear format is deleted on sight; enabling it needs the vault unlocked
//   and a successful presence check; a platform that cannot seal gets no presence unlock;
// - every unlock first sweeps keychain items no profile owns (a crash between a new
//   profile's secrets and its metadata), before the key is usable;
// - writes go new-before-old: a changed passphrase's wrapped key is written and read back
//   before success is reported; a batch of secrets is written before old ones are deleted;
//   "reset vault" deletes the wrapped key last, so an interrupted reset can be re-run.
import type { LockReason, VaultState, VaultStatus } from '../../../contract/index.js';
import { AppError, isAppError, lockedError, profileNotFound } from '../errors.js';
import type { Keychain } from '../secrets/keychain.js';
import { openRecord, RecordError, sealRecord, secretItemName, VAULT_KEY_BYTES } from '../secrets/secret-record.js';
import { SECRET_KINDS, type ProfileSecrets, type SecretKind } from '../secrets/types.js';
import { TypedEmitter } from '../emitter.js';
import { calibrateScrypt, DEFAULT_SCRYPT_PARAMS, newVaultKey, unwrapVaultKey, WRAPPED_KEY_ITEM, WrongPassphraseError, wrapVaultKey, type ScryptParams } from './kdf.js';
import { noUserPresence, type UserPresence } from './ports.js';
import { createMemoryThrottleStore, INITIAL_THROTTLE, retryAt, sanitizeThrottleState, type ThrottleState, type ThrottleStore } from './throttle.js';

export const PRESENCE_KEY_ITEM = 'vault/presence-key';
/** The floor for a calibrated scrypt cost, however slow the machine (32 MiB, ~100 ms on a laptop). */
const MIN_CALIBRATED_N = 2 ** 15;
/** Keychain items whose name starts with this belong to the vault itself, not a profile. */
const VAULT_ITEM_PREFIX = 'vault/';
/**
 * Longest secret accepted, in UTF-8 bytes. The sealed record is about 4/3 of it plus 45
 * bytes, and Windows Credential Manager holds at most 2560 bytes per item: 1800 keeps
 * every platform's keychain able to store what the vault accepts.
 */
export const MAX_SECRET_BYTES = 1800;
const PROFILE_ID = /^[a-z0-9-]{1,64}$/;

export type VaultEvents = {
  locked: { reason: LockReason };
  unlocked: Record<string, never>;
};

/** What forgetting a profile needs from the profile store. */
export interface ProfileMetadataPort {
  remove(id: string): Promise<boolean>;
  /** The profiles that exist; a keychain item of any other id is an orphan, swept at unlock. */
  list?(): readonly { id: string }[];
}

export interface VaultOptions {
  keychain: Keychain;
  presence?: UserPresence;
  /** Persisted wrong-passphrase counter; in memory when omitted. */
  throttle?: ThrottleStore;
  clock?: { now(): number };
  /** The profile store, so forgetting a profile also removes its metadata. */
  profiles?: ProfileMetadataPort;
  /**
   * scrypt parameters for new wrapped keys. Default: calibrated on this machine the first
   * time a key is wrapped, so an unlock takes 250 ms – 1 s (never below N = 2^15).
   * Tests pass cheap fixed ones.
   */
  scryptParams?: ScryptParams;
  /** Text shown by the platform presence prompt. */
  presenceReason?: string;
}

/** ProfileSecrets plus the batch write the profile editor needs. */
export interface VaultProfileSecrets extends ProfileSecrets {
  readonly profileId: string;
  /**
   * Applies several changes: every new value is written first, then the nulls are
   * deleted, so a failure part-way never leaves a profile with less than before.
   */
  update(changes: Partial<Record<SecretKind, string | null>>): Promise<void>;
}

function notInitializedError(): AppError {
  return new AppError('vault_not_initialized', 'No vault has been set up yet. Create a vault passphrase first.');
}

/** Serialises async jobs: unlocks, passphrase changes, presence changes, resets. */
class Mutex {
  private tail: Promise<unknown> = Promise.resolve();
  run<T>(job: () => Promise<T>): Promise<T> {
    const r = this.tail.then(job, job);
    this.tail = r.catch(() => {});
    return r;
  }
}

export class Vault {
  private readonly keychain: Keychain;
  private readonly presence: UserPresence;
  private readonly throttleStore: ThrottleStore;
  private readonly clock: { now(): number };
  private readonly profiles: ProfileMetadataPort | undefined;
  private scryptParams: ScryptParams | null;
  private readonly presenceReason: string;
  private readonly emitter = new TypedEmitter<VaultEvents>();
  private readonly dropHooks = new Set<() => void>();
  private readonly mutex = new Mutex();

  private current: VaultState = 'locked';
  private loaded: Promise<void> | null = null;
  private key: Buffer | null = null;
  /** Decrypted secrets by item name, as Buffers so that locking can zero them. */
  private readonly cache = new Map<string, Buffer>();
  /** Bumped by every lock and reset; async work started in an older epoch is discarded. */
  private epoch = 0;
  private presenceEnabled = false;
  /** When the person last proved it is them (passphrase or presence); null while locked. */
  private confirmedAt: number | null = null;
  private throttleState: ThrottleState = { ...INITIAL_THROTTLE };

  constructor(options: VaultOptions) {
    this.keychain = options.keychain;
    this.presence = options.presence ?? noUserPresence;
    this.throttleStore = options.throttle ?? createMemoryThrottleStore();
    this.clock = options.clock ?? { now: () => Date.now() };
    this.profiles = options.profiles;
    this.scryptParams = options.scryptParams ?? null;
    this.presenceReason = options.presenceReason ?? 'unlock Odoo Companion';
  }

  /** The state as last known ('locked' until the keychain has been read once). */
  get state(): VaultState {
    return this.current;
  }

  isUnlocked(): boolean {
    return this.current === 'unlocked' && this.key !== null;
  }

  /**
   * True when the vault is unlocked and the person proved it is them within `ms` (an
   * unlock, or a re-confirmation with the passphrase or presence while unlocked). Guards
   * actions that weaken protection, such as re-pinning a server.
   */
  confirmedWithin(ms: number): boolean {
    return this.isUnlocked() && this.confirmedAt !== null && this.clock.now() - this.confirmedAt <= ms;
  }

  on<K extends keyof VaultEvents>(event: K, listener: (payload: VaultEvents[K]) => void): () => void {
    return this.emitter.on(event, listener);
  }

  /**
   * Registers something to drop on every lock (an Odoo client's session id, an access
   * token, a window). Hooks run synchronously inside lock(), before the `locked` event;
   * one that throws does not stop the others. Returns the unregister function.
   */
  onLock(drop: () => void): () => void {
    this.dropHooks.add(drop);
    return () => {
      this.dropHooks.delete(drop);
    };
  }

  /** Reads what the keychain says about the vault (once; retried after a failure). */
  init(): Promise<void> {
    this.loaded ??= this.load().catch((e: unknown) => {
      this.loaded = null;
      throw e;
    });
    return this.loaded;
  }

  private async load(): Promise<void> {
    const [wrapped, presenceItem, throttle] = await Promise.all([
      this.keychain.get(WRAPPED_KEY_ITEM),
      this.keychain.get(PRESENCE_KEY_ITEM),
      this.throttleStore.load(),
    ]);
    this.throttleState = sanitizeThrottleState(throttle);
    let presenceCopy = presenceItem;
    if (presenceCopy !== null && readSealedPresence(presenceCopy) === null) {
      // An older format held the vault key itself (or the item is damaged): it must not stay.
      await this.keychain.delete(PRESENCE_KEY_ITEM);
      presenceCopy = null;
    }
    // A presence copy without a wrapped key is a leftover of an old vault: not "enabled".
    this.presenceEnabled = wrapped !== null && presenceCopy !== null;
    if (this.current !== 'unlocked') this.current = wrapped === null ? 'uninitialized' : 'locked';
  }

  /** The contract's VaultStatus. */
  async status(): Promise<VaultStatus> {
    await this.init();
    const available = await this.presenceAvailable();
    const now = this.clock.now();
    const at = retryAt(this.throttleState, now);
    return {
      state: this.current,
      presence: { available, enabled: this.presenceEnabled, kind: this.presence.kind },
      retryAt: at !== null && at > now ? at : null,
      failedAttempts: this.throttleState.failedAttempts,
    };
  }

  /** Sets up a new vault with `passphrase` and leaves it unlocked. vault_exists if there is one. */
  create(input: { passphrase: string; enablePresence?: boolean }): Promise<VaultStatus> {
    return this.mutex.run(async () => {
      await this.init();
      if (input.passphrase.length === 0) throw new AppError('invalid_input', 'The passphrase cannot be empty.');
      if ((await this.keychain.get(WRAPPED_KEY_ITEM)) !== null) {
        this.current = this.current === 'unlocked' ? 'unlocked' : 'locked';
        throw new AppError('vault_exists', 'A vault already exists. Unlock it, or reset it if the passphrase is lost.');
      }
      if (input.enablePresence) await this.requirePresenceAvailable();
      const key = newVaultKey();
      try {
        const wrapped = await wrapVaultKey(key, input.passphrase, await this.wrapParams());
        // A presence copy left by an older vault would hold the wrong key: drop it first.
        await this.keychain.delete(PRESENCE_KEY_ITEM);
        this.presenceEnabled = false;
        await this.keychain.set(WRAPPED_KEY_ITEM, wrapped);
        await this.saveThrottle({ ...INITIAL_THROTTLE });
      } catch (e) {
        key.fill(0);
        throw e;
      }
      this.becomeUnlocked(key);
      if (input.enablePresence) {
        try {
          await this.enablePresenceLocked();
        } catch (e) {
          // The vault exists and is unlocked; presence simply stays off (status says so).
          if (!isAppError(e, 'presence_failed') && !isAppError(e, 'presence_unavailable')) throw e;
        }
      }
      return this.status();
    });
  }

  /**
   * Unlocks with the passphrase (also usable to re-confirm it while unlocked). Throttled:
   * before `retryAt` it throws AppError('throttled', { retryAt }); a wrong passphrase
   * throws AppError('wrong_passphrase', { failedAttempts, retryAt }).
   */
  unlockWithPassphrase(passphrase: string): Promise<VaultStatus> {
    // Taken now, not when the job starts: a lock requested after this call cancels it.
    const epoch = this.epoch;
    return this.mutex.run(async () => {
      await this.init();
      const key = await this.checkPassphrase(passphrase);
      if (epoch !== this.epoch) {
        key.fill(0);
        throw lockedError('Odoo Companion was locked again while unlocking. Unlock it again.');
      }
      if (!this.isUnlocked()) await this.sweepOrphans();
      this.becomeUnlocked(key);
      return this.status();
    });
  }

  /** Unlocks after a successful platform presence check (Touch ID, Windows Hello). */
  unlockWithPresence(): Promise<VaultStatus> {
    const epoch = this.epoch;
    return this.mutex.run(async () => {
      await this.init();
      if (this.current === 'uninitialized') throw notInitializedError();
      if (!this.presenceEnabled) {
        throw new AppError('presence_unavailable', `${presenceName(this.presence)} unlock is turned off. Use the vault passphrase.`);
      }
      await this.requirePresenceAvailable();
      const refused = (): AppError =>
        new AppError('presence_failed', `${presenceName(this.presence)} did not confirm it is you. Try again or use the vault passphrase.`);
      if (this.isUnlocked()) {
        // Already unlocked: this was a re-confirmation (before re-pinning, say).
        if (!(await this.presence.verify(this.presenceReason))) throw refused();
        this.confirmedAt = this.clock.now();
        return this.status();
      }
      const stored = await this.keychain.get(PRESENCE_KEY_ITEM);
      const sealed = stored === null ? null : readSealedPresence(stored);
      if (sealed === null) {
        if (stored !== null) await this.keychain.delete(PRESENCE_KEY_ITEM);
        this.presenceEnabled = false;
        throw new AppError('presence_unavailable', `${presenceName(this.presence)} unlock is no longer set up. Use the vault passphrase.`);
      }
      // The platform releases the key only after its own presence check (presence-seal.ts).
      const opened = await this.presence.sealer!.open(sealed, this.presenceReason);
      if (opened === null) throw refused();
      if (opened.length !== VAULT_KEY_BYTES) {
        opened.fill(0);
        throw new AppError('presence_unavailable', 'The stored unlock copy is damaged. Use the vault passphrase, then turn presence unlock off and on.');
      }
      const key = opened;
      if (epoch !== this.epoch) {
        key.fill(0);
        throw lockedError('Odoo Companion was locked again while unlocking. Unlock it again.');
      }
      // The owner proved it is them: earlier wrong passphrases no longer count against them.
      if (this.throttleState.failedAttempts > 0) await this.saveThrottle({ ...INITIAL_THROTTLE });
      await this.sweepOrphans();
      this.becomeUnlocked(key);
      return this.status();
    });
  }

  /**
   * Locks now (synchronous: nothing can run between the request and the key being gone).
   * Returns true when the vault was unlocked (the `locked` event fires only then).
   */
  lock(reason: LockReason = 'manual'): boolean {
    this.epoch += 1;
    const wasUnlocked = this.current === 'unlocked';
    this.confirmedAt = null;
    if (this.key) {
      this.key.fill(0);
      this.key = null;
    }
    for (const value of this.cache.values()) value.fill(0);
    this.cache.clear();
    if (this.current === 'unlocked') this.current = 'locked';
    // Hooks run on every lock request: dropping what is already gone is harmless.
    for (const drop of [...this.dropHooks]) {
      try {
        drop();
      } catch {
        // A failing hook must not keep the others (or the lock) from happening.
      }
    }
    if (wasUnlocked) this.emitter.emit('locked', { reason });
    return wasUnlocked;
  }

  /**
   * Re-wraps the vault key under a new passphrase (secrets are untouched). The current
   * passphrase is checked with the same throttling as an unlock. The new wrapped key is
   * written and read back before this resolves; the lock state does not change.
   */
  changePassphrase(input: { current: string; next: string }): Promise<void> {
    return this.mutex.run(async () => {
      await this.init();
      if (input.next.length === 0) throw new AppError('invalid_input', 'The new passphrase cannot be empty.');
      const key = await this.checkPassphrase(input.current);
      try {
        const wrapped = await wrapVaultKey(key, input.next, await this.wrapParams());
        await this.keychain.set(WRAPPED_KEY_ITEM, wrapped);
        if ((await this.keychain.get(WRAPPED_KEY_ITEM)) !== wrapped) {
          throw new AppError('keychain_unavailable', 'The system keychain did not keep the new passphrase. Your old passphrase still works; try again.', {
            reason: 'failed',
            operation: 'write',
          });
        }
      } finally {
        key.fill(0);
      }
    });
  }

  /** Turns presence unlock on (needs the vault unlocked and a presence check) or off. */
  setPresence(enabled: boolean): Promise<VaultStatus> {
    return this.mutex.run(async () => {
      await this.init();
      if (enabled) {
        if (this.current === 'uninitialized') throw notInitializedError();
        if (!this.isUnlocked()) throw lockedError();
        await this.requirePresenceAvailable();
        await this.enablePresenceLocked();
      } else {
        // Off works in any state: removing a way in is always allowed.
        await this.keychain.delete(PRESENCE_KEY_ITEM);
        this.presenceEnabled = false;
      }
      return this.status();
    });
  }

  /**
   * Forgotten passphrase: deletes every secret and the vault key (profiles' non-secret
   * metadata stays, so they can be re-entered). Ends uninitialized.
   */
  reset(): Promise<VaultStatus> {
    return this.mutex.run(async () => {
      await this.init();
      const wasUnlocked = this.current === 'unlocked';
      this.lock('reset');
      if (!wasUnlocked) this.emitter.emit('locked', { reason: 'reset' });
      const items = await this.keychain.findAll();
      const secrets = items.filter((i) => !i.account.startsWith(VAULT_ITEM_PREFIX)).map((i) => i.account);
      for (const account of secrets) await this.keychain.delete(account);
      await this.keychain.delete(PRESENCE_KEY_ITEM);
      this.presenceEnabled = false;
      // Last: while it exists the vault is still "set up", so an interrupted reset shows and can be re-run.
      await this.keychain.delete(WRAPPED_KEY_ITEM);
      this.current = 'uninitialized';
      await this.saveThrottle({ ...INITIAL_THROTTLE });
      return this.status();
    });
  }

  /** The secrets of one profile. Each call checks the lock state; nothing is read ahead. */
  secretsFor(profileId: string): VaultProfileSecrets {
    checkProfileId(profileId);
    const get = (kind: SecretKind): Promise<string | null> => this.getSecret(profileId, kind);
    const set = (kind: SecretKind, value: string | null): Promise<void> => this.setSecret(profileId, kind, value);
    return {
      profileId,
      get,
      set,
      update: async (changes) => {
        const entries = Object.entries(changes).filter((e): e is [SecretKind, string | null] => e[1] !== undefined);
        for (const [kind] of entries) checkKind(kind);
        this.requireUnlocked();
        for (const [kind, value] of entries) if (value !== null) await set(kind, value);
        for (const [kind, value] of entries) if (value === null) await set(kind, null);
      },
    };
  }

  /**
   * The decrypted secrets held in memory right now (every profile's), so error text from a
   * server can be scrubbed of them before it leaves main. Empty while locked.
   */
  heldSecrets(): string[] {
    return [...this.cache.values()].map((b) => b.toString('utf8'));
  }

  /** Which secrets a profile has stored; reads item names only, so it works while locked. */
  async storedKinds(profileId: string): Promise<SecretKind[]> {
    checkProfileId(profileId);
    const names = new Set((await this.keychain.findAll()).map((i) => i.account));
    return SECRET_KINDS.filter((k) => names.has(secretItemName(profileId, k)));
  }

  /** Stored secret kinds of every profile, from one keychain listing (names only). */
  async storedKindsByProfile(): Promise<Map<string, SecretKind[]>> {
    const out = new Map<string, SecretKind[]>();
    for (const { account } of await this.keychain.findAll()) {
      const slash = account.indexOf('/');
      if (slash <= 0 || account.startsWith(VAULT_ITEM_PREFIX)) continue;
      const kind = account.slice(slash + 1) as SecretKind;
      if (!SECRET_KINDS.includes(kind)) continue;
      const id = account.slice(0, slash);
      out.set(id, [...(out.get(id) ?? []), kind]);
    }
    return out;
  }

  /**
   * Deletes a profile's keychain items, then its metadata (secrets first: if the
   * keychain fails, the profile is still listed and forgetting can be retried).
   */
  async forgetProfile(profileId: string): Promise<void> {
    checkProfileId(profileId);
    const prefix = `${profileId}/`;
    const items = (await this.keychain.findAll()).filter((i) => i.account.startsWith(prefix));
    for (const item of items) {
      await this.keychain.delete(item.account);
      this.dropCached(item.account);
    }
    const removed = this.profiles ? await this.profiles.remove(profileId) : false;
    if (items.length === 0 && !removed) throw profileNotFound(profileId);
  }

  // -------------------------------------------------------------------------------------

  private async getSecret(profileId: string, kind: SecretKind): Promise<string | null> {
    checkKind(kind);
    const item = secretItemName(profileId, kind);
    this.requireUnlocked();
    const cached = this.cache.get(item);
    if (cached) return cached.toString('utf8');
    const epoch = this.epoch;
    const record = await this.keychain.get(item);
    // Locked while reading: the key is gone; never decrypt with a stale epoch.
    if (epoch !== this.epoch || !this.key) throw lockedError();
    if (record === null) return null;
    let plain: Buffer;
    try {
      plain = openRecord(this.key, item, record);
    } catch (e) {
      if (!(e instanceof RecordError)) throw e;
      throw new AppError('internal', 'A stored secret of this profile cannot be decrypted. Enter it again in the profile.', { kind, reason: 'undecryptable' });
    }
    this.cache.get(item)?.fill(0);
    this.cache.set(item, plain);
    return plain.toString('utf8');
  }

  private async setSecret(profileId: string, kind: SecretKind, value: string | null): Promise<void> {
    checkKind(kind);
    const item = secretItemName(profileId, kind);
    this.requireUnlocked();
    if (value === null) {
      await this.keychain.delete(item);
      this.dropCached(item);
      return;
    }
    if (typeof value !== 'string' || value.length === 0 || Buffer.byteLength(value, 'utf8') > MAX_SECRET_BYTES) {
      throw new AppError('invalid_input', 'This secret is too long to keep in the system keychain.', {
        kind,
        maxBytes: MAX_SECRET_BYTES,
      });
    }
    const key = this.key as Buffer;
    const record = sealRecord(key, item, value);
    const epoch = this.epoch;
    await this.keychain.set(item, record);
    this.dropCached(item);
    // Cache only if still unlocked in the same epoch; otherwise the value must not linger.
    if (epoch === this.epoch && this.key) this.cache.set(item, Buffer.from(value, 'utf8'));
  }

  /**
   * Deletes every profile keychain item whose profile does not exist: what a crash between
   * a new profile's secrets and its metadata left behind. Runs while still locked, inside
   * the unlock job, so no save can interleave. The keychain is listed before the profiles:
   * an item written and owned in between is seen as owned. Best effort: a failure leaves
   * the sweep to the next unlock.
   */
  private async sweepOrphans(): Promise<number> {
    const profiles = this.profiles;
    if (!profiles?.list) return 0;
    try {
      const items = await this.keychain.findAll();
      const owned = new Set(profiles.list().map((p) => p.id));
      let swept = 0;
      for (const { account } of items) {
        const slash = account.indexOf('/');
        if (slash <= 0 || account.startsWith(VAULT_ITEM_PREFIX) || owned.has(account.slice(0, slash))) continue;
        await this.keychain.delete(account);
        this.dropCached(account);
        swept += 1;
      }
      return swept;
    } catch {
      return 0;
    }
  }

  private dropCached(item: string): void {
    const old = this.cache.get(item);
    if (old) {
      old.fill(0);
      this.cache.delete(item);
    }
  }

  /** The scrypt cost for a new wrapped key: given, or measured once on this machine. */
  private async wrapParams(): Promise<ScryptParams> {
    if (this.scryptParams === null) {
      const { params } = await calibrateScrypt({ minMs: 250, maxMs: 1000, samples: 1 });
      this.scryptParams = { ...params, N: Math.max(params.N, MIN_CALIBRATED_N) };
    }
    return this.scryptParams;
  }

  private requireUnlocked(): void {
    if (this.current === 'uninitialized') throw notInitializedError();
    if (this.current !== 'unlocked' || !this.key) throw lockedError();
  }

  private becomeUnlocked(key: Buffer): void {
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

  /** Throttle check + unwrap; counts failures. Returns the vault key (caller owns it). */
  private async checkPassphrase(passphrase: string): Promise<Buffer> {
    if (this.current === 'uninitialized') throw notInitializedError();
    const now = this.clock.now();
    const at = retryAt(this.throttleState, now);
    if (at !== null && now < at) {
      throw new AppError('throttled', 'Too many wrong passphrases. Wait a moment before trying again.', {
        retryAt: at,
        failedAttempts: this.throttleState.failedAttempts,
      });
    }
    const wrapped = await this.keychain.get(WRAPPED_KEY_ITEM);
    if (wrapped === null) {
      this.current = 'uninitialized';
      throw notInitializedError();
    }
    try {
      const key = await unwrapVaultKey(wrapped, passphrase);
      if (this.throttleState.failedAttempts > 0) await this.saveThrottle({ ...INITIAL_THROTTLE });
      return key;
    } catch (e) {
      if (!(e instanceof WrongPassphraseError)) {
        throw new AppError('internal', 'The stored vault key is damaged and cannot be read.', { reason: 'wrapped_key_unreadable' }, { cause: e });
      }
      const failedAt = this.clock.now();
      const next = { failedAttempts: this.throttleState.failedAttempts + 1, lastFailureAt: failedAt };
      await this.saveThrottle(next);
      const nextAt = retryAt(next, failedAt);
      throw new AppError('wrong_passphrase', 'That passphrase is not correct.', {
        failedAttempts: next.failedAttempts,
        retryAt: nextAt,
      });
    }
  }

  private async saveThrottle(state: ThrottleState): Promise<void> {
    this.throttleState = state;
    try {
      await this.throttleStore.save(state);
    } catch {
      // The counter still holds in memory; a disk error must not turn into an unlock error.
    }
  }

  private async presenceAvailable(): Promise<boolean> {
    try {
      // Without a way to seal the copy, presence unlock is not offered at all.
      return this.presence.kind !== 'none' && this.presence.sealer !== undefined && (await this.presence.isAvailable());
    } catch {
      return false;
    }
  }

  private async requirePresenceAvailable(): Promise<void> {
    if (!(await this.presenceAvailable())) {
      throw new AppError('presence_unavailable', `${presenceName(this.presence)} is not available on this computer. Use the vault passphrase.`);
    }
  }

  /** Caller holds the mutex and has checked availability and the unlocked state. */
  private async enablePresenceLocked(): Promise<void> {
    if (!this.key) throw lockedError();
    // The copy is sealed by the platform (presence-seal.ts): the keychain never holds the
    // vault key itself, and the seal asks for presence before it is made.
    const sealed = await this.presence.sealer!.seal(this.key, this.presenceReason);
    if (sealed === null) {
      throw new AppError('presence_failed', `${presenceName(this.presence)} did not confirm it is you, so it was not turned on.`);
    }
    if (!this.key) throw lockedError();
    await this.keychain.set(PRESENCE_KEY_ITEM, JSON.stringify({ v: 2, level: this.presence.sealer!.level, sealed }));
    this.presenceEnabled = true;
  }
}

function presenceName(p: UserPresence): string {
  return p.kind === 'touch-id' ? 'Touch ID' : p.kind === 'windows-hello' ? 'Windows Hello' : 'Presence check';
}

/** The sealed copy from the presence item, or null for any other content (old clear-text format included). */
function readSealedPresence(text: string): string | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return null;
  }
  const o = parsed as { v?: unknown; sealed?: unknown } | null;
  return o !== null && typeof o === 'object' && o.v === 2 && typeof o.sealed === 'string' ? o.sealed : null;
}

function checkProfileId(id: string): void {
  // 'vault' is reserved: its items hold the vault key.
  if (!PROFILE_ID.test(id) || id === 'vault') throw new AppError('invalid_input', 'Not a profile id.');
}

function checkKind(kind: string): void {
  if (!(SECRET_KINDS as readonly string[]).includes(kind)) throw new AppError('invalid_input', 'Unknown kind of secret.');
}

export { DEFAULT_SCRYPT_PARAMS };
