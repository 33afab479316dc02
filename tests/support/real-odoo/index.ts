// Why: what a test file of the `odoo` tier imports — the running real Odoo (injected by
// the global setup), a describe that skips itself when the tier is skipped, and helpers to
// act on the server from outside the product: run Python in `odoo-bin shell`, end web
// sessions, compute TOTP codes, trust the TLS front, speak raw HTTP to it.
import { randomBytes } from 'node:crypto';
import { Agent } from 'undici';
import { afterAll, describe, inject, it } from 'vitest';
import './provided.js';
import { spkiPin } from '../../../main/core/net/index.js';
import { totp } from '../odoo-server/totp.js';
import { odooShell as runShell } from './odoo.js';
import { REQUEST_LOG_PATH } from './tls-front.js';
import type { RealOdooInfo, RealOdooLogin, RealOdooUser } from './types.js';

export type { RealOdooInfo, RealOdooLogin, RealOdooUser } from './types.js';

/** rawRequest's connection pool (trusting the tier's CA), closed after each describeRealOdoo. */
let agent: Agent | null = null;

/** The running tier, or null when it is skipped. */
export function realOdooOrNull(): RealOdooInfo | null {
  return inject('realOdoo');
}

/** The running tier; throws when the tier is skipped (use inside `describeRealOdoo`). */
export function realOdoo(): RealOdooInfo {
  const info = inject('realOdoo');
  if (info === null) throw new Error(`no real Odoo: ${inject('realOdooSkipReason') ?? 'not started'}`);
  return info;
}

/**
 * A describe block that runs against the real Odoo, or — when the tier is skipped —
 * reports one skipped test naming the reason (the body is not called then).
 */
export function describeRealOdoo(name: string, body: (odoo: RealOdooInfo) => void): void {
  const info = inject('realOdoo');
  if (info === null) {
    describe.skip(name, () => {
      it(`needs a real Odoo (${inject('realOdooSkipReason') ?? 'not started'})`, () => {});
    });
    return;
  }
  describe(name, () => {
    afterAll(async () => {
      await agent?.close();
      agent = null;
    });
    body(info);
  });
}

export function user(login: RealOdooLogin): RealOdooUser {
  return realOdoo().users[login];
}

/**
 * Runs Python in `odoo-bin shell` on the test database (`env` bound, superuser); commits
 * afterwards and tells the running server about cache changes. `emit(value)` hands a JSON
 * value back (the last one is returned). About 4 s per call: batch what you can.
 *   await odooShell<number>("emit(env['res.partner'].search_count([]))")
 */
export function odooShell<T = unknown>(code: string): Promise<T | undefined> {
  return runShell<T>(realOdoo().command, code);
}

/** Ends web sessions server-side (all, or one user's); resolves with how many ended. */
export async function killSessions(login?: RealOdooLogin): Promise<number> {
  const uid = login === undefined ? 'None' : String(user(login).uid);
  const n = await odooShell<number>(
    [
      'import glob, os',
      'from odoo.http import root',
      'store = root.session_store',
      'ended = 0',
      "for path in glob.glob(os.path.join(store.path, '*', '*')):",
      '    session = store.get(os.path.basename(path))',
      `    if ${uid} is None or session.get('uid') == ${uid}:`,
      '        store.delete(session)',
      '        ended += 1',
      'emit(ended)',
    ].join('\n'),
  );
  return n ?? 0;
}

/** Deletes a record (as superuser) and resolves when it is gone. */
export async function deleteRecord(model: string, id: number): Promise<void> {
  await odooShell(`env[${JSON.stringify(model)}].browse(${id}).unlink()`);
}

/** The TOTP code of the two-factor user (or any base32 secret) for `timeMs`. */
export function totpCode(secretOrLogin: string = 'totp', timeMs = Date.now()): string {
  const known = realOdooOrNull()?.users[secretOrLogin as RealOdooLogin]?.totpSecret;
  return totp(known ?? secretOrLogin, timeMs);
}

/** Pins for a profile on the TLS front: its key, plus a random backup pin. */
export function frontPins(): [string, string] {
  return [spkiPin(realOdoo().certPem), `sha256/${randomBytes(32).toString('base64')}`];
}

/** For `startCore({ network: trustFront() })`: trust the CA that issued the front's cert. */
export function trustFront(): { ca: string[] } {
  return { ca: [realOdoo().caPem] };
}

export interface RawAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  /** Parsed body, when it is JSON. */
  json: unknown;
  /** `name=value` of each Set-Cookie, by name. */
  cookies: Record<string, string>;
}

/**
 * One raw HTTP request to the TLS front (or `origin`), trusting the tier's CA; no cookie
 * jar, no redirects followed: what Odoo answers, as it answers it.
 */
export async function rawRequest(
  method: 'GET' | 'POST',
  path: string,
  options: { body?: string; headers?: Record<string, string>; origin?: string } = {},
): Promise<RawAnswer> {
  agent ??= new Agent({ connect: { ca: realOdoo().caPem } });
  const res = await agent.request({
    origin: options.origin ?? realOdoo().origin,
    path,
    method,
    headers: options.headers ?? {},
    body: options.body ?? null,
  });
  const text = await res.body.text();
  let json: unknown = undefined;
  try {
    json = JSON.parse(text);
  } catch {
    // not JSON
  }
  const cookies: Record<string, string> = {};
  for (const line of ([] as string[]).concat(res.headers['set-cookie'] ?? [])) {
    const pair = line.split(';')[0]!;
    cookies[pair.split('=')[0]!] = pair;
  }
  return { status: res.statusCode, headers: res.headers, text, json, cookies };
}

let rpcId = 0;
/** A JSON-RPC call (`{"jsonrpc":"2.0","method":"call",params}`) to the front. */
export function jsonRpc(path: string, params: unknown, headers: Record<string, string> = {}): Promise<RawAnswer> {
  return rawRequest('POST', path, {
    body: JSON.stringify({ jsonrpc: '2.0', method: 'call', params, id: ++rpcId }),
    headers: { 'content-type': 'application/json', ...headers },
  });
}

/** Password login over `/web/session/authenticate`; resolves with the `session_id=…` cookie. */
export async function webLogin(login: RealOdooLogin): Promise<string> {
  const u = user(login);
  const r = await jsonRpc('/web/session/authenticate', { db: realOdoo().database, login: u.login, password: u.password });
  const cookie = r.cookies.session_id;
  if (cookie === undefined) throw new Error(`no session for ${login}: ${r.text.slice(0, 300)}`);
  return cookie;
}

/** Every request the TLS front passed to Odoo so far, as `METHOD /path`. */
export async function frontRequests(): Promise<string[]> {
  const r = await rawRequest('GET', REQUEST_LOG_PATH);
  return r.json as string[];
}

/** Every request whose answer the TLS front has passed back in full, as `METHOD /path`. */
export async function frontAnswered(): Promise<string[]> {
  const r = await rawRequest('GET', `${REQUEST_LOG_PATH}?answered=1`);
  return r.json as string[];
}

/** The paths Odoo was asked for while `action` ran, counted at the TLS front. */
export async function countedAtServer(action: () => Promise<unknown>): Promise<string[]> {
  const before = (await frontRequests()).length;
  await action();
  return (await frontRequests()).slice(before).map((line) => line.slice(line.indexOf(' ') + 1));
}
