// Why: an Odoo stand-in that answers on the wire like the real thing (the recordings in
// tests/fixtures/odoo-wire/ hold it to that), so the client, the e2e tests and the bench
// run against real HTTP(S) on loopback instead of mocks. It speaks the web-session routes
// (incl. the TOTP form and trusted-device cookie), /jsonrpc, /xmlrpc/2, JSON-2 on 19+,
// the odoo_jwt routes, and has fault modes for everything a proxy or network can do.
import { randomBytes } from 'node:crypto';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import https from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import {
  decodeMethodCall,
  encodeFault,
  encodeMethodResponse,
  type XmlRpcValue,
} from '../../../main/core/odoo/xmlrpc-codec.js';
import { testCertificate } from './cert.js';
import { DEMO_USERS, type DemoUser } from './data.js';
import { ACCESS_DENIED, json2Status, OdooException, SESSION_EXPIRED, xmlRpcFaultCode } from './exceptions.js';
import { signHs256, verifyHs256 } from './jwt.js';
import { ModelRegistry, type CallVia } from './models.js';
import { totp, verifyTotp } from './totp.js';

export type OdooVersion = 16 | 17 | 18 | 19 | `saas~${number}.${number}`;

export type Fault =
  | { kind: 'delay'; ms: number }
  | { kind: 'drop-mid-body' }
  | { kind: 'html-502' }
  | { kind: 'oversize'; bytes: number; declareLength?: boolean }
  | { kind: 'redirect'; location: string; status?: number }
  | { kind: 'slow-drip'; chunkMs: number; chunks?: number }
  | { kind: 'connection-close' };

export interface FaultRule {
  fault: Fault;
  /** Only requests whose path starts with this (default: all). */
  path?: string;
  /** How many requests it applies to (default: all until cleared). */
  times?: number;
}

export interface ServerClock {
  now(): number;
}

export interface OdooServerOptions {
  version?: OdooVersion;
  /** HTTPS with a generated certificate (default) or plain HTTP on 127.0.0.1. */
  tls?: boolean;
  faults?: FaultRule[];
  clock?: ServerClock;
  databases?: string[];
  /** `list_db`; false hides the database list (AccessDenied). */
  listDb?: boolean;
  /** Whether the odoo_jwt module is installed (default true). */
  jwtModule?: boolean;
  partners?: number;
  /**
   * The TLS identity to serve: a key and the chain it presents (leaf first). Default: a
   * self-signed certificate for 127.0.0.1 and localhost.
   */
  certificate?: { key: string; chain: string };
}

export interface RequestRecord {
  method: string;
  path: string;
  headers: Record<string, string | string[] | undefined>;
}

export interface OdooTestServer {
  origin: string;
  /** PEM of the server certificate (null for plain HTTP). */
  cert: string | null;
  version: OdooVersion;
  database: string;
  users: readonly DemoUser[];
  user(login: string): DemoUser;
  /** TLS handshakes so far ('secureConnection' events). */
  readonly handshakes: number;
  /** TCP connections accepted so far. */
  readonly connections: number;
  readonly requests: RequestRecord[];
  registry: ModelRegistry;
  clock: ServerClock;
  /** The code the user's authenticator shows at the server's time (plus `offsetSteps` × 30 s). */
  totpCode(login: string, offsetSteps?: number): string;
  setFault(rule: FaultRule | Fault | null): void;
  /** Every web session ends (like a server-side expiry or a restart with a new filestore). */
  expireSessions(): void;
  /** Another login for this user through odoo_jwt: the current refresh token is replaced. */
  jwtLoginElsewhere(login: string): void;
  revokeApiKey(login: string): void;
  /** The API keys made through Odoo's wizard for this user (as the Account Security list shows them, plus the key). */
  deviceKeys(login: string): { name: string; key: string }[];
  /** The password is changed in Odoo: it ends every web session of that user (as Odoo does). */
  setPassword(login: string, password: string): void;
  /** Every session id, trusted-device cookie and JWT this server handed out (canaries for tests). */
  issuedSecrets(): string[];
  /**
   * The server presents another certificate from now on (a renewal, or an interceptor in
   * the path); open connections are closed so every client makes a new handshake.
   */
  setCertificate(certificate: { key: string; chain: string }): void;
  /** The server goes away (connections refused) until `bringUp`, on the same port. */
  takeDown(): Promise<void>;
  bringUp(): Promise<void>;
  stop(): Promise<void>;
}

interface Session {
  id: string;
  uid: number | null;
  /** TOTP step pending for this user. */
  pendingUid: number | null;
  db: string;
  csrf: string;
  /** `identity-check-last` (epoch ms): Odoo's password re-check, valid 10 minutes. */
  identityCheckedAt?: number;
}

const SERVER_HEADER = 'Werkzeug/2.2.2 Python/3.11.2';
const JSON_TYPE = 'application/json; charset=utf-8';
const HTML_TYPE = 'text/html; charset=utf-8';
const PROXY_502 =
  '<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx/1.24.0</center>\r\n</body>\r\n</html>\r\n';

const JSON_ROUTES = new Set([
  '/web/webclient/version_info',
  '/web/database/list',
  '/web/session/authenticate',
  '/web/session/get_session_info',
  '/web/session/destroy',
  '/web/session/check',
]);
const API_KEY_WIZARD_MODELS = new Set(['res.users.apikeys.description', 'res.users.identitycheck', 'res.users.apikeys']);
const JWT_ROUTES = new Set(['/api/authenticate', '/api/update/access-token', '/api/update/refresh-token', '/api/revoke/token', '/api/protected/test']);

function hex40(): string {
  return randomBytes(20).toString('hex');
}

function httpDate(ms: number): string {
  return new Date(ms).toUTCString();
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function werkzeugPage(status: number, title: string, text: string): string {
  return `<!doctype html>\n<html lang=en>\n<title>${status} ${title}</title>\n<h1>${title}</h1>\n<p>${text}</p>\n`;
}

function parseCookies(header: string | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0) out[part.slice(0, eq).trim()] = part.slice(eq + 1).trim();
  }
  return out;
}

function isBrowserUa(ua: string | undefined): boolean {
  return /(Chrome|Firefox|Safari|Edg)\/\d/.test(ua ?? '');
}

function versionInfo(v: OdooVersion): Record<string, unknown> {
  if (typeof v === 'string') {
    const [maj, min] = v.slice(5).split('.').map(Number) as [number, number];
    return { server_version: v, server_version_info: [maj, min, 0, 'final', 0, ''], server_serie: v, protocol_version: 1 };
  }
  return {
    server_version: `${v}.0`,
    server_version_info: [v, 0, 0, 'final', 0, ''],
    server_serie: `${v}.0`,
    protocol_version: 1,
  };
}

function majorOf(v: OdooVersion): number {
  return typeof v === 'number' ? v : Number(v.slice(5).split('.')[0]);
}

/** Starts a test Odoo on 127.0.0.1 with an ephemeral port. */
export async function startOdooServer(options: OdooServerOptions = {}): Promise<OdooTestServer> {
  const version: OdooVersion = options.version ?? 17;
  const major = majorOf(version);
  const tls = options.tls ?? true;
  const clock: ServerClock = options.clock ?? { now: () => Date.now() };
  const databases = options.databases ?? ['companion'];
  const database = databases[0]!;
  const listDb = options.listDb ?? true;
  const jwtModule = options.jwtModule ?? true;
  const registry = new ModelRegistry(() => clock.now(), options.partners);
  const users = DEMO_USERS.map((u) => ({ ...u }));
  const revokedKeys = new Set<string>();
  /** Keys made through Odoo's wizard (`res.users.apikeys`): id → {uid, name, key}. */
  const wizardKeys = new Map<number, { uid: number; name: string; key: string }>();
  let nextKeyId = 100;
  /** Open wizards (`res.users.apikeys.description`, `res.users.identitycheck`) by id. */
  const descriptions = new Map<number, { uid: number; name: string }>();
  const identityChecks = new Map<number, { uid: number; password: string | null; then: { model: string; method: string; ids: number[] } }>();
  let nextWizardId = 1;
  const sessions = new Map<string, Session>();
  const trustedDevices = new Map<string, { uid: number; expires: number }>();
  const jwtKey = randomBytes(32);
  /** odoo_jwt's `jwt.refresh_token`: one stored token per user, with its revoked flag. */
  const currentRefresh = new Map<number, { token: string; revoked: boolean }>();
  const requests: RequestRecord[] = [];
  let faults: Array<FaultRule & { left: number }> = (options.faults ?? []).map((f) => ({ ...f, left: f.times ?? Infinity }));
  let handshakes = 0;
  const issued: string[] = [];
  let connections = 0;
  const sockets = new Set<Socket>();
  const timers = new Set<NodeJS.Timeout>();
  const sessionMaxAge = major <= 16 ? 7776000 : 604800;
  const errorCode = major >= 19 ? 0 : 200;

  const byLogin = (login: unknown): DemoUser | undefined => users.find((u) => u.login === login);
  const byUid = (uid: number): DemoUser | undefined => users.find((u) => u.uid === uid);

  function checkPassword(login: unknown, password: unknown): DemoUser | null {
    const u = byLogin(login);
    return u && typeof password === 'string' && password === u.password ? u : null;
  }

  /** RPC credentials: a password (users without 2FA) or an API key. */
  function checkRpcCredential(login: unknown, credential: unknown): DemoUser | null {
    const u = byLogin(login);
    if (!u || typeof credential !== 'string') return null;
    if (credential === u.apiKey && !revokedKeys.has(u.apiKey)) return u;
    if ([...wizardKeys.values()].some((k) => k.uid === u.uid && k.key === credential)) return u;
    if (credential === u.password && !u.totpSecret) return u;
    return null;
  }

  /**
   * A cookie's `Expires`: Odoo's `Response.set_cookie` puts one year from now on every
   * cookie that does not force its own, whatever its Max-Age (the recorded session_id,
   * td_id and refreshToken cookies all read Date + 365 days).
   */
  function cookieExpires(): string {
    return httpDate(clock.now() + 365 * 86_400_000);
  }

  function sessionCookie(id: string): string {
    return `session_id=${id}; Expires=${cookieExpires()}; Max-Age=${sessionMaxAge}; HttpOnly; Path=/`;
  }

  function refreshTokenCookie(token: string): string {
    return `refreshToken=${token}; Expires=${cookieExpires()}; Secure; HttpOnly; Path=/; SameSite=Lax`;
  }

  function newSession(uid: number | null, pendingUid: number | null, db: string): Session {
    const s: Session = { id: hex40(), uid, pendingUid, db, csrf: `${randomBytes(20).toString('hex')}o${Math.floor(clock.now() / 1000) + 31536000}` };
    issued.push(s.id);
    sessions.set(s.id, s);
    return s;
  }

  function sessionInfo(u: DemoUser, db: string): Record<string, unknown> {
    const vi = versionInfo(version);
    return {
      uid: u.uid,
      is_system: u.isAdmin,
      is_admin: u.isAdmin,
      is_internal_user: true,
      user_context: { lang: u.lang, tz: u.tz, uid: u.uid },
      db,
      user_settings: {
        id: u.uid,
        user_id: { id: u.uid },
        is_discuss_sidebar_category_channel_open: true,
        is_discuss_sidebar_category_chat_open: true,
        push_to_talk_key: false,
        use_push_to_talk: false,
        voice_active_duration: 0,
        volume_settings_ids: [['ADD', []]],
      },
      server_version: vi.server_version,
      server_version_info: vi.server_version_info,
      support_url: 'https://www.odoo.com/buy',
      name: u.name,
      username: u.login,
      partner_display_name: `YourCompany, ${u.name}`,
      partner_id: u.partnerId,
      'web.base.url': origin,
      active_ids_limit: 20000,
      profile_session: null,
      profile_collectors: null,
      profile_params: null,
      max_file_upload_size: 134217728,
      home_action_id: false,
      cache_hashes: { translations: hex40(), load_menus: randomBytes(32).toString('hex') },
      currencies: { '1': { symbol: '$', position: 'before', digits: [69, 2] } },
      bundle_params: { lang: u.lang },
      user_companies: {
        current_company: 1,
        allowed_companies: { '1': { id: 1, name: 'YourCompany', sequence: 0, child_ids: [], parent_id: false } },
        disallowed_ancestor_companies: {},
      },
      show_effect: true,
      display_switch_company_menu: false,
      user_id: [u.uid],
      // Only an administrator's session info has web_tours, tour_disable and
      // iap_company_enrich (auth_ok.json for admin has them, jwt_session_get_session_info.json
      // for demo does not).
      ...(u.isAdmin ? { web_tours: [], tour_disable: true } : {}),
      notification_type: 'email',
      odoobot_initialized: u.odoobotInitialized,
      ...(u.isAdmin ? { iap_company_enrich: true } : {}),
    };
  }

  function errorObject(e: OdooException): Record<string, unknown> {
    const expired = e.odooName === 'odoo.http.SessionExpiredException';
    return {
      code: expired ? 100 : errorCode,
      message: expired ? 'Odoo Session Expired' : 'Odoo Server Error',
      data: {
        name: e.odooName,
        debug: `Traceback (most recent call last):\n  File "odoo/http.py", line 1, in _serve\n${e.odooName}: ${e.message}\n`,
        message: e.message,
        arguments: e.arguments,
        context: {},
      },
    };
  }

  // ---- response writing (with faults) ---------------------------------------------------

  interface Reply {
    status: number;
    headers: Record<string, string | string[]>;
    body: Buffer;
  }

  function takeFault(path: string): Fault | null {
    for (const f of faults) {
      if (f.left <= 0) continue;
      if (f.path && !path.startsWith(f.path)) continue;
      f.left--;
      return f.fault;
    }
    return null;
  }

  function later(ms: number, fn: () => void): void {
    const t = setTimeout(() => {
      timers.delete(t);
      fn();
    }, ms);
    timers.add(t);
  }

  function send(res: ServerResponse, reply: Reply, fault: Fault | null): void {
    const headers: Record<string, string | string[]> = {
      Server: SERVER_HEADER,
      Date: httpDate(clock.now()),
      ...reply.headers,
    };
    if (fault?.kind === 'connection-close') headers.Connection = 'close';
    if (fault?.kind === 'html-502') {
      const body = Buffer.from(PROXY_502);
      res.writeHead(502, { Server: 'nginx/1.24.0', 'Content-Type': 'text/html', 'Content-Length': body.length });
      res.end(body);
      return;
    }
    if (fault?.kind === 'redirect') {
      res.writeHead(fault.status ?? 301, { ...headers, Location: fault.location, 'Content-Type': HTML_TYPE, 'Content-Length': 0 });
      res.end();
      return;
    }
    if (fault?.kind === 'oversize') {
      const chunk = Buffer.alloc(64 * 1024, 0x20);
      const h: Record<string, string | number | string[]> = { ...headers, 'Content-Type': JSON_TYPE };
      if (fault.declareLength) h['Content-Length'] = fault.bytes;
      res.writeHead(200, h);
      let left = fault.bytes;
      const pump = (): void => {
        while (left > 0) {
          const n = Math.min(left, chunk.length);
          left -= n;
          if (!res.write(n === chunk.length ? chunk : chunk.subarray(0, n))) {
            res.once('drain', pump);
            return;
          }
        }
        res.end();
      };
      res.on('close', () => {
        left = 0;
      });
      pump();
      return;
    }
    headers['Content-Length'] = String(reply.body.length);
    if (fault?.kind === 'drop-mid-body') {
      res.writeHead(reply.status, headers);
      res.write(reply.body.subarray(0, Math.max(1, Math.floor(reply.body.length / 2))));
      later(5, () => res.socket?.destroy());
      return;
    }
    if (fault?.kind === 'slow-drip') {
      res.writeHead(reply.status, headers);
      const n = Math.max(2, fault.chunks ?? 10);
      const size = Math.ceil(reply.body.length / n);
      let i = 0;
      const step = (): void => {
        if (res.destroyed) return;
        const part = reply.body.subarray(i * size, (i + 1) * size);
        i++;
        if (i >= n || part.length === 0) {
          res.end(part);
          return;
        }
        res.write(part);
        later(fault.chunkMs, step);
      };
      step();
      return;
    }
    res.writeHead(reply.status, headers);
    res.end(reply.body);
  }

  const json = (obj: unknown, extraHeaders: Record<string, string | string[]> = {}, status = 200): Reply => ({
    status,
    headers: { 'Content-Type': JSON_TYPE, ...extraHeaders },
    body: Buffer.from(JSON.stringify(obj)),
  });
  const html = (status: number, body: string, extraHeaders: Record<string, string | string[]> = {}): Reply => ({
    status,
    headers: { 'Content-Type': HTML_TYPE, ...extraHeaders },
    body: Buffer.from(body),
  });
  const rpcResult = (id: unknown, result: unknown, headers?: Record<string, string | string[]>): Reply =>
    json(result === null || result === undefined ? { jsonrpc: '2.0', id } : { jsonrpc: '2.0', id, result }, headers);
  const rpcError = (id: unknown, e: OdooException): Reply =>
    json({ jsonrpc: '2.0', id: e.odooName === 'odoo.http.SessionExpiredException' ? null : id, error: errorObject(e) });

  function asOdoo(e: unknown): OdooException {
    if (e instanceof OdooException) return e;
    return new OdooException('builtins.Exception', e instanceof Error ? e.message : String(e));
  }

  // ---- TOTP pages -----------------------------------------------------------------------

  function totpForm(s: Session, error: string | null): string {
    return `<!DOCTYPE html>
<html style="height: 100%;">
    <head>
        <meta charset="utf-8"/>
        <title>Odoo</title>
        <script id="web.layout.odooscript" type="text/javascript">
            var odoo = {
                csrf_token: "${s.csrf}",
                debug: "",
            };
        </script>
    </head>
    <body class="bg-100">
        <div id="wrapwrap" class="">
                <main>
            <div class="oe_login_form">
                <h5 class="card-title">Two-factor Authentication</h5>
                <form method="POST" action="" class="">
                    <div class="mb-2 mt-2 text-muted">
                        To login, enter below the six-digit authentication code provided by your Authenticator app.
                    </div>
                    <input type="hidden" name="csrf_token" value="${s.csrf}"/>
                    <input type="hidden" name="redirect"/>
                    ${error ? `<p class="alert alert-danger" role="alert">${escapeHtml(error)}</p>` : ''}
                    <div class="mb-3">
                        <label class="fw-bold" for="totp_token">Authentication Code</label>
                        <input id="totp_token" name="totp_token" class="form-control mb-2" autocomplete="off" inputmode="numeric" autofocus="autofocus" required="required" placeholder="e.g. 123456"/>
                    </div>
                    <div class="text-center py-2 border-top">
                    <div class="mb-2 mt-2 text-muted">
                        <input type="checkbox" name="remember" id="switch-remember" value="1"/>
                        <label for="switch-remember">Don't ask again on this device</label>
                    </div>
                        <div class="clearfix oe_login_buttons text-center d-grid mb-1">
                            <button type="submit" class="btn btn-primary">
                                Log in
                            </button>
                        </div>
                    </div>
                </form>
                <form method="POST" action="/web/session/logout">
                    <input type="hidden" name="csrf_token" value="${s.csrf}"/>
                    <div class="w-100 text-center">
                        <button type="submit" class="btn btn-link btn-sm mb-2">
                            Cancel
                        </button>
                    </div>
                </form>
            </div>
                </main>
            </div>
        </body>
</html>`;
  }

  function finishTotp(s: Session, extraCookies: string[] = []): Reply {
    const uid = s.pendingUid!;
    sessions.delete(s.id);
    // Odoo rotates the session id once authentication completes.
    const done = newSession(uid, null, s.db);
    return html(303, werkzeugPage(303, 'Redirecting...', 'You should be redirected automatically to the target URL: <a href="/web">/web</a>. If not, click the link.'), {
      Location: '/web',
      'Set-Cookie': [...extraCookies, sessionCookie(done.id)],
      'X-Content-Type-Options': 'nosniff',
    });
  }

  function totpRoute(req: IncomingMessage, raw: string): Reply {
    const cookies = parseCookies(req.headers.cookie);
    const s = cookies.session_id ? sessions.get(cookies.session_id) : undefined;
    if (!s || s.pendingUid === null) {
      return html(303, werkzeugPage(303, 'Redirecting...', 'Redirecting to /web/login'), { Location: '/web/login' });
    }
    const user = byUid(s.pendingUid)!;
    if (req.method === 'GET') {
      const td = cookies.td_id ? trustedDevices.get(cookies.td_id) : undefined;
      if (td && td.uid === user.uid && td.expires > clock.now()) return finishTotp(s);
      return html(200, totpForm(s, null));
    }
    const form = new URLSearchParams(raw);
    if (form.get('csrf_token') !== s.csrf) {
      return html(400, werkzeugPage(400, 'Bad Request', 'Session expired (invalid CSRF token)'));
    }
    const code = (form.get('totp_token') ?? '').replace(/\s/g, '');
    if (!user.totpSecret || !verifyTotp(user.totpSecret, code, clock.now())) {
      return html(200, totpForm(s, 'Verification failed, please double-check the 6-digit code'));
    }
    const extra: string[] = [];
    if (form.get('remember') === '1') {
      // Odoo 17 crashes here when the User-Agent names no browser (user_agent.browser.capitalize()).
      if (!isBrowserUa(req.headers['user-agent'])) {
        return html(500, werkzeugPage(500, 'Internal Server Error', "AttributeError: 'NoneType' object has no attribute 'capitalize'"));
      }
      const td = hex40();
      trustedDevices.set(td, { uid: user.uid, expires: clock.now() + 7776000 * 1000 });
      issued.push(td);
      extra.push(`td_id=${td}; Expires=${cookieExpires()}; Max-Age=7776000; HttpOnly; Path=/; SameSite=Lax`);
    }
    return finishTotp(s, extra);
  }

  // ---- JSON-RPC routes -------------------------------------------------------------------

  function currentSession(req: IncomingMessage): { s: Session; user: DemoUser } {
    const cookies = parseCookies(req.headers.cookie);
    const s = cookies.session_id ? sessions.get(cookies.session_id) : undefined;
    if (!s || s.uid === null) throw SESSION_EXPIRED();
    return { s, user: byUid(s.uid)! };
  }

  function execute(user: DemoUser, via: CallVia, model: unknown, method: unknown, args: unknown, kwargs: unknown): unknown {
    return registry.execute(
      user,
      via,
      String(model),
      String(method),
      Array.isArray(args) ? args : [],
      kwargs && typeof kwargs === 'object' && !Array.isArray(kwargs) ? (kwargs as Record<string, unknown>) : {},
    );
  }

  function dispatchService(service: unknown, method: unknown, args: unknown[], via: 'execute_kw'): unknown {
    if (service === 'common') {
      if (method === 'version') return versionInfo(version);
      if (method === 'login' || method === 'authenticate') {
        const [db, login, credential] = args;
        if (!databases.includes(String(db))) throw NO_SUCH_DATABASE(db);
        const u = checkRpcCredential(login, credential);
        return u ? u.uid : false;
      }
      throw new OdooException('builtins.NameError', `Method not available ${String(method)}`);
    }
    if (service === 'db' && method === 'list') {
      if (!listDb) throw ACCESS_DENIED();
      return databases;
    }
    if (service === 'object' && (method === 'execute_kw' || method === 'execute')) {
      const [db, uid, credential, model, m, a, kw] = args;
      if (!databases.includes(String(db))) throw NO_SUCH_DATABASE(db);
      const u = byUid(Number(uid));
      if (!u || checkRpcCredential(u.login, credential) === null) throw ACCESS_DENIED();
      return execute(u, via, model, m, a, kw);
    }
    throw new OdooException('builtins.NameError', `Method not available ${String(method)}`);
  }

  function jsonRoute(req: IncomingMessage, path: string, body: Record<string, unknown>): Reply {
    const id = body.id ?? null;
    const params = (body.params ?? {}) as Record<string, unknown>;
    try {
      switch (path) {
        case '/web/webclient/version_info':
          return rpcResult(id, versionInfo(version));
        case '/web/database/list':
          if (!listDb) throw ACCESS_DENIED();
          return rpcResult(id, databases);
        case '/web/session/authenticate': {
          if (!databases.includes(String(params.db))) throw new OdooException('odoo.exceptions.AccessError', 'Database not found.');
          const cred = params.credential as Record<string, unknown> | undefined;
          const u = checkPassword(cred?.login ?? params.login, cred?.password ?? params.password);
          if (!u) throw ACCESS_DENIED();
          if (u.totpSecret) {
            const s = newSession(null, u.uid, String(params.db));
            return rpcResult(id, { uid: null }, { 'Set-Cookie': sessionCookie(s.id), 'X-Content-Type-Options': 'nosniff' });
          }
          const s = newSession(u.uid, null, String(params.db));
          return rpcResult(id, sessionInfo(u, s.db), { 'Set-Cookie': sessionCookie(s.id), 'X-Content-Type-Options': 'nosniff' });
        }
        case '/web/session/get_session_info': {
          const { s, user } = currentSession(req);
          return rpcResult(id, sessionInfo(user, s.db));
        }
        case '/web/session/check':
          currentSession(req);
          return rpcResult(id, null);
        case '/web/session/destroy': {
          const { s } = currentSession(req);
          sessions.delete(s.id);
          return rpcResult(id, null);
        }
        case '/jsonrpc':
          return rpcResult(id, dispatchService(params.service, params.method, Array.isArray(params.args) ? params.args : [], 'execute_kw'));
        default:
          break;
      }
      if (path.startsWith('/web/dataset/call_kw')) {
        // Odoo's own routes are auth='user': the session cookie decides; odoo_jwt checks an
        // Authorization header only on its auth='jwt' routes, so a token alone is "Session Expired".
        const { s: session, user } = currentSession(req);
        if (API_KEY_WIZARD_MODELS.has(String(params.model))) {
          return rpcResult(id, apiKeyWizard(session, user, String(params.model), String(params.method), Array.isArray(params.args) ? params.args : [], (params.kwargs ?? {}) as Record<string, unknown>));
        }
        return rpcResult(id, execute(user, 'call_kw', params.model, params.method, params.args, params.kwargs));
      }
      throw new OdooException('werkzeug.exceptions.NotFound', 'Not Found');
    } catch (e) {
      return rpcError(id, asOdoo(e));
    }
  }

  // ---- API keys through Odoo's own wizard ------------------------------------------------
  // As real Odoo 17 answers over a web session (docs/odoo-protocol.md, "Device API keys"):
  // description.create → make_key → an identity-check action (unless the password was
  // checked in this session in the last 10 minutes) → write({password}) → run_check →
  // the protected method's answer: the key in context.default_key, or act_window_close.

  function identityCheckAction(s: Session, user: DemoUser, then: { model: string; method: string; ids: number[] }): Record<string, unknown> | null {
    if ((s.identityCheckedAt ?? -Infinity) > clock.now() - 10 * 60_000) return null;
    const w = nextWizardId++;
    identityChecks.set(w, { uid: user.uid, password: null, then });
    return { type: 'ir.actions.act_window', res_model: 'res.users.identitycheck', res_id: w, name: 'Security Control', target: 'new', views: [[false, 'form']] };
  }

  function runProtected(user: DemoUser, then: { model: string; method: string; ids: number[] }): unknown {
    if (then.model === 'res.users.apikeys.description') {
      if (user.login === 'portal') throw new OdooException('odoo.exceptions.AccessError', 'Only internal users can create API keys');
      const d = descriptions.get(then.ids[0] ?? -1);
      if (!d) throw new OdooException('odoo.exceptions.MissingError', 'Record does not exist or has been deleted.');
      descriptions.delete(then.ids[0]!);
      const key = randomBytes(20).toString('hex');
      wizardKeys.set(nextKeyId++, { uid: user.uid, name: d.name, key });
      issued.push(key);
      return { type: 'ir.actions.act_window', res_model: 'res.users.apikeys.show', name: 'API Key Ready', views: [[false, 'form']], target: 'new', context: { default_key: key } };
    }
    for (const keyId of then.ids) {
      const k = wizardKeys.get(keyId);
      if (k && (k.uid === user.uid || user.isAdmin)) wizardKeys.delete(keyId);
    }
    return { type: 'ir.actions.act_window_close' };
  }

  function apiKeyWizard(s: Session, user: DemoUser, model: string, method: string, args: unknown[], kwargs: Record<string, unknown>): unknown {
    const ids = (Array.isArray(args[0]) ? args[0] : []) as number[];
    if (model === 'res.users.apikeys.description') {
      if (method === 'create') {
        const vals = (Array.isArray(args[0]) ? args[0][0] : args[0]) as Record<string, unknown> | undefined;
        if (major >= 18 && !user.isAdmin) {
          // Odoo 18+: a non-administrator must give an expiry, at most 90 days ahead by default
          // (docs/odoo-protocol.md, "Device API keys"; the refusal's exact text is not recorded).
          const end = typeof vals?.expiration_date === 'string' ? Date.parse(`${vals.expiration_date.replace(' ', 'T')}Z`) : Number.NaN;
          if (!Number.isFinite(end) || end - clock.now() > 90 * 86_400_000 + 60_000) {
            throw new OdooException('odoo.exceptions.UserError', 'You cannot exceed 90 days for an API key.');
          }
        }
        const w = nextWizardId++;
        descriptions.set(w, { uid: user.uid, name: String(vals?.name ?? '') });
        return w;
      }
      if (method === 'make_key') {
        const then = { model, method, ids };
        return identityCheckAction(s, user, then) ?? runProtected(user, then);
      }
    }
    if (model === 'res.users.identitycheck') {
      const w = identityChecks.get(ids[0] ?? -1);
      if (!w || w.uid !== user.uid) throw new OdooException('odoo.exceptions.MissingError', 'Record does not exist or has been deleted.');
      if (method === 'write') {
        const vals = (args[1] ?? {}) as Record<string, unknown>;
        if (typeof vals.password === 'string') w.password = vals.password;
        return true;
      }
      if (method === 'run_check') {
        if (w.password !== user.password) {
          throw new OdooException('odoo.exceptions.UserError', 'Incorrect Password, try again or click on Forgot Password to reset your password.');
        }
        w.password = null;
        s.identityCheckedAt = clock.now();
        return runProtected(user, w.then);
      }
    }
    if (model === 'res.users.apikeys') {
      if (method === 'search_read') {
        const domain = (args[0] ?? []) as unknown[];
        const byName = domain.find((d): d is [string, string, string] => Array.isArray(d) && d[0] === 'name' && d[1] === '=');
        return [...wizardKeys.entries()]
          .filter(([, k]) => k.uid === user.uid && (byName === undefined || k.name === byName[2]))
          .map(([keyId, k]) => ({ id: keyId, name: k.name }));
      }
      if (method === 'remove') {
        const then = { model, method, ids };
        return identityCheckAction(s, user, then) ?? runProtected(user, then);
      }
    }
    void kwargs;
    throw new OdooException('builtins.AttributeError', `type object '${model}' has no attribute '${method}'`);
  }

  // ---- odoo_jwt --------------------------------------------------------------------------

  function issueRefresh(uid: number): string {
    const token = signHs256({ user_id: uid, exp: Math.floor(clock.now() / 1000) + 3600, jti: hex40() }, jwtKey);
    currentRefresh.set(uid, { token, revoked: false });
    issued.push(token);
    return token;
  }

  function issueAccess(uid: number): string {
    const token = signHs256({ user_id: uid, exp: Math.floor(clock.now() / 1000) + 60, jti: hex40() }, jwtKey);
    issued.push(token);
    return token;
  }

  const jwtDenied = (message: string): OdooException => new OdooException('odoo.exceptions.AccessDenied', message);

  /** odoo_jwt `get_refresh_token`: the `refreshToken` cookie first, then the header. */
  function refreshTokenOf(req: IncomingMessage): string | null {
    const fromCookie = parseCookies(req.headers.cookie).refreshToken;
    if (fromCookie) return fromCookie;
    const header = req.headers.refreshtoken;
    return typeof header === 'string' && header !== '' ? header : null;
  }

  /** odoo_jwt `varify_refresh_token`, message for message. */
  function verifyRefresh(req: IncomingMessage, uid: number): void {
    const token = refreshTokenOf(req);
    if (token === null || !verifyHs256(token, jwtKey, clock.now()).ok) throw jwtDenied('Refresh Token has been expired');
    const stored = currentRefresh.get(uid);
    if (stored === undefined) throw jwtDenied('Refresh Token is invalid');
    if (stored.token !== token) throw jwtDenied('Refresh Token has been changed');
    if (stored.revoked) throw jwtDenied('Token has been revoked => User Logged out, Please Log in again');
  }

  /** odoo_jwt `ir.http._authenticate` for auth='jwt' routes: the raw Authorization header. */
  function jwtAuthenticate(req: IncomingMessage): DemoUser {
    const token = req.headers.authorization;
    if (typeof token !== 'string' || token === '') throw jwtDenied('Invalid access, No token provided');
    const check = verifyHs256(token, jwtKey, clock.now());
    if (!check.ok) {
      // A werkzeug HTTPException has no args: `arguments: []` (jwt_expired_access_token.json).
      if (check.reason === 'expired') throw new OdooException('werkzeug.exceptions.Unauthorized', '401 Unauthorized: Access token expired', []);
      throw jwtDenied(`Invalid access attempt, ${check.reason}`);
    }
    const u = byUid(check.payload.user_id);
    if (!u) throw jwtDenied('Invalid access attempt, Invalid token');
    return u;
  }

  /**
   * A database name PostgreSQL does not have, as real Odoo 17 reports it on `/jsonrpc` and
   * (as the last line of fault 1's traceback) on XML-RPC.
   */
  const NO_SUCH_DATABASE = (db: unknown): OdooException =>
    new OdooException(
      'psycopg2.OperationalError',
      `connection to server on socket "/var/run/postgresql/.s.PGSQL.5432" failed: FATAL:  database "${String(db)}" does not exist\n`,
    );

  function jwtRoute(req: IncomingMessage, path: string, body: Record<string, unknown>): Reply {
    const refusal = (error: string): Reply => rpcResult(null, { error });
    try {
      switch (path) {
        case '/api/authenticate': {
          const db = databases.length === 1 ? database : String(body.db ?? '');
          if (!body.login || !body.password) return refusal('Please provide login and password');
          const u = databases.includes(db) ? checkPassword(body.login, body.password) : null;
          // request.session.authenticate(): Odoo opens a session either way (anonymous on failure).
          if (!u) {
            return rpcResult(null, { error: 'Invalid login or password' }, { 'Set-Cookie': sessionCookie(newSession(null, null, db).id), 'X-Content-Type-Options': 'nosniff' });
          }
          const refresh = issueRefresh(u.uid);
          const result: Record<string, unknown> = {
            rotation_period: 2700.0,
            token: issueAccess(u.uid),
            user_id: u.uid,
            long_term_token_span: 3600,
            short_term_token_span: 60,
          };
          if (!isBrowserUa(req.headers['user-agent'])) result.refreshToken = refresh;
          // A two-factor user's session stays half-authenticated: the module never asks the
          // code, but Odoo's routes still wait for /web/login/totp.
          const s = u.totpSecret ? newSession(null, u.uid, db) : newSession(u.uid, null, db);
          return rpcResult(null, result, {
            'Set-Cookie': [refreshTokenCookie(refresh), sessionCookie(s.id)],
            'X-Content-Type-Options': 'nosniff',
          });
        }
        case '/api/update/access-token': {
          if (!body.user_id) return refusal('User id not given');
          const uid = Number(body.user_id);
          verifyRefresh(req, uid);
          return rpcResult(null, { access_token: issueAccess(uid) });
        }
        case '/api/update/refresh-token': {
          jwtAuthenticate(req);
          const uid = Number(body.user_id);
          verifyRefresh(req, uid);
          const next = issueRefresh(uid);
          const browser = isBrowserUa(req.headers['user-agent']);
          // The new refresh token is also a cookie, and Odoo sets a new session_id
          // (jwt_refresh_token.headers). What that session may do was not recorded: it is
          // anonymous here, so nothing can lean on it.
          return rpcResult(null, { status: 'done', refreshToken: browser ? 1 : next }, {
            'Set-Cookie': [refreshTokenCookie(next), sessionCookie(newSession(null, null, database).id)],
            'X-Content-Type-Options': 'nosniff',
          });
        }
        case '/api/revoke/token': {
          jwtAuthenticate(req);
          const uid = Number(body.user_id);
          verifyRefresh(req, uid);
          currentRefresh.get(uid)!.revoked = true;
          // A new, logged-out session_id cookie and no refreshToken cookie (jwt_revoke.headers).
          return rpcResult(null, { status: 'success', logged_out: 1 }, {
            'Set-Cookie': sessionCookie(newSession(null, null, database).id),
            'X-Content-Type-Options': 'nosniff',
          });
        }
        case '/api/protected/test': {
          const u = jwtAuthenticate(req);
          return rpcResult(null, { uid: u.uid, data: [{ id: 1, name: 'sami3' }] });
        }
        default:
          throw new OdooException('werkzeug.exceptions.NotFound', 'Not Found');
      }
    } catch (e) {
      return rpcError(null, asOdoo(e));
    }
  }

  // ---- XML-RPC and JSON-2 ----------------------------------------------------------------

  function xmlRoute(path: string, raw: string): Reply {
    const xml = (s: string): Reply => ({ status: 200, headers: { 'Content-Type': 'text/xml; charset=utf-8' }, body: Buffer.from(s) });
    let call: { method: string; params: XmlRpcValue[] };
    try {
      call = decodeMethodCall(raw);
    } catch {
      return xml(encodeFault(1, 'Traceback (most recent call last):\nxml.parsers.expat.ExpatError: syntax error'));
    }
    const service = path.slice('/xmlrpc/2/'.length);
    try {
      return xml(encodeMethodResponse(dispatchService(service, call.method, call.params, 'execute_kw') as XmlRpcValue));
    } catch (e) {
      const ex = asOdoo(e);
      const code = xmlRpcFaultCode(ex);
      const text = code === 1 ? `Traceback (most recent call last):\n  File "odoo/service/wsgi_server.py"\n${ex.odooName}: ${ex.message}` : ex.message;
      return xml(encodeFault(code, text));
    }
  }

  function json2Route(req: IncomingMessage, path: string, body: unknown): Reply {
    const err = (e: OdooException, extra: Record<string, string> = {}): Reply =>
      json({ name: e.odooName, message: e.message, arguments: [e.message], context: {}, debug: '' }, extra, json2Status(e));
    const auth = req.headers.authorization ?? '';
    const key = /^bearer\s+(.+)$/i.exec(auth)?.[1];
    const wizardKey = key ? [...wizardKeys.values()].find((k) => k.key === key) : undefined;
    const u = key ? users.find((x) => (x.apiKey === key && !revokedKeys.has(key)) || x.uid === wizardKey?.uid) : undefined;
    if (!u) return err(new OdooException('werkzeug.exceptions.Unauthorized', 'Invalid apikey'), { 'WWW-Authenticate': 'bearer' });
    const db = req.headers['x-odoo-database'];
    if (db !== undefined && !databases.includes(String(db))) {
      // Real Odoo 19: a wrong X-Odoo-Database is a 404 HTML page, not a JSON-2 error body.
      return html(404, werkzeugPage(404, 'Not Found', 'No database is selected, or the selected database does not exist.'));
    }
    const [, , , model, method] = path.split('/');
    if (!body || typeof body !== 'object' || Array.isArray(body)) {
      return err(new OdooException('werkzeug.exceptions.UnprocessableEntity', 'Invalid JSON body'));
    }
    try {
      return json(execute(u, 'json2', decodeURIComponent(model ?? ''), decodeURIComponent(method ?? ''), [], body));
    } catch (e) {
      return err(asOdoo(e));
    }
  }

  // ---- dispatch ------------------------------------------------------------------------

  function route(req: IncomingMessage, path: string, raw: string): Reply {
    const method = req.method ?? 'GET';
    if (path === '/web/login/totp') return totpRoute(req, raw);
    if (path === '/web/version' && major >= 19 && method === 'GET') {
      const vi = versionInfo(version);
      return json({ version_info: vi.server_version_info, version: vi.server_version });
    }
    if (path.startsWith('/xmlrpc/2/') && method === 'POST') return xmlRoute(path, raw);
    if (path.startsWith('/json/2/') && major >= 19) {
      if (method !== 'POST') return html(405, werkzeugPage(405, 'Method Not Allowed', 'The method is not allowed for the requested URL.'));
      let body: unknown;
      try {
        body = raw === '' ? {} : JSON.parse(raw);
      } catch {
        return json({ name: 'werkzeug.exceptions.BadRequest', message: 'Invalid JSON data' }, {}, 400);
      }
      return json2Route(req, path, body);
    }
    const isJwt = jwtModule && JWT_ROUTES.has(path);
    const isJson = JSON_ROUTES.has(path) || path === '/jsonrpc' || path.startsWith('/web/dataset/call_kw') || isJwt;
    if (!isJson) return html(404, werkzeugPage(404, 'Not Found', 'The requested URL was not found on the server. If you entered the URL manually please check your spelling and try again.'));
    if (method !== 'POST') {
      return html(400, werkzeugPage(400, 'Bad Request', `Request inferred type is compatible with [&#39;http&#39;] but &#39;${path}&#39; is type=&#39;json&#39;.`));
    }
    let body: Record<string, unknown>;
    try {
      const parsed: unknown = JSON.parse(raw);
      if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error('not an object');
      body = parsed as Record<string, unknown>;
    } catch {
      return html(400, werkzeugPage(400, 'Bad Request', 'Invalid JSON data'));
    }
    return isJwt ? jwtRoute(req, path, body) : jsonRoute(req, path, body);
  }

  function handler(req: IncomingMessage, res: ServerResponse): void {
    const chunks: Buffer[] = [];
    res.on('error', () => undefined);
    req.on('error', () => undefined);
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const path = (req.url ?? '/').split('?')[0] ?? '/';
      requests.push({ method: req.method ?? 'GET', path, headers: { ...req.headers } });
      if (requests.length > 10_000) requests.splice(0, 5_000);
      const fault = takeFault(path);
      const run = (): void => {
        if (res.destroyed) return;
        let reply: Reply;
        try {
          reply = route(req, path, Buffer.concat(chunks).toString('utf8'));
        } catch (e) {
          reply = html(500, werkzeugPage(500, 'Internal Server Error', escapeHtml(String(e))));
        }
        send(res, reply, fault);
      };
      if (fault?.kind === 'delay') later(fault.ms, run);
      else run();
    });
  }

  const cert = !tls ? null : options.certificate ? { cert: options.certificate.chain, key: options.certificate.key } : testCertificate();
  const server = cert
    ? https.createServer({ cert: cert.cert, key: cert.key, keepAliveTimeout: 60_000 }, handler)
    : http.createServer({ keepAliveTimeout: 60_000 }, handler);
  server.on('connection', (socket: Socket) => {
    connections++;
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  if (cert) server.on('secureConnection', () => handshakes++);
  server.on('clientError', (_e, socket) => socket.destroy());
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  const origin = `${cert ? 'https' : 'http'}://127.0.0.1:${port}`;

  return {
    origin,
    cert: cert?.cert ?? null,
    version,
    database,
    users,
    user(login) {
      const u = byLogin(login);
      if (!u) throw new Error(`no user ${login}`);
      return u;
    },
    get handshakes() {
      return handshakes;
    },
    get connections() {
      return connections;
    },
    requests,
    registry,
    clock,
    totpCode(login, offsetSteps = 0) {
      const u = byLogin(login);
      if (!u?.totpSecret) throw new Error(`${login} has no TOTP`);
      return totp(u.totpSecret, clock.now() + offsetSteps * 30_000);
    },
    setFault(rule) {
      if (rule === null) {
        faults = [];
        return;
      }
      const r: FaultRule = 'fault' in rule ? rule : { fault: rule };
      faults = [{ ...r, left: r.times ?? Infinity }];
    },
    expireSessions() {
      sessions.clear();
    },
    jwtLoginElsewhere(login) {
      issueRefresh(byLogin(login)!.uid);
    },
    deviceKeys(login) {
      const uid = byLogin(login)!.uid;
      return [...wizardKeys.values()].filter((k) => k.uid === uid).map((k) => ({ name: k.name, key: k.key }));
    },
    revokeApiKey(login) {
      revokedKeys.add(byLogin(login)!.apiKey);
    },
    setPassword(login, password) {
      const u = byLogin(login);
      if (!u) throw new Error(`no user ${login}`);
      u.password = password;
      for (const [id, s] of sessions) if (s.uid === u.uid || s.pendingUid === u.uid) sessions.delete(id);
    },
    issuedSecrets() {
      return [...issued];
    },
    setCertificate(certificate) {
      if (!(server instanceof https.Server)) throw new Error('a plain-http server has no certificate');
      server.setSecureContext({ cert: certificate.chain, key: certificate.key });
      for (const s of sockets) s.destroy();
    },
    async takeDown() {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      for (const s of sockets) s.destroy();
      server.closeAllConnections?.();
      await closed;
    },
    async bringUp() {
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, '127.0.0.1', () => {
          server.off('error', reject);
          resolve();
        });
      });
    },
    async stop() {
      for (const t of timers) clearTimeout(t);
      timers.clear();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      for (const s of sockets) s.destroy();
      server.closeAllConnections?.();
      await closed;
    },
  };
}
