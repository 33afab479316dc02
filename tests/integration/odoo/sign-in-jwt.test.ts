// The 'jwt' sign-in (odoo_jwt) through the client: when an access token is renewed (10 s
// ahead of its end), when the refresh token is rotated (within 15 minutes of its end), what
// an unusable refresh token in the vault leads to, what sign-out revokes, and how odd
// answers of the module read — against the test server, and through a proxy in front of a
// second one where an answer must be replaced.
import { describe, expect, it } from 'vitest';
import { createTestDispatchers, signHs256, type OdooTestServer } from '../../support/odoo-server/index.js';
import { fakeClock, makeClient, thrown, type ClientKit, useOdooServers } from './fixture.js';
import { rpcError, rpcResult, type OdooProxy } from './odoo-proxy.js';

const clock = fakeClock();
let server: OdooTestServer;
let plain: OdooTestServer;
let proxy: OdooProxy;
const kits = useOdooServers({ clock, direct: true }, (s) => {
  ({ plain, proxy } = s);
  server = s.direct!;
});

type Extra = Parameters<typeof makeClient>[1];

function jwtClient(extra: Extra = {}): ClientKit {
  const kit = makeClient(server, { authMethod: 'jwt', clock, secretValues: { password: server.user('demo').password }, ...extra });
  kits.push(kit);
  return kit;
}

/** A client of the plain server, through the proxy. */
function proxied(extra: Extra = {}): ClientKit {
  const kit = makeClient(plain, {
    origin: proxy.origin,
    authMethod: 'jwt',
    clock,
    secretValues: { password: plain.user('demo').password },
    dispatchers: createTestDispatchers(),
    ...extra,
  });
  kits.push(kit);
  return kit;
}

const paths = (from: number): string[] => server.requests.slice(from).map((r) => r.path);
/** Runs `action` and returns the paths the test server saw meanwhile. */
async function seen(action: () => Promise<unknown>): Promise<string[]> {
  const from = server.requests.length;
  await action();
  return paths(from);
}
/** A token the test server did not sign (it refuses it), with these claims. */
const forged = (claims: Record<string, unknown>): string => signHs256(claims, Buffer.from('not the server key'));
const nowSeconds = (): number => Math.floor(clock.now() / 1000);

describe('access tokens are renewed 10 s ahead of their end', () => {
  it('still fresh 10 s and 1 ms ahead: no request; 10 s ahead: a new one', async () => {
    const { client } = jwtClient();
    await client.login(); // the access token lives 60 s
    clock.advance(49_999);
    expect(await seen(() => client.checkSession())).toEqual(['/web/session/get_session_info']);
    clock.advance(1);
    expect(await seen(() => client.checkSession())).toEqual(['/web/session/get_session_info', '/api/update/access-token']);
  });

  it('a locked vault stops the check even while the token in memory is fresh', async () => {
    const { client, secrets } = jwtClient();
    await client.login();
    secrets.locked = true;
    expect(await thrown(() => client.checkSession())).toMatchObject({ code: 'locked' });
  });

  it('a token without an expiry (or not a JWT at all) lives the span the module announced, else 60 s', async () => {
    for (const [span, token, lives] of [[30, forged({ user_id: 6 }), 30_000], [null, 'opaque-token', 60_000], ['30', 'opaque-token', 60_000]] as const) {
      proxy.rewrite = (req, answer) => {
        if (req.path !== '/api/authenticate' || answer.json === null) return undefined;
        const result: Record<string, unknown> = { ...(answer.json.result as Record<string, unknown>), token };
        if (span === null) delete result.short_term_token_span;
        else result.short_term_token_span = span;
        return rpcResult(result, { 'set-cookie': answer.headers['set-cookie'] as string[] });
      };
      const { client } = proxied();
      await client.login();
      clock.advance(lives - 10_001);
      let from = proxy.requests.length;
      await client.checkSession();
      expect(proxy.pathsSince(from)).toEqual(['/web/session/get_session_info']);
      clock.advance(1);
      from = proxy.requests.length;
      await client.checkSession();
      expect(proxy.pathsSince(from)).toEqual(['/web/session/get_session_info', '/api/update/access-token']);
    }
  });
});

describe('the refresh token is rotated within 15 minutes of its end', () => {
  it('not at exactly 15 minutes; after that, with the access token the module requires', async () => {
    const { client, secrets } = jwtClient();
    await client.login(); // the refresh token lives 3600 s
    const first = secrets.values.get('jwt-refresh');
    clock.advance(2_700_000);
    expect(await seen(() => client.checkSession())).toEqual(['/web/session/get_session_info', '/api/update/access-token']);
    expect(secrets.values.get('jwt-refresh')).toBe(first);
    clock.advance(60_000);
    expect(await seen(() => client.checkSession())).toEqual([
      '/web/session/get_session_info',
      '/api/update/access-token',
      '/api/update/refresh-token',
    ]);
    expect(secrets.values.get('jwt-refresh')).not.toBe(first);
  });

  it('a rotation the server fails is an error, not a silent success', async () => {
    const { client } = jwtClient();
    await client.login();
    clock.advance(2_760_000);
    server.setFault({ fault: { kind: 'html-502' }, path: '/api/update/refresh-token', times: 1 });
    expect(await thrown(() => client.checkSession())).toMatchObject({ code: 'bad_response' });
  });

  it('a rotation refused because another sign-in replaced the token is signed_in_elsewhere, and the token is dropped', async () => {
    const { client, secrets } = proxied();
    await client.login();
    clock.advance(2_760_000);
    proxy.override = (req) => (req.path === '/api/update/refresh-token' ? rpcError('odoo.exceptions.AccessDenied', 'Refresh Token has been changed') : undefined);
    expect(await thrown(() => client.checkSession())).toMatchObject({ code: 'signed_in_elsewhere' });
    expect(secrets.values.has('jwt-refresh')).toBe(false);
  });
});

describe('a refresh token without an expiry', () => {
  it('is renewed with, and never rotated', async () => {
    proxy.rewrite = (req, answer) => {
      if (req.path !== '/api/authenticate' || answer.json === null) return undefined;
      const cookies = ([] as string[]).concat(answer.headers['set-cookie'] ?? []).filter((c) => !c.startsWith('refreshToken='));
      return rpcResult({ ...(answer.json.result as Record<string, unknown>), refreshToken: forged({ user_id: 6 }) }, { 'set-cookie': cookies });
    };
    proxy.override = (req) => (req.path === '/api/update/access-token' ? rpcResult({ access_token: forged({ user_id: 6, exp: nowSeconds() + 60 }) }) : undefined);
    const { client } = proxied();
    await client.login();
    clock.advance(3_600_000);
    const from = proxy.requests.length;
    expect(await client.checkSession()).toBe(true);
    expect(proxy.pathsSince(from)).toEqual(['/web/session/get_session_info', '/api/update/access-token']);
  });
});

describe('a refresh token the vault holds but cannot use', () => {
  const signInAgain = ['/web/session/get_session_info', '/api/authenticate', '/web/session/get_session_info'];

  it.each([
    ['none at all', null],
    ['not a token', 'not-a-token'],
    ['one naming no user', 'no-user'],
    ['one ending within 10 s', 'ending'],
  ] as const)('%s: one fresh sign-in, no renewal asked', async (_label, kind) => {
    const { client, secrets } = jwtClient();
    await client.login();
    clock.advance(61_000);
    if (kind === null) secrets.values.delete('jwt-refresh');
    else if (kind === 'not-a-token') secrets.values.set('jwt-refresh', kind);
    else if (kind === 'no-user') secrets.values.set('jwt-refresh', forged({ exp: nowSeconds() + 3600 }));
    else secrets.values.set('jwt-refresh', forged({ user_id: 6, exp: nowSeconds() + 10 }));
    expect(await seen(() => client.checkSession())).toEqual(signInAgain);
    expect(secrets.values.get('jwt-refresh')).toMatch(/^ey/);
  });

  it('one without an expiry, or ending in 11 s, is tried first; refused, it is dropped before one fresh sign-in', async () => {
    for (const ahead of [null, 11]) {
      const { client, secrets } = jwtClient();
      await client.login();
      clock.advance(61_000);
      secrets.values.set('jwt-refresh', forged(ahead === null ? { user_id: 6 } : { user_id: 6, exp: nowSeconds() + ahead }));
      secrets.values.set('password', 'no longer right');
      const from = server.requests.length;
      expect(await client.checkSession()).toBe(false);
      expect(paths(from)).toEqual(['/web/session/get_session_info', '/api/update/access-token', '/api/authenticate']);
      expect(secrets.values.has('jwt-refresh')).toBe(false);
    }
  });

  it('a renewal the server fails is an error (no sign-in instead)', async () => {
    const { client } = jwtClient();
    await client.login();
    clock.advance(61_000);
    server.setFault({ fault: { kind: 'html-502' }, path: '/api/update/access-token', times: 1 });
    const from = server.requests.length;
    expect(await thrown(() => client.checkSession())).toMatchObject({ code: 'bad_response' });
    expect(paths(from)).not.toContain('/api/authenticate');
  });
});

describe('sign-out', () => {
  it('with a fresh access token in memory: revoked with it, no renewal first', async () => {
    const { client, secrets } = jwtClient();
    await client.login();
    expect(await seen(() => client.logout())).toEqual(['/web/session/destroy', '/api/revoke/token']);
    expect(secrets.values.has('jwt-refresh')).toBe(false);
  });

  it('after a lock (nothing in memory): a new access token first', async () => {
    const { client } = jwtClient();
    await client.login();
    client.forget();
    expect(await seen(() => client.logout())).toEqual(['/api/update/access-token', '/api/revoke/token']);
  });

  it('nothing to revoke without a refresh token naming a user', async () => {
    for (const token of [null, forged({ exp: nowSeconds() + 3600 })]) {
      const { client, secrets } = jwtClient();
      await client.login();
      if (token === null) secrets.values.delete('jwt-refresh');
      else secrets.values.set('jwt-refresh', token);
      expect(await seen(() => client.logout())).toEqual(['/web/session/destroy']);
    }
  });

  it('a refresh token of another user is not revoked with this user’s access token; one already dead needs nothing', async () => {
    const { client, secrets } = jwtClient();
    await client.login();
    secrets.values.set('jwt-refresh', forged({ user_id: 2, exp: nowSeconds() + 3600 }));
    expect(await seen(() => client.logout())).toEqual(['/web/session/destroy', '/api/update/access-token']);
    expect(secrets.values.has('jwt-refresh')).toBe(false);
  });

  it('a revocation the server fails is an error; what was held in memory is dropped all the same', async () => {
    const { client } = jwtClient();
    await client.login();
    server.setFault({ fault: { kind: 'html-502' }, path: '/api/revoke/token', times: 1 });
    expect(await thrown(() => client.logout())).toMatchObject({ code: 'bad_response' });
    expect(await seen(() => client.identity())).toEqual(['/api/authenticate', '/web/session/get_session_info']);
  });
});

describe('signing in', () => {
  it('a two-factor user gets tokens for the password alone, noted; a trusted device finishes Odoo’s session without a code', async () => {
    const totp = server.user('totp');
    const first = jwtClient({ login: 'totp', secretValues: { password: totp.password } });
    expect(await first.client.login()).toEqual({ status: 'totp_required' });
    expect(first.client.jwtSkipsTotp).toBe(true);
    await first.client.submitTotp(server.totpCode('totp'), true);
    const td = first.secrets.values.get('totp-device');
    expect(td).toMatch(/^[0-9a-f]{40}$/);
    const next = jwtClient({ login: 'totp', secretValues: { password: totp.password, 'totp-device': td! } });
    expect(await next.client.login()).toMatchObject({ status: 'ok', identity: { login: 'totp' } });
    expect(next.client.jwtSkipsTotp).toBe(true);
  });

  it('when Odoo ends the web session, calls sign in again with the kept password; without one, the session has expired', async () => {
    const { client, secrets } = jwtClient();
    await client.login();
    server.expireSessions();
    clock.advance(61_000);
    expect(await seen(() => client.searchCount('res.partner', []))).toEqual([
      '/web/dataset/call_kw/res.partner/search_count',
      '/api/authenticate',
      '/web/session/get_session_info',
      '/web/dataset/call_kw/res.partner/search_count',
    ]);
    server.expireSessions();
    clock.advance(61_000);
    secrets.values.delete('password');
    expect(await thrown(() => client.searchCount('res.partner', []))).toMatchObject({ code: 'session_expired' });
  });

  it('needs the password in the vault', async () => {
    const { client } = jwtClient({ secretValues: {} });
    expect(await thrown(() => client.login())).toMatchObject({ code: 'auth_failed', details: { missing: 'password' } });
  });

  it('an answer that is not Odoo’s while reading the session is an error, not a two-factor step', async () => {
    const { client } = jwtClient();
    server.setFault({ fault: { kind: 'html-502' }, path: '/web/session/get_session_info', times: 1 });
    expect(await thrown(() => client.login())).toMatchObject({ code: 'bad_response' });
    expect(client.jwtSkipsTotp).toBe(false);
  });

  it('another database than the profile’s: the session is ended in Odoo and forgotten, even when ending it fails', async () => {
    for (const fault of [false, true]) {
      const { client } = jwtClient({ database: 'nodb' });
      if (fault) server.setFault({ fault: { kind: 'html-502' }, path: '/web/session/destroy', times: 1 });
      const from = server.requests.length;
      expect(await thrown(() => client.login())).toMatchObject({ code: 'unknown_database', details: { database: 'companion' } });
      expect(paths(from)).toEqual(['/api/authenticate', '/web/session/get_session_info', '/web/session/destroy']);
      expect(await thrown(() => client.webSession())).toMatchObject({ code: 'unknown_database' });
    }
  });

  it('a session that names no database is taken as the profile’s', async () => {
    proxy.rewrite = (req, answer) => {
      if (req.path !== '/web/session/get_session_info' || answer.json === null) return undefined;
      const { db: _db, ...info } = answer.json.result as Record<string, unknown>;
      return rpcResult(info);
    };
    const { client } = proxied({ database: 'nodb' });
    expect(await client.login()).toMatchObject({ status: 'ok', identity: { uid: 6, database: '' } });
  });
});
