// The password → web session sign-in and its two-factor step, through the client: what a
// confirmed session lets concurrent calls do, what the two-factor form exchange sends and
// how each of Odoo's answers reads — against the test server, and through a proxy in front
// of a second one that records every body and replaces the answers a test picks.
import { describe, expect, it } from 'vitest';
import { BROWSER_UA } from '../../../main/core/odoo/index.js';
import { createTestDispatchers, type OdooTestServer } from '../../support/odoo-server/index.js';
import { fakeClock, makeClient, thrown, type ClientKit, useOdooServers } from './fixture.js';
import { rpcResult, type OdooProxy, type ProxiedRequest } from './odoo-proxy.js';

const clock = fakeClock();
let server: OdooTestServer;
let plain: OdooTestServer;
let proxy: OdooProxy;
const kits = useOdooServers({ clock, direct: true }, (s) => {
  ({ plain, proxy } = s);
  server = s.direct!;
});

type Extra = Parameters<typeof makeClient>[1];

function direct(login: string, extra: Extra = {}): ClientKit {
  const kit = makeClient(server, { login, clock, secretValues: { password: server.user(login).password }, ...extra });
  kits.push(kit);
  return kit;
}

function proxied(login: string, extra: Extra = {}): ClientKit {
  const kit = makeClient(plain, {
    origin: proxy.origin,
    login,
    clock,
    secretValues: { password: plain.user(login).password },
    dispatchers: createTestDispatchers(),
    ...extra,
  });
  kits.push(kit);
  return kit;
}

/** Runs `action` and returns the requests the proxy saw meanwhile. */
async function through(action: () => Promise<unknown>): Promise<ProxiedRequest[]> {
  const from = proxy.requests.length;
  await action().catch(() => undefined);
  return proxy.requests.slice(from);
}

const TOTP_PATH = '/web/login/totp';
const count = (paths: string[], prefix: string): number => paths.filter((p) => p.startsWith(prefix)).length;

/** Five searches at once on an expired session: the paths the server saw. */
async function fiveAtOnce(client: ClientKit['client']): Promise<string[]> {
  const from = server.requests.length;
  await Promise.all(Array.from({ length: 5 }, () => client.searchCount('res.partner', [])));
  return server.requests.slice(from).map((r) => r.path);
}

describe('a session Odoo just confirmed', () => {
  it('after a password sign-in, concurrent calls go at once for a minute; after that the first goes alone', async () => {
    const { client } = direct('demo');
    await client.login();
    server.expireSessions();
    clock.advance(60_000);
    let paths = await fiveAtOnce(client);
    expect(count(paths, '/web/session/authenticate')).toBe(1);
    expect(count(paths, '/web/dataset/call_kw')).toBe(10);
    server.expireSessions();
    clock.advance(60_001);
    paths = await fiveAtOnce(client);
    expect(count(paths, '/web/session/authenticate')).toBe(1);
    expect(count(paths, '/web/dataset/call_kw')).toBe(6);
  });

  it('after the two-factor step too (then the trusted device signs in again without a code)', async () => {
    const { client } = direct('totp');
    expect(await client.login()).toEqual({ status: 'totp_required' });
    await client.submitTotp(server.totpCode('totp'), true);
    server.expireSessions();
    const paths = await fiveAtOnce(client);
    expect(count(paths, '/web/session/authenticate')).toBe(1);
    expect(count(paths, TOTP_PATH)).toBe(1);
    expect(count(paths, '/web/dataset/call_kw')).toBe(10);
  });
});

describe('password sign-in', () => {
  it('an answer without a session, or that is not Odoo’s, is bad_response', async () => {
    proxy.rewrite = (req, answer) => (req.path === '/web/session/authenticate' ? rpcResult(answer.json?.result) : undefined);
    expect(await thrown(() => proxied('demo').client.login())).toMatchObject({ code: 'bad_response', details: { reason: 'no_session_cookie' } });
    proxy.rewrite = null;
    proxy.override = (req) => (req.path === '/web/session/authenticate' ? rpcResult(true, { 'set-cookie': 'session_id=abc; Path=/' }) : undefined);
    const e = await thrown(() => proxied('demo').client.login());
    expect(e).toMatchObject({ code: 'bad_response' });
    expect((e as { details?: unknown }).details).toBeUndefined();
  });

  it('while a two-factor step waits, the password just typed signs in again when Odoo ends the kept session', async () => {
    const { client } = direct('totp', { secretValues: { session: 'f'.repeat(40) } });
    expect(await client.signIn(server.user('totp').password)).toEqual({ status: 'totp_required' });
    expect(await thrown(() => client.searchCount('res.partner', []))).toMatchObject({ code: 'totp_required' });
  });

  it('a sign-in answer without the server version takes the one known, if any', async () => {
    proxy.rewrite = (req, answer) => {
      if (req.path !== '/web/session/authenticate' || answer.json === null) return undefined;
      const { server_version: _v, ...info } = answer.json.result as Record<string, unknown>;
      return rpcResult(info, { 'set-cookie': answer.headers['set-cookie'] as string[] });
    };
    expect(await proxied('demo').client.login()).toMatchObject({ status: 'ok', identity: { serverVersion: '' } });
    const known = proxied('demo', { serverVersion: { series: '17.0', major: 17, minor: 0, saas: false, serverVersion: '17.0+e' } });
    expect(await known.client.login()).toMatchObject({ status: 'ok', identity: { serverVersion: '17.0+e' } });
  });

  it('only password and “Odoo account” profiles take a typed password', async () => {
    for (const authMethod of ['jwt', 'api-key'] as const) {
      expect(await thrown(() => direct('demo', { authMethod }).client.signIn('x')), authMethod).toMatchObject({ code: 'invalid_input' });
    }
  });
});

describe('the two-factor step', () => {
  it('a code that is not six digits is refused before anything is sent', async () => {
    const { client } = proxied('totp');
    await client.login();
    for (const code of ['12345', '1234567', 'x123456', '123456x', '12 456']) {
      const sent = await through(() => client.submitTotp(code, false));
      expect(sent, code).toEqual([]);
      expect(await thrown(() => client.submitTotp(code, false))).toMatchObject({ code: 'totp_invalid' });
    }
    expect(await client.submitTotp(plain.totpCode('totp'), false)).toMatchObject({ status: 'ok' });
  });

  it('sends the form as Odoo’s page does, as a browser; the trusted-device cookie only when asked', async () => {
    const { client, secrets } = proxied('totp');
    await client.login();
    const code = plain.totpCode('totp');
    const sent = await through(() => client.submitTotp(code, true));
    expect(sent.map((r) => `${r.method} ${r.path}`)).toEqual([`GET ${TOTP_PATH}`, `POST ${TOTP_PATH}`, 'POST /web/session/get_session_info']);
    const [page, post] = sent as [ProxiedRequest, ProxiedRequest];
    expect(page.headers).toMatchObject({ 'user-agent': BROWSER_UA, accept: 'text/html' });
    expect(page.headers.cookie).toMatch(/^session_id=[0-9a-f]{40}$/);
    expect(post.headers).toMatchObject({ 'user-agent': BROWSER_UA, accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded' });
    expect(post.headers.cookie).toBe(page.headers.cookie);
    const csrf = new URLSearchParams(post.body).get('csrf_token');
    expect(csrf).toMatch(/^[0-9a-f]{40}/);
    expect(post.body).toBe(`csrf_token=${csrf}&totp_token=${code}&redirect=&remember=1`);
    const td = secrets.values.get('totp-device')!;
    expect(td).toMatch(/^[0-9a-f]{40}$/);

    // Next time the trusted-device cookie goes with the page request, and no code is asked.
    secrets.values.delete('session');
    const next = proxied('totp', { secrets, dispatchers: createTestDispatchers() });
    const again = await through(() => next.client.login());
    expect(again.find((r) => r.path === TOTP_PATH)?.headers.cookie).toMatch(new RegExp(`^session_id=[0-9a-f]{40}; td_id=${td}$`));

    // Without "trust this device": no remember field, and no cookie kept.
    const other = proxied('totp', { secretValues: { password: plain.user('totp').password } });
    await other.client.login();
    const plainPost = (await through(() => other.client.submitTotp(plain.totpCode('totp'), false))).find((r) => r.method === 'POST' && r.path === TOTP_PATH)!;
    expect(plainPost.body).toMatch(/&redirect=$/);
    expect(other.secrets.writes.filter((w) => w.kind === 'totp-device')).toEqual([]);
  });

  it('once finished, or replaced by a sign-in Odoo finished at once, there is no step to answer', async () => {
    const { client } = proxied('totp');
    await client.login();
    await client.submitTotp(plain.totpCode('totp'), false);
    expect(await through(() => client.submitTotp('123456', false))).toEqual([]);
    expect(await thrown(() => client.submitTotp('123456', false))).toMatchObject({ code: 'session_expired' });

    // A first answer that asks for the code, then (2FA turned off) one that signs in at once.
    let first = true;
    proxy.rewrite = (req, answer) => {
      if (req.path !== '/web/session/authenticate' || !first) return undefined;
      first = false;
      return rpcResult({ uid: null }, { 'set-cookie': answer.headers['set-cookie'] as string[] });
    };
    const demo = proxied('demo');
    expect(await demo.client.login()).toEqual({ status: 'totp_required' });
    expect(await demo.client.login()).toMatchObject({ status: 'ok' });
    expect(await through(() => demo.client.submitTotp('123456', false))).toEqual([]);
  });

  it('a lock forgets the step', async () => {
    const { client } = proxied('totp');
    await client.login();
    client.forget();
    expect(await through(() => client.submitTotp(plain.totpCode('totp'), false))).toEqual([]);
    expect(await thrown(() => client.submitTotp(plain.totpCode('totp'), false))).toMatchObject({ code: 'session_expired' });
  });

  it('a trusted device Odoo no longer trusts: the form it showed is kept, so the code is posted at once', async () => {
    const { client, secrets } = proxied('totp', { secretValues: { password: plain.user('totp').password, 'totp-device': 'a'.repeat(40) } });
    expect(await client.login()).toEqual({ status: 'totp_required' });
    expect(secrets.values.has('totp-device')).toBe(false);
    const sent = await through(() => client.submitTotp(plain.totpCode('totp'), false));
    expect(sent.map((r) => `${r.method} ${r.path}`)).toEqual([`POST ${TOTP_PATH}`, 'POST /web/session/get_session_info']);
  });

  it('a trusted device whose page fails: the cookie is dropped and the form is asked for again', async () => {
    const { client, secrets } = proxied('totp', { secretValues: { password: plain.user('totp').password, 'totp-device': 'a'.repeat(40) } });
    plain.setFault({ fault: { kind: 'html-502' }, path: TOTP_PATH, times: 1 });
    expect(await client.login()).toEqual({ status: 'totp_required' });
    expect(secrets.values.has('totp-device')).toBe(false);
    const sent = await through(() => client.submitTotp(plain.totpCode('totp'), false));
    expect(sent.map((r) => `${r.method} ${r.path}`)).toEqual([`GET ${TOTP_PATH}`, `POST ${TOTP_PATH}`, 'POST /web/session/get_session_info']);
  });

  it('a trusted device sent elsewhere without a session: the code is asked', async () => {
    const { client, secrets } = proxied('totp', { secretValues: { password: plain.user('totp').password, 'totp-device': 'a'.repeat(40) } });
    proxy.override = (req) => (req.path === TOTP_PATH ? { status: 303, headers: { location: '/odoo' }, body: '' } : undefined);
    expect(await client.login()).toEqual({ status: 'totp_required' });
    expect(secrets.values.has('totp-device')).toBe(false);
  });

  it('any page under /web/login ends the step', async () => {
    const { client } = proxied('totp');
    await client.login();
    proxy.override = (req) => (req.path === TOTP_PATH ? { status: 303, headers: { location: '/web/login/' }, body: '' } : undefined);
    expect(await thrown(() => client.submitTotp('123456', false))).toMatchObject({ code: 'session_expired' });
  });

  it('Odoo ending the step (sent back to its login page) is session_expired, and the step is forgotten', async () => {
    // While fetching the form.
    const a = proxied('totp');
    await a.client.login();
    plain.expireSessions();
    expect(await thrown(() => a.client.submitTotp(plain.totpCode('totp'), false))).toMatchObject({ code: 'session_expired' });
    expect(await through(() => a.client.submitTotp(plain.totpCode('totp'), false))).toEqual([]);
    // While posting the code (the form was already shown for a device no longer trusted).
    const b = proxied('totp', { secretValues: { password: plain.user('totp').password, 'totp-device': 'a'.repeat(40) } });
    await b.client.login();
    plain.expireSessions();
    expect(await thrown(() => b.client.submitTotp(plain.totpCode('totp'), false))).toMatchObject({ code: 'session_expired' });
    expect(await through(() => b.client.submitTotp(plain.totpCode('totp'), false))).toEqual([]);
  });

  it('a post that fails otherwise keeps the step: the code can be sent again', async () => {
    // The form was already shown (for a device no longer trusted): the first request is the post.
    const { client } = proxied('totp', { secretValues: { password: plain.user('totp').password, 'totp-device': 'a'.repeat(40) } });
    await client.login();
    proxy.override = (req) => (req.path === TOTP_PATH ? { status: 502, headers: { 'content-type': 'text/html' }, body: '<html>proxy</html>' } : undefined);
    expect(await thrown(() => client.submitTotp(plain.totpCode('totp'), false))).toMatchObject({ code: 'bad_response', details: { status: 502 } });
    proxy.override = null;
    expect(await client.submitTotp(plain.totpCode('totp'), false)).toMatchObject({ status: 'ok' });
  });

  it('a refused code: the form’s next token goes with the next try', async () => {
    const { client } = proxied('totp');
    await client.login();
    proxy.rewrite = (req, answer) => {
      if (req.method !== 'POST' || req.path !== TOTP_PATH || answer.status !== 200) return undefined;
      return { headers: { 'content-type': 'text/html' }, body: '<form><input type="hidden" name="csrf_token" value="next-token"/><input name="totp_token"/></form>' };
    };
    expect(await thrown(() => client.submitTotp('000000', false))).toMatchObject({ code: 'totp_invalid' });
    proxy.rewrite = null;
    const sent = await through(() => client.submitTotp('000000', false));
    expect(sent.map((r) => r.method)).toEqual(['POST']);
    expect(new URLSearchParams(sent[0]!.body).get('csrf_token')).toBe('next-token');
  });

  it.each([
    ['a page with no form', { status: 200, headers: { 'content-type': 'text/html' }, body: '<html>maintenance</html>' }, 200],
    ['an error page', { status: 503, headers: { 'content-type': 'text/html' }, body: '<html>down</html>' }, 503],
    ['an error page that shows a form', { status: 500, headers: { 'content-type': 'text/html' }, body: '<form><input type="hidden" name="csrf_token" value="t0"/><input name="totp_token"/></form>' }, 500],
    ['a finished sign-in it was not asked for', { status: 303, headers: { location: '/odoo', 'set-cookie': 'session_id=abcdef; Path=/' }, body: '' }, 200],
  ])('fetching the form, %s is bad_response (and no code is posted)', async (_label, reply, status) => {
    const { client } = proxied('totp');
    await client.login();
    proxy.override = (req) => (req.method === 'GET' && req.path === TOTP_PATH ? reply : undefined);
    const sent = await through(() => client.submitTotp('123456', false));
    expect(sent.map((r) => r.method)).toEqual(['GET']);
    expect(await thrown(() => client.submitTotp('123456', false))).toMatchObject({ code: 'bad_response', details: { status } });
  });

  it.each([
    ['a redirect without a session', { status: 303, headers: { location: '/odoo' }, body: '' }, { reason: 'no_session_cookie' }],
    ['a page with no form', { status: 200, headers: { 'content-type': 'text/html' }, body: '<html>maintenance</html>' }, { status: 200 }],
    ['an error page', { status: 500, headers: { 'content-type': 'text/html' }, body: '<html>error</html>' }, { status: 500 }],
    ['an error page that shows a form', { status: 500, headers: { 'content-type': 'text/html' }, body: '<form><input type="hidden" name="csrf_token" value="t0"/><input name="totp_token"/></form>' }, { status: 500 }],
  ])('posting the code, %s is bad_response', async (_label, reply, details) => {
    const { client } = proxied('totp');
    await client.login();
    proxy.override = (req) => (req.method === 'POST' && req.path === TOTP_PATH ? reply : undefined);
    expect(await thrown(() => client.submitTotp('123456', false))).toMatchObject({ code: 'bad_response', details });
  });

  it('API-key profiles have no two-factor step', async () => {
    expect(await thrown(() => direct('demo', { authMethod: 'api-key' }).client.submitTotp('123456', false))).toMatchObject({ code: 'invalid_input' });
  });
});
