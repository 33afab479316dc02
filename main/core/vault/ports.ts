// The small ports through which the vault and the auto-lock policy see the platform.
// main/app implements them with electron (powerMonitor, systemPreferences, Windows
// Hello); tests and the bench use the fakes in tests/support/fakes.ts.
import type { PresenceKeySealer } from './presence-seal.js';

export type IdleEvent = 'lock-screen' | 'suspend' | 'resume' | 'user-switch';

/** OS-wide idle time (powerMonitor.getSystemIdleTime) and power/session events. */
export interface IdleSource {
  /** Whole seconds since the last keyboard or mouse input anywhere on the system. */
  idleSeconds(): number;
  /** Subscribes to one event; returns the unsubscribe function. */
  on(event: IdleEvent, listener: () => void): () => void;
}

export type PresenceKind = 'touch-id' | 'windows-hello' | 'none';

/**
 * A platform check that the person at the machine is its owner: Touch ID on macOS,
 * Windows Hello user-consent verification on Windows, none on Linux.
 */
export interface UserPresence {
  readonly kind: PresenceKind;
  isAvailable(): Promise<boolean>;
  /** Shows the platform prompt with `reason`; true only for a successful verification. */
  verify(reason: string): Promise<boolean>;
  /**
   * Seals and opens the presence copy of the vault key so the keychain never holds it in
   * the clear (presence-seal.ts). Without one, presence unlock is not offered.
   */
  readonly sealer?: PresenceKeySealer;
}

/** For platforms without a presence check (Linux): unlock is by passphrase only. */
export const noUserPresence: UserPresence = {
  kind: 'none',
  isAvailable: async () => false,
  verify: async () => false,
};
