// Why: every profile's secrets (passwords, API keys, session ids…) are kept in the keychain,
// one item per profile and kind, and reach the rest of main only through this store. It
// exists apart from the vault's lifecycle so the rules about secrets sit in one place:
// - every access checks the lock state at the time of the call; nothing is read ahead;
// - every value is encrypted (AES-256-GCM, item name as associated data) before it
//   reaches the keychain; a record that does not open is refused, never returned;
// - a value is cached (decrypted, zeroable) only while the vault stays unlocked in the
//   epoch it was read or written in;
// - a batch writes every new value before deleting anything, so a failure part-way never
//   leaves a profile with less than before; forgetting deletes secrets before metadata;
// - keychain items no profile owns (a crash between a new profile's secrets and its
//   metadata) are swept at unlock; the vault's own items ('vault/…') are never touched.
import { AppError, profileNotFound } from '../errors.js';
import type { Keychain } from '../secrets/keychain.js';
import { openRecord, RecordError, sealRecord, secretItemName } from '../secrets/secret-record.js';
import { SECRET_KINDS, type ProfileSecrets, type SecretKind } from '../secrets/types.js';
import type { KeyHolder } from './key-holder.js';

/**
 * Longest secret accepted, in UTF-8 bytes. The sealed record is about 4/3 of it plus 45
 * bytes, and Windows Credential Manager holds at most 2560 bytes per item: 1800 keeps
 * every platform's keychain able to store what the vault accepts.
 */
export const MAX_SECRET_BYTES = 1800;
/** Keychain items whose name starts with this belong to the vault itself, not a profile. */
export const VAULT_ITEM_PREFIX = 'vault/';
const PROFILE_ID = /^[a-z0-9-]{1,64}$/;

/** What forgetting a profile needs from the profile store. */
export interface ProfileMetadataPort {
  remove(id: string): Promise<boolean>;
  /** The profiles that exist; a keychain item of any other id is an orphan, swept at unlock. */
  list?(): readonly { id: string }[];
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

export class ProfileSecretStore {
  private readonly keychain: Keychain;
  private readonly holder: KeyHolder;
  private readonly profiles: ProfileMetadataPort | undefined;

  constructor(keychain: Keychain, holder: KeyHolder, profiles: ProfileMetadataPort | undefined) {
    this.keychain = keychain;
    this.holder = holder;
    this.profiles = profiles;
  }

  secretsFor(profileId: string): VaultProfileSecrets {
    checkProfileId(profileId);
    const get = (kind: SecretKind): Promise<string | null> => this.get(profileId, kind);
    const set = (kind: SecretKind, value: string | null): Promise<void> => this.set(profileId, kind, value);
    return {
      profileId,
      get,
      set,
      update: async (changes) => {
        const entries = Object.entries(changes).filter((e): e is [SecretKind, string | null] => e[1] !== undefined);
        for (const [kind] of entries) checkKind(kind);
        this.holder.requireUnlocked();
        for (const [kind, value] of entries) if (value !== null) await set(kind, value);
        for (const [kind, value] of entries) if (value === null) await set(kind, null);
      },
    };
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
      const owner = profileOf(account);
      const kind = account.slice(account.indexOf('/') + 1) as SecretKind;
      if (owner === null || !SECRET_KINDS.includes(kind)) continue;
      out.set(owner, [...(out.get(owner) ?? []), kind]);
    }
    return out;
  }

  /**
   * Deletes a profile's keychain items, then its metadata (secrets first: if the
   * keychain fails, the profile is still listed and forgetting can be retried).
   */
  async forgetProfile(profileId: string): Promise<void> {
    checkProfileId(profileId);
    const items = (await this.keychain.findAll()).filter((i) => profileOf(i.account) === profileId);
    for (const item of items) await this.deleteItem(item.account);
    const removed = this.profiles ? await this.profiles.remove(profileId) : false;
    if (items.length === 0 && !removed) throw profileNotFound(profileId);
  }

  /** Deletes every profile's secrets (a reset); the vault's own items stay. */
  async deleteAll(): Promise<void> {
    for (const { account } of await this.keychain.findAll()) {
      if (!account.startsWith(VAULT_ITEM_PREFIX)) await this.deleteItem(account);
    }
  }

  /**
   * Deletes every profile keychain item whose profile does not exist: what a crash between
   * a new profile's secrets and its metadata left behind. Runs while still locked, inside
   * the unlock job, so no save can interleave. The keychain is listed before the profiles:
   * an item written and owned in between is seen as owned. Best effort: a failure leaves
   * the sweep to the next unlock. Without a list of profiles nothing is an orphan.
   */
  async sweepOrphans(): Promise<void> {
    const profiles = this.profiles;
    if (!profiles?.list) return;
    try {
      const items = await this.keychain.findAll();
      const owned = new Set(profiles.list().map((p) => p.id));
      for (const { account } of items) {
        const owner = profileOf(account);
        if (owner !== null && !owned.has(owner)) await this.deleteItem(account);
      }
    } catch {
      // Best effort: what is left is swept at the next unlock.
    }
  }

  private async get(profileId: string, kind: SecretKind): Promise<string | null> {
    checkKind(kind);
    const item = secretItemName(profileId, kind);
    this.holder.requireUnlocked();
    const cached = this.holder.cached(item);
    if (cached !== null) return cached;
    const epoch = this.holder.epoch;
    const record = await this.keychain.get(item);
    // Locked while reading: the key is gone; never decrypt with a stale epoch.
    const key = this.holder.keyFor(epoch);
    if (record === null) return null;
    let plain: Buffer;
    try {
      plain = openRecord(key, item, record);
    } catch (e) {
      // Stryker disable next-line ConditionalExpression: openRecord throws nothing else, short of a bug in it.
      if (!(e instanceof RecordError)) throw e;
      throw new AppError('internal', 'A stored secret of this profile cannot be decrypted. Enter it again in the profile.', { kind, reason: 'undecryptable' });
    }
    const text = plain.toString('utf8');
    this.holder.remember(item, plain, epoch);
    return text;
  }

  private async set(profileId: string, kind: SecretKind, value: string | null): Promise<void> {
    checkKind(kind);
    const item = secretItemName(profileId, kind);
    this.holder.requireUnlocked();
    if (value === null) {
      await this.deleteItem(item);
      return;
    }
    if (typeof value !== 'string' || value.length === 0 || Buffer.byteLength(value) > MAX_SECRET_BYTES) {
      throw new AppError('invalid_input', 'This secret is too long to keep in the system keychain.', {
        kind,
        maxBytes: MAX_SECRET_BYTES,
      });
    }
    const epoch = this.holder.epoch;
    const record = sealRecord(this.holder.keyFor(epoch), item, value);
    await this.keychain.set(item, record);
    // Cached only if still unlocked in the same epoch; otherwise the value must not linger.
    this.holder.remember(item, Buffer.from(value), epoch);
  }

  private async deleteItem(item: string): Promise<void> {
    await this.keychain.delete(item);
    this.holder.forget(item);
  }
}

/** The profile id an item belongs to, or null for the vault's own items and foreign names. */
function profileOf(account: string): string | null {
  const slash = account.indexOf('/');
  if (slash <= 0 || account.startsWith(VAULT_ITEM_PREFIX)) return null;
  return account.slice(0, slash);
}

function checkProfileId(id: string): void {
  // 'vault' is reserved: its items hold the vault key.
  if (!PROFILE_ID.test(id) || id === 'vault') throw new AppError('invalid_input', 'Not a profile id.');
}

function checkKind(kind: string): void {
  if (!(SECRET_KINDS as readonly string[]).includes(kind)) throw new AppError('invalid_input', 'Unknown kind of secret.');
}
