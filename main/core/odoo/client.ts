// Why: the one object the main process uses to talk to one Odoo profile. It hides which
// auth method (web session with optional TOTP, API key, odoo_jwt) and which transport
// (JSON-RPC, XML-RPC, JSON-2) is in use behind `login()` / `call()`, keeps credentials
// flowing inward only (read from the ProfileSecrets port when needed, session ids and
// tokens written back to it, never into an error or a log), and re-authenticates once,
// transparently, when a session expires and the vault holds what is needed.
import type { AuthMethod, Identity, LoginResult, ServerVersion, Transport } from '../../../preload/contract.js';
import { AppError, isAppError } from '../errors.js';
import type { DispatcherFactory } from '../net/types.js';
import type { ProfileSecrets, SecretKind } from '../secrets/types.js';
import { fromJson2Error, fromXmlRpcFault } from './classify.js';
import { cookieHeader, readSetCookie, readTotpForm } from './cookies.js';
import { createHttpChannel, type HttpChannel, type HttpResponse, type HttpTimeouts } from './http.js';
import { json2Body } from './json2.js';
import { jsonRpcBody, parseJsonBody, readJsonRpc } from './jsonrpc.js';
import { readJwtClaims } from './jwt-tokens.js';
import { normalizeServerUrl } from '../net/url-policy.js';
import { parseVersionInfo } from './version.js';
import { encodeMethodCall, XmlRpcFault, type XmlRpcValue } from './xmlrpc-codec.js';
import { XmlRpcResponseDecoder } from './xmlrpc-stream.js';
import { xmlRpcAnswerCap } from './response-limits.js';

export interface Clock {
  /** Epoch milliseconds. */
  now(): number;
}

export type Domain = readonly unknown[];

export interface OdooClientOptions {
  origin: string;
  database: string;
  login: string;
  authMethod: AuthMethod;
  /** API-key profiles only; 'auto' = JSON-2 on 19+, else JSON-RPC. */
  transport?: Transport;
  secrets: ProfileSecrets;
  dispatchers: DispatcherFactory;
  timeouts?: Partial<HttpTimeouts>;
  maxResponseBytes?: number;
  clock?: Clock;
  /** The version already known from the profile, to skip the probe. */
  serverVersion?: ServerVersion | null;
}

export interface CallOptions {
  signal?: AbortSignal;
}

export interface SearchReadOptions extends CallOptions {
  offset?: number;
  limit?: number;
  order?: string;
  context?: Record<string, unknown>;
}

/** What an Odoo web window needs: cookie values for the profile's origin (set by the shell). */
export interface WebSession {
  origin: string;
  sessionId: string;
  tdId: string | null;
}

export interface OdooClient {
  readonly origin: string;
  readonly authMethod: AuthMethod;
  /** The server version (asks the server once, then remembers). */
  probe(options?: CallOptions): Promise<ServerVersion>;
  /** The database names, or null when the server hides its list. */
  listDatabases(options?: CallOptions): Promise<string[] | null>;
  /** Authenticates with the stored secret. Password users with 2FA get `totp_required`. */
  login(options?: CallOptions): Promise<LoginResult>;
  /** Finishes a `totp_required` login; `trustDevice` stores Odoo's trusted-device cookie. */
  submitTotp(code: string, trustDevice: boolean, options?: CallOptions): Promise<LoginResult>;
  call<T = unknown>(
    model: string,
    method: string,
    args?: readonly unknown[],
    kwargs?: Record<string, unknown>,
    options?: CallOptions,
  ): Promise<T>;
  searchRead<T = Record<string, unknown>>(
    model: string,
    domain: Domain,
    fields: readonly string[],
    options?: SearchReadOptions,
  ): Promise<T[]>;
  searchCount(model: string, domain: Domain, options?: CallOptions): Promise<number>;
  nameSearch(
    model: string,
    name: string,
    options?: CallOptions & { domain?: Domain; operator?: string; limit?: number },
  ): Promise<Array<[number, string]>>;
  read<T = Record<string, unknown>>(
    model: string,
    ids: readonly number[],
    fields: readonly string[],
    options?: CallOptions,
  ): Promise<T[]>;
  fieldsGet(
    model: string,
    attributes?: readonly string[],
    options?: CallOptions,
  ): Promise<Record<string, Record<string, unknown>>>;
  /** Who is logged in (logs in when needed). */
  identity(options?: CallOptions): Promise<Identity>;
  /** One request: is the stored session (or key, or refresh token) still accepted? */
  checkSession(options?: CallOptions): Promise<boolean>;
  /** Ends the session on the server (best effort) and forgets it in the vault. */
  logout(options?: CallOptions): Promise<void>;
  /** The cookies a web window needs (password profiles). Reuses a stored session without a round trip. */
  webSession(options?: CallOptions): Promise<WebSession>;
  /** Drops everything held in memory (on lock). Stored secrets stay in the vault. */
  forget(): void;
}

const APP_UA = 'OdooCompanion/0.1';
/**
 * Odoo 17 answers 500 on "remember this device" when the User-Agent names no browser
 * (it calls `user_agent.browser.capitalize()`): the TOTP step presents itself as one.
 */
export const BROWSER_UA =
  'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/140.0.0.0 Safari/537.36 OdooCompanion/0.1';

/** Refresh a JWT access token this long before it expires. */
const JWT_ACCESS_MARGIN_MS = 10_000;
const REFRESH_CHANGED = /refresh token has been changed/i;

interface JwtState {
  access: string;
  accessExpiresAt: number;
  userId: number;
}

interface PendingTotp {
  sessionId: string;
  csrfToken: string | null;
}

function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

function str(x: unknown): string | null {
  return typeof x === 'string' && x !== '' ? x : null;
}

export function identityFromSessionInfo(info: Record<string, unknown>, fallbackVersion: string): Identity {
  const ctx = isRecord(info.user_context) ? info.user_context : {};
  let company: string | null = null;
  const uc = isRecord(info.user_companies) ? info.user_companies : null;
  if (uc && isRecord(uc.allowed_companies)) {
    const current = uc.current_company;
    const entry = uc.allowed_companies[String(Array.isArray(current) ? current[0] : current)];
    if (isRecord(entry)) company = str(entry.name);
  }
  return {
    uid: typeof info.uid === 'number' ? info.uid : 0,
    name: str(info.name) ?? '',
    login: str(info.username) ?? '',
    database: str(info.db) ?? '',
    company,
    lang: str(ctx.lang),
    tz: str(ctx.tz),
    serverVersion: str(info.server_version) ?? fallbackVersion,
  };
}

export function createOdooClient(options: OdooClientOptions): OdooClient {
  const { origin } = normalizeServerUrl(options.origin);
  const { database, login, authMethod, secrets } = options;
  const clock: Clock = options.clock ?? { now: () => Date.now() };
  const http: HttpChannel = createHttpChannel({
    origin,
    dispatchers: options.dispatchers,
    timeouts: options.timeouts,
    maxResponseBytes: options.maxResponseBytes,
  });

  let version: ServerVersion | null = options.serverVersion ?? null;
  let rpcId = 0;
  let uid: number | null = null;
  let cachedIdentity: Identity | null = null;
  let sessionId: string | null | undefined; // undefined = not read from the vault yet
  let pendingTotp: PendingTotp | null = null;
  let jwt: JwtState | null = null;

  // ---- small helpers ------------------------------------------------------------------

  async function secret(kind: SecretKind): Promise<string | null> {
    return secrets.get(kind); // AppError('locked') passes through unchanged
  }

  async function requireSecret(kind: SecretKind): Promise<string> {
    const v = await secrets.get(kind);
    if (v === null || v === '') {
      throw new AppError('auth_failed', 'No credential is stored for this profile. Enter it again.', { missing: kind });
    }
    return v;
  }

  function jsonHeaders(extra?: Record<string, string>): Record<string, string> {
    return { 'content-type': 'application/json', accept: 'application/json', 'user-agent': APP_UA, ...extra };
  }

  async function postJson(
    path: string,
    body: string,
    signal: AbortSignal | undefined,
    extraHeaders?: Record<string, string>,
  ): Promise<{ result: unknown; res: HttpResponse }> {
    const res = await http.request({ method: 'POST', path, headers: jsonHeaders(extraHeaders), body, signal });
    return { result: readJsonRpc(res), res };
  }

  function postJsonRpc(
    path: string,
    params: unknown,
    signal: AbortSignal | undefined,
    extraHeaders?: Record<string, string>,
  ): Promise<{ result: unknown; res: HttpResponse }> {
    return postJson(path, jsonRpcBody(params, ++rpcId), signal, extraHeaders);
  }

  /** odoo_jwt routes take a flat JSON body and answer in the JSON-RPC envelope. */
  function postJwtRoute(
    path: string,
    body: unknown,
    signal: AbortSignal | undefined,
    extraHeaders?: Record<string, string>,
  ): Promise<{ result: unknown; res: HttpResponse }> {
    return postJson(path, JSON.stringify(body), signal, extraHeaders);
  }

  async function ensureVersion(signal?: AbortSignal): Promise<ServerVersion> {
    if (version) return version;
    const { result } = await postJsonRpc('/web/webclient/version_info', {}, signal);
    version = parseVersionInfo(result);
    return version;
  }

  const fixedTransport = options.transport && options.transport !== 'auto' ? options.transport : null;
  async function resolvedTransport(signal?: AbortSignal): Promise<'jsonrpc' | 'xmlrpc' | 'json2'> {
    if (fixedTransport) return fixedTransport;
    const v = await ensureVersion(signal);
    return v.major >= 19 ? 'json2' : 'jsonrpc';
  }

  // ---- password → web session ----------------------------------------------------------

  async function storedSession(): Promise<string | null> {
    if (sessionId === undefined) sessionId = await secret('session');
    return sessionId;
  }

  async function setSession(value: string | null): Promise<void> {
    sessionId = value;
    await secrets.set('session', value);
  }

  async function sessionInfo(sid: string, signal?: AbortSignal): Promise<Identity> {
    const { result } = await postJsonRpc('/web/session/get_session_info', {}, signal, {
      cookie: cookieHeader({ session_id: sid }),
    });
    if (!isRecord(result) || typeof result.uid !== 'number') {
      // A half-authenticated (TOTP pending) session has no uid: not a usable session.
      throw new AppError('session_expired', 'The Odoo session has expired. Log in again.');
    }
    cachedIdentity = identityFromSessionInfo(result, version?.serverVersion ?? '');
    uid = cachedIdentity.uid;
    return cachedIdentity;
  }

  async function finishWebLogin(newSid: string, signal?: AbortSignal): Promise<LoginResult> {
    pendingTotp = null;
    await setSession(newSid);
    return { status: 'ok', identity: await sessionInfo(newSid, signal) };
  }

  async function totpPage(pending: PendingTotp, tdId: string | null, signal?: AbortSignal): Promise<HttpResponse> {
    return http.request({
      method: 'GET',
      path: '/web/login/totp',
      headers: {
        'user-agent': BROWSER_UA,
        accept: 'text/html',
        cookie: cookieHeader({ session_id: pending.sessionId, td_id: tdId }),
      },
      signal,
      acceptRedirect: true,
    });
  }

  function redirectedToLogin(res: HttpResponse): boolean {
    return res.location !== null && new URL(res.location).pathname.startsWith('/web/login');
  }

  async function passwordLogin(signal?: AbortSignal): Promise<LoginResult> {
    const password = await requireSecret('password');
    const tdId = await secret('totp-device');
    let answer: { result: unknown; res: HttpResponse };
    try {
      answer = await postJsonRpc('/web/session/authenticate', { db: database, login, password }, signal);
    } catch (e) {
      if (isAppError(e, 'access_denied') && /database/i.test(String(e.details?.odooMessage ?? ''))) {
        throw new AppError('auth_failed', 'Odoo does not know this database.', { ...e.details, reason: 'database' });
      }
      throw e;
    }
    const { result, res } = answer;
    const sid = readSetCookie(res.setCookies, 'session_id');
    if (!isRecord(result)) throw new AppError('bad_response', 'The server did not answer like Odoo.');
    if (!sid) throw new AppError('bad_response', 'Odoo did not open a session.', { reason: 'no_session_cookie' });
    if (typeof result.uid === 'number') {
      pendingTotp = null;
      await setSession(sid);
      cachedIdentity = identityFromSessionInfo(result, version?.serverVersion ?? '');
      uid = cachedIdentity.uid;
      return { status: 'ok', identity: cachedIdentity };
    }
    // Two-factor: the session is half-authenticated until the TOTP step.
    const pending: PendingTotp = { sessionId: sid, csrfToken: null };
    pendingTotp = pending;
    if (tdId) {
      const page = await totpPage(pending, tdId, signal);
      const finished = page.location !== null && !redirectedToLogin(page) ? readSetCookie(page.setCookies, 'session_id') : null;
      if (finished) return finishWebLogin(finished, signal);
      const form = page.status === 200 ? readTotpForm(page.body.toString('utf8')) : null;
      if (form) pending.csrfToken = form.csrfToken;
      // The device is no longer trusted (expired or revoked): forget the cookie.
      await secrets.set('totp-device', null);
    }
    return { status: 'totp_required' };
  }

  async function submitTotp(code: string, trustDevice: boolean, opts?: CallOptions): Promise<LoginResult> {
    const signal = opts?.signal;
    if (authMethod !== 'password') {
      throw new AppError('invalid_input', 'Two-factor codes are only used with password profiles.');
    }
    const pending = pendingTotp;
    if (!pending) throw new AppError('session_expired', 'The login step has expired. Log in again.');
    if (!/^\d{6}$/.test(code)) throw new AppError('totp_invalid', 'The code must be six digits.');
    if (!pending.csrfToken) {
      const page = await totpPage(pending, null, signal);
      if (redirectedToLogin(page)) {
        pendingTotp = null;
        throw new AppError('session_expired', 'The login step has expired. Log in again.');
      }
      const form = page.status === 200 ? readTotpForm(page.body.toString('utf8')) : null;
      if (!form) throw new AppError('bad_response', 'Odoo did not show its two-factor form.', { status: page.status });
      pending.csrfToken = form.csrfToken;
    }
    const form = new URLSearchParams({ csrf_token: pending.csrfToken, totp_token: code, redirect: '' });
    if (trustDevice) form.set('remember', '1');
    const res = await http.request({
      method: 'POST',
      path: '/web/login/totp',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        accept: 'text/html',
        'user-agent': BROWSER_UA,
        cookie: cookieHeader({ session_id: pending.sessionId }),
      },
      body: form.toString(),
      signal,
      acceptRedirect: true,
    });
    if (res.location !== null) {
      if (redirectedToLogin(res)) {
        pendingTotp = null;
        throw new AppError('session_expired', 'The login step has expired. Log in again.');
      }
      const newSid = readSetCookie(res.setCookies, 'session_id');
      if (!newSid) throw new AppError('bad_response', 'Odoo did not open a session.', { reason: 'no_session_cookie' });
      const td = readSetCookie(res.setCookies, 'td_id');
      if (td) await secrets.set('totp-device', td);
      return finishWebLogin(newSid, signal);
    }
    if (res.status === 200) {
      const again = readTotpForm(res.body.toString('utf8'));
      if (again) {
        pending.csrfToken = again.csrfToken;
        throw new AppError('totp_invalid', 'The code was not accepted. Check the time on your phone and try again.');
      }
    }
    throw new AppError('bad_response', 'Odoo answered the two-factor step unexpectedly.', { status: res.status });
  }

  // ---- odoo_jwt ------------------------------------------------------------------------

  async function storeRefresh(token: string | null): Promise<void> {
    await secrets.set('jwt-refresh', token);
  }

  function acceptAccess(token: string, userId: number, spanSeconds: number | null): JwtState {
    const claims = readJwtClaims(token);
    const expiresAt = claims?.expiresAt ?? clock.now() + (spanSeconds ?? 60) * 1000;
    jwt = { access: token, accessExpiresAt: expiresAt, userId };
    uid = userId;
    return jwt;
  }

  async function jwtLogin(signal?: AbortSignal): Promise<JwtState> {
    const password = await requireSecret('password');
    const { result, res } = await postJwtRoute('/api/authenticate', { login, password, db: database }, signal);
    if (!isRecord(result) || typeof result.token !== 'string' || typeof result.user_id !== 'number') {
      throw new AppError('bad_response', 'The JWT module did not answer as expected.');
    }
    const refresh = str(result.refreshToken) ?? readSetCookie(res.setCookies, 'refreshToken');
    if (!refresh) throw new AppError('bad_response', 'The JWT module did not hand out a refresh token.');
    await storeRefresh(refresh);
    const span = typeof result.short_term_token_span === 'number' ? result.short_term_token_span : null;
    return acceptAccess(result.token, result.user_id, span);
  }

  function refreshFailure(e: unknown): never {
    if (isAppError(e) && REFRESH_CHANGED.test(String(e.details?.odooMessage ?? ''))) {
      throw new AppError('signed_in_elsewhere', 'This account signed in from another place, which ended this session. Log in again.', {
        odooMessage: 'Refresh Token has been changed',
      });
    }
    throw e;
  }

  async function jwtRefresh(signal?: AbortSignal): Promise<JwtState> {
    const refresh = await secret('jwt-refresh');
    const claims = refresh ? readJwtClaims(refresh) : null;
    const now = clock.now();
    if (!refresh || !claims || claims.userId === null || (claims.expiresAt !== null && claims.expiresAt - now <= JWT_ACCESS_MARGIN_MS)) {
      return jwtLogin(signal);
    }
    let current = refresh;
    // Rotate the refresh token well before it ends (odoo_jwt: rotation_period 2700 s of a 3600 s life).
    if (claims.expiresAt !== null && claims.expiresAt - now < 15 * 60_000) {
      try {
        const { result } = await postJwtRoute('/api/update/refresh-token', { user_id: claims.userId }, signal, {
          refreshToken: current,
        });
        const next = isRecord(result) ? str(result.refreshToken) : null;
        if (!next) throw new AppError('bad_response', 'The JWT module did not rotate the refresh token.');
        current = next;
        await storeRefresh(next);
      } catch (e) {
        if (isAppError(e) && REFRESH_CHANGED.test(String(e.details?.odooMessage ?? ''))) {
          await storeRefresh(null);
          refreshFailure(e);
        }
        throw e;
      }
    }
    try {
      const { result } = await postJwtRoute('/api/update/access-token', { user_id: claims.userId }, signal, {
        refreshToken: current,
      });
      const access = isRecord(result) ? str(result.access_token) : null;
      if (!access) throw new AppError('bad_response', 'The JWT module did not hand out an access token.');
      return acceptAccess(access, claims.userId, null);
    } catch (e) {
      if (isAppError(e) && REFRESH_CHANGED.test(String(e.details?.odooMessage ?? ''))) {
        await storeRefresh(null);
        refreshFailure(e);
      }
      if (isAppError(e, 'auth_failed')) {
        // Refresh token refused for another reason (expired, revoked): one fresh login if possible.
        await storeRefresh(null);
        return jwtLogin(signal);
      }
      throw e;
    }
  }

  async function jwtAccess(signal?: AbortSignal, force = false): Promise<JwtState> {
    // Never let a request fail for a predictable expiry: refresh ahead of it.
    if (!force && jwt && jwt.accessExpiresAt - clock.now() > JWT_ACCESS_MARGIN_MS) {
      await secret('jwt-refresh'); // a locked vault stops calls even with a token in memory
      return jwt;
    }
    jwt = null;
    return jwtRefresh(signal);
  }

  // ---- API key transports ----------------------------------------------------------------

  async function xmlRpc(path: string, method: string, params: unknown[], signal?: AbortSignal): Promise<unknown> {
    const badXml = (): AppError =>
      new AppError('bad_response', 'The server did not answer like Odoo (a proxy or error page?).', {
        status: 200,
        reason: 'invalid_xml',
      });
    // Decoded as the body arrives (xmlrpc-stream.ts), capped by what this call can return.
    const decoder = new XmlRpcResponseDecoder();
    const res = await http.request({
      method: 'POST',
      path,
      headers: { 'content-type': 'text/xml', accept: 'text/xml', 'user-agent': APP_UA },
      body: encodeMethodCall(method, params as XmlRpcValue[]),
      signal,
      maxBytes: xmlRpcAnswerCap(method, params),
      sink: (chunk) => {
        try {
          decoder.write(chunk);
        } catch {
          throw badXml();
        }
      },
    });
    if (res.status !== 200) {
      throw new AppError('bad_response', 'The server did not answer like Odoo (a proxy or error page?).', {
        status: res.status,
      });
    }
    try {
      return decoder.end();
    } catch (e) {
      if (e instanceof XmlRpcFault) throw fromXmlRpcFault(e.faultCode, e.faultString);
      // Every parse failure, whatever the decoder threw, is the server's fault: bad_response.
      throw badXml();
    }
  }

  async function json2(path: string, body: unknown, key: string, signal?: AbortSignal): Promise<unknown> {
    const res = await http.request({
      method: 'POST',
      path,
      headers: jsonHeaders({ authorization: `bearer ${key}`, 'x-odoo-database': database }),
      body: JSON.stringify(body),
      signal,
    });
    if (res.status === 200) return parseJsonBody(res);
    let parsed: unknown = null;
    if (/json/i.test(res.contentType)) {
      try {
        parsed = JSON.parse(res.body.toString('utf8'));
      } catch {
        parsed = null;
      }
    }
    if (!isRecord(parsed)) {
      throw new AppError('bad_response', 'The server did not answer like Odoo (a proxy or error page?).', {
        status: res.status,
      });
    }
    throw fromJson2Error(res.status, parsed);
  }

  async function apiKeyLogin(signal?: AbortSignal): Promise<number> {
    const key = await requireSecret('api-key');
    const transport = await resolvedTransport(signal);
    let result: unknown;
    if (transport === 'json2') {
      const ctx = await json2('/json/2/res.users/context_get', {}, key, signal);
      result = isRecord(ctx) ? ctx.uid : false;
    } else if (transport === 'xmlrpc') {
      result = await xmlRpc('/xmlrpc/2/common', 'authenticate', [database, login, key, {}], signal);
    } else {
      ({ result } = await postJsonRpc(
        '/jsonrpc',
        { service: 'common', method: 'authenticate', args: [database, login, key, {}] },
        signal,
      ));
    }
    if (typeof result !== 'number' || result <= 0) {
      // `common.authenticate` answers false (not an error) for bad credentials.
      throw new AppError('auth_failed', 'Odoo refused the login. Check the login and the password or API key.');
    }
    uid = result;
    return result;
  }

  async function apiKeyCall(
    model: string,
    method: string,
    args: readonly unknown[],
    kwargs: Record<string, unknown>,
    signal?: AbortSignal,
  ): Promise<unknown> {
    const key = await requireSecret('api-key');
    const transport = fixedTransport ?? (await resolvedTransport(signal));
    if (transport === 'json2') {
      return json2(`/json/2/${encodeURIComponent(model)}/${encodeURIComponent(method)}`, json2Body(method, args, kwargs), key, signal);
    }
    const user = uid ?? (await apiKeyLogin(signal));
    const params = [database, user, key, model, method, args, kwargs];
    if (transport === 'xmlrpc') return xmlRpc('/xmlrpc/2/object', 'execute_kw', params, signal);
    const { result } = await postJsonRpc('/jsonrpc', { service: 'object', method: 'execute_kw', args: params }, signal);
    return result;
  }

  // ---- one call, whatever the method ----------------------------------------------------

  function callKwPath(model: string, method: string): string {
    return `/web/dataset/call_kw/${encodeURIComponent(model)}/${encodeURIComponent(method)}`;
  }

  async function sessionCall(
    model: string,
    method: string,
    args: readonly unknown[],
    kwargs: Record<string, unknown>,
    signal?: AbortSignal,
  ): Promise<unknown> {
    let sid = await storedSession();
    let reauthenticated = false;
    if (!sid) {
      await requireLoggedIn(signal);
      reauthenticated = true;
      sid = sessionId ?? null;
    }
    for (;;) {
      try {
        const { result } = await postJsonRpc(
          callKwPath(model, method),
          { model, method, args, kwargs },
          signal,
          { cookie: cookieHeader({ session_id: sid }) },
        );
        return result;
      } catch (e) {
        if (!isAppError(e, 'session_expired') || reauthenticated) throw e;
        await setSession(null);
        // Re-authenticate once, transparently, when the vault holds the password; then retry once. Never loop.
        if (!(await secret('password'))) throw e;
        await requireLoggedIn(signal);
        reauthenticated = true;
        sid = sessionId ?? null;
      }
    }
  }

  async function requireLoggedIn(signal?: AbortSignal): Promise<void> {
    const result = await passwordLogin(signal);
    if (result.status === 'totp_required') {
      throw new AppError('totp_required', 'Odoo asks for the two-factor code.');
    }
  }

  async function jwtCall(
    model: string,
    method: string,
    args: readonly unknown[],
    kwargs: Record<string, unknown>,
    signal?: AbortSignal,
  ): Promise<unknown> {
    let state = await jwtAccess(signal);
    let retried = false;
    for (;;) {
      try {
        const { result } = await postJsonRpc(callKwPath(model, method), { model, method, args, kwargs }, signal, {
          authorization: state.access,
        });
        return result;
      } catch (e) {
        // An unpredictable expiry (clock skew, server restart): one refresh, one retry.
        if (!isAppError(e, 'auth_failed') || retried) throw e;
        retried = true;
        state = await jwtAccess(signal, true);
      }
    }
  }

  async function call<T>(
    model: string,
    method: string,
    args: readonly unknown[] = [],
    kwargs: Record<string, unknown> = {},
    opts?: CallOptions,
  ): Promise<T> {
    const signal = opts?.signal;
    let result: unknown;
    if (authMethod === 'api-key') result = await apiKeyCall(model, method, args, kwargs, signal);
    else if (authMethod === 'jwt') result = await jwtCall(model, method, args, kwargs, signal);
    else result = await sessionCall(model, method, args, kwargs, signal);
    return result as T;
  }

  // ---- identity, session checks, logout ----------------------------------------------------

  async function readIdentity(userId: number, signal?: AbortSignal): Promise<Identity> {
    const v = await ensureVersion(signal);
    const rows = await call<Array<Record<string, unknown>>>(
      'res.users',
      'read',
      [[userId]],
      { fields: ['name', 'login', 'lang', 'tz', 'company_id'] },
      signal ? { signal } : {},
    );
    const row = rows[0];
    if (!row) throw new AppError('bad_response', 'Odoo did not return the user.');
    const company = Array.isArray(row.company_id) && typeof row.company_id[1] === 'string' ? row.company_id[1] : null;
    cachedIdentity = {
      uid: userId,
      name: str(row.name) ?? '',
      login: str(row.login) ?? login,
      database,
      company,
      lang: str(row.lang),
      tz: str(row.tz),
      serverVersion: v.serverVersion,
    };
    return cachedIdentity;
  }

  async function loginAny(opts?: CallOptions): Promise<LoginResult> {
    const signal = opts?.signal;
    if (authMethod === 'password') return passwordLogin(signal);
    if (authMethod === 'jwt') {
      const state = await jwtLogin(signal);
      return { status: 'ok', identity: await readIdentity(state.userId, signal) };
    }
    const user = await apiKeyLogin(signal);
    return { status: 'ok', identity: await readIdentity(user, signal) };
  }

  async function identity(opts?: CallOptions): Promise<Identity> {
    if (cachedIdentity) return cachedIdentity;
    const signal = opts?.signal;
    if (authMethod === 'password') {
      const sid = await storedSession();
      if (sid) {
        try {
          return await sessionInfo(sid, signal);
        } catch (e) {
          if (!isAppError(e, 'session_expired')) throw e;
          await setSession(null);
        }
      }
      await requireLoggedIn(signal);
      return cachedIdentity ?? sessionInfo(sessionId ?? '', signal);
    }
    if (authMethod === 'jwt') {
      const state = await jwtAccess(signal);
      return readIdentity(state.userId, signal);
    }
    return readIdentity(uid ?? (await apiKeyLogin(signal)), signal);
  }

  async function checkSession(opts?: CallOptions): Promise<boolean> {
    const signal = opts?.signal;
    try {
      if (authMethod === 'password') {
        const sid = await storedSession();
        if (!sid) return false;
        await sessionInfo(sid, signal);
        return true;
      }
      if (authMethod === 'jwt') {
        if (!(await secret('jwt-refresh'))) return false;
        jwt = null;
        await jwtRefresh(signal);
        return true;
      }
      await apiKeyLogin(signal);
      return true;
    } catch (e) {
      if (isAppError(e, 'session_expired') || isAppError(e, 'auth_failed')) {
        if (authMethod === 'password') await setSession(null);
        return false;
      }
      throw e;
    }
  }

  async function logout(opts?: CallOptions): Promise<void> {
    const signal = opts?.signal;
    try {
      if (authMethod === 'password') {
        const sid = await storedSession();
        if (sid) {
          try {
            await postJsonRpc('/web/session/destroy', {}, signal, { cookie: cookieHeader({ session_id: sid }) });
          } catch (e) {
            if (!isAppError(e, 'session_expired')) throw e;
          }
        }
        await setSession(null);
      } else if (authMethod === 'jwt') {
        const refresh = await secret('jwt-refresh');
        const claims = refresh ? readJwtClaims(refresh) : null;
        if (refresh && claims?.userId != null) {
          try {
            await postJwtRoute('/api/revoke/token', { user_id: claims.userId }, signal, { refreshToken: refresh });
          } catch (e) {
            if (!isAppError(e, 'auth_failed')) throw e; // already revoked or replaced: nothing to end
          }
        }
        await storeRefresh(null);
      }
    } finally {
      // Access tokens stay valid on the server until they expire (≤ 60 s): drop ours now.
      forget();
    }
  }

  async function webSession(opts?: CallOptions): Promise<WebSession> {
    if (authMethod !== 'password') {
      throw new AppError('invalid_input', 'Only password profiles can open an Odoo window (API keys cannot).');
    }
    let sid = await storedSession();
    if (!sid) {
      await requireLoggedIn(opts?.signal);
      sid = sessionId ?? null;
    }
    if (!sid) throw new AppError('session_expired', 'The Odoo session has expired. Log in again.');
    return { origin, sessionId: sid, tdId: await secret('totp-device') };
  }

  function forget(): void {
    uid = null;
    cachedIdentity = null;
    sessionId = undefined;
    pendingTotp = null;
    jwt = null;
  }

  async function listDatabases(opts?: CallOptions): Promise<string[] | null> {
    return fetchDatabaseList(http, ++rpcId, opts?.signal);
  }

  return {
    origin,
    authMethod,
    probe: (opts) => ensureVersion(opts?.signal),
    listDatabases,
    login: loginAny,
    submitTotp,
    call,
    searchRead: (model, domain, fields, opts) => {
      const kwargs: Record<string, unknown> = { fields };
      if (opts?.offset !== undefined) kwargs.offset = opts.offset;
      if (opts?.limit !== undefined) kwargs.limit = opts.limit;
      if (opts?.order !== undefined) kwargs.order = opts.order;
      if (opts?.context !== undefined) kwargs.context = opts.context;
      return call(model, 'search_read', [domain], kwargs, opts);
    },
    searchCount: (model, domain, opts) => call(model, 'search_count', [domain], {}, opts),
    nameSearch: (model, name, opts) =>
      call(model, 'name_search', [name, opts?.domain ?? [], opts?.operator ?? 'ilike', opts?.limit ?? 100], {}, opts),
    read: (model, ids, fields, opts) => call(model, 'read', [ids], { fields }, opts),
    fieldsGet: (model, attributes, opts) =>
      call(model, 'fields_get', [], attributes ? { attributes } : {}, opts),
    identity,
    checkSession,
    logout,
    webSession,
    forget,
  };
}

/** `/web/database/list`, or null when the server hides it (`list_db = False` → AccessDenied). */
export async function fetchDatabaseList(http: HttpChannel, id: number, signal?: AbortSignal): Promise<string[] | null> {
  const res = await http.request({
    method: 'POST',
    path: '/web/database/list',
    headers: { 'content-type': 'application/json', accept: 'application/json', 'user-agent': APP_UA },
    body: jsonRpcBody({}, id),
    signal,
  });
  if (res.status === 404) return null;
  try {
    const result = readJsonRpc(res);
    return Array.isArray(result) ? result.filter((x): x is string => typeof x === 'string') : null;
  } catch (e) {
    if (isAppError(e, 'auth_failed') || isAppError(e, 'access_denied')) return null;
    throw e;
  }
}
