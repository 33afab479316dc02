// Why: an 'account' profile keeps no password. Right after the person signs in, the app
// creates an API key for this device through Odoo's own wizard, over the web session just
// opened, with the password just typed — exactly what the person would click through in
// Odoo's "Account Security" page — and revokes it the same way when the profile is
// forgotten. Real Odoo 17 (docs/odoo-protocol.md, "Device API keys"):
//   res.users.apikeys.description create({name}) → make_key → an action for
//   res.users.identitycheck → write({password}) (19: the password in run_check's context)
//   → run_check → an action whose context.default_key is the key (40 hex characters).
//   Removing: res.users.apikeys remove → the same identity check → act_window_close.
// The identity check is kept in the session for 10 minutes; a second step within that
// time answers directly.
import { AppError, isAppError } from '../errors.js';
import { isRecord, str } from './shapes.js';

/** One `call_kw` over the profile's live web session. */
export type SessionCall = (model: string, method: string, args: unknown[], kwargs: Record<string, unknown>) => Promise<unknown>;

export interface DeviceKey {
  key: string;
  name: string;
  /** Odoo 18+: the key's end (YYYY-MM-DD HH:MM:SS, UTC), or null when it does not expire. */
  expiresAt: string | null;
}

/** "Odoo Companion — laptop-anna — 2026-11-30": recognisable in Odoo's list of keys. */
export function deviceKeyName(product: string, device: string, nowMs: number): string {
  const day = new Date(nowMs).toISOString().slice(0, 10);
  const host = device.replace(/[^\p{L}\p{N}._-]+/gu, ' ').trim().slice(0, 60) || 'this device';
  return `${product} — ${host} — ${day}`;
}

/**
 * Answers an identity check if Odoo asks for one, and returns the action the protected
 * method answered. A wrong password is `auth_failed`.
 */
async function throughIdentityCheck(call: SessionCall, action: unknown, password: string, major: number): Promise<unknown> {
  if (!isRecord(action) || action.res_model !== 'res.users.identitycheck' || typeof action.res_id !== 'number') return action;
  const wizard = action.res_id;
  try {
    if (major >= 19) {
      return await call('res.users.identitycheck', 'run_check', [[wizard]], { context: { password } });
    }
    await call('res.users.identitycheck', 'write', [[wizard], { password }], {});
    return await call('res.users.identitycheck', 'run_check', [[wizard]], {});
  } catch (e) {
    // Odoo: UserError "Incorrect Password, try again or click on Forgot Password…".
    if (isAppError(e, 'user_error') && /password/i.test(String(e.details?.odooMessage))) {
      throw new AppError('auth_failed', 'Odoo did not accept the password.', { odooMessage: 'Incorrect Password' });
    }
    throw e;
  }
}

/**
 * Odoo 18+ asks for an expiry; non-administrators may not choose "never". The longest
 * choice Odoo allows is tried first, then shorter ones (before 18 the first, "never", is
 * the only one: a refusal there is an error).
 */
const EXPIRY_LADDER_DAYS: readonly (number | null)[] = [null, 365, 90, 30, 7, 1];

function utcDateTime(ms: number): string {
  return new Date(ms).toISOString().slice(0, 19).replace('T', ' ');
}

/**
 * Creates this device's API key. `refused` (a string) when Odoo does not let this user
 * create keys (portal users: "Only internal users can create API keys", or a policy).
 */
export async function createDeviceKey(
  call: SessionCall,
  options: { password: string; name: string; major: number; nowMs: number },
): Promise<DeviceKey | { refused: string }> {
  let lastRefusal: string | null = null;
  for (const days of EXPIRY_LADDER_DAYS) {
    const expiresAt = days === null ? null : utcDateTime(options.nowMs + days * 86_400_000);
    const values: Record<string, unknown> = { name: options.name };
    if (expiresAt !== null) values.expiration_date = expiresAt;
    let action: unknown;
    try {
      const id = await call('res.users.apikeys.description', 'create', [values], {});
      if (typeof id !== 'number') throw new AppError('bad_response', 'Odoo did not open its API key wizard.');
      action = await call('res.users.apikeys.description', 'make_key', [[id]], {});
      action = await throughIdentityCheck(call, action, options.password, options.major);
    } catch (e) {
      if (isAppError(e, 'access_denied')) return { refused: str(e.details?.odooMessage) ?? 'Odoo does not let this user create API keys.' };
      // 18+: an expiry this user may not choose is a UserError/ValidationError: try shorter.
      if (isAppError(e, 'user_error') && options.major >= 18) {
        lastRefusal = str(e.details?.odooMessage);
        continue;
      }
      throw e;
    }
    const key = (isRecord(action) && isRecord(action.context) ? action.context : {}).default_key;
    if (typeof key !== 'string' || !/^[0-9a-f]{40}$/.test(key)) {
      throw new AppError('bad_response', 'Odoo did not hand out the API key.');
    }
    return { key, name: options.name, expiresAt };
  }
  return { refused: lastRefusal ?? 'Odoo refused every expiry for a new API key.' };
}

/** Removes this device's key(s) by name; resolves with how many Odoo removed. */
export async function revokeDeviceKey(
  call: SessionCall,
  options: { password: string; name: string; major: number },
): Promise<number> {
  const found = await call('res.users.apikeys', 'search_read', [[['name', '=', options.name]]], { fields: ['id'] });
  const ids = Array.isArray(found) ? found.filter(isRecord).map((r) => r.id).filter((x): x is number => typeof x === 'number') : [];
  if (ids.length === 0) return 0;
  const action = await call('res.users.apikeys', 'remove', [ids], {});
  const done = await throughIdentityCheck(call, action, options.password, options.major);
  if (isRecord(done) && done.type !== 'ir.actions.act_window_close') {
    throw new AppError('bad_response', 'Odoo did not confirm that the key was removed.');
  }
  return ids.length;
}
