// Why: when there is no live web session — none kept, or Odoo refused the kept one — one
// rule says what carries on: this device's key (an "Odoo account" with no password at
// hand), a fresh sign-in with the password at hand, or nothing, and then the person must
// act. Calls and identity both ask it, so every path answers alike: `password_required`
// for an "Odoo account", the refusal itself otherwise (never "no credential is stored").
import { AppError } from '../errors.js';

/** What carries on without a live session. */
export type Carrier = 'device-key' | 'sign-in';

/** What a profile has at hand when its web session is gone. Read lazily: each read may ask the vault. */
export interface AtHand {
  /** A password: typed just now, or kept in the vault. */
  password(): Promise<boolean>;
  /** An "Odoo account": whether this device's key is in the vault. Null for other profiles (no device key). */
  readonly deviceKey: (() => Promise<boolean>) | null;
}

export function passwordRequired(): AppError {
  return new AppError('password_required', 'Odoo ended the session. Enter your Odoo password to sign in again.');
}

/** No session is kept: the device key carries calls for an "Odoo account" without a password at hand; else a sign-in. */
export async function withoutSession(h: AtHand): Promise<Carrier> {
  if (h.deviceKey === null || (await h.password())) return 'sign-in';
  return (await h.deviceKey()) ? 'device-key' : 'sign-in';
}

/**
 * Odoo refused the kept session (`expired`): the device key, or a sign-in with the password
 * at hand. With neither, `password_required` for an "Odoo account", else `expired` itself.
 */
export async function afterRefused(h: AtHand, expired: unknown): Promise<Carrier> {
  if ((await withoutSession(h)) === 'device-key') return 'device-key';
  if (await h.password()) return 'sign-in';
  if (h.deviceKey !== null) throw passwordRequired();
  throw expired;
}

/**
 * A call Odoo refused with `session_expired`, sent with session `sent` while the client
 * now holds `now`: give up when it already ran on a fresh sign-in (never loop), retry on
 * the session another call opened meanwhile, else the session it was sent with is dead.
 */
export function afterRefusedCall(sent: string | null, now: string | null, reauthenticated: boolean): 'give-up' | 'retry' | 'dead' {
  if (reauthenticated) return 'give-up';
  return now !== null && now !== sent ? 'retry' : 'dead';
}
