// Why: the one object the main process uses to talk to one Odoo profile. It hides which
// auth method (web session with optional TOTP, API key, odoo_jwt) and which transport
// (JSON-RPC, XML-RPC, JSON-2) is in use behind `login()` / `call()`, keeps credentials
// flowing inward only (read from the ProfileSecrets port when needed, session ids and
// tokens written back to it, never into an error or a log), and re-authenticates once,
// transparently, when a session expires and the vault holds what is needed.
import type { AuthMethod, Identity, LoginResult, ServerVersion, Transport } from '../../../contract/index.js';
import { AppError, isAppError } from '../errors.js';
import type { DispatcherFactory } from '../net/types.js';
import type { ProfileSecrets, SecretKind } from '../secrets/types.js';
import { cookieHeader, readSetCookie } from './cookies.js';
import { createHttpChannel, type HttpTimeouts } from './http.js';
import { json2Body } from './json2.js';
import { readJwtClaims } from './jwt-tokens.js';
import { normalizeServerUrl } from '../net/url-policy.js';
import { parseVersionInfo } from './version.js';
import { SingleFlight, waitFor } from './single-flight.js';
import { createOdooTransport, type OdooTransport } from './transport.js';
import { fetchTotpPage, postTotpCode, stepExpired } from './totp-step.js';
import { isDeadRefresh, isReplacedRefresh, jwtAccessToken, jwtAuthenticate, jwtRevokeToken, jwtRotate, signedInElsewhere } from './jwt-module.js';
import { createDeviceKey, deviceKeyName, revokeDeviceKey as revokeDeviceKey_ } from './device-key.js';
import { isRecord, str } from './shapes.js';
import { systemClock, type Clock } from '../clock.js';

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
  clock?: Pick<Clock, 'now'>;
  /** The version already known from the profile, to skip the probe. */
  serverVersion?: ServerVersion | null;
  /** Told when the probe learns the server's version (the profile keeps it). */
  onVersion?: (version: ServerVersion) => void;
  /** 'account' profiles: keep the password after sign-in (off by default: it is dropped). */
  keepPassword?: boolean;
  /** 'account' profiles: the device key's expiry as the profile knows it (renewed within 14 days of it). */
  deviceKeyExpiresAt?: string | null;
  /** 'account' profiles: names the device key ("<product> — <device> — <date>"). */
  deviceKeyLabel?: { product: string; device: string };
  /** 'account' profiles: the name of the key this device created (to revoke it). */
  deviceKeyName?: string | null;
  /** 'account' profiles: told when a device key was created (or Odoo refused one, with why), or removed. */
  onDeviceKey?: (event: DeviceKeyEvent) => void | Promise<void>;
}

export type DeviceKeyEvent =
  | { kind: 'created'; name: string; createdAt: number; expiresAt: string | null }
  | { kind: 'refused'; reason: string }
  | { kind: 'removed' };

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
  /** On lock: forgets like `forget()`, and ends in Odoo a web session kept in memory only (JWT). */
  endVolatileSession(): Promise<void>;
  /** True once the odoo_jwt module handed tokens to a two-factor user for the password alone. */
  readonly jwtSkipsTotp: boolean;
  /**
   * 'account' profiles: signs in with the password the person just typed; creates this
   * device's API key when there is none (or it ends within 14 days); drops the password
   * unless the profile keeps it. A two-factor user without a trusted device gets
   * `totp_required`, then `submitTotp`.
   */
  signIn(password: string, options?: CallOptions): Promise<LoginResult>;
  /** 'account' profiles: removes this device's key in Odoo (identity check with `password`) and ends the session. */
  revokeDeviceKey(password: string, options?: CallOptions): Promise<void>;
}

export { BROWSER_UA } from './totp-step.js';

/** A web session Odoo accepted this recently is used by concurrent calls without a first probe call. */
const SESSION_LIVE_MS = 60_000;
/** Refresh a JWT access token this long before it expires. */
const JWT_ACCESS_MARGIN_MS = 10_000;

interface JwtState {
  access: string;
  accessExpiresAt: number;
  userId: number;
}

interface PendingTotp {
  sessionId: string;
  csrfToken: string | null;
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
  const clock: Pick<Clock, 'now'> = options.clock ?? systemClock;
  const http = createHttpChannel({
    origin,
    dispatchers: options.dispatchers,
    timeouts: options.timeouts,
    maxResponseBytes: options.maxResponseBytes,
  });
  const t: OdooTransport = createOdooTransport(http, database);

  let version: ServerVersion | null = options.serverVersion ?? null;
  let uid: number | null = null;
  let cachedIdentity: Identity | null = null;
  let sessionId: string | null | undefined; // undefined = not read from the vault yet
  let pendingTotp: PendingTotp | null = null;
  let jwt: JwtState | null = null;
  /**
   * 'account' and password profiles keep their web session in the vault (quick-login reuses
   * it after a restart). A JWT profile's web session (opened by `/api/authenticate`) lives
   * in memory only and is ended on sign-out and lock.
   */
  const persistSession = authMethod === 'password' || authMethod === 'account';
  /** When Odoo last accepted the current web session (epoch ms), or null. */
  let confirmedAt: number | null = null;
  const confirm = (): void => {
    confirmedAt = clock.now();
  };
  /** Odoo accepted the session within the last minute: calls go out in parallel. */
  const sessionLive = (): boolean => confirmedAt !== null && clock.now() - confirmedAt <= SESSION_LIVE_MS;
  /** Set when the odoo_jwt module handed tokens to a two-factor user for the password alone. */
  let jwtSkipsTotp = false;
  /**
   * 'account' profiles: the password the person just typed, held in memory only from the
   * sign-in until the device key exists (and through a TOTP step), then dropped.
   */
  let typedPassword: string | null = null;
  /** The secret that holds the API key: the pasted one, or the key this device created. */
  const keyKind: SecretKind = authMethod === 'account' ? 'device-key' : 'api-key';
  /** The name of this device's key in Odoo (to revoke it). */
  let deviceKeyNameNow: string | null = options.deviceKeyName ?? null;
  // One sign-in at a time: concurrent calls share one probe, one login, one key check.
  const versionFlight = new SingleFlight<ServerVersion>();
  const loginFlight = new SingleFlight<LoginResult>();
  const uidFlight = new SingleFlight<number>();
  const jwtFlight = new SingleFlight<JwtState>();
  /** While the session's liveness is unknown, the first call goes alone; the others wait for it. */
  let firstCall: Promise<unknown> | null = null;

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

  async function ensureVersion(signal?: AbortSignal): Promise<ServerVersion> {
    if (version) return version;
    return versionFlight.run(async () => {
      const { result } = await t.jsonRpc('/web/webclient/version_info', {}, undefined);
      const learned = parseVersionInfo(result);
      version = learned;
      options.onVersion?.(learned);
      return learned;
    }, signal);
  }

  const fixedTransport = options.transport && options.transport !== 'auto' ? options.transport : null;
  async function resolvedTransport(signal?: AbortSignal): Promise<'jsonrpc' | 'xmlrpc' | 'json2'> {
    if (fixedTransport) return fixedTransport;
    const v = await ensureVersion(signal);
    return v.major >= 19 ? 'json2' : 'jsonrpc';
  }

  // ---- password → web session ----------------------------------------------------------

  async function storedSession(): Promise<string | null> {
    if (sessionId === undefined) sessionId = persistSession ? await secret('session') : null;
    return sessionId;
  }

  async function setSession(value: string | null): Promise<void> {
    sessionId = value;
    if (value === null) confirmedAt = null;
    if (persistSession) await secrets.set('session', value);
  }

  async function sessionInfo(sid: string, signal?: AbortSignal): Promise<Identity> {
    const { result } = await t.jsonRpc('/web/session/get_session_info', {}, signal, {
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
    const who = await sessionInfo(newSid, signal);
    confirm();
    return { status: 'ok', identity: who };
  }

  /** The password for a web login: typed just now, or kept in the vault. */
  async function loginPassword(): Promise<string> {
    if (typedPassword !== null) return typedPassword;
    if (authMethod !== 'account') return requireSecret('password');
    const kept = await secret('password');
    if (kept) return kept;
    throw passwordRequired();
  }

  function passwordRequired(): AppError {
    return new AppError('password_required', 'Odoo ended the session. Enter your Odoo password to sign in again.');
  }

  async function hasPassword(): Promise<boolean> {
    return typedPassword !== null || (await secret('password')) !== null;
  }

  async function passwordLogin(signal?: AbortSignal): Promise<LoginResult> {
    const password = await loginPassword();
    const tdId = await secret('totp-device');
    const { result, res } = await t.jsonRpc('/web/session/authenticate', { db: database, login, password }, signal);
    const sid = readSetCookie(res.setCookies, 'session_id');
    if (!isRecord(result)) throw new AppError('bad_response', 'The server did not answer like Odoo.');
    if (!sid) throw new AppError('bad_response', 'Odoo did not open a session.', { reason: 'no_session_cookie' });
    if (typeof result.uid === 'number') {
      pendingTotp = null;
      await setSession(sid);
      confirm();
      cachedIdentity = identityFromSessionInfo(result, version?.serverVersion ?? '');
      uid = cachedIdentity.uid;
      return { status: 'ok', identity: cachedIdentity };
    }
    return secondFactor(sid, tdId, signal);
  }

  /**
   * The password was right and Odoo opened a half-authenticated session: finish it with the
   * trusted-device cookie when there is one (no code asked), else ask for the code.
   */
  async function secondFactor(sid: string, tdId: string | null, signal?: AbortSignal): Promise<LoginResult> {
    const pending: PendingTotp = { sessionId: sid, csrfToken: null };
    pendingTotp = pending;
    if (tdId) {
      const page = await fetchTotpPage(http, sid, tdId, signal);
      if (page.kind === 'finished') return finishWebLogin(page.sessionId, signal);
      if (page.kind === 'form') pending.csrfToken = page.csrfToken;
      // The device is no longer trusted (expired or revoked): forget the cookie.
      await secrets.set('totp-device', null);
    }
    return { status: 'totp_required' };
  }

  /** Signs in with the stored (or just typed) password, once for every concurrent caller. */
  function webLogin(signal?: AbortSignal): Promise<LoginResult> {
    return loginFlight.run(async () => {
      const result = authMethod === 'jwt' ? await jwtLogin(undefined) : await passwordLogin(undefined);
      if (result.status === 'ok') await afterSignIn();
      return result;
    }, signal);
  }

  // ---- 'account': the device key ---------------------------------------------------------

  const KEY_RENEW_MS = 14 * 86_400_000;

  function deviceKeyDue(stored: string | null): boolean {
    if (!stored) return true;
    const end = options.deviceKeyExpiresAt ?? null;
    return end !== null && Date.parse(`${end.replace(' ', 'T')}Z`) - clock.now() < KEY_RENEW_MS;
  }

  /** Over the live session: one call_kw, no re-login (the device key steps need this very session). */
  async function callOnSession(model: string, method: string, args: unknown[], kwargs: Record<string, unknown> = {}): Promise<unknown> {
    const sid = sessionId ?? null;
    if (!sid) throw new AppError('session_expired', 'The Odoo session has expired. Log in again.');
    return t.callKw(sid, model, method, args, kwargs);
  }

  /**
   * After every successful web sign-in of an 'account' profile: create the device key when
   * there is none (or it ends soon), then drop the password unless the profile keeps it.
   */
  async function afterSignIn(): Promise<void> {
    if (authMethod !== 'account') return;
    const password = typedPassword ?? (await secret('password'));
    try {
      if (password !== null && deviceKeyDue(await secret('device-key'))) {
        const v = await ensureVersion();
        const name = deviceKeyName(
          options.deviceKeyLabel?.product ?? 'Odoo Companion',
          options.deviceKeyLabel?.device ?? 'this device',
          clock.now(),
        );
        const made = await createDeviceKey(callOnSession, { password, name, major: v.major, nowMs: clock.now() });
        if ('refused' in made) {
          await options.onDeviceKey?.({ kind: 'refused', reason: made.refused.slice(0, 300) });
        } else {
          await secrets.set('device-key', made.key);
          deviceKeyNameNow = made.name;
          uid = cachedIdentity?.uid ?? uid;
          await options.onDeviceKey?.({ kind: 'created', name: made.name, createdAt: clock.now(), expiresAt: made.expiresAt });
        }
      }
    } finally {
      // The password is used, then dropped: only a profile that chose to keep it keeps it.
      if (options.keepPassword === true && typedPassword !== null) await secrets.set('password', typedPassword);
      if (options.keepPassword !== true) await secrets.set('password', null);
      typedPassword = null;
    }
  }

  async function signIn(password: string, opts?: CallOptions): Promise<LoginResult> {
    if (authMethod !== 'account' && authMethod !== 'password') {
      throw new AppError('invalid_input', 'Only profiles that sign in with a password take one here.');
    }
    typedPassword = password;
    loginFlight.clear();
    try {
      const result = await webLogin(opts?.signal);
      // A two-factor step keeps the password in memory until the code is in (the key needs it).
      if (result.status !== 'totp_required') typedPassword = null;
      return result;
    } catch (e) {
      typedPassword = null;
      throw e;
    }
  }

  async function revokeDeviceKey(password: string, opts?: CallOptions): Promise<void> {
    if (authMethod !== 'account') throw new AppError('invalid_input', 'Only “Odoo account” profiles have a device key.');
    const name = deviceKeyNameNow;
    // The identity check needs a live session: sign in with the password just typed.
    let live = false;
    const sid = await storedSession();
    if (sid) {
      try {
        await sessionInfo(sid, opts?.signal);
        live = true;
      } catch (e) {
        if (!isAppError(e, 'session_expired')) throw e;
      }
    }
    if (!live) {
      typedPassword = password;
      loginFlight.clear();
      try {
        const r = await webLogin(opts?.signal);
        if (r.status === 'totp_required') {
          throw new AppError('totp_required', 'Odoo asks for the two-factor code: open the profile once, then forget it.');
        }
      } finally {
        typedPassword = null;
      }
    }
    if (name !== null) {
      const v = await ensureVersion(opts?.signal);
      await revokeDeviceKey_(callOnSession, { password, name, major: v.major });
    }
    await secrets.set('device-key', null);
    deviceKeyNameNow = null;
    await options.onDeviceKey?.({ kind: 'removed' });
  }

  async function submitTotp(code: string, trustDevice: boolean, opts?: CallOptions): Promise<LoginResult> {
    const signal = opts?.signal;
    if (authMethod === 'api-key') {
      throw new AppError('invalid_input', 'Two-factor codes are only used when signing in with a password.');
    }
    const pending = pendingTotp;
    if (!pending) throw new AppError('session_expired', 'The login step has expired. Log in again.');
    if (!/^\d{6}$/.test(code)) throw new AppError('totp_invalid', 'The code must be six digits.');
    if (!pending.csrfToken) {
      const page = await fetchTotpPage(http, pending.sessionId, null, signal);
      if (page.kind === 'expired') {
        pendingTotp = null;
        throw stepExpired();
      }
      if (page.kind !== 'form') throw new AppError('bad_response', 'Odoo did not show its two-factor form.', { status: page.kind === 'other' ? page.status : 200 });
      pending.csrfToken = page.csrfToken;
    }
    let posted: Awaited<ReturnType<typeof postTotpCode>>;
    try {
      posted = await postTotpCode(http, { sessionId: pending.sessionId, csrfToken: pending.csrfToken }, code, trustDevice, signal);
    } catch (e) {
      if (isAppError(e, 'session_expired')) pendingTotp = null;
      throw e;
    }
    if (posted.kind === 'refused') {
      pending.csrfToken = posted.csrfToken;
      throw new AppError('totp_invalid', 'The code was not accepted. Check the time on your phone and try again.');
    }
    if (posted.tdId) await secrets.set('totp-device', posted.tdId);
    const done = await finishWebLogin(posted.sessionId, signal);
    await afterSignIn();
    return done;
  }

  // ---- odoo_jwt ------------------------------------------------------------------------
  // The real module checks its tokens only on routes declared `auth='jwt'`; Odoo's own
  // routes ignore the Authorization header. So Odoo data and windows go through the web
  // session `/api/authenticate` opens; the tokens serve the module's own routes (the
  // exchanges themselves are in jwt-module.ts).

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

  async function jwtLogin(signal?: AbortSignal): Promise<LoginResult> {
    const password = await requireSecret('password');
    const tdId = await secret('totp-device');
    const signedIn = await jwtAuthenticate(t, { login, password, database }, signal);
    await storeRefresh(signedIn.refresh);
    acceptAccess(signedIn.access, signedIn.userId, signedIn.accessSpan);
    let finished: LoginResult | null = null;
    try {
      finished = await finishWebLogin(signedIn.sessionId, signal);
    } catch (e) {
      if (!isAppError(e, 'session_expired')) throw e;
    }
    if (finished !== null) {
      // On a server with one database the module ignores `db` and signs in to that one:
      // a profile naming another database must not quietly land there.
      if (finished.status === 'ok' && finished.identity.database !== '' && finished.identity.database !== database) {
        await destroySession(signedIn.sessionId).catch(() => undefined);
        await setSession(null);
        throw new AppError('unknown_database', 'This Odoo server has no database of that name.', { database: finished.identity.database });
      }
      return finished;
    }
    // A two-factor user: the module handed out tokens for the password alone, but the web
    // session it opened waits for the code, as Odoo's own login does.
    jwtSkipsTotp = true;
    return secondFactor(signedIn.sessionId, tdId, signal);
  }

  async function jwtRefresh(signal?: AbortSignal): Promise<JwtState> {
    return jwtFlight.run(async () => {
      const refresh = await secret('jwt-refresh');
      const claims = refresh ? readJwtClaims(refresh) : null;
      const now = clock.now();
      if (!refresh || !claims || claims.userId === null || (claims.expiresAt !== null && claims.expiresAt - now <= JWT_ACCESS_MARGIN_MS)) {
        await webLogin();
        if (!jwt) throw new AppError('bad_response', 'The JWT module did not hand out an access token.');
        return jwt;
      }
      let state: JwtState;
      try {
        state = acceptAccess(await jwtAccessToken(t, refresh, claims.userId), claims.userId, null);
      } catch (e) {
        if (isReplacedRefresh(e)) {
          await storeRefresh(null);
          throw signedInElsewhere();
        }
        if (!isAppError(e, 'auth_failed')) throw e;
        // Refused for another reason (expired, revoked): one fresh sign-in.
        await storeRefresh(null);
        await webLogin();
        if (!jwt) throw e;
        return jwt;
      }
      // Rotate well before the refresh token ends (rotation_period 2700 s of a 3600 s life).
      if (claims.expiresAt !== null && claims.expiresAt - now < 15 * 60_000) {
        try {
          await storeRefresh(await jwtRotate(t, { refresh, access: state.access, userId: claims.userId }));
        } catch (e) {
          if (isReplacedRefresh(e)) {
            await storeRefresh(null);
            throw signedInElsewhere();
          }
          throw e;
        }
      }
      return state;
    }, signal);
  }

  async function jwtAccess(signal?: AbortSignal): Promise<JwtState> {
    // Never let a request fail for a predictable expiry: refresh ahead of it.
    if (jwt && jwt.accessExpiresAt - clock.now() > JWT_ACCESS_MARGIN_MS) {
      await secret('jwt-refresh'); // a locked vault stops calls even with a token in memory
      return jwt;
    }
    jwt = null;
    return jwtRefresh(signal);
  }

  /** Revokes the refresh token on the server; one already dead there needs nothing. */
  async function jwtRevoke(signal?: AbortSignal): Promise<void> {
    const refresh = await secret('jwt-refresh');
    const claims = refresh ? readJwtClaims(refresh) : null;
    if (!refresh || claims?.userId == null) return;
    const userId = claims.userId;
    try {
      const access =
        jwt && jwt.userId === userId && jwt.accessExpiresAt - clock.now() > JWT_ACCESS_MARGIN_MS
          ? jwt.access
          : await jwtAccessToken(t, refresh, userId, signal);
      await jwtRevokeToken(t, { refresh, access, userId }, signal);
    } catch (e) {
      if (isDeadRefresh(e)) return;
      throw e;
    }
  }

  // ---- API keys (pasted, or this device's) ------------------------------------------------

  async function apiKeyLogin(signal?: AbortSignal): Promise<number> {
    const key = await requireSecret(keyKind);
    const transport = await resolvedTransport(signal);
    let result: unknown;
    if (transport === 'json2') {
      const ctx = await t.json2('/json/2/res.users/context_get', {}, key, signal);
      result = isRecord(ctx) ? ctx.uid : false;
    } else if (transport === 'xmlrpc') {
      result = await t.xmlRpc('/xmlrpc/2/common', 'authenticate', [database, login, key, {}], signal);
    } else {
      ({ result } = await t.jsonRpc(
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
    const key = await requireSecret(keyKind);
    const transport = fixedTransport ?? (await resolvedTransport(signal));
    if (transport === 'json2') {
      return t.json2(`/json/2/${encodeURIComponent(model)}/${encodeURIComponent(method)}`, json2Body(method, args, kwargs), key, signal);
    }
    // One key check for every concurrent call; the uid is kept until lock.
    const user = uid ?? (await uidFlight.run(() => apiKeyLogin(undefined), signal));
    const params = [database, user, key, model, method, args, kwargs];
    if (transport === 'xmlrpc') return t.xmlRpc('/xmlrpc/2/object', 'execute_kw', params, signal);
    const { result } = await t.jsonRpc('/jsonrpc', { service: 'object', method: 'execute_kw', args: params }, signal);
    return result;
  }

  // ---- one call, whatever the method ----------------------------------------------------

  async function sessionCall(
    model: string,
    method: string,
    args: readonly unknown[],
    kwargs: Record<string, unknown>,
    signal?: AbortSignal,
  ): Promise<unknown> {
    // While Odoo has not confirmed the session lately, the first call goes alone and the
    // others wait for it: an expired session then costs one refused call and one login,
    // not one of each per concurrent call.
    if (!sessionLive() && firstCall !== null) await waitFor(firstCall, signal).catch(() => undefined);
    if (!sessionLive() && firstCall === null) {
      const first = sessionCallOnce(model, method, args, kwargs, signal);
      firstCall = first;
      try {
        return await first;
      } finally {
        if (firstCall === first) firstCall = null;
      }
    }
    return sessionCallOnce(model, method, args, kwargs, signal);
  }

  async function sessionCallOnce(
    model: string,
    method: string,
    args: readonly unknown[],
    kwargs: Record<string, unknown>,
    signal?: AbortSignal,
  ): Promise<unknown> {
    let sid = await storedSession();
    let reauthenticated = false;
    if (!sid) {
      // 'account' without a kept password: the device key carries calls until the next sign-in.
      if (await useDeviceKey()) return apiKeyCall(model, method, args, kwargs, signal);
      await requireLoggedIn(signal);
      reauthenticated = true;
      sid = sessionId ?? null;
    }
    for (;;) {
      try {
        const result = await t.callKw(sid, model, method, args, kwargs, signal);
        confirm();
        return result;
      } catch (e) {
        if (!isAppError(e, 'session_expired') || reauthenticated) throw e;
        reauthenticated = true;
        if (sessionId && sessionId !== sid) {
          // Another call already signed in again while this one was on the wire.
          sid = sessionId;
          continue;
        }
        if (sessionId === sid) await setSession(null);
        if ((await afterSessionRefused(e)) === 'device-key') return apiKeyCall(model, method, args, kwargs, signal);
        // Sign in again once, transparently, with the password at hand; then retry once. Never loop.
        await requireLoggedIn(signal);
        sid = sessionId ?? null;
      }
    }
  }

  /** 'account', no live session and no password at hand, but a device key: calls go through the key. */
  async function useDeviceKey(): Promise<boolean> {
    if (authMethod !== 'account' || (await hasPassword())) return false;
    return (await secret('device-key')) !== null;
  }

  /**
   * Odoo refused the kept session (`expired`): what carries on — the device key ('account'
   * without a password at hand) or a fresh sign-in with the password. With neither, the
   * person must act, and every path says so alike: `password_required` for an 'account',
   * `expired` itself otherwise (never "no credential is stored").
   */
  async function afterSessionRefused(expired: unknown): Promise<'device-key' | 'sign-in'> {
    if (await useDeviceKey()) return 'device-key';
    if (await hasPassword()) return 'sign-in';
    if (authMethod === 'account') throw passwordRequired();
    throw expired;
  }

  async function requireLoggedIn(signal?: AbortSignal): Promise<void> {
    const result = await webLogin(signal);
    if (result.status === 'totp_required') {
      throw new AppError('totp_required', 'Odoo asks for the two-factor code.');
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
    const result =
      authMethod === 'api-key'
        ? await apiKeyCall(model, method, args, kwargs, signal)
        : await sessionCall(model, method, args, kwargs, signal);
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
    const row = Array.isArray(rows) ? rows[0] : undefined;
    if (!isRecord(row)) {
      // Real Odoo answers `read()` of a deleted or unknown id with [] (no MissingError).
      throw new AppError('missing_record', 'The record does not exist any more (it may have been deleted).', {
        model: 'res.users',
      });
    }
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
    if (authMethod !== 'api-key') return webLogin(signal);
    const user = await uidFlight.run(() => apiKeyLogin(undefined), signal);
    return { status: 'ok', identity: await readIdentity(user, signal) };
  }

  async function identity(opts?: CallOptions): Promise<Identity> {
    if (cachedIdentity) return cachedIdentity;
    const signal = opts?.signal;
    if (authMethod === 'api-key') return readIdentity(uid ?? (await uidFlight.run(() => apiKeyLogin(undefined), signal)), signal);
    const sid = await storedSession();
    if (sid) {
      try {
        const who = await sessionInfo(sid, signal);
        confirm();
        return who;
      } catch (e) {
        if (!isAppError(e, 'session_expired')) throw e;
        if (sessionId === sid) await setSession(null);
        await afterSessionRefused(e); // the device key or a sign-in below, or the person acts
      }
    }
    if (await useDeviceKey()) return readIdentity(uid ?? (await uidFlight.run(() => apiKeyLogin(undefined), signal)), signal);
    await requireLoggedIn(signal);
    return cachedIdentity ?? sessionInfo(sessionId ?? '', signal);
  }

  async function checkSession(opts?: CallOptions): Promise<boolean> {
    const signal = opts?.signal;
    try {
      if (authMethod === 'api-key') {
        await apiKeyLogin(signal);
        return true;
      }
      const sid = await storedSession();
      if (!sid) return false;
      await sessionInfo(sid, signal);
      confirm();
      // Keep the module's tokens fresh, rotating the refresh token when it is due.
      if (authMethod === 'jwt') await jwtAccess(signal);
      return true;
    } catch (e) {
      if (isAppError(e, 'session_expired') || isAppError(e, 'auth_failed')) {
        if (authMethod !== 'api-key') await setSession(null);
        return false;
      }
      throw e;
    }
  }

  /** `/web/session/destroy` for a session id; an already dead session is fine. */
  async function destroySession(sid: string, signal?: AbortSignal): Promise<void> {
    try {
      await t.jsonRpc('/web/session/destroy', {}, signal, { cookie: cookieHeader({ session_id: sid }) });
    } catch (e) {
      if (!isAppError(e, 'session_expired')) throw e;
    }
  }

  async function logout(opts?: CallOptions): Promise<void> {
    const signal = opts?.signal;
    try {
      if (authMethod === 'api-key') return;
      const sid = await storedSession();
      if (sid) await destroySession(sid, signal);
      await setSession(null);
      if (authMethod === 'jwt') {
        await jwtRevoke(signal);
        await storeRefresh(null);
      }
    } finally {
      // Access tokens stay valid on the server until they expire (≤ 60 s): drop ours now.
      forget();
    }
  }

  async function endVolatileSession(): Promise<void> {
    // A JWT profile's web session lives in memory only: end it in Odoo when the app locks.
    const sid = authMethod === 'jwt' ? (sessionId ?? null) : null;
    forget();
    if (sid) await destroySession(sid);
  }

  async function webSession(opts?: CallOptions): Promise<WebSession> {
    if (authMethod === 'api-key') {
      throw new AppError('invalid_input', 'API keys cannot open an Odoo window: Odoo asks the person to sign in.');
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
    confirmedAt = null;
    pendingTotp = null;
    jwt = null;
    typedPassword = null;
    firstCall = null;
    loginFlight.clear();
    uidFlight.clear();
    jwtFlight.clear();
  }

  async function listDatabases(opts?: CallOptions): Promise<string[] | null> {
    return t.databases(opts?.signal);
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
    endVolatileSession,
    signIn,
    revokeDeviceKey,
    get jwtSkipsTotp() {
      return jwtSkipsTotp;
    },
    forget,
  };
}
