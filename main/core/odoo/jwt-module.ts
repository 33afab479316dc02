// Why: the odoo_jwt module's own routes, as the real module answers them (docs/odoo-protocol.md,
// "The odoo_jwt module"): flat JSON bodies, refusals as HTTP 200 with `result.error`, and
// `auth='jwt'` routes (rotation, revoke) that need the raw access token in `Authorization`
// besides the refresh token. Each function is one exchange with typed answers; what to
// keep, when to refresh and what a refusal means for the profile is the client's business.
import { AppError, isAppError } from '../errors.js';
import { readSetCookie } from './cookies.js';
import type { OdooTransport } from './transport.js';
import { isRecord, str } from './shapes.js';

const REFRESH_CHANGED = /refresh token has been changed/i;

/** What Odoo said, as text ('undefined' when it said nothing). */
const odooMessage = (e: AppError): string => String(e.details?.odooMessage);

/** A refresh token another sign-in replaced ("Refresh Token has been changed"). */
export function isReplacedRefresh(e: unknown): boolean {
  return isAppError(e) && REFRESH_CHANGED.test(odooMessage(e));
}

/** The refresh token is dead on the server: expired, replaced or revoked. */
export function isDeadRefresh(e: unknown): boolean {
  return isAppError(e, 'auth_failed') && /refresh token|revoked/i.test(odooMessage(e));
}

export function signedInElsewhere(): AppError {
  return new AppError('signed_in_elsewhere', 'This account signed in from another place, which ended this session. Log in again.', {
    odooMessage: 'Refresh Token has been changed',
  });
}

/** The module answers a refused request with HTTP 200 and `result.error`, not an error object. */
function refusal(result: unknown): AppError | null {
  if (!isRecord(result) || typeof result.error !== 'string') return null;
  return new AppError('auth_failed', 'Odoo refused the login. Check the login and the password.', {
    odooMessage: result.error.slice(0, 500),
  });
}

export interface JwtSignIn {
  access: string;
  refresh: string;
  userId: number;
  /** Seconds an access token lives (60 on the module). */
  accessSpan: number | null;
  /** The web session `/api/authenticate` opened (half-authenticated for a two-factor user). */
  sessionId: string;
}

/** `POST /api/authenticate`: tokens and a web session for the password. */
export async function jwtAuthenticate(
  t: OdooTransport,
  credentials: { login: string; password: string; database: string },
  signal?: AbortSignal,
): Promise<JwtSignIn> {
  const { result, res } = await t.jwtRoute('/api/authenticate', { login: credentials.login, password: credentials.password, db: credentials.database }, signal);
  const refused = refusal(result);
  if (refused) throw refused;
  if (!isRecord(result) || typeof result.token !== 'string' || typeof result.user_id !== 'number') {
    throw new AppError('bad_response', 'The JWT module did not answer as expected.');
  }
  // In the body only for a User-Agent that names no browser; always as a cookie.
  const refresh = str(result.refreshToken) ?? readSetCookie(res.setCookies, 'refreshToken');
  if (!refresh) throw new AppError('bad_response', 'The JWT module did not hand out a refresh token.');
  const sessionId = readSetCookie(res.setCookies, 'session_id');
  if (!sessionId) throw new AppError('bad_response', 'Odoo did not open a session.', { reason: 'no_session_cookie' });
  return {
    access: result.token,
    refresh,
    userId: result.user_id,
    accessSpan: typeof result.short_term_token_span === 'number' ? result.short_term_token_span : null,
    sessionId,
  };
}

/** `POST /api/update/access-token` (auth='none'): a new access token for the refresh token. */
export async function jwtAccessToken(t: OdooTransport, refresh: string, userId: number, signal?: AbortSignal): Promise<string> {
  const { result } = await t.jwtRoute('/api/update/access-token', { user_id: userId }, signal, { refreshToken: refresh });
  const refused = refusal(result);
  if (refused) throw refused;
  const access = isRecord(result) ? str(result.access_token) : null;
  if (!access) throw new AppError('bad_response', 'The JWT module did not hand out an access token.');
  return access;
}

/** `POST /api/update/refresh-token` (auth='jwt'): the next refresh token. */
export async function jwtRotate(t: OdooTransport, tokens: { refresh: string; access: string; userId: number }, signal?: AbortSignal): Promise<string> {
  const { result } = await t.jwtRoute('/api/update/refresh-token', { user_id: tokens.userId }, signal, {
    refreshToken: tokens.refresh,
    authorization: tokens.access,
  });
  const refused = refusal(result);
  if (refused) throw refused;
  const next = isRecord(result) ? str(result.refreshToken) : null;
  if (!next) throw new AppError('bad_response', 'The JWT module did not rotate the refresh token.');
  return next;
}

/** `POST /api/revoke/token` (auth='jwt'): the refresh token stops minting access tokens. */
export async function jwtRevokeToken(t: OdooTransport, tokens: { refresh: string; access: string; userId: number }, signal?: AbortSignal): Promise<void> {
  const { result } = await t.jwtRoute('/api/revoke/token', { user_id: tokens.userId }, signal, {
    refreshToken: tokens.refresh,
    authorization: tokens.access,
  });
  if (!isRecord(result) || result.status !== 'success') {
    throw new AppError('bad_response', 'The JWT module did not confirm the sign-out.');
  }
}
