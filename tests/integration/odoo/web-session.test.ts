// A profile's web session through the client (session-state.ts): where it is kept, what a
// session Odoo no longer accepts reads as, how it is ended, and when concurrent calls wait
// for a first one — through a recording proxy in front of the test server.
import { describe, expect, it } from 'vitest';
import { createTestDispatchers, type OdooTestServer } from '../../support/odoo-server/index.js';
import { fakeClock, makeClient, thrown, type ClientKit, useOdooServers } from './fixture.js';
import { rpcResult, type OdooProxy } from './odoo-proxy.js';

const clock = fakeClock();
let server: OdooTestServer;
let proxy: OdooProxy;
const kits = useOdooServers({ clock }, (s) => {
  server = s.plain;
  proxy = s.proxy;
});

type Extra = Parameters<typeof makeClient>[1];

function client(extra: Extra = {}): ClientKit {
  const kit = makeClient(server, {
    origin: proxy.origin,
    clock,
    secretValues: { password: server.user('demo').password },
    dispatchers: createTestDispatchers(),
    ...extra,
  });
  kits.push(kit);
  return kit;
}

const SESSION_INFO = '/web/session/get_session_info';

describe('where the session lives', () => {
  it('a password profile keeps it in the vault; a JWT profile only in memory', async () => {
    const password = client();
    await password.client.login();
    expect(password.secrets.values.get('session')).toMatch(/^[0-9a-f]{40}$/);
    const jwt = client({ authMethod: 'jwt' });
    await jwt.client.login();
    expect(jwt.secrets.writes.map((w) => w.kind)).toEqual(['jwt-refresh']);
    expect((await jwt.client.webSession()).sessionId).toMatch(/^[0-9a-f]{40}$/);
  });

  it('a JWT profile never takes a session id from the vault', async () => {
    const { client: c } = client({ authMethod: 'jwt', secretValues: { password: server.user('demo').password, session: 'f'.repeat(40) } });
    const from = proxy.requests.length;
    const web = await c.webSession();
    expect(web.sessionId).not.toBe('f'.repeat(40));
    expect(proxy.pathsSince(from)[0]).toBe('/api/authenticate');
  });
});

describe('a session Odoo does not accept', () => {
  it.each([
    ['no answer at all', null],
    ['a half-authenticated one (no uid)', { uid: false, name: 'x' }],
  ])('%s is expired: identity signs in again', async (_label, info) => {
    const first = client();
    await first.client.login();
    let once = true;
    proxy.override = (req) => {
      if (req.path !== SESSION_INFO || !once) return undefined;
      once = false;
      return rpcResult(info);
    };
    const later = client({ secrets: first.secrets });
    const from = proxy.requests.length;
    expect(await later.client.identity()).toMatchObject({ uid: 6, login: 'demo' });
    expect(proxy.pathsSince(from)).toEqual([SESSION_INFO, '/web/session/authenticate']);
  });

  it('session info without the server version takes the one known, if any', async () => {
    const first = client();
    await first.client.login();
    proxy.rewrite = (req, answer) => {
      if (req.path !== SESSION_INFO || answer.json === null) return undefined;
      const { server_version: _v, ...info } = answer.json.result as Record<string, unknown>;
      return rpcResult(info);
    };
    expect(await client({ secrets: first.secrets }).client.identity()).toMatchObject({ uid: 6, serverVersion: '' });
    const known = client({ secrets: first.secrets, serverVersion: { serverVersion: '17.0+e', series: '17.0', major: 17, minor: 0, saas: false } });
    expect(await known.client.identity()).toMatchObject({ uid: 6, serverVersion: '17.0+e' });
  });
});

describe('ending the session', () => {
  it('sign-out ends it in Odoo with its cookie; one Odoo already ended is fine', async () => {
    const { client: c, secrets } = client();
    await c.login();
    const sid = secrets.values.get('session');
    await c.logout();
    const destroy = proxy.requests.at(-1)!;
    expect(destroy.path).toBe('/web/session/destroy');
    expect(destroy.headers.cookie).toBe(`session_id=${sid}`);
    const again = client({ secretValues: { session: sid! } });
    await again.client.logout();
    expect(again.secrets.values.has('session')).toBe(false);
  });

  it('a sign-out Odoo answers oddly is an error; the session is forgotten all the same', async () => {
    const { client: c } = client();
    await c.login();
    proxy.override = (req) => (req.path === '/web/session/destroy' ? { status: 502, headers: { 'content-type': 'text/html' }, body: '<html>bad gateway</html>' } : undefined);
    expect(await thrown(() => c.logout())).toMatchObject({ code: 'bad_response' });
    proxy.override = null;
    const from = proxy.requests.length;
    await c.identity();
    expect(proxy.pathsSince(from)).toEqual([SESSION_INFO]); // read again from the vault, not from memory
  });
});

describe('concurrent calls', () => {
  /** Five calls at once: how many sign-ins and model calls Odoo saw. */
  async function fiveAtOnce(c: ClientKit['client']): Promise<[number, number]> {
    const from = proxy.requests.length;
    await Promise.all(Array.from({ length: 5 }, () => c.searchCount('res.partner', [])));
    const paths = proxy.pathsSince(from);
    return [paths.filter((p) => p === '/web/session/authenticate').length, paths.filter((p) => p.startsWith('/web/dataset/call_kw')).length];
  }

  it('a session read from the vault is not known to be live: the first call goes alone, every time it is in doubt', async () => {
    const first = client();
    await first.client.login();
    const later = client({ secrets: first.secrets });
    server.expireSessions();
    expect(await fiveAtOnce(later.client)).toEqual([1, 6]);
    server.expireSessions();
    clock.advance(61_000);
    expect(await fiveAtOnce(later.client)).toEqual([1, 6]);
  });

  it('after a lock, the first call goes alone even if Odoo confirmed the session a moment ago', async () => {
    const { client: c } = client();
    await c.login();
    c.forget();
    server.expireSessions();
    expect(await fiveAtOnce(c)).toEqual([1, 6]);
  });
});
