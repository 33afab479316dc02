// The vault: the one owner of the vault key and of every decrypted secret in main, and its
// lifecycle (create, unlock, lock, change passphrase, presence on/off, reset). Everything
// that needs a profile's secret goes through `secretsFor(profileId)`. The parts live in:
// key-holder.ts (the key, the decrypted cache, locking), profile-secrets.ts (the secrets
// in the keychain), passphrase-gate.ts (throttled passphrase, wrapped key),
// presence-unlock.ts (the sealed presence copy). Rules enforced here (docs/security.md):
// - the app starts locked; while locked (or uninitialized) every secret access throws
//   AppError('locked') (or 'vault_not_initialized'); nothing is readable without the key;
// - jobs that change the vault run one at a time (mutex.ts); a lock is synchronous and
//   cancels unlocks begun before it, even queued ones;
// - every unlock first sweeps keychain items no profile owns (a crash between a new
//   profile's secrets and its metadata), before the key is usable;
// - writes go new-before-old: a changed passphrase's wrapped key is written and read back
//   before success is reported; "reset vault" deletes the wrapped key last, so an
//   interrupted reset can be re-run.
import type { LockReason, VaultState, VaultStatus } from '../../../contract/index.js';
import { AppError, isAppError, lockedError } from '../errors.js';
import type { Keychain } from '../secrets/keychain.js';
import type { SecretKind } from '../secrets/types.js';
import { DEFAULT_SCRYPT_PARAMS, newVaultKey, WRAPPED_KEY_ITEM, type ScryptParams } from './kdf.js';
import { KeyHolder, notInitializedError, type VaultEvents } from './key-holder.js';
import { Mutex } from './mutex.js';
import { PassphraseGate } from './passphrase-gate.js';
import { noUserPresence, type UserPresence } from './ports.js';
import { PRESENCE_KEY_ITEM, PresenceUnlock } from './presence-unlock.js';
import { ProfileSecretStore, type ProfileMetadataPort, type VaultProfileSecrets } from './profile-secrets.js';
import { createMemoryThrottleStore, type ThrottleStore } from './throttle.js';

export { DEFAULT_SCRYPT_PARAMS, PRESENCE_KEY_ITEM, type ProfileMetadataPort, type VaultEvents, type VaultProfileSecrets };
export { MAX_SECRET_BYTES } from './profile-secrets.js';

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

export class Vault {
  private readonly keychain: Keychain;
  private readonly holder: KeyHolder;
  private readonly secrets: ProfileSecretStore;
  private readonly gate: PassphraseGate;
  private readonly presence: PresenceUnlock;
  private readonly mutex = new Mutex();
  private loaded: Promise<void> | null = null;

  constructor(options: VaultOptions) {
    const clock = options.clock ?? { now: () => Date.now() };
    this.keychain = options.keychain;
    this.holder = new KeyHolder(clock);
    this.secrets = new ProfileSecretStore(options.keychain, this.holder, options.profiles);
    this.gate = new PassphraseGate({
      keychain: options.keychain,
      throttle: options.throttle ?? createMemoryThrottleStore(),
      clock,
      scryptParams: options.scryptParams ?? null,
    });
    this.presence = new PresenceUnlock({
      keychain: options.keychain,
      presence: options.presence ?? noUserPresence,
      reason: options.presenceReason ?? 'unlock Odoo Companion',
    });
  }

  /** The state as last known ('locked' until the keychain has been read once). */
  get state(): VaultState {
    return this.holder.state;
  }

  isUnlocked(): boolean {
    return this.holder.isUnlocked();
  }

  /**
   * True when the vault is unlocked and the person proved it is them within `ms` (an
   * unlock, or a re-confirmation with the passphrase or presence while unlocked). Guards
   * actions that weaken protection, such as re-pinning a server.
   */
  confirmedWithin(ms: number): boolean {
    return this.holder.confirmedWithin(ms);
  }

  on<K extends keyof VaultEvents>(event: K, listener: (payload: VaultEvents[K]) => void): () => void {
    return this.holder.on(event, listener);
  }

  /**
   * Registers something to drop on every lock (an Odoo client's session id, an access
   * token, a window). Hooks run synchronously inside lock(), before the `locked` event;
   * one that throws does not stop the others. Returns the unregister function.
   */
  onLock(drop: () => void): () => void {
    return this.holder.onLock(drop);
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
    const [wrapped, presenceCopy] = await Promise.all([
      this.keychain.get(WRAPPED_KEY_ITEM),
      this.keychain.get(PRESENCE_KEY_ITEM),
      this.gate.load(),
    ]);
    await this.presence.load(presenceCopy, wrapped !== null);
    this.holder.markStored(wrapped !== null);
  }

  /** The contract's VaultStatus. */
  async status(): Promise<VaultStatus> {
    await this.init();
    const available = await this.presence.available();
    return {
      state: this.holder.state,
      presence: { available, enabled: this.presence.enabled, kind: this.presence.kind },
      ...this.gate.status(),
    };
  }

  /** Sets up a new vault with `passphrase` and leaves it unlocked. vault_exists if there is one. */
  create(input: { passphrase: string; enablePresence?: boolean }): Promise<VaultStatus> {
    return this.mutex.run(async () => {
      await this.init();
      if (input.passphrase.length === 0) throw new AppError('invalid_input', 'The passphrase cannot be empty.');
      if ((await this.keychain.get(WRAPPED_KEY_ITEM)) !== null) {
        this.holder.markStored(true);
        throw new AppError('vault_exists', 'A vault already exists. Unlock it, or reset it if the passphrase is lost.');
      }
      if (input.enablePresence) await this.presence.requireAvailable();
      const key = newVaultKey();
      try {
        // A presence copy left by an older vault would hold the wrong key: drop it first.
        await this.presence.disable();
        await this.gate.store(key, input.passphrase);
        await this.gate.restartCount();
      } catch (e) {
        // Stryker disable next-line CallExpression: zeroing a key no one holds any more, against memory dumps.
        key.fill(0);
        throw e;
      }
      this.holder.becomeUnlocked(key);
      if (input.enablePresence) {
        try {
          await this.presence.enable(() => this.holder.currentKey());
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
    const epoch = this.holder.epoch;
    return this.mutex.run(async () => {
      await this.init();
      const key = await this.checkPassphrase(passphrase);
      // A re-confirmation while unlocked keeps the key it has; only a first unlock sweeps.
      await this.finishUnlock(key, epoch, !this.holder.isUnlocked());
      return this.status();
    });
  }

  /** Unlocks after a successful platform presence check (Touch ID, Windows Hello). */
  unlockWithPresence(): Promise<VaultStatus> {
    const epoch = this.holder.epoch;
    return this.mutex.run(async () => {
      await this.init();
      if (this.holder.state === 'uninitialized') throw notInitializedError();
      this.presence.requireEnabled();
      await this.presence.requireAvailable();
      if (this.holder.isUnlocked()) {
        // Already unlocked: this was a re-confirmation (before re-pinning, say).
        await this.presence.reconfirm();
        this.holder.confirm();
        return this.status();
      }
      // The platform releases the key only after its own presence check (presence-seal.ts).
      const key = await this.presence.open();
      // The owner proved it is them: earlier wrong passphrases no longer count against them.
      await this.gate.clearFailures();
      await this.finishUnlock(key, epoch, true);
      return this.status();
    });
  }

  /**
   * Locks now (synchronous: nothing can run between the request and the key being gone).
   * Returns true when the vault was unlocked (the `locked` event fires only then).
   */
  lock(reason: LockReason = 'manual'): boolean {
    return this.holder.lock(reason);
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
      // Stryker disable next-line ArrowFunction,CallExpression: zeroing a key no one holds any more, against memory dumps.
      await this.gate.replace(key, input.next).finally(() => key.fill(0));
    });
  }

  /** Turns presence unlock on (needs the vault unlocked and a presence check) or off. */
  setPresence(enabled: boolean): Promise<VaultStatus> {
    return this.mutex.run(async () => {
      await this.init();
      if (enabled) {
        this.holder.requireUnlocked();
        await this.presence.requireAvailable();
        await this.presence.enable(() => this.holder.currentKey());
      } else {
        // Off works in any state: removing a way in is always allowed.
        await this.presence.disable();
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
      this.holder.lock('reset', true);
      await this.secrets.deleteAll();
      await this.presence.disable();
      // Last: while it exists the vault is still "set up", so an interrupted reset shows and can be re-run.
      await this.gate.remove();
      this.holder.markUninitialized();
      await this.gate.restartCount();
      return this.status();
    });
  }

  /** The secrets of one profile. Each call checks the lock state; nothing is read ahead. */
  secretsFor(profileId: string): VaultProfileSecrets {
    return this.secrets.secretsFor(profileId);
  }

  /**
   * The decrypted secrets held in memory right now (every profile's), so error text from a
   * server can be scrubbed of them before it leaves main. Empty while locked.
   */
  heldSecrets(): string[] {
    return this.holder.held();
  }

  /** Which secrets a profile has stored; reads item names only, so it works while locked. */
  storedKinds(profileId: string): Promise<SecretKind[]> {
    return this.secrets.storedKinds(profileId);
  }

  /** Stored secret kinds of every profile, from one keychain listing (names only). */
  storedKindsByProfile(): Promise<Map<string, SecretKind[]>> {
    return this.secrets.storedKindsByProfile();
  }

  /**
   * Deletes a profile's keychain items, then its metadata (secrets first: if the
   * keychain fails, the profile is still listed and forgetting can be retried).
   */
  forgetProfile(profileId: string): Promise<void> {
    return this.secrets.forgetProfile(profileId);
  }

  /** The passphrase check of an unlock or a passphrase change; returns the key (caller owns it). */
  private async checkPassphrase(passphrase: string): Promise<Buffer> {
    if (this.holder.state === 'uninitialized') throw notInitializedError();
    const key = await this.gate.check(passphrase);
    if (key === null) {
      this.holder.markUninitialized();
      throw notInitializedError();
    }
    return key;
  }

  /**
   * Hands `key` to the holder, after the orphan sweep of a first unlock, unless a lock came
   * after the unlock was requested (`epoch`). The epoch is compared after the last await:
   * a lock requested at any point of the unlock wins.
   */
  private async finishUnlock(key: Buffer, epoch: number, sweep: boolean): Promise<void> {
    if (sweep) await this.secrets.sweepOrphans();
    if (epoch !== this.holder.epoch) {
      key.fill(0);
      throw lockedError('Odoo Companion was locked again while unlocking. Unlock it again.');
    }
    this.holder.becomeUnlocked(key);
  }
}
