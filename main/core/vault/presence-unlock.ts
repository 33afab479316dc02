// Why: presence unlock (Touch ID, Windows Hello) is a second way into the vault, with its
// own stored copy of the vault key and its own failure modes; this module owns that copy
// and the platform checks, apart from the vault's lifecycle. Rules enforced here
// (docs/security.md):
// - the presence copy (`vault/presence-key`) exists only while presence unlock is on, and
//   only sealed by the platform (presence-seal.ts): the keychain never holds the key
//   itself; a copy in the old clear format, or a damaged one, is deleted on sight;
// - a platform that cannot seal gets no presence unlock at all;
// - turning it on needs a successful presence check (the seal asks for one); turning it
//   off works in any state: removing a way in is always allowed;
// - a copy the platform opens is used only if it has the size of a vault key.
import { z } from 'zod';
import { AppError } from '../errors.js';
import type { Keychain } from '../secrets/keychain.js';
import { VAULT_KEY_BYTES } from '../secrets/secret-record.js';
import type { PresenceKind, UserPresence } from './ports.js';

export const PRESENCE_KEY_ITEM = 'vault/presence-key';
/** The version of the presence item's format: {v, level, sealed}. */
const FORMAT = 2;

export interface PresenceUnlockOptions {
  keychain: Keychain;
  presence: UserPresence;
  /** Text shown by the platform presence prompt. */
  reason: string;
}

export class PresenceUnlock {
  private readonly keychain: Keychain;
  private readonly presence: UserPresence;
  private readonly reason: string;
  /** The platform check's name, for messages. */
  private readonly name: string;
  // Stryker disable next-line BooleanLiteral: load() sets it before any use.
  private on = false;

  constructor(options: PresenceUnlockOptions) {
    this.keychain = options.keychain;
    this.presence = options.presence;
    this.reason = options.reason;
    this.name = presenceName(options.presence.kind);
  }

  get kind(): PresenceKind {
    return this.presence.kind;
  }

  /** Whether presence unlock is on (a sealed copy is stored for the current vault). */
  get enabled(): boolean {
    return this.on;
  }

  /**
   * Takes in what the keychain holds at start-up. A copy that is not a sealed one is
   * deleted; a copy without a vault (a leftover of an old one) does not count as "on".
   */
  async load(stored: string | null, vaultExists: boolean): Promise<void> {
    let copy = stored;
    if (copy !== null && readSealed(copy) === null) {
      await this.keychain.delete(PRESENCE_KEY_ITEM);
      copy = null;
    }
    this.on = vaultExists && copy !== null;
  }

  /** The platform can check presence and seal a copy (false when asking it fails). */
  async available(): Promise<boolean> {
    try {
      return this.presence.kind !== 'none' && this.presence.sealer !== undefined && (await this.presence.isAvailable());
    } catch {
      return false;
    }
  }

  async requireAvailable(): Promise<void> {
    if (!(await this.available())) {
      throw new AppError('presence_unavailable', `${this.name} is not available on this computer. Use the vault passphrase.`);
    }
  }

  requireEnabled(): void {
    if (!this.on) throw new AppError('presence_unavailable', `${this.name} unlock is turned off. Use the vault passphrase.`);
  }

  /** A presence check while unlocked (before re-pinning, say); throws when refused. */
  async reconfirm(): Promise<void> {
    if (!(await this.presence.verify(this.reason))) throw this.refused();
  }

  /**
   * Opens the stored copy through the platform (which checks presence first). Returns the
   * vault key (the caller owns and zeroes it). A missing or unreadable copy turns presence
   * unlock off.
   */
  async open(): Promise<Buffer> {
    const stored = await this.keychain.get(PRESENCE_KEY_ITEM);
    const sealed = readSealed(stored);
    if (sealed === null) {
      if (stored !== null) await this.keychain.delete(PRESENCE_KEY_ITEM);
      this.on = false;
      throw new AppError('presence_unavailable', `${this.name} unlock is no longer set up. Use the vault passphrase.`);
    }
    const opened = await this.presence.sealer!.open(sealed, this.reason);
    if (opened === null) throw this.refused();
    if (opened.length !== VAULT_KEY_BYTES) {
      opened.fill(0);
      throw new AppError('presence_unavailable', 'The stored unlock copy is damaged. Use the vault passphrase, then turn presence unlock off and on.');
    }
    return opened;
  }

  /**
   * Seals the vault key and stores the copy. The caller has checked availability.
   * `currentKey` throws AppError('locked') once the vault is locked: it is asked before
   * and after the platform prompt, so a lock during the prompt leaves nothing stored.
   */
  async enable(currentKey: () => Buffer): Promise<void> {
    // available() only says yes with a sealer.
    const sealer = this.presence.sealer!;
    const sealed = await sealer.seal(currentKey(), this.reason);
    if (sealed === null) {
      throw new AppError('presence_failed', `${this.name} did not confirm it is you, so it was not turned on.`);
    }
    currentKey();
    await this.keychain.set(PRESENCE_KEY_ITEM, JSON.stringify({ v: FORMAT, level: sealer.level, sealed }));
    this.on = true;
  }

  /** Deletes the copy: presence unlock is off. */
  async disable(): Promise<void> {
    await this.keychain.delete(PRESENCE_KEY_ITEM);
    this.on = false;
  }

  private refused(): AppError {
    return new AppError('presence_failed', `${this.name} did not confirm it is you. Try again or use the vault passphrase.`);
  }
}

function presenceName(kind: PresenceKind): string {
  return kind === 'touch-id' ? 'Touch ID' : kind === 'windows-hello' ? 'Windows Hello' : 'Presence check';
}

const presenceItem = z.object({ v: z.literal(FORMAT), sealed: z.string() });

/** The sealed copy from the presence item, or null for no item or any other content (old clear-text format included). */
function readSealed(text: string | null): string | null {
  try {
    return presenceItem.parse(JSON.parse(text ?? '')).sealed;
  } catch {
    return null;
  }
}
