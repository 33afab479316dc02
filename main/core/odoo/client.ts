// Why: the one object the main process uses to talk to one Odoo profile. It hides which
// sign-in method ('account', 'api-key', 'password', 'jwt': sign-in/*) and which transport
// (JSON-RPC, XML-RPC, JSON-2) is in use behind `login()` / `call()`, keeps credentials
// flowing inward only (read from the ProfileSecrets port when needed, session ids and
// tokens written back to it, never into an error or a log), and signs in again once,
// transparently, when a session expires and the vault holds what is needed. This module
// assembles the parts and answers for the client's public face (client-types.ts).
import type { Identity, LoginResult } from '../../../contract/index.js';
import { AppError, isAppError } from '../errors.js';
import { createCalls } from './calls.js';
import { createClientContext } from './client-context.js';
import type { OdooClient, OdooClientOptions } from './client-types.js';
import { afterRefused, withoutSession } from './session-decision.js';
import { createSessionState, sessionExpired } from './session-state.js';
import { SingleFlight } from './single-flight.js';
import { createAccountSignIn } from './sign-in/account.js';
import { createApiKeySignIn, createKeyAuth } from './sign-in/api-key.js';
import { createJwtSignIn } from './sign-in/jwt.js';
import type { SharedSignIn, SignInMethod, TypedPassword } from './sign-in/method.js';
import { createPasswordSignIn } from './sign-in/password.js';
import { createWebLogin } from './sign-in/web-login.js';

export function createOdooClient(options: OdooClientOptions): OdooClient {
  const ctx = createClientContext(options);
  const { authMethod } = ctx;
  // 'account' and password profiles keep their web session in the vault (quick login reuses it
  // after a restart); a JWT profile's lives in memory only and is ended on sign-out and lock.
  const keepsSession = authMethod === 'password' || authMethod === 'account';
  const session = createSessionState(ctx, keepsSession);
  const web = createWebLogin(ctx, session);
  const typed: TypedPassword = { value: null };
  const keys = createKeyAuth(ctx, authMethod === 'account' ? 'device-key' : 'api-key');

  // One web sign-in at a time: concurrent calls share one sign-in (and its next step).
  const loginFlight = new SingleFlight<LoginResult>();
  const shared: SharedSignIn = {
    run: (signal) =>
      loginFlight.run(async () => {
        const result = await method.signIn(undefined);
        if (result.status === 'ok') await method.afterSignIn();
        return result;
      }, signal),
    async require(signal) {
      const result = await shared.run(signal);
      if (result.status === 'totp_required') throw new AppError('totp_required', 'Odoo asks for the two-factor code.');
    },
    clear: () => loginFlight.clear(),
  };

  // The sign-in method of the profile; 'account' and 'jwt' also answer for what only they do.
  const account = authMethod === 'account' ? createAccountSignIn(ctx, { web, session, typed, shared }) : null;
  const jwt = authMethod === 'jwt' ? createJwtSignIn(ctx, { web, session, shared }) : null;
  const method: SignInMethod =
    account ??
    jwt ??
    (authMethod === 'api-key'
      ? createApiKeySignIn(keys, (uid, signal) => calls.readIdentity(uid, signal))
      : createPasswordSignIn(ctx, web, typed));
  const calls = createCalls(ctx, { method, session, keys, shared });
  const { carrier } = method;

  async function identity(signal?: AbortSignal): Promise<Identity> {
    if (ctx.who.identity) return ctx.who.identity;
    if (carrier.kind === 'key') return calls.readIdentity(await keys.uid(signal), signal);
    const sid = await session.stored();
    if (sid) {
      try {
        const who = await session.info(sid, signal);
        session.confirm();
        return who;
      } catch (e) {
        if (!isAppError(e, 'session_expired')) throw e;
        await session.dropIf(sid);
        await afterRefused(carrier.atHand, e); // the device key or a sign-in below, or the person acts
      }
    }
    if ((await withoutSession(carrier.atHand)) === 'device-key') return calls.readIdentity(await keys.uid(signal), signal);
    await shared.require(signal);
    return ctx.who.identity ?? session.info(session.current() ?? '', signal);
  }

  async function checkSession(signal?: AbortSignal): Promise<boolean> {
    try {
      if (carrier.kind === 'session') {
        const sid = await session.stored();
        if (!sid) return false;
        await session.info(sid, signal);
        session.confirm();
      }
      // A key is checked; the module's tokens are kept fresh, the refresh token rotated when due.
      await method.refresh(signal);
      return true;
    } catch (e) {
      if (isAppError(e, 'session_expired') || isAppError(e, 'auth_failed')) {
        if (carrier.kind === 'session') await session.set(null);
        return false;
      }
      throw e;
    }
  }

  async function logout(signal?: AbortSignal): Promise<void> {
    try {
      if (carrier.kind === 'key') return;
      const sid = await session.stored();
      if (sid) await session.destroy(sid, signal);
      await session.set(null);
      await method.signOut(signal);
    } finally {
      // Access tokens stay valid on the server until they expire (≤ 60 s): drop ours now.
      forget();
    }
  }

  async function signIn(password: string, signal?: AbortSignal): Promise<LoginResult> {
    if (authMethod !== 'account' && authMethod !== 'password') {
      throw new AppError('invalid_input', 'Only profiles that sign in with a password take one here.');
    }
    typed.value = password;
    loginFlight.clear();
    try {
      const result = await shared.run(signal);
      // A two-factor step keeps the password in memory until the code is in (the key needs it).
      if (result.status !== 'totp_required') typed.value = null;
      return result;
    } catch (e) {
      typed.value = null;
      throw e;
    }
  }

  function forget(): void {
    ctx.who.uid = null;
    ctx.who.identity = null;
    typed.value = null;
    session.forget();
    web.forget();
    method.forget();
    loginFlight.clear();
    keys.forget();
  }

  return {
    origin: ctx.origin,
    authMethod,
    probe: (opts) => ctx.ensureVersion(opts?.signal),
    listDatabases: (opts) => ctx.t.databases(opts?.signal),
    login: (opts) => (carrier.kind === 'key' ? method.signIn(opts?.signal) : shared.run(opts?.signal)),
    async submitTotp(code, trustDevice, opts) {
      if (carrier.kind === 'key') throw new AppError('invalid_input', 'Two-factor codes are only used when signing in with a password.');
      const done = await web.submitTotp(code, trustDevice, opts?.signal);
      await method.afterSignIn();
      return done;
    },
    call: (model, name, args, kwargs, opts) => calls.call(model, name, args, kwargs, opts),
    searchRead: calls.searchRead,
    searchCount: calls.searchCount,
    nameSearch: calls.nameSearch,
    read: calls.read,
    fieldsGet: calls.fieldsGet,
    identity: (opts) => identity(opts?.signal),
    checkSession: (opts) => checkSession(opts?.signal),
    logout: (opts) => logout(opts?.signal),
    async webSession(opts) {
      if (carrier.kind === 'key') throw new AppError('invalid_input', 'API keys cannot open an Odoo window: Odoo asks the person to sign in.');
      let sid = await session.stored();
      if (!sid) {
        await shared.require(opts?.signal);
        sid = session.current();
      }
      if (!sid) throw sessionExpired();
      return { origin: ctx.origin, sessionId: sid, tdId: await ctx.secret('totp-device') };
    },
    async endVolatileSession() {
      // A JWT profile's web session lives in memory only: end it in Odoo when the app locks.
      const sid = carrier.kind === 'session' && !keepsSession ? session.current() : null;
      forget();
      if (sid) await session.destroy(sid);
    },
    signIn: (password, opts) => signIn(password, opts?.signal),
    async revokeDeviceKey(password, opts) {
      if (account === null) throw new AppError('invalid_input', 'Only “Odoo account” profiles have a device key.');
      return account.revokeDeviceKey(password, opts?.signal);
    },
    get jwtSkipsTotp() {
      return jwt?.skipsTotp ?? false;
    },
    forget,
  };
}
