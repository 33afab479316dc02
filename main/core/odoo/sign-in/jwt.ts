// Why: the 'jwt' sign-in, through the odoo_jwt module. The module checks its tokens only on
// its own routes (`auth='jwt'`); Odoo's routes ignore the Authorization header. So Odoo data
// and windows go through the web session `/api/authenticate` opens — kept in memory only,
// ended on sign-out and lock — and the tokens serve the module's routes: the refresh token
// (in the vault) mints access tokens ahead of their expiry, rotates before it ends, and is
// revoked on sign-out. The exchanges themselves are in jwt-module.ts.
import type { LoginResult } from '../../../../contract/index.js';
import { AppError, isAppError } from '../../errors.js';
import type { ClientContext } from '../client-context.js';
import { isDeadRefresh, isReplacedRefresh, jwtAccessToken, jwtAuthenticate, jwtRevokeToken, jwtRotate, signedInElsewhere } from '../jwt-module.js';
import { readJwtClaims } from '../jwt-tokens.js';
import type { SessionState } from '../session-state.js';
import { SingleFlight } from '../single-flight.js';
import type { SharedSignIn, SignInMethod } from './method.js';
import type { SignedIn, WebLogin } from './web-login.js';

/** Refresh an access token this long before it expires. */
export const JWT_ACCESS_MARGIN_MS = 10_000;
/** Rotate the refresh token when it ends within this time (the module rotates after 2700 s of a 3600 s life). */
export const JWT_ROTATE_BEFORE_MS = 15 * 60_000;

export interface JwtSignIn extends SignInMethod {
  /** True once the module handed tokens to a two-factor user for the password alone. */
  readonly skipsTotp: boolean;
}

interface JwtState {
  access: string;
  accessExpiresAt: number;
  userId: number;
}

export function createJwtSignIn(ctx: ClientContext, deps: { web: WebLogin; session: SessionState; shared: SharedSignIn }): JwtSignIn {
  const { web, session, shared } = deps;
  const { t, clock } = ctx;
  let jwt: JwtState | null = null;
  let skipsTotp = false;
  const flight = new SingleFlight<void>();

  const storeRefresh = (token: string | null): Promise<void> => ctx.secrets.set('jwt-refresh', token);
  const fresh = (state: JwtState | null): state is JwtState => state !== null && state.accessExpiresAt - clock.now() > JWT_ACCESS_MARGIN_MS;

  function acceptAccess(token: string, userId: number, spanSeconds: number | null): JwtState {
    const expiresAt = readJwtClaims(token)?.expiresAt ?? clock.now() + (spanSeconds ?? 60) * 1000;
    jwt = { access: token, accessExpiresAt: expiresAt, userId };
    return jwt;
  }

  async function signIn(signal?: AbortSignal): Promise<LoginResult> {
    const password = await ctx.requireSecret('password');
    const tdId = await ctx.secret('totp-device');
    const signedIn = await jwtAuthenticate(t, { login: ctx.login, password, database: ctx.database }, signal);
    await storeRefresh(signedIn.refresh);
    acceptAccess(signedIn.access, signedIn.userId, signedIn.accessSpan);
    let finished: SignedIn | null = null;
    try {
      finished = await web.finish(signedIn.sessionId, signal);
    } catch (e) {
      if (!isAppError(e, 'session_expired')) throw e;
    }
    if (finished === null) {
      // A two-factor user: the module handed out tokens for the password alone, but the web
      // session it opened waits for the code, as Odoo's own login does.
      skipsTotp = true;
      return web.secondFactor(signedIn.sessionId, tdId, signal);
    }
    // On a server with one database the module ignores `db` and signs in to that one:
    // a profile naming another database must not quietly land there.
    if (finished.identity.database !== '' && finished.identity.database !== ctx.database) {
      await session.destroy(signedIn.sessionId).catch(() => undefined);
      await session.set(null);
      throw new AppError('unknown_database', 'This Odoo server has no database of that name.', { database: finished.identity.database });
    }
    return finished;
  }

  /** The refresh token was replaced by another sign-in: it is dropped, and the person told. */
  async function replaced(): Promise<never> {
    await storeRefresh(null);
    throw signedInElsewhere();
  }

  /** The refresh token in the vault and the user it names, or null when there is none (or it names no user). */
  async function storedRefresh(): Promise<{ token: string; userId: number; expiresAt: number | null } | null> {
    const token = await ctx.secret('jwt-refresh');
    if (token === null) return null;
    const claims = readJwtClaims(token);
    if (claims?.userId == null) return null;
    return { token, userId: claims.userId, expiresAt: claims.expiresAt };
  }

  /** New tokens: an access token for the refresh token (rotated when due), or a fresh sign-in. */
  function renew(signal?: AbortSignal): Promise<void> {
    return flight.run(async () => {
      const refresh = await storedRefresh();
      const now = clock.now();
      if (refresh === null || (refresh.expiresAt !== null && refresh.expiresAt - now <= JWT_ACCESS_MARGIN_MS)) {
        await shared.run();
        return;
      }
      const { token, userId, expiresAt } = refresh;
      let access: string;
      try {
        access = acceptAccess(await jwtAccessToken(t, token, userId), userId, null).access;
      } catch (e) {
        if (isReplacedRefresh(e)) return replaced();
        if (!isAppError(e, 'auth_failed')) throw e;
        // Refused for another reason (expired, revoked): one fresh sign-in.
        await storeRefresh(null);
        await shared.run();
        return;
      }
      if (expiresAt !== null && expiresAt - now < JWT_ROTATE_BEFORE_MS) {
        try {
          await storeRefresh(await jwtRotate(t, { refresh: token, access, userId }));
        } catch (e) {
          if (isReplacedRefresh(e)) return replaced();
          throw e;
        }
      }
    }, signal);
  }

  /** Revokes the refresh token on the server; one already dead there needs nothing. */
  async function revoke(signal?: AbortSignal): Promise<void> {
    const refresh = await storedRefresh();
    if (refresh === null) return;
    const { token, userId } = refresh;
    try {
      const access = fresh(jwt) && jwt.userId === userId ? jwt.access : await jwtAccessToken(t, token, userId, signal);
      await jwtRevokeToken(t, { refresh: token, access, userId }, signal);
    } catch (e) {
      if (isDeadRefresh(e)) return;
      throw e;
    }
  }

  return {
    carrier: {
      kind: 'session',
      atHand: { password: async () => (await ctx.secret('password')) !== null, deviceKey: null },
    },
    signIn,
    async afterSignIn() {},
    async refresh(signal) {
      // Never let a request fail for a predictable expiry: refresh ahead of it.
      if (fresh(jwt)) {
        await ctx.secret('jwt-refresh'); // a locked vault stops calls even with a token in memory
        return;
      }
      await renew(signal);
    },
    async signOut(signal) {
      await revoke(signal);
      await storeRefresh(null);
    },
    forget() {
      jwt = null;
      flight.clear();
    },
    get skipsTotp() {
      return skipsTotp;
    },
  };
}
