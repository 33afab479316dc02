// Records what a real Odoo 17 (with the odoo_jwt module) answers, into
// tests/fixtures/odoo-wire/17.0/, so the Odoo test server can be held to it. Starts the
// real-Odoo tier's server (same harness as `npm run test:odoo`), talks to Odoo's own plain
// http port (so headers are Odoo's, not the TLS front's), and writes `<name>.json` (the
// body), `<name>.headers` (status line and headers, where they matter) or `<name>.xml`.
// Tracebacks are removed (`debug`, XML-RPC fault strings); per-run secrets are replaced by
// stable placeholders of the same shape: session ids by fixed 40-hex values, JWTs by
// tokens with the same header, `user_id` and lifetime, re-signed with a placeholder secret;
// PostgreSQL's socket path in error messages by Debian's default one.
//   npm run record:odoo-wire [-- --only jwt_]
import { createHash, createHmac } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { BROWSER_UA } from '../main/core/odoo/index.js';
import { decodeMethodResponse, encodeMethodCall, XmlRpcFault, type XmlRpcValue } from '../main/core/odoo/xmlrpc-codec.js';
import { REPO_ROOT, startRealOdoo, type RealOdoo } from '../tests/support/real-odoo/real-odoo.js';

const OUT = path.join(REPO_ROOT, 'tests', 'fixtures', 'odoo-wire', '17.0');
/** The secret the placeholder JWTs are signed with (documented in the fixtures' README). */
const PLACEHOLDER_JWT_SECRET = 'odoo-wire-placeholder-secret';
/**
 * A placeholder token's `exp` is 2030-01-01T00:00:00Z plus the seconds between the start
 * of the recording and the real token's expiry: lifetimes and order are kept, and two
 * different real tokens never get the same placeholder.
 */
const PLACEHOLDER_EPOCH = 1_893_456_000;
const RECORDING_START = Math.floor(Date.now() / 1000);
const NON_BROWSER_UA = 'OdooCompanion/0.1';

const only = ((): string | null => {
  const i = process.argv.indexOf('--only');
  return i === -1 ? null : (process.argv[i + 1] ?? null);
})();

interface Answer {
  status: number;
  statusMessage: string;
  rawHeaders: string[];
  body: string;
}

let odoo: RealOdoo;
let rpcId = 0;

function request(method: string, urlPath: string, body: string | null, headers: Record<string, string>): Promise<Answer> {
  const origin = new URL(odoo.info.httpOrigin);
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: origin.hostname, port: origin.port, method, path: urlPath, headers: body === null ? headers : { ...headers, 'content-length': Buffer.byteLength(body) } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            statusMessage: res.statusMessage ?? '',
            rawHeaders: res.rawHeaders,
            body: Buffer.concat(chunks).toString('utf8'),
          }),
        );
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body ?? undefined);
  });
}

/** A flat JSON body (odoo_jwt's routes) or a JSON-RPC envelope (`rpc`). */
function postJson(urlPath: string, body: unknown, headers: Record<string, string> = {}): Promise<Answer> {
  return request('POST', urlPath, JSON.stringify(body), { 'content-type': 'application/json', 'user-agent': NON_BROWSER_UA, ...headers });
}

function rpc(urlPath: string, params: unknown, headers: Record<string, string> = {}): Promise<Answer> {
  return postJson(urlPath, { jsonrpc: '2.0', method: 'call', params, id: ++rpcId }, headers);
}

function xmlrpc(urlPath: string, method: string, params: XmlRpcValue[]): Promise<Answer> {
  return request('POST', urlPath, encodeMethodCall(method, params), { 'content-type': 'text/xml', 'user-agent': NON_BROWSER_UA });
}

function header(a: Answer, name: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < a.rawHeaders.length; i += 2) if (a.rawHeaders[i]!.toLowerCase() === name) out.push(a.rawHeaders[i + 1]!);
  return out;
}

function cookie(a: Answer, name: string): string {
  const line = header(a, 'set-cookie').find((l) => l.startsWith(`${name}=`));
  if (line === undefined) throw new Error(`no ${name} cookie in the answer`);
  return line.split(';')[0]!.slice(name.length + 1);
}

function json(a: Answer): { result?: Record<string, unknown>; error?: unknown } {
  return JSON.parse(a.body) as { result?: Record<string, unknown>; error?: unknown };
}

// --- placeholders --------------------------------------------------------------------------

const replacements = new Map<string, string>();
let sessionCount = 0;

function placeholderHex(kind: string): string {
  return createHash('sha1').update(`odoo-wire placeholder ${kind} ${++sessionCount}`).digest('hex');
}

function placeholderJwt(token: string): string {
  const [head, payload] = token.split('.') as [string, string, string];
  const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { user_id: number; exp: number };
  const body = Buffer.from(JSON.stringify({ user_id: claims.user_id, exp: PLACEHOLDER_EPOCH + claims.exp - RECORDING_START })).toString('base64url');
  const sig = createHmac('sha256', PLACEHOLDER_JWT_SECRET).update(`${head}.${body}`).digest('base64url');
  return `${head}.${body}.${sig}`;
}

/** Finds this answer's secrets (cookies, JWTs) and gives each real value one placeholder. */
function learnSecrets(a: Answer): void {
  for (const line of header(a, 'set-cookie')) {
    const value = line.split(';')[0]!.split('=').slice(1).join('=');
    if (/^[0-9a-f]{40}$/.test(value) && !replacements.has(value)) replacements.set(value, placeholderHex(line.split('=')[0]!));
  }
  for (const m of `${a.rawHeaders.join('\n')}\n${a.body}`.matchAll(/eyJ[\w-]+\.[\w-]+\.[\w-]+/g)) {
    if (!replacements.has(m[0])) replacements.set(m[0], placeholderJwt(m[0]));
  }
}

function scrub(text: string): string {
  let out = text;
  for (const [real, placeholder] of replacements) out = out.split(real).join(placeholder);
  return out;
}

function withoutTracebacks(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutTracebacks);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = k === 'debug' && typeof v === 'string' ? '<traceback removed>' : withoutTracebacks(v);
    return out;
  }
  return value;
}

const written: string[] = [];

function write(name: string, text: string): void {
  writeFileSync(path.join(OUT, name), text);
  written.push(name);
}

function save(name: string, a: Answer, what: { headers?: boolean } = {}): void {
  if (only !== null && !name.startsWith(only)) return;
  learnSecrets(a);
  const type = header(a, 'content-type')[0] ?? '';
  if (type.startsWith('application/json')) {
    write(`${name}.json`, scrub(JSON.stringify(withoutTracebacks(JSON.parse(a.body)), null, 1)));
  } else if (type.startsWith('text/xml')) {
    // A fault's string is the whole Python traceback; keep its last line, as Odoo's message.
    const xml = a.body.replace(/<string>Traceback \(most recent call last\):[\s\S]*?<\/string>/g, (s) => {
      const lines = s.slice('<string>'.length, -'</string>'.length).trim().split('\n');
      return `<string>&lt;traceback removed&gt;\n${lines.at(-1)!}</string>`;
    });
    write(`${name}.xml`, scrub(xml));
  } else {
    write(`${name}.html`, scrub(a.body));
  }
  if (what.headers) {
    const lines = [`HTTP/1.1 ${a.status} ${a.statusMessage}`];
    for (let i = 0; i < a.rawHeaders.length; i += 2) lines.push(`${a.rawHeaders[i]}: ${a.rawHeaders[i + 1]}`);
    write(`${name}.headers`, scrub(`${lines.join('\n')}\n\n`));
  }
}

// --- the recordings ------------------------------------------------------------------------

async function record(): Promise<void> {
  const { database: db, users } = odoo.info;
  // Errors from PostgreSQL name this run's socket: show the usual Debian one instead.
  const config = readFileSync(odoo.info.command.config, 'utf8');
  const socketDir = /^db_host = (.*)$/m.exec(config)?.[1];
  const port = /^db_port = (\d+)$/m.exec(config)?.[1];
  if (socketDir !== undefined && port !== undefined) replacements.set(`${socketDir}/.s.PGSQL.${port}`, '/var/run/postgresql/.s.PGSQL.5432');
  const admin = users.admin;
  const demo = users.demo;
  const totp = users.totp;

  // odoo_jwt: sign-in. A browser User-Agent gets the refresh token only as a cookie.
  const jwtBrowser = await postJson('/api/authenticate', { login: demo.login, password: demo.password, db }, { 'user-agent': BROWSER_UA });
  save('jwt_authenticate_browser', jwtBrowser, { headers: true });
  const jwtLogin = await postJson('/api/authenticate', { login: demo.login, password: demo.password, db });
  save('jwt_authenticate', jwtLogin, { headers: true });
  save('jwt_authenticate_bad_password', await postJson('/api/authenticate', { login: demo.login, password: 'wrong', db }), { headers: true });
  const jwtTotp = await postJson('/api/authenticate', { login: totp.login, password: totp.password, db });
  save('jwt_authenticate_totp_user', jwtTotp, { headers: true });
  // The session cookie it set for a two-factor user: half-authenticated (no code was asked)?
  save('jwt_totp_user_session_get_session_info', await rpc('/web/session/get_session_info', {}, { cookie: `session_id=${cookie(jwtTotp, 'session_id')}` }));

  const login = json(jwtLogin).result as { token: string; refreshToken: string; user_id: number };
  const refresh = { refreshToken: login.refreshToken };

  // What the session cookie /api/authenticate set can do, and what the access token cannot.
  const sessionCookie = `session_id=${cookie(jwtLogin, 'session_id')}`;
  const partnerRead = { model: 'res.partner', method: 'search_read', args: [[['id', '=', odoo.info.partners[0]!.id]]], kwargs: { fields: ['name'] } };
  save('jwt_session_call_kw', await rpc('/web/dataset/call_kw/res.partner/search_read', partnerRead, { cookie: sessionCookie }));
  save('jwt_session_get_session_info', await rpc('/web/session/get_session_info', {}, { cookie: sessionCookie }));
  save('jwt_authorization_call_kw', await rpc('/web/dataset/call_kw/res.partner/search_read', partnerRead, { authorization: login.token }), { headers: true });
  save('jwt_authorization_jsonrpc', await rpc('/jsonrpc', { service: 'object', method: 'execute_kw', args: [db, demo.uid, login.token, 'res.partner', 'search_count', [[]]] }, { authorization: login.token }));
  save('jwt_protected_test', await postJson('/api/protected/test', {}, { authorization: login.token }));

  // Token upkeep.
  save('jwt_access_token', await postJson('/api/update/access-token', { user_id: login.user_id }, refresh));
  save('jwt_access_token_bad_refresh', await postJson('/api/update/access-token', { user_id: login.user_id }, { refreshToken: 'not-a-token' }));
  save('jwt_refresh_token_no_authorization', await postJson('/api/update/refresh-token', { user_id: login.user_id }, refresh), { headers: true });
  const rotated = await postJson('/api/update/refresh-token', { user_id: login.user_id }, { ...refresh, authorization: login.token });
  save('jwt_refresh_token', rotated, { headers: true });
  const newRefresh = (json(rotated).result as { refreshToken: string }).refreshToken;
  // The rotated-away refresh token, now refused.
  save('jwt_access_token_replaced', await postJson('/api/update/access-token', { user_id: login.user_id }, refresh));

  // An access token past its expiry (signed with this run's secret, exp an hour ago).
  const head = Buffer.from(JSON.stringify({ alg: 'HS256', typ: 'JWT' })).toString('base64url');
  const body = Buffer.from(JSON.stringify({ user_id: demo.uid, exp: Math.floor(Date.now() / 1000) - 3600 })).toString('base64url');
  const expired = `${head}.${body}.${createHmac('sha256', odoo.info.jwtSecret).update(`${head}.${body}`).digest('base64url')}`;
  save('jwt_expired_access_token', await postJson('/api/protected/test', {}, { authorization: expired }), { headers: true });

  // Sign-out.
  save('jwt_revoke_no_authorization', await postJson('/api/revoke/token', { user_id: login.user_id }, { refreshToken: newRefresh }));
  save('jwt_revoke', await postJson('/api/revoke/token', { user_id: login.user_id }, { refreshToken: newRefresh, authorization: login.token }), { headers: true });
  save('jwt_access_token_revoked', await postJson('/api/update/access-token', { user_id: login.user_id }, { refreshToken: newRefresh }));

  // read() of a deleted record, on every route.
  const doomed = await odoo.shell<number>("emit(env['res.partner'].create({'name': 'Odoo wire doomed partner'}).id)");
  if (doomed === undefined) throw new Error('could not create the record to delete');
  await odoo.shell(`env['res.partner'].browse(${doomed}).unlink()`);
  const adminCookie = `session_id=${cookie(await rpc('/web/session/authenticate', { db, login: admin.login, password: admin.password }), 'session_id')}`;
  save('read_deleted_call_kw', await rpc('/web/dataset/call_kw/res.partner/read', { model: 'res.partner', method: 'read', args: [[doomed], ['name']], kwargs: {} }, { cookie: adminCookie }));
  save('read_deleted_jsonrpc', await rpc('/jsonrpc', { service: 'object', method: 'execute_kw', args: [db, admin.uid, admin.apiKey, 'res.partner', 'read', [[doomed], ['name']], {}] }));
  save('read_deleted_xmlrpc', await xmlrpc('/xmlrpc/2/object', 'execute_kw', [db, admin.uid, admin.apiKey, 'res.partner', 'read', [[doomed], ['name']], {}]));
  // An id that never existed, as the older missing_record.json asked for.
  save('read_unknown_call_kw', await rpc('/web/dataset/call_kw/res.partner/read', { model: 'res.partner', method: 'read', args: [[999999], ['name']], kwargs: {} }, { cookie: adminCookie }));
  save('write_deleted_jsonrpc', await rpc('/jsonrpc', { service: 'object', method: 'execute_kw', args: [db, admin.uid, admin.apiKey, 'res.partner', 'write', [[doomed], { name: 'x' }], {}] }));

  // A database that does not exist.
  const nodb = 'nodb';
  save('baddb_jsonrpc_login', await rpc('/jsonrpc', { service: 'common', method: 'login', args: [nodb, admin.login, admin.apiKey] }));
  save('baddb_jsonrpc_execute_kw', await rpc('/jsonrpc', { service: 'object', method: 'execute_kw', args: [nodb, admin.uid, admin.apiKey, 'res.partner', 'search_count', [[]]] }));
  save('baddb_xmlrpc_authenticate', await xmlrpc('/xmlrpc/2/common', 'authenticate', [nodb, admin.login, admin.apiKey, {}]));
  save('baddb_xmlrpc_login', await xmlrpc('/xmlrpc/2/common', 'login', [nodb, admin.login, admin.apiKey]));
  save('baddb_xmlrpc_execute_kw', await xmlrpc('/xmlrpc/2/object', 'execute_kw', [nodb, admin.uid, admin.apiKey, 'res.partner', 'search_count', [[]]]));
  save('baddb_session_authenticate', await rpc('/web/session/authenticate', { db: nodb, login: admin.login, password: admin.password }), { headers: true });
  save('baddb_jwt_authenticate', await postJson('/api/authenticate', { login: admin.login, password: admin.password, db: nodb }));

  // Odoo's own API-key wizard over a web session ("Odoo account" makes its device key so).
  const kw = (model: string, method: string, args: unknown[], cookieHeader: string, kwargs: Record<string, unknown> = {}) =>
    rpc(`/web/dataset/call_kw/${model}/${method}`, { model, method, args, kwargs }, { cookie: cookieHeader });
  const demoLogin = await rpc('/web/session/authenticate', { db, login: demo.login, password: demo.password });
  const demoCookie = `session_id=${cookie(demoLogin, 'session_id')}`;
  learnSecrets(demoLogin);
  const created = await kw('res.users.apikeys.description', 'create', [{ name: 'Odoo Companion — recorder — 2026-11-30' }], demoCookie);
  save('apikey_wizard_create', created);
  const descId = (JSON.parse(created.body) as { result: number }).result;
  const makeKey = await kw('res.users.apikeys.description', 'make_key', [[descId]], demoCookie);
  save('apikey_wizard_make_key', makeKey);
  const check = (JSON.parse(makeKey.body) as { result: { res_id: number } }).result.res_id;
  save('apikey_wizard_identity_write', await kw('res.users.identitycheck', 'write', [[check], { password: demo.password }], demoCookie));
  const ran = await kw('res.users.identitycheck', 'run_check', [[check]], demoCookie);
  // The key itself is a secret of this run: a fixed 40-hex placeholder in the file.
  const madeKey = /"default_key": ?"([0-9a-f]{40})"/.exec(ran.body)?.[1];
  if (madeKey !== undefined) replacements.set(madeKey, placeholderHex('api key'));
  save('apikey_wizard_run_check', ran);
  save('apikey_search_read', await kw('res.users.apikeys', 'search_read', [[['name', '=', 'Odoo Companion — recorder — 2026-11-30']]], demoCookie, { fields: ['name'] }));
  // A new session: the identity check is asked again (it is kept 10 minutes per session).
  const second = await rpc('/web/session/authenticate', { db, login: demo.login, password: demo.password });
  learnSecrets(second);
  const secondCookie = `session_id=${cookie(second, 'session_id')}`;
  const desc2 = (JSON.parse((await kw('res.users.apikeys.description', 'create', [{ name: 'x' }], secondCookie)).body) as { result: number }).result;
  const check2 = (JSON.parse((await kw('res.users.apikeys.description', 'make_key', [[desc2]], secondCookie)).body) as { result: { res_id: number } }).result.res_id;
  await kw('res.users.identitycheck', 'write', [[check2], { password: 'not the password' }], secondCookie);
  save('apikey_wizard_wrong_password', await kw('res.users.identitycheck', 'run_check', [[check2]], secondCookie));
  const keyIds = (JSON.parse((await kw('res.users.apikeys', 'search_read', [[['name', '=', 'Odoo Companion — recorder — 2026-11-30']]], secondCookie, { fields: ['name'] })).body) as { result: { id: number }[] }).result.map((k) => k.id);
  const remove = await kw('res.users.apikeys', 'remove', [keyIds], secondCookie);
  save('apikey_remove', remove);
  const check3 = (JSON.parse(remove.body) as { result: { res_id: number } }).result.res_id;
  await kw('res.users.identitycheck', 'write', [[check3], { password: demo.password }], secondCookie);
  save('apikey_remove_run_check', await kw('res.users.identitycheck', 'run_check', [[check3]], secondCookie));
  // A portal user may not make keys.
  const portal = users.portal;
  const portalLogin = await rpc('/web/session/authenticate', { db, login: portal.login, password: portal.password });
  learnSecrets(portalLogin);
  const portalCookie = `session_id=${cookie(portalLogin, 'session_id')}`;
  save('apikey_wizard_portal_create', await kw('res.users.apikeys.description', 'create', [{ name: 'x' }], portalCookie));

  // Acting on "my activities" without opening Odoo: Odoo's own "Done" (action_feedback,
  // with a feedback line) and a new deadline (write date_deadline), by the person the
  // activity is assigned to and by another internal user. (A portal user's refusal is
  // asserted on the real server itself, in the real-Odoo tier: the test server has no
  // portal user.)
  const seeded = odoo.info.activities;
  const demoDue = seeded.find((a) => a.login === 'demo' && a.deadline < seeded.find((b) => b.login === 'demo' && b !== a)!.deadline)!;
  const demoLater = seeded.find((a) => a.login === 'demo' && a !== demoDue)!;
  const adminOwn = seeded.find((a) => a.login === 'admin')!;
  const done = (id: number, who: string) => kw('mail.activity', 'action_feedback', [[id]], who, { feedback: 'Called back, all settled' });
  save('activity_feedback', await done(demoDue.id, demoCookie));
  save('activity_feedback_again', await done(demoDue.id, demoCookie));
  save('activity_reschedule', await kw('mail.activity', 'write', [[demoLater.id], { date_deadline: '2031-01-15' }], demoCookie));
  save('activity_reschedule_other_user', await kw('mail.activity', 'write', [[adminOwn.id], { date_deadline: '2031-01-15' }], demoCookie));
  save('activity_feedback_other_user', await done(adminOwn.id, demoCookie));
}

/** A one-line summary per file, read back from what was written (for review). */
function summary(name: string): string {
  const file = path.join(OUT, name);
  if (name.endsWith('.headers')) return '';
  if (name.endsWith('.xml')) {
    try {
      return JSON.stringify(decodeMethodResponse(readText(file)));
    } catch (e) {
      return e instanceof XmlRpcFault ? `fault ${e.faultCode}: ${e.faultString.split('\n').at(-1)}` : String(e);
    }
  }
  const body = JSON.parse(readText(file)) as { result?: unknown; error?: { code: number; data: { name: string; message: string } } };
  if (body.error) return `error ${body.error.code} ${body.error.data.name}: ${body.error.data.message.split('\n')[0]}`;
  return `result ${JSON.stringify(body.result).slice(0, 140)}`;
}

function readText(file: string): string {
  return readFileSync(file, 'utf8');
}

async function main(): Promise<void> {
  mkdirSync(OUT, { recursive: true });
  const started = await startRealOdoo();
  if (!started.ok) {
    console.error(`cannot record: ${started.reason}`);
    process.exitCode = 1;
    return;
  }
  odoo = started.odoo;
  try {
    await record();
  } finally {
    await odoo.stop();
  }
  for (const name of written) {
    const line = summary(name);
    console.log(line === '' ? name : `${name}: ${line}`);
  }
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.stack : e);
  process.exitCode = 1;
});
