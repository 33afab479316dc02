// Holds the test server's answers against every recording of a real Odoo 17.0 server:
// same keys, same error names and texts, cookies with the same attributes, same status
// codes, the null result left out, `id: null` on an expired session, the TOTP form.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Agent } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeMethodCall, decodeMethodResponse, encodeMethodCall, XmlRpcFault } from '../../../main/core/odoo/xmlrpc-codec.js';
import { BROWSER_UA } from '../../../main/core/odoo/index.js';
import { startOdooServer, type OdooTestServer } from '../../support/odoo-server/index.js';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const WIRE = resolve(repoRoot, 'tests', 'fixtures', 'odoo-wire', '17.0');

let server: OdooTestServer;
let agent: Agent;
/** How far the server's clock runs ahead of this machine's (to let a token expire without waiting). */
let skew = 0;
const clock = { now: (): number => Date.now() + skew };

interface Raw {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
}

async function raw(method: 'GET' | 'POST', path: string, body?: string, headers: Record<string, string> = {}): Promise<Raw> {
  const res = await agent.request({
    origin: server.origin,
    path,
    method,
    headers: { 'content-type': 'application/json', ...headers },
    body: body ?? null,
  });
  return { status: res.statusCode, headers: res.headers, text: await res.body.text() };
}

let rpcId = 100;
async function rpc(path: string, params: unknown, cookie?: string, headers: Record<string, string> = {}): Promise<Raw & { json: Record<string, unknown> }> {
  const r = await raw('POST', path, JSON.stringify({ jsonrpc: '2.0', method: 'call', params, id: ++rpcId }), { ...headers, ...(cookie ? { cookie } : {}) });
  return { ...r, json: JSON.parse(r.text) as Record<string, unknown> };
}

function cookieOf(r: Raw, name: string): string {
  const lines = ([] as string[]).concat(r.headers['set-cookie'] ?? []);
  const line = lines.find((l) => l.startsWith(`${name}=`));
  if (!line) throw new Error(`no ${name} cookie`);
  return `${name}=${line.split(';')[0]!.slice(name.length + 1)}`;
}

async function login(loginName: string, password?: string): Promise<string> {
  const u = server.user(loginName);
  const r = await rpc('/web/session/authenticate', { db: 'companion', login: loginName, password: password ?? u.password });
  return cookieOf(r, 'session_id');
}

async function execute(login: string, credential: string, model: string, method: string, args: unknown[], kwargs = {}) {
  const uid = server.user(login).uid;
  return rpc('/jsonrpc', { service: 'object', method: 'execute_kw', args: ['companion', uid, credential, model, method, args, kwargs] });
}

/** The User-Agent the recordings were made with where none is given (it names no browser). */
const NON_BROWSER_UA = 'OdooCompanion/0.1';

/** A flat JSON body, as odoo_jwt's type='json' routes are called (no JSON-RPC envelope, so `id` is null). */
async function post(path: string, body: unknown, headers: Record<string, string> = {}): Promise<Raw & { json: Record<string, unknown> }> {
  const r = await raw('POST', path, JSON.stringify(body), { 'user-agent': NON_BROWSER_UA, ...headers });
  return { ...r, json: JSON.parse(r.text) as Record<string, unknown> };
}

interface JwtSignIn {
  answer: Raw & { json: Record<string, unknown> };
  token: string;
  refresh: string;
  userId: number;
}

/** `/api/authenticate` as the recorder calls it: login, password and the database. */
async function jwtSignIn(loginName: string, headers: Record<string, string> = {}, db = 'companion'): Promise<JwtSignIn> {
  const answer = await post('/api/authenticate', { login: loginName, password: server.user(loginName).password, db }, headers);
  const result = answer.json.result as Record<string, unknown>;
  const refresh = typeof result.refreshToken === 'string' ? result.refreshToken : cookieOf(answer, 'refreshToken').slice('refreshToken='.length);
  return { answer, token: String(result.token), refresh, userId: Number(result.user_id) };
}

/** `/api/update/refresh-token` (auth='jwt'): the access token and the refresh token. */
function jwtRotate(s: JwtSignIn): Promise<Raw & { json: Record<string, unknown> }> {
  return post('/api/update/refresh-token', { user_id: s.userId }, { refreshToken: s.refresh, authorization: s.token });
}

function jwtClaims(token: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')) as Record<string, unknown>;
}

/**
 * A JWT like the recorded one: the same header and (at least) the same claims. Recorded
 * tokens are placeholders, so their values say nothing beyond `user_id` and lifetimes.
 */
function expectSameJwt(ours: unknown, recordedToken: unknown): void {
  expect(typeof ours).toBe('string');
  const [oursHead] = String(ours).split('.');
  const [recHead] = String(recordedToken).split('.');
  expect(oursHead).toBe(recHead);
  expect(Object.keys(jwtClaims(String(ours)))).toEqual(expect.arrayContaining(Object.keys(jwtClaims(String(recordedToken)))));
}

/** An `/api/authenticate` answer as recorded: the spans, the user, the tokens and their cookie. */
function expectSameJwtLogin(s: JwtSignIn, file: string): void {
  expectSameResult(s.answer.json, file);
  const rec = recorded(file).result as Record<string, unknown>;
  const ours = s.answer.json.result as Record<string, unknown>;
  for (const k of ['rotation_period', 'long_term_token_span', 'short_term_token_span']) expect(ours[k], k).toBe(rec[k]);
  expectSameJwt(ours.token, rec.token);
  expect(jwtClaims(s.token).user_id).toBe(s.userId);
  if ('refreshToken' in rec) {
    expectSameJwt(ours.refreshToken, rec.refreshToken);
    // Access 60 s, refresh 3600 s, issued together: the two expiries as far apart as recorded.
    const gap = (access: unknown, refresh: unknown): number => Number(jwtClaims(String(refresh)).exp) - Number(jwtClaims(String(access)).exp);
    expect(Math.abs(gap(ours.token, ours.refreshToken) - gap(rec.token, rec.refreshToken))).toBeLessThanOrEqual(1);
  }
  // The refresh token is also (for a browser, only) the `refreshToken` cookie.
  expect(cookieOf(s.answer, 'refreshToken')).toBe(`refreshToken=${s.refresh}`);
}

/** The refresh token a rotation handed out (body and cookie hold the same one). */
function rotatedRefresh(r: Raw & { json: Record<string, unknown> }): string {
  const next = String((r.json.result as Record<string, unknown>).refreshToken);
  expect(cookieOf(r, 'refreshToken')).toBe(`refreshToken=${next}`);
  return next;
}

/** An access token used an hour after it expired (the recorder signs one whose `exp` is an hour ago). */
async function expiredAccessTokenAnswer(): Promise<Raw & { json: Record<string, unknown> }> {
  const s = await jwtSignIn('demo');
  skew = (Number(jwtClaims(s.token).exp) + 3600) * 1000 - Date.now();
  try {
    return await post('/api/protected/test', {}, { authorization: s.token });
  } finally {
    skew = 0;
  }
}

/** A partner made and then deleted behind the server's back, as the recorder does in Odoo's shell. */
function deletedPartnerId(): number {
  const admin = server.user('admin');
  const id = server.registry.execute(admin, 'call_kw', 'res.partner', 'create', [{ name: 'Odoo wire doomed partner' }], {}) as number;
  server.registry.execute(admin, 'call_kw', 'res.partner', 'unlink', [[id]], {});
  // A deleted record stays deleted: its id is not handed out again.
  expect(server.registry.execute(admin, 'call_kw', 'res.partner', 'create', [{ name: 'Odoo wire next partner' }], {})).not.toBe(id);
  return id;
}

/** Decodes an XML-RPC answer that must be a fault. */
function faultOf(xml: string): XmlRpcFault {
  try {
    decodeMethodResponse(xml);
  } catch (e) {
    if (e instanceof XmlRpcFault) return e;
    throw e;
  }
  throw new Error('no fault');
}

/** Same fault code and the same last line (the exception, after the removed traceback). */
function expectSameFault(xml: string, file: string): void {
  const lastLine = (f: XmlRpcFault): string | undefined => f.faultString.split('\n').filter((l) => l.trim() !== '').at(-1);
  const ours = faultOf(xml);
  const rec = faultOf(readFileSync(resolve(WIRE, file), 'utf8'));
  expect(ours.faultCode).toBe(rec.faultCode);
  expect(lastLine(ours)).toBe(lastLine(rec));
}

/** Same keys at every level and the same JSON types; arrays compared by their first items. */
function expectSameShape(ours: unknown, recorded: unknown, where = '$'): void {
  const kind = (v: unknown): string => (v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v);
  expect(kind(ours), `type at ${where}`).toBe(kind(recorded));
  if (Array.isArray(recorded) && Array.isArray(ours)) {
    if (recorded.length > 0 && ours.length > 0) expectSameShape(ours[0], recorded[0], `${where}[0]`);
    return;
  }
  if (kind(recorded) === 'object') {
    const r = recorded as Record<string, unknown>;
    const o = ours as Record<string, unknown>;
    // Company/currency maps are keyed by record id: compare their values, not the ids.
    const idKeyed = Object.keys(r).length > 0 && Object.keys(r).every((k) => /^\d+$/.test(k));
    if (idKeyed) {
      expectSameShape(Object.values(o)[0], Object.values(r)[0], `${where}.<id>`);
      return;
    }
    expect(Object.keys(o).sort(), `keys at ${where}`).toEqual(Object.keys(r).sort());
    for (const k of Object.keys(r)) expectSameShape(o[k], r[k], `${where}.${k}`);
  }
}

function recorded(name: string): Record<string, unknown> {
  return JSON.parse(readFileSync(resolve(WIRE, name), 'utf8')) as Record<string, unknown>;
}

/** Compares an error answer: envelope keys, `id` null-ness, code, message, data.name, data.message. */
function expectSameError(ours: Record<string, unknown>, file: string): void {
  const rec = recorded(file);
  expectSameShape(ours, rec);
  const oe = ours.error as Record<string, unknown>;
  const re = rec.error as Record<string, unknown>;
  expect(ours.id === null).toBe(rec.id === null);
  expect(oe.code).toBe(re.code);
  expect(oe.message).toBe(re.message);
  const od = oe.data as Record<string, unknown>;
  const rd = re.data as Record<string, unknown>;
  expect(od.name).toBe(rd.name);
  expect(od.message).toBe(rd.message);
  expect(od.arguments).toEqual(rd.arguments);
  expect(od.context).toEqual(rd.context);
}

function expectSameResult(ours: Record<string, unknown>, file: string): void {
  const rec = recorded(file);
  expect(Object.keys(ours).sort()).toEqual(Object.keys(rec).sort()); // incl. a left-out result
  expect(ours.id === null, 'id null').toBe(rec.id === null);
  expectSameShape(ours, rec);
}

interface RecordedHeaders {
  status: number;
  headers: Array<[string, string]>;
}

function readHeaders(file: string): RecordedHeaders {
  const lines = readFileSync(resolve(WIRE, file), 'utf8').split(/\r?\n/).filter((l) => l.trim() !== '');
  const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(lines[0]!)?.[1]);
  const headers = lines.slice(1).map((l): [string, string] => {
    const i = l.indexOf(':');
    return [l.slice(0, i).trim().toLowerCase(), l.slice(i + 1).trim()];
  });
  return { status, headers };
}

/** Cookie name → attributes (lower-case names; values for Max-Age, Path, SameSite; flags as ''). */
function cookieAttributes(lines: string[]): Record<string, Record<string, string>> {
  const out: Record<string, Record<string, string>> = {};
  for (const line of lines) {
    const [first, ...attrs] = line.split(';').map((s) => s.trim());
    const name = first!.split('=')[0]!;
    const map: Record<string, string> = {};
    for (const a of attrs) {
      const [k, v] = a.split('=');
      const key = k!.toLowerCase();
      map[key] = key === 'expires' ? '<date>' : (v ?? '');
    }
    out[name] = map;
    expect(first!.split('=')[1], `${name} value`).toMatch(name === 'session_id' || name === 'td_id' ? /^[0-9a-f]{40}$/ : /./);
  }
  return out;
}

/** Cookie name → seconds from the answer's `Date` to the cookie's `Expires`. */
function cookieLifetimes(lines: string[], date: string | undefined): Record<string, number> {
  const at = Date.parse(date ?? '');
  const out: Record<string, number> = {};
  for (const line of lines) {
    const expires = /;\s*expires=([^;]+)/i.exec(line)?.[1];
    if (expires !== undefined) out[line.split('=')[0]!] = (Date.parse(expires) - at) / 1000;
  }
  return out;
}

function expectSameHeaders(ours: Raw, file: string): void {
  const rec = readHeaders(file);
  expect(ours.status).toBe(rec.status);
  const recOf = (n: string): string[] => rec.headers.filter(([k]) => k === n).map(([, v]) => v);
  expect(ours.headers['content-type']).toBe(recOf('content-type')[0]);
  const oursCookies = ([] as string[]).concat(ours.headers['set-cookie'] ?? []);
  expect(cookieAttributes(oursCookies)).toEqual(cookieAttributes(recOf('set-cookie')));
  // Expires as far from the answer's Date as recorded (a second apart at most: two clock reads).
  const recLifetimes = cookieLifetimes(recOf('set-cookie'), recOf('date')[0]);
  const oursLifetimes = cookieLifetimes(oursCookies, String(ours.headers.date));
  for (const [name, seconds] of Object.entries(recLifetimes)) {
    expect(Math.abs((oursLifetimes[name] ?? NaN) - seconds), `${name} Expires`).toBeLessThanOrEqual(1);
  }
  expect(ours.headers.location ?? null).toBe(recOf('location')[0] ?? null);
  if (recOf('x-content-type-options').length > 0) expect(ours.headers['x-content-type-options']).toBe('nosniff');
  expect(ours.headers.server).toBe(recOf('server')[0]);
}

// --- scenarios: one per recorded file ------------------------------------------------------

type Check = () => Promise<void>;

async function totpHalfSession(): Promise<{ cookie: string; csrf: string; authenticate: Raw & { json: Record<string, unknown> } }> {
  const u = server.user('totp');
  const authenticate = await rpc('/web/session/authenticate', { db: 'companion', login: 'totp', password: u.password });
  const cookie = cookieOf(authenticate, 'session_id');
  const form = await raw('GET', '/web/login/totp', undefined, { cookie, 'user-agent': BROWSER_UA });
  const csrf = /name="csrf_token" value="([^"]+)"/.exec(form.text)?.[1] ?? '';
  return { cookie, csrf, authenticate };
}

async function totpPost(remember: boolean): Promise<Raw> {
  const { cookie, csrf } = await totpHalfSession();
  const body = new URLSearchParams({ csrf_token: csrf, totp_token: server.totpCode('totp'), redirect: '' });
  if (remember) body.set('remember', '1');
  return raw('POST', '/web/login/totp', body.toString(), {
    cookie,
    'content-type': 'application/x-www-form-urlencoded',
    'user-agent': BROWSER_UA,
  });
}

/** One call_kw as a user (a new session unless one is given). */
async function kwAs(user: string, model: string, method: string, args: unknown[], kwargs: Record<string, unknown> = {}, cookie?: string) {
  return rpc(`/web/dataset/call_kw/${model}/${method}`, { model, method, args, kwargs }, cookie ?? (await login(user)));
}

/** Action answers compared without the ids that differ from run to run. */
function withoutIds(v: unknown): unknown {
  return JSON.parse(JSON.stringify(v, (k, x: unknown) => (k === 'res_id' ? 0 : x)));
}

let wizardCookie = '';
/** Runs the wizard as demo in a fresh session, up to `step`; the answers of each step. */
async function wizardUpTo(step: 'make_key' | 'write' | 'run_check', password?: string) {
  wizardCookie = await login('demo');
  const id = (await kwAs('demo', 'res.users.apikeys.description', 'create', [{ name: 'Odoo Companion — recorder — 2026-11-30' }], {}, wizardCookie)).json.result as number;
  const makeKey = (await kwAs('demo', 'res.users.apikeys.description', 'make_key', [[id]], {}, wizardCookie)).json;
  if (step === 'make_key') return { makeKey };
  const check = (makeKey.result as { res_id: number }).res_id;
  const write = (await kwAs('demo', 'res.users.identitycheck', 'write', [[check], { password: password ?? server.user('demo').password }], {}, wizardCookie)).json;
  if (step === 'write') return { makeKey, write };
  const run = (await kwAs('demo', 'res.users.identitycheck', 'run_check', [[check]], {}, wizardCookie)).json;
  return { makeKey, write, run };
}

/** One of `login`'s activities not used yet by another scenario (each acts on its own). */
const usedActivities = new Set<number>();
async function freshActivity(login: string): Promise<number> {
  const ids = (await kwAs(login, 'mail.activity', 'search', [[['user_id', '=', server.user(login).uid]]])).json.result as number[];
  const id = ids.find((x) => !usedActivities.has(x));
  if (id === undefined) throw new Error(`no activity left for ${login}`);
  usedActivities.add(id);
  return id;
}

const scenarios: Record<string, Check> = {
  'activity_feedback.json': async () => {
    const cookie = await login('demo');
    const id = await freshActivity('demo');
    const r = await kwAs('demo', 'mail.activity', 'action_feedback', [[id]], { feedback: 'Called back, all settled' }, cookie);
    expectSameResult(r.json, 'activity_feedback.json');
    expect(typeof r.json.result).toBe('number');
    // Done: the activity is gone from the person's list.
    expect((await kwAs('demo', 'mail.activity', 'search', [[['id', '=', id]]], {}, cookie)).json.result).toEqual([]);
  },
  'activity_feedback_again.json': async () => {
    const cookie = await login('demo');
    const id = await freshActivity('demo');
    await kwAs('demo', 'mail.activity', 'action_feedback', [[id]], {}, cookie);
    const r = await kwAs('demo', 'mail.activity', 'action_feedback', [[id]], { feedback: 'Called back, all settled' }, cookie);
    // The message names the record: put the recorded id in place of ours.
    const recordedId = /mail\.activity\((\d+),\)/.exec(JSON.stringify(recorded('activity_feedback_again.json')))?.[1];
    expect(recordedId).toBeDefined();
    expectSameError(JSON.parse(r.text.split(`mail.activity(${id},)`).join(`mail.activity(${recordedId},)`)) as Record<string, unknown>, 'activity_feedback_again.json');
  },
  'activity_feedback_other_user.json': async () => {
    const r = await kwAs('demo', 'mail.activity', 'action_feedback', [[await freshActivity('admin')]], { feedback: 'Called back, all settled' });
    expectSameResult(r.json, 'activity_feedback_other_user.json');
  },
  'activity_reschedule.json': async () => {
    const cookie = await login('demo');
    const id = await freshActivity('demo');
    const r = await kwAs('demo', 'mail.activity', 'write', [[id], { date_deadline: '2031-01-15' }], {}, cookie);
    expectSameResult(r.json, 'activity_reschedule.json');
    expect(r.json.result).toBe(true);
    const read = (await kwAs('demo', 'mail.activity', 'read', [[id], ['date_deadline']], {}, cookie)).json.result as { date_deadline: string }[];
    expect(read[0]?.date_deadline).toBe('2031-01-15');
  },
  'activity_reschedule_other_user.json': async () => {
    const r = await kwAs('demo', 'mail.activity', 'write', [[await freshActivity('admin')], { date_deadline: '2031-01-15' }]);
    expectSameResult(r.json, 'activity_reschedule_other_user.json');
  },
  'access_error.json': async () => {
    const r = await rpc('/web/dataset/call_kw/ir.config_parameter/search_read', { model: 'ir.config_parameter', method: 'search_read', args: [[]], kwargs: {} }, await login('demo'));
    expectSameError(r.json, 'access_error.json');
  },
  'access_error_jsonrpc.json': async () => {
    const r = await execute('demo', server.user('demo').apiKey, 'ir.config_parameter', 'search_read', [[]]);
    expectSameError(r.json, 'access_error_jsonrpc.json');
  },
  'access_error_write.json': async () => {
    const r = await rpc('/web/dataset/call_kw/res.users/write', { model: 'res.users', method: 'write', args: [[2], { name: 'x' }], kwargs: {} }, await login('demo'));
    expectSameError(r.json, 'access_error_write.json');
  },
  'apikey_common_authenticate.json': async () => {
    const r = await rpc('/jsonrpc', { service: 'common', method: 'authenticate', args: ['companion', 'admin', server.user('admin').apiKey, {}] });
    expectSameResult(r.json, 'apikey_common_authenticate.json');
    expect(r.json.result).toBe(recorded('apikey_common_authenticate.json').result);
  },
  'apikey_common_login.json': async () => {
    const r = await rpc('/jsonrpc', { service: 'common', method: 'login', args: ['companion', 'admin', server.user('admin').apiKey] });
    expectSameResult(r.json, 'apikey_common_login.json');
    expect(r.json.result).toBe(recorded('apikey_common_login.json').result);
  },
  'apikey_execute_kw.json': async () => {
    const r = await execute('admin', server.user('admin').apiKey, 'res.partner', 'search_read', [[['id', 'in', [10, 14]]]], { fields: ['name'] });
    expectSameResult(r.json, 'apikey_execute_kw.json');
    expect(r.json.result).toEqual(recorded('apikey_execute_kw.json').result);
  },
  'apikey_websession.json': async () => {
    const r = await rpc('/web/session/authenticate', { db: 'companion', login: 'admin', password: server.user('admin').apiKey });
    expectSameError(r.json, 'apikey_websession.json');
  },
  'apikey_websession.headers': async () => {
    const r = await rpc('/web/session/authenticate', { db: 'companion', login: 'admin', password: server.user('admin').apiKey });
    expectSameHeaders(r, 'apikey_websession.headers');
  },
  'auth_bad.json': async () => {
    const r = await rpc('/web/session/authenticate', { db: 'companion', login: 'admin', password: 'wrong' });
    expectSameError(r.json, 'auth_bad.json');
  },
  'auth_bad.headers': async () => {
    expectSameHeaders(await rpc('/web/session/authenticate', { db: 'companion', login: 'admin', password: 'wrong' }), 'auth_bad.headers');
  },
  'auth_baddb.json': async () => {
    const r = await rpc('/web/session/authenticate', { db: 'nodb', login: 'admin', password: server.user('admin').password });
    expectSameError(r.json, 'auth_baddb.json');
  },
  'auth_ok.json': async () => {
    const r = await rpc('/web/session/authenticate', { db: 'companion', login: 'admin', password: server.user('admin').password });
    expectSameResult(r.json, 'auth_ok.json');
    const rec = recorded('auth_ok.json').result as Record<string, unknown>;
    const ours = r.json.result as Record<string, unknown>;
    for (const k of ['uid', 'name', 'username', 'db', 'partner_id', 'server_version', 'server_version_info', 'user_context', 'is_admin', 'odoobot_initialized']) {
      expect(ours[k], k).toEqual(rec[k]);
    }
  },
  'auth_ok.headers': async () => {
    expectSameHeaders(await rpc('/web/session/authenticate', { db: 'companion', login: 'admin', password: server.user('admin').password }), 'auth_ok.headers');
  },
  'bad_field.json': async () => {
    const r = await rpc('/web/dataset/call_kw/res.partner/search_count', { model: 'res.partner', method: 'search_count', args: [[['no_field', '=', 1]]], kwargs: {} }, await login('admin'));
    expectSameError(r.json, 'bad_field.json');
  },
  'baddb_jsonrpc_execute_kw.json': async () => {
    const admin = server.user('admin');
    const r = await rpc('/jsonrpc', { service: 'object', method: 'execute_kw', args: ['nodb', admin.uid, admin.apiKey, 'res.partner', 'search_count', [[]]] });
    expectSameError(r.json, 'baddb_jsonrpc_execute_kw.json');
  },
  'baddb_jsonrpc_login.json': async () => {
    const r = await rpc('/jsonrpc', { service: 'common', method: 'login', args: ['nodb', 'admin', server.user('admin').apiKey] });
    expectSameError(r.json, 'baddb_jsonrpc_login.json');
  },
  'baddb_jwt_authenticate.json': async () => {
    // The server has one database: odoo_jwt signs in whatever `db` says.
    const s = await jwtSignIn('admin', {}, 'nodb');
    expectSameResult(s.answer.json, 'baddb_jwt_authenticate.json');
    const rec = recorded('baddb_jwt_authenticate.json').result as Record<string, unknown>;
    expect(s.userId).toBe(rec.user_id);
    expectSameJwt(s.token, rec.token);
    expectSameJwt(s.refresh, rec.refreshToken);
  },
  'baddb_session_authenticate.headers': async () => {
    const r = await rpc('/web/session/authenticate', { db: 'nodb', login: 'admin', password: server.user('admin').password });
    expectSameHeaders(r, 'baddb_session_authenticate.headers');
  },
  'baddb_session_authenticate.json': async () => {
    const r = await rpc('/web/session/authenticate', { db: 'nodb', login: 'admin', password: server.user('admin').password });
    expectSameError(r.json, 'baddb_session_authenticate.json');
  },
  'baddb_xmlrpc_authenticate.xml': async () => {
    const r = await raw('POST', '/xmlrpc/2/common', encodeMethodCall('authenticate', ['nodb', 'admin', server.user('admin').apiKey, {}]), { 'content-type': 'text/xml' });
    expectSameFault(r.text, 'baddb_xmlrpc_authenticate.xml');
  },
  'baddb_xmlrpc_execute_kw.xml': async () => {
    const admin = server.user('admin');
    const r = await raw('POST', '/xmlrpc/2/object', encodeMethodCall('execute_kw', ['nodb', admin.uid, admin.apiKey, 'res.partner', 'search_count', [[]]]), { 'content-type': 'text/xml' });
    expectSameFault(r.text, 'baddb_xmlrpc_execute_kw.xml');
  },
  'baddb_xmlrpc_login.xml': async () => {
    const r = await raw('POST', '/xmlrpc/2/common', encodeMethodCall('login', ['nodb', 'admin', server.user('admin').apiKey]), { 'content-type': 'text/xml' });
    expectSameFault(r.text, 'baddb_xmlrpc_login.xml');
  },
  'call_kw_ok.json': async () => {
    const r = await rpc('/web/dataset/call_kw/res.partner/search_read', { model: 'res.partner', method: 'search_read', args: [[['id', 'in', [1, 9, 10]]]], kwargs: { fields: ['name', 'email', 'country_id'], limit: 3 } }, await login('admin'));
    expectSameResult(r.json, 'call_kw_ok.json');
    expect((r.json.result as Array<Record<string, unknown>>).map((x) => x.country_id)).toEqual(
      (recorded('call_kw_ok.json').result as Array<Record<string, unknown>>).map((x) => x.country_id),
    );
  },
  'count.json': async () => {
    const r = await rpc('/web/dataset/call_kw/res.partner/search_count', { model: 'res.partner', method: 'search_count', args: [[]], kwargs: {} }, await login('admin'));
    expectSameResult(r.json, 'count.json');
  },
  'db_list.json': async () => {
    const r = await rpc('/web/database/list', {});
    expectSameResult(r.json, 'db_list.json');
    expect(r.json.result).toEqual(recorded('db_list.json').result);
  },
  'destroy.json': async () => {
    const r = await rpc('/web/session/destroy', {}, await login('admin'));
    expectSameResult(r.json, 'destroy.json');
    expect('result' in r.json).toBe(false);
  },
  'dup_login.json': async () => {
    const r = await rpc('/web/dataset/call_kw/res.users/create', { model: 'res.users', method: 'create', args: [{ name: 'Dup', login: 'demo' }], kwargs: {} }, await login('admin'));
    expectSameError(r.json, 'dup_login.json');
  },
  'expired.json': async () => {
    const r = await rpc('/web/session/get_session_info', {}, `session_id=${'0'.repeat(40)}`);
    expectSameError(r.json, 'expired.json');
    expect(r.json.id).toBeNull();
  },
  'expired.headers': async () => {
    expectSameHeaders(await rpc('/web/session/get_session_info', {}, `session_id=${'0'.repeat(40)}`), 'expired.headers');
  },
  'http_get_on_json_route.html': async () => {
    const r = await raw('GET', '/web/webclient/version_info');
    expect(r.status).toBe(400);
    expect(r.text.trim()).toBe(readFileSync(resolve(WIRE, 'http_get_on_json_route.html'), 'utf8').trim());
  },
  'jsonrpc_bad_password.json': async () => {
    expectSameError((await execute('admin', 'wrong', 'res.partner', 'search_count', [[]])).json, 'jsonrpc_bad_password.json');
  },
  'jsonrpc_login.json': async () => {
    const r = await rpc('/jsonrpc', { service: 'common', method: 'login', args: ['companion', 'admin', server.user('admin').password] });
    expectSameResult(r.json, 'jsonrpc_login.json');
    expect(r.json.result).toBe(2);
  },
  'jsonrpc_login_bad.json': async () => {
    const r = await rpc('/jsonrpc', { service: 'common', method: 'login', args: ['companion', 'admin', 'wrong'] });
    expectSameResult(r.json, 'jsonrpc_login_bad.json');
    expect(r.json.result).toBe(false);
  },
  'jsonrpc_password_execute_kw.json': async () => {
    expectSameResult((await execute('admin', server.user('admin').password, 'res.partner', 'search_count', [[]])).json, 'jsonrpc_password_execute_kw.json');
  },
  'jsonrpc_version.json': async () => {
    const r = await rpc('/jsonrpc', { service: 'common', method: 'version', args: [] });
    expectSameResult(r.json, 'jsonrpc_version.json');
    expect(r.json.result).toEqual(recorded('jsonrpc_version.json').result);
  },
  'jwt_access_token.json': async () => {
    const s = await jwtSignIn('demo');
    const r = await post('/api/update/access-token', { user_id: s.userId }, { refreshToken: s.refresh });
    expectSameResult(r.json, 'jwt_access_token.json');
    const access = (r.json.result as Record<string, unknown>).access_token;
    expectSameJwt(access, (recorded('jwt_access_token.json').result as Record<string, unknown>).access_token);
    expect(jwtClaims(String(access)).user_id).toBe(s.userId);
  },
  'jwt_access_token_bad_refresh.json': async () => {
    const s = await jwtSignIn('demo');
    const r = await post('/api/update/access-token', { user_id: s.userId }, { refreshToken: 'not-a-token' });
    expectSameError(r.json, 'jwt_access_token_bad_refresh.json');
  },
  'jwt_access_token_replaced.json': async () => {
    const s = await jwtSignIn('demo');
    rotatedRefresh(await jwtRotate(s));
    const r = await post('/api/update/access-token', { user_id: s.userId }, { refreshToken: s.refresh });
    expectSameError(r.json, 'jwt_access_token_replaced.json');
  },
  'jwt_access_token_revoked.json': async () => {
    const s = await jwtSignIn('demo');
    const next = rotatedRefresh(await jwtRotate(s));
    await post('/api/revoke/token', { user_id: s.userId }, { refreshToken: next, authorization: s.token });
    const r = await post('/api/update/access-token', { user_id: s.userId }, { refreshToken: next });
    expectSameError(r.json, 'jwt_access_token_revoked.json');
  },
  'jwt_authenticate.headers': async () => {
    expectSameHeaders((await jwtSignIn('demo')).answer, 'jwt_authenticate.headers');
  },
  'jwt_authenticate.json': async () => {
    expectSameJwtLogin(await jwtSignIn('demo'), 'jwt_authenticate.json');
  },
  'jwt_authenticate_bad_password.headers': async () => {
    const r = await post('/api/authenticate', { login: 'demo', password: 'wrong', db: 'companion' });
    expectSameHeaders(r, 'jwt_authenticate_bad_password.headers');
  },
  'jwt_authenticate_bad_password.json': async () => {
    const r = await post('/api/authenticate', { login: 'demo', password: 'wrong', db: 'companion' });
    expectSameResult(r.json, 'jwt_authenticate_bad_password.json');
    expect(r.json.result).toEqual(recorded('jwt_authenticate_bad_password.json').result);
  },
  'jwt_authenticate_browser.headers': async () => {
    expectSameHeaders((await jwtSignIn('demo', { 'user-agent': BROWSER_UA })).answer, 'jwt_authenticate_browser.headers');
  },
  'jwt_authenticate_browser.json': async () => {
    expectSameJwtLogin(await jwtSignIn('demo', { 'user-agent': BROWSER_UA }), 'jwt_authenticate_browser.json');
  },
  'jwt_authenticate_totp_user.headers': async () => {
    expectSameHeaders((await jwtSignIn('totp')).answer, 'jwt_authenticate_totp_user.headers');
  },
  'jwt_authenticate_totp_user.json': async () => {
    expectSameJwtLogin(await jwtSignIn('totp'), 'jwt_authenticate_totp_user.json');
  },
  'jwt_authorization_call_kw.headers': async () => {
    const s = await jwtSignIn('demo');
    const r = await rpc('/web/dataset/call_kw/res.partner/search_read', { model: 'res.partner', method: 'search_read', args: [[['id', '=', 10]]], kwargs: { fields: ['name'] } }, undefined, { authorization: s.token });
    expectSameHeaders(r, 'jwt_authorization_call_kw.headers');
  },
  'jwt_authorization_call_kw.json': async () => {
    const s = await jwtSignIn('demo');
    const r = await rpc('/web/dataset/call_kw/res.partner/search_read', { model: 'res.partner', method: 'search_read', args: [[['id', '=', 10]]], kwargs: { fields: ['name'] } }, undefined, { authorization: s.token });
    expectSameError(r.json, 'jwt_authorization_call_kw.json');
  },
  'jwt_authorization_jsonrpc.json': async () => {
    const s = await jwtSignIn('demo');
    const r = await rpc('/jsonrpc', { service: 'object', method: 'execute_kw', args: ['companion', s.userId, s.token, 'res.partner', 'search_count', [[]]] }, undefined, { authorization: s.token });
    expectSameError(r.json, 'jwt_authorization_jsonrpc.json');
  },
  'jwt_expired_access_token.headers': async () => {
    expectSameHeaders(await expiredAccessTokenAnswer(), 'jwt_expired_access_token.headers');
  },
  'jwt_expired_access_token.json': async () => {
    expectSameError((await expiredAccessTokenAnswer()).json, 'jwt_expired_access_token.json');
  },
  'jwt_protected_test.json': async () => {
    const s = await jwtSignIn('demo');
    const r = await post('/api/protected/test', {}, { authorization: s.token });
    expectSameResult(r.json, 'jwt_protected_test.json');
    expect(r.json.result).toEqual(recorded('jwt_protected_test.json').result);
  },
  'jwt_refresh_token.headers': async () => {
    expectSameHeaders(await jwtRotate(await jwtSignIn('demo')), 'jwt_refresh_token.headers');
  },
  'jwt_refresh_token.json': async () => {
    const r = await jwtRotate(await jwtSignIn('demo'));
    expectSameResult(r.json, 'jwt_refresh_token.json');
    const rec = recorded('jwt_refresh_token.json').result as Record<string, unknown>;
    expect((r.json.result as Record<string, unknown>).status).toBe(rec.status);
    expectSameJwt(rotatedRefresh(r), rec.refreshToken);
  },
  'jwt_refresh_token_no_authorization.headers': async () => {
    const s = await jwtSignIn('demo');
    const r = await post('/api/update/refresh-token', { user_id: s.userId }, { refreshToken: s.refresh });
    expectSameHeaders(r, 'jwt_refresh_token_no_authorization.headers');
  },
  'jwt_refresh_token_no_authorization.json': async () => {
    const s = await jwtSignIn('demo');
    const r = await post('/api/update/refresh-token', { user_id: s.userId }, { refreshToken: s.refresh });
    expectSameError(r.json, 'jwt_refresh_token_no_authorization.json');
  },
  'jwt_revoke.headers': async () => {
    const s = await jwtSignIn('demo');
    const next = rotatedRefresh(await jwtRotate(s));
    const r = await post('/api/revoke/token', { user_id: s.userId }, { refreshToken: next, authorization: s.token });
    expectSameHeaders(r, 'jwt_revoke.headers');
  },
  'jwt_revoke.json': async () => {
    const s = await jwtSignIn('demo');
    const next = rotatedRefresh(await jwtRotate(s));
    const r = await post('/api/revoke/token', { user_id: s.userId }, { refreshToken: next, authorization: s.token });
    expectSameResult(r.json, 'jwt_revoke.json');
    expect(r.json.result).toEqual(recorded('jwt_revoke.json').result);
  },
  'jwt_revoke_no_authorization.json': async () => {
    const s = await jwtSignIn('demo');
    const next = rotatedRefresh(await jwtRotate(s));
    const r = await post('/api/revoke/token', { user_id: s.userId }, { refreshToken: next });
    expectSameError(r.json, 'jwt_revoke_no_authorization.json');
  },
  'jwt_session_call_kw.json': async () => {
    const s = await jwtSignIn('demo');
    const r = await rpc('/web/dataset/call_kw/res.partner/search_read', { model: 'res.partner', method: 'search_read', args: [[['id', '=', 10]]], kwargs: { fields: ['name'] } }, cookieOf(s.answer, 'session_id'));
    expectSameResult(r.json, 'jwt_session_call_kw.json');
    expect((r.json.result as unknown[]).length).toBe((recorded('jwt_session_call_kw.json').result as unknown[]).length);
  },
  'jwt_session_get_session_info.json': async () => {
    const s = await jwtSignIn('demo');
    const r = await rpc('/web/session/get_session_info', {}, cookieOf(s.answer, 'session_id'));
    expectSameResult(r.json, 'jwt_session_get_session_info.json');
    const rec = recorded('jwt_session_get_session_info.json').result as Record<string, unknown>;
    const ours = r.json.result as Record<string, unknown>;
    for (const k of ['uid', 'name', 'username', 'db', 'partner_id', 'server_version', 'server_version_info', 'user_context', 'is_admin', 'is_system', 'odoobot_initialized']) {
      expect(ours[k], k).toEqual(rec[k]);
    }
  },
  'jwt_totp_user_session_get_session_info.json': async () => {
    const s = await jwtSignIn('totp');
    const r = await rpc('/web/session/get_session_info', {}, cookieOf(s.answer, 'session_id'));
    expectSameError(r.json, 'jwt_totp_user_session_get_session_info.json');
  },
  'missing_method.json': async () => {
    const r = await rpc('/web/dataset/call_kw/res.partner/no_such_method', { model: 'res.partner', method: 'no_such_method', args: [], kwargs: {} }, await login('admin'));
    expectSameError(r.json, 'missing_method.json');
  },
  'missing_model.json': async () => {
    const r = await rpc('/web/dataset/call_kw/no.such.model/search', { model: 'no.such.model', method: 'search', args: [[]], kwargs: {} }, await login('admin'));
    expectSameError(r.json, 'missing_model.json');
  },
  'missing_model_jsonrpc.json': async () => {
    expectSameError((await execute('admin', server.user('admin').apiKey, 'no.such.model', 'search', [[]])).json, 'missing_model_jsonrpc.json');
  },
  'missing_record.json': async () => {
    // Real Odoo 17 raises MissingError on write/unlink of an unknown id; read() answers [].
    const r = await rpc('/web/dataset/call_kw/res.partner/write', { model: 'res.partner', method: 'write', args: [[999999], { name: 'x' }], kwargs: {} }, await login('admin'));
    expectSameError(r.json, 'missing_record.json');
  },
  'nocookie.json': async () => {
    const r = await rpc('/web/dataset/call_kw/res.partner/search_count', { model: 'res.partner', method: 'search_count', args: [[]], kwargs: {} });
    expectSameError(r.json, 'nocookie.json');
  },
  'private_method.json': async () => {
    const r = await rpc('/web/dataset/call_kw/res.partner/_compute_display_name', { model: 'res.partner', method: '_compute_display_name', args: [[1]], kwargs: {} }, await login('admin'));
    expectSameError(r.json, 'private_method.json');
  },
  'read_deleted_call_kw.json': async () => {
    const id = deletedPartnerId();
    const r = await rpc('/web/dataset/call_kw/res.partner/read', { model: 'res.partner', method: 'read', args: [[id], ['name']], kwargs: {} }, await login('admin'));
    expectSameResult(r.json, 'read_deleted_call_kw.json');
    expect(r.json.result).toEqual(recorded('read_deleted_call_kw.json').result);
  },
  'read_deleted_jsonrpc.json': async () => {
    const id = deletedPartnerId();
    const r = await execute('admin', server.user('admin').apiKey, 'res.partner', 'read', [[id], ['name']]);
    expectSameResult(r.json, 'read_deleted_jsonrpc.json');
    expect(r.json.result).toEqual(recorded('read_deleted_jsonrpc.json').result);
  },
  'read_deleted_xmlrpc.xml': async () => {
    const id = deletedPartnerId();
    const admin = server.user('admin');
    const r = await raw('POST', '/xmlrpc/2/object', encodeMethodCall('execute_kw', ['companion', admin.uid, admin.apiKey, 'res.partner', 'read', [[id], ['name']], {}]), { 'content-type': 'text/xml' });
    expect(decodeMethodResponse(r.text)).toEqual(decodeMethodResponse(readFileSync(resolve(WIRE, 'read_deleted_xmlrpc.xml'), 'utf8')));
  },
  // Odoo's own API-key wizard over a web session, step by step (the "Odoo account" device key).
  'apikey_wizard_create.json': async () => {
    const r = await kwAs('demo', 'res.users.apikeys.description', 'create', [{ name: 'Odoo Companion — recorder — 2026-11-30' }]);
    expectSameResult(r.json, 'apikey_wizard_create.json');
  },
  'apikey_wizard_make_key.json': async () => {
    const { makeKey } = await wizardUpTo('make_key');
    expectSameResult(makeKey, 'apikey_wizard_make_key.json');
    expect(withoutIds(makeKey.result)).toEqual(withoutIds(recorded('apikey_wizard_make_key.json').result));
  },
  'apikey_wizard_identity_write.json': async () => {
    const { write } = await wizardUpTo('write');
    expectSameResult(write!, 'apikey_wizard_identity_write.json');
    expect(write!.result).toBe(true);
  },
  'apikey_wizard_run_check.json': async () => {
    const { run } = await wizardUpTo('run_check');
    expectSameResult(run!, 'apikey_wizard_run_check.json');
    const ours = run!.result as { context: { default_key: string } };
    expect(ours.context.default_key).toMatch(/^[0-9a-f]{40}$/);
    expect(withoutIds({ ...ours, context: null })).toEqual(withoutIds({ ...(recorded('apikey_wizard_run_check.json').result as object), context: null }));
  },
  'apikey_search_read.json': async () => {
    await wizardUpTo('run_check');
    const r = await kwAs('demo', 'res.users.apikeys', 'search_read', [[['name', '=', 'Odoo Companion — recorder — 2026-11-30']]], { fields: ['name'] }, wizardCookie);
    expectSameResult(r.json, 'apikey_search_read.json');
  },
  'apikey_wizard_wrong_password.json': async () => {
    const { run } = await wizardUpTo('run_check', 'not the password');
    expectSameError(run!, 'apikey_wizard_wrong_password.json');
  },
  'apikey_remove.json': async () => {
    await wizardUpTo('run_check');
    const fresh = await login('demo'); // another session: the identity check is asked again
    const ids = ((await kwAs('demo', 'res.users.apikeys', 'search_read', [[]], { fields: ['name'] }, fresh)).json.result as { id: number }[]).map((k) => k.id);
    const r = await kwAs('demo', 'res.users.apikeys', 'remove', [ids], {}, fresh);
    expectSameResult(r.json, 'apikey_remove.json');
    expect(withoutIds(r.json.result)).toEqual(withoutIds(recorded('apikey_remove.json').result));
  },
  'apikey_remove_run_check.json': async () => {
    await wizardUpTo('run_check');
    const fresh = await login('demo');
    const ids = ((await kwAs('demo', 'res.users.apikeys', 'search_read', [[]], { fields: ['name'] }, fresh)).json.result as { id: number }[]).map((k) => k.id);
    const check = ((await kwAs('demo', 'res.users.apikeys', 'remove', [ids], {}, fresh)).json.result as { res_id: number }).res_id;
    await kwAs('demo', 'res.users.identitycheck', 'write', [[check], { password: server.user('demo').password }], {}, fresh);
    const r = await kwAs('demo', 'res.users.identitycheck', 'run_check', [[check]], {}, fresh);
    expectSameResult(r.json, 'apikey_remove_run_check.json');
    expect(r.json.result).toEqual(recorded('apikey_remove_run_check.json').result);
  },
  'apikey_wizard_portal_create.json': async () => {
    // A portal user may open the wizard (the refusal comes at make_key, after the identity check).
    const r = await kwAs('demo', 'res.users.apikeys.description', 'create', [{ name: 'x' }]);
    expectSameResult(r.json, 'apikey_wizard_portal_create.json');
  },
  'read_unknown_call_kw.json': async () => {
    const r = await rpc('/web/dataset/call_kw/res.partner/read', { model: 'res.partner', method: 'read', args: [[999999], ['name']], kwargs: {} }, await login('admin'));
    expectSameResult(r.json, 'read_unknown_call_kw.json');
    expect(r.json.result).toEqual(recorded('read_unknown_call_kw.json').result);
  },
  'totp_auth.headers': async () => {
    expectSameHeaders((await totpHalfSession()).authenticate, 'totp_auth.headers');
  },
  'totp_authenticate.json': async () => {
    const { authenticate } = await totpHalfSession();
    expectSameResult(authenticate.json, 'totp_authenticate.json');
    expect(authenticate.json.result).toEqual({ uid: null });
  },
  'totp_form.html': async () => {
    const u = server.user('totp');
    const a = await rpc('/web/session/authenticate', { db: 'companion', login: 'totp', password: u.password });
    const form = await raw('GET', '/web/login/totp', undefined, { cookie: cookieOf(a, 'session_id'), 'user-agent': BROWSER_UA });
    expect(form.status).toBe(200);
    const rec = readFileSync(resolve(WIRE, 'totp_form.html'), 'utf8');
    const inputs = (html: string): string[] =>
      [...html.matchAll(/<input\b[^>]*>/g)].map((m) => {
        const attr = (n: string): string => new RegExp(`\\b${n}="([^"]*)"`).exec(m[0])?.[1] ?? '';
        return `${attr('type') || 'text'}:${attr('name')}:${attr('name') === 'csrf_token' ? '<csrf>' : attr('value')}`;
      });
    expect(inputs(form.text)).toEqual(inputs(rec));
    const csrf = (html: string): string | undefined => /name="csrf_token" value="([^"]+)"/.exec(html)?.[1];
    expect(csrf(form.text)).toMatch(/^[0-9a-f]{40}o\d+$/);
    expect(csrf(rec)).toMatch(/^[0-9a-f]{40}o\d+$/);
    expect(form.text).toContain("Don't ask again on this device");
    expect(form.text).toContain('<form method="POST" action=""');
  },
  'totp_post.headers': async () => {
    expectSameHeaders(await totpPost(false), 'totp_post.headers');
  },
  'totp_post_remember.headers': async () => {
    expectSameHeaders(await totpPost(true), 'totp_post_remember.headers');
  },
  'version_info.json': async () => {
    const r = await rpc('/web/webclient/version_info', {});
    expectSameResult(r.json, 'version_info.json');
    expect(r.json.result).toEqual(recorded('version_info.json').result);
  },
  'write_deleted_jsonrpc.json': async () => {
    const id = deletedPartnerId();
    const r = await execute('admin', server.user('admin').apiKey, 'res.partner', 'write', [[id], { name: 'x' }]);
    // The message names the record: put the recorded id in place of ours.
    const recordedId = /res\.partner\((\d+),\)/.exec(JSON.stringify(recorded('write_deleted_jsonrpc.json')))?.[1];
    expect(recordedId).toBeDefined();
    expectSameError(JSON.parse(r.text.split(`res.partner(${id},)`).join(`res.partner(${recordedId},)`)) as Record<string, unknown>, 'write_deleted_jsonrpc.json');
  },
  'xmlrpc_version.xml': async () => {
    const r = await raw('POST', '/xmlrpc/2/common', encodeMethodCall('version', []), { 'content-type': 'text/xml' });
    const rec = readFileSync(resolve(WIRE, 'xmlrpc_version.xml'), 'utf8');
    expect(decodeMethodResponse(r.text)).toEqual(decodeMethodResponse(rec));
  },
  'xmlrpc_fault_access_denied.xml': async () => {
    const r = await raw('POST', '/xmlrpc/2/object', encodeMethodCall('execute_kw', ['companion', 2, 'wrong', 'res.partner', 'search_count', [[]]]), { 'content-type': 'text/xml' });
    const fault = (xml: string): XmlRpcFault => {
      try {
        decodeMethodResponse(xml);
      } catch (e) {
        if (e instanceof XmlRpcFault) return e;
        throw e;
      }
      throw new Error('no fault');
    };
    const ours = fault(r.text);
    const rec = fault(readFileSync(resolve(WIRE, 'xmlrpc_fault_access_denied.xml'), 'utf8'));
    expect([ours.faultCode, ours.faultString]).toEqual([rec.faultCode, rec.faultString]);
  },
  'xmlrpc_checks.txt': async () => {
    const text = readFileSync(resolve(WIRE, 'xmlrpc_checks.txt'), 'utf8');
    const call = async (path: string, method: string, params: unknown[]): Promise<unknown> => {
      const r = await raw('POST', path, encodeMethodCall(method, params as never), { 'content-type': 'text/xml' });
      try {
        return decodeMethodResponse(r.text);
      } catch (e) {
        if (e instanceof XmlRpcFault) return e;
        throw e;
      }
    };
    const admin = server.user('admin');
    expect(text).toContain("'server_version': '17.0'");
    expect(await call('/xmlrpc/2/common', 'version', [])).toMatchObject({ server_version: '17.0', server_serie: '17.0', protocol_version: 1 });
    expect(text).toContain('authenticate(key): 2');
    expect(await call('/xmlrpc/2/common', 'authenticate', ['companion', 'admin', admin.apiKey, {}])).toBe(2);
    expect(text).toContain("search_read(key): [{'id': 14, 'name': 'Azure Interior'}, {'id': 10, 'name': 'Deco Addict'}]");
    expect(await call('/xmlrpc/2/object', 'execute_kw', ['companion', 2, admin.apiKey, 'res.partner', 'search_read', [[['id', 'in', [10, 14]]]], { fields: ['name'] }])).toEqual([
      { id: 14, name: 'Azure Interior' },
      { id: 10, name: 'Deco Addict' },
    ]);
    const checks: Array<[RegExp, unknown[], number, string, string]> = [
      [/bad password -> Fault faultCode=(\d)/, ['companion', 2, 'wrong', 'res.partner', 'search_count', [[]]], 3, 'Access Denied', 'Access Denied'],
      [/missing model -> Fault faultCode=(\d)/, ['companion', 2, admin.apiKey, 'no.such.model', 'search', [[]]], 2, "Object no.such.model doesn't exist", "Object no.such.model doesn't exist"],
      [/access error \(demo\) -> Fault faultCode=(\d)/, ['companion', 6, server.user('demo').apiKey, 'ir.config_parameter', 'search_read', [[]]], 4, "You are not allowed to access 'System Parameter' (ir.config_parameter) records.", 'Contact your administrator to request access if necessary.'],
    ];
    for (const [re, params, code, first, last] of checks) {
      expect(Number(re.exec(text)?.[1])).toBe(code);
      expect(text).toContain(first);
      const f = (await call('/xmlrpc/2/object', 'execute_kw', params)) as XmlRpcFault;
      expect(f).toBeInstanceOf(XmlRpcFault);
      expect(f.faultCode).toBe(code);
      const lines = f.faultString.split('\n').filter((l) => l.trim() !== '');
      expect(lines[0]).toBe(first);
      expect(lines.at(-1)).toBe(last);
    }
  },
};

beforeAll(async () => {
  server = await startOdooServer({ version: 17, partners: 200, clock });
  agent = new Agent({ connect: { ca: server.cert! } });
});
afterAll(async () => {
  await agent.close();
  await server.stop();
});

describe('wire fidelity with recorded Odoo 17.0 answers', () => {
  const files = readdirSync(WIRE).sort();

  it('has a scenario for every recording (a new recording must get one)', () => {
    expect(files.filter((f) => !(f in scenarios))).toEqual([]);
  });

  for (const file of files) {
    it(file, async () => {
      const check = scenarios[file];
      expect(check, `no scenario for ${file}`).toBeDefined();
      await check!();
    });
  }

  it('the request codec reads what it writes (used above to call the server)', () => {
    expect(decodeMethodCall(encodeMethodCall('version', [])).method).toBe('version');
  });
});
