// Why: the "Odoo account" sign-in keeps no password. The person types it (and the code, for
// a two-factor user); the web session it opens creates an API key for this device through
// Odoo's own wizard (device-key.ts), renewed within 14 days of its end; then the password
// is dropped unless the profile chose to keep it. When Odoo ends the session, that key
// carries calls until the person signs in again; forgetting the profile revokes the key.
import { AppError, isAppError } from '../../errors.js';
import type { ClientContext } from '../client-context.js';
import { createDeviceKey, deviceKeyName, revokeDeviceKey } from '../device-key.js';
import { passwordRequired } from '../session-decision.js';
import { sessionExpired, type SessionState } from '../session-state.js';
import type { SharedSignIn, SignInMethod, TypedPassword } from './method.js';
import type { WebLogin } from './web-login.js';

/** A device key is renewed when it ends within this time. */
export const KEY_RENEW_MS = 14 * 86_400_000;

export interface AccountSignIn extends SignInMethod {
  /** Removes this device's key in Odoo (identity check with `password`), then forgets it. */
  revokeDeviceKey(password: string, signal?: AbortSignal): Promise<void>;
}

export interface AccountDeps {
  web: WebLogin;
  session: SessionState;
  typed: TypedPassword;
  shared: SharedSignIn;
}

/** A key is due when there is none, or when the one this device has ends within 14 days. */
export function deviceKeyDue(stored: string | null, expiresAt: string | null, nowMs: number): boolean {
  if (!stored) return true;
  return expiresAt !== null && Date.parse(`${expiresAt.replace(' ', 'T')}Z`) - nowMs < KEY_RENEW_MS;
}

export function createAccountSignIn(ctx: ClientContext, deps: AccountDeps): AccountSignIn {
  const { web, session, typed, shared } = deps;
  const { options, secrets, clock } = ctx;
  /** The name of this device's key in Odoo (to revoke it). */
  let keyName: string | null = options.deviceKeyName ?? null;

  /** Over the live session: one call_kw, no re-login (the key's steps need this very session). */
  async function callOnSession(model: string, method: string, args: unknown[], kwargs: Record<string, unknown>): Promise<unknown> {
    const sid = session.current();
    if (!sid) throw sessionExpired();
    return ctx.t.callKw(sid, model, method, args, kwargs);
  }

  async function makeKey(password: string): Promise<void> {
    const v = await ctx.ensureVersion();
    const name = deviceKeyName(options.deviceKeyLabel?.product ?? 'Odoo Companion', options.deviceKeyLabel?.device ?? '', clock.now());
    const made = await createDeviceKey(callOnSession, { password, name, major: v.major, nowMs: clock.now() });
    if ('refused' in made) {
      await options.onDeviceKey?.({ kind: 'refused', reason: made.refused.slice(0, 300) });
      return;
    }
    await secrets.set('device-key', made.key);
    keyName = made.name;
    await options.onDeviceKey?.({ kind: 'created', name: made.name, createdAt: clock.now(), expiresAt: made.expiresAt });
  }

  async function revoke(password: string, signal?: AbortSignal): Promise<void> {
    const name = keyName;
    // The identity check needs a live session: sign in with the password just typed.
    let live = false;
    const sid = await session.stored();
    if (sid) {
      try {
        await session.info(sid, signal);
        live = true;
      } catch (e) {
        if (!isAppError(e, 'session_expired')) throw e;
      }
    }
    if (!live) {
      typed.value = password;
      shared.clear();
      try {
        const r = await shared.run(signal);
        if (r.status === 'totp_required') {
          throw new AppError('totp_required', 'Odoo asks for the two-factor code: open the profile once, then forget it.');
        }
      } finally {
        typed.value = null;
      }
    }
    if (name !== null) {
      const v = await ctx.ensureVersion(signal);
      await revokeDeviceKey(callOnSession, { password, name, major: v.major });
    }
    await secrets.set('device-key', null);
    keyName = null;
    await options.onDeviceKey?.({ kind: 'removed' });
  }

  return {
    carrier: {
      kind: 'session',
      atHand: {
        password: async () => typed.value !== null || (await ctx.secret('password')) !== null,
        deviceKey: async () => (await ctx.secret('device-key')) !== null,
      },
    },
    async signIn(signal) {
      if (typed.value !== null) return web.authenticate(typed.value, signal);
      const kept = await ctx.secret('password');
      if (!kept) throw passwordRequired();
      return web.authenticate(kept, signal);
    },
    /** After every web sign-in: the device key when there is none (or it ends soon), then the password is dropped. */
    async afterSignIn() {
      const password = typed.value ?? (await ctx.secret('password'));
      try {
        if (password !== null && deviceKeyDue(await ctx.secret('device-key'), options.deviceKeyExpiresAt ?? null, clock.now())) {
          await makeKey(password);
        }
      } finally {
        // The password is used, then dropped: only a profile that chose to keep it keeps it.
        if (options.keepPassword === true && typed.value !== null) await secrets.set('password', typed.value);
        if (options.keepPassword !== true) await secrets.set('password', null);
        typed.value = null;
      }
    },
    async refresh() {},
    async signOut() {},
    forget() {},
    revokeDeviceKey: revoke,
  };
}
