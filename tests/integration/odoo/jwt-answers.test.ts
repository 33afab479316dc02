// What the client sends to the odoo_jwt module's routes, and how it reads each of their
// answers — the module refuses with HTTP 200 and `result.error`, hands the refresh token in
// the body or only as a cookie, and needs the raw access token beside the refresh token on
// its `auth='jwt'` routes. Through a recording proxy in front of the test server, which
// replaces the answers a test picks.
import { describe, expect, it } from 'vitest';
import { readJwtClaims } from '../../../main/core/odoo/jwt-tokens.js';
import { createTestDispatchers, type OdooTestServer } from '../../support/odoo-server/index.js';
import { fakeClock, makeClient, thrown, type ClientKit, useOdooServers } from './fixture.js';
import { rpcError, rpcResult, type OdooProxy, type ProxiedRequest } from './odoo-proxy.js';

const clock = fakeClock();
let server: OdooTestServer;
let proxy: OdooProxy;
const kits = useOdooServers({ clock }, (s) => {
  server = s.plain;
  proxy = s.proxy;
});

function jwtClient(): ClientKit {
  const kit = makeClient(server, {
    origin: proxy.origin,
    authMethod: 'jwt',
    clock,
    secretValues: { password: server.user('demo').password },
    dispatchers: createTestDispatchers(),
  });
  kits.push(kit);
  return kit;
}

const last = (path: string): ProxiedRequest => [...proxy.requests].reverse().find((r) => r.path === path)!;
/** Replaces the `result` of the answers to `path` with what `change` makes of it. */
function changeResult(path: string, change: (result: Record<string, unknown>) => unknown, keepCookie: (cookie: string) => boolean = () => true): void {
  proxy.rewrite = (req, answer) => {
    if (req.path !== path || answer.json === null) return undefined;
    const cookies = ([] as string[]).concat(answer.headers['set-cookie'] ?? []).filter(keepCookie);
    return rpcResult(change({ ...(answer.json.result as Record<string, unknown>) }), { 'set-cookie': cookies });
  };
}
const noRefreshCookie = (cookie: string): boolean => !cookie.startsWith('refreshToken=');
const answer = (path: string, reply: ReturnType<typeof rpcResult>): void => {
  proxy.override = (req) => (req.path === path ? reply : undefined);
};

describe('what goes on the wire', () => {
  it('sign-in, renewal, rotation and revocation send what the module reads', async () => {
    const demo = server.user('demo');
    const { client, secrets } = jwtClient();
    await client.login();
    expect(last('/api/authenticate').json).toEqual({ login: 'demo', password: demo.password, db: 'companion' });
    const refresh = secrets.values.get('jwt-refresh')!;

    clock.advance(2_760_000); // the access token has ended and the refresh token is due for rotation
    await client.checkSession();
    const renewal = last('/api/update/access-token');
    expect(renewal.json).toEqual({ user_id: 6 });
    expect(renewal.headers.refreshtoken).toBe(refresh);
    expect(renewal.headers.authorization).toBeUndefined();
    const rotation = last('/api/update/refresh-token');
    expect(rotation.json).toEqual({ user_id: 6 });
    expect(rotation.headers.refreshtoken).toBe(refresh);
    expect(readJwtClaims(String(rotation.headers.authorization))).toMatchObject({ userId: 6 });

    const rotated = secrets.values.get('jwt-refresh')!;
    expect(rotated).not.toBe(refresh);
    await client.logout();
    const revoke = last('/api/revoke/token');
    expect(revoke.json).toEqual({ user_id: 6 });
    expect(revoke.headers.refreshtoken).toBe(rotated);
    expect(revoke.headers.authorization).toBe(rotation.headers.authorization); // the access token in memory, still fresh
  });
});

describe('signing in', () => {
  it('a refusal is the module’s result.error, kept to 500 characters', async () => {
    answer('/api/authenticate', rpcResult({ error: `${'x'.repeat(600)}` }));
    const e = await thrown(() => jwtClient().client.login());
    expect(e).toMatchObject({ code: 'auth_failed' });
    expect((e as { details: { odooMessage: string } }).details.odooMessage).toBe('x'.repeat(500));
  });

  it.each([
    ['an error that is not text', () => ({ error: { code: 1 } }), () => true],
    ['no token', ({ token: _t, ...r }: Record<string, unknown>) => r, () => true],
    ['a user id that is not a number', (r: Record<string, unknown>) => ({ ...r, user_id: '6' }), () => true],
    ['no refresh token in the body nor as a cookie', ({ refreshToken: _r, ...r }: Record<string, unknown>) => r, noRefreshCookie],
  ])('%s is bad_response', async (_label, change, keepCookie) => {
    changeResult('/api/authenticate', change, keepCookie);
    const e = await thrown(() => jwtClient().client.login());
    expect(e).toMatchObject({ code: 'bad_response' });
    expect((e as { details?: unknown }).details).toBeUndefined();
  });

  it('a refresh token only as a cookie (what a browser gets) is taken from the cookie', async () => {
    changeResult('/api/authenticate', ({ refreshToken: _r, ...r }) => r); // the cookie stays
    const { client, secrets } = jwtClient();
    expect(await client.login()).toMatchObject({ status: 'ok' });
    expect(readJwtClaims(secrets.values.get('jwt-refresh')!)).toMatchObject({ userId: 6 });
  });

  it('an answer that opens no session is bad_response', async () => {
    changeResult('/api/authenticate', (r) => r, (cookie) => !cookie.startsWith('session_id='));
    expect(await thrown(() => jwtClient().client.login())).toMatchObject({ code: 'bad_response', details: { reason: 'no_session_cookie' } });
  });
});

describe('renewing and rotating', () => {
  it('a renewal refused because another sign-in replaced the token is signed_in_elsewhere (as a result or as an error)', async () => {
    for (const reply of [rpcResult({ error: 'Refresh Token has been changed' }), rpcError('odoo.exceptions.AccessDenied', 'refresh token has been CHANGED')]) {
      const { client, secrets } = jwtClient();
      await client.login();
      clock.advance(61_000);
      answer('/api/update/access-token', reply);
      const e = await thrown(() => client.checkSession());
      expect(e).toMatchObject({ code: 'signed_in_elsewhere', details: { odooMessage: 'Refresh Token has been changed' } });
      expect(secrets.values.has('jwt-refresh')).toBe(false);
      proxy.override = null;
    }
  });

  it('a renewal without an access token, or a rotation without a refresh token, is bad_response', async () => {
    const { client } = jwtClient();
    await client.login();
    clock.advance(61_000);
    changeResult('/api/update/access-token', () => ({ status: 'ok' }));
    expect(await thrown(() => client.checkSession())).toMatchObject({ code: 'bad_response' });
    proxy.rewrite = null;
    clock.advance(2_700_000);
    changeResult('/api/update/refresh-token', () => ({ status: 'done', refreshToken: 1 }));
    expect(await thrown(() => client.checkSession())).toMatchObject({ code: 'bad_response' });
  });

  it('a rotation the module refuses in its result is read like any refusal', async () => {
    const { client, secrets } = jwtClient();
    await client.login();
    clock.advance(2_760_000);
    answer('/api/update/refresh-token', rpcResult({ error: 'Refresh Token has been changed' }));
    expect(await thrown(() => client.checkSession())).toMatchObject({ code: 'signed_in_elsewhere' });
    expect(secrets.values.has('jwt-refresh')).toBe(false);
  });
});

describe('revoking', () => {
  it('a revocation the module does not confirm is bad_response', async () => {
    const { client } = jwtClient();
    await client.login();
    changeResult('/api/revoke/token', () => ({ status: 'done' }));
    expect(await thrown(() => client.logout())).toMatchObject({ code: 'bad_response' });
  });

  it.each([
    ['expired', 'Refresh Token has been expired'],
    ['revoked', 'Token has been revoked => User Logged out, Please Log in again'],
  ])('a refresh token already %s needs nothing more', async (_label, message) => {
    const { client, secrets } = jwtClient();
    await client.login();
    answer('/api/revoke/token', rpcError('odoo.exceptions.AccessDenied', message));
    await client.logout();
    expect(secrets.values.has('jwt-refresh')).toBe(false);
  });

  it('any other refusal is reported, and the refresh token is kept to try again', async () => {
    const { client, secrets } = jwtClient();
    await client.login();
    answer('/api/revoke/token', rpcError('odoo.exceptions.AccessDenied', 'Invalid access, No token provided'));
    expect(await thrown(() => client.logout())).toMatchObject({ code: 'auth_failed' });
    expect(secrets.values.has('jwt-refresh')).toBe(true);
  });
});
