// The real-Odoo tier's harness, proved through the product's core and its IPC dispatcher:
// the version probe over the TLS front, an API-key profile over JSON-RPC finding a seeded
// partner, a web session that opens the web client; and the helpers tests act with.
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Profile } from '../../contract/index.js';
import { ok, startCore, type CoreHarness } from '../support/core-harness.js';
import { BROWSER_UA } from '../../main/core/odoo/index.js';
import { describeRealOdoo, frontPins, jsonRpc, killSessions, rawRequest, totpCode, trustFront, user, webLogin } from '../support/real-odoo/index.js';

describeRealOdoo('real Odoo 17 behind the TLS front', (odoo) => {
  let h: CoreHarness;

  beforeAll(async () => {
    h = await startCore({ network: trustFront() });
    await ok(h.core, 'vault:create', { passphrase: 'correct horse battery staple', enablePresence: false });
  });
  afterAll(async () => {
    await h?.close();
  });

  it('the probe sees Odoo 17, its one database, the front certificate and odoo_jwt', async () => {
    const probe = await ok<{
      version: { major: number; series: string };
      databases: string[] | null;
      tls: { chain: { pin: string }[] } | null;
      jwtModule: boolean;
    }>(h.core, 'profiles:probe', { url: `${odoo.origin}/web/login` });
    expect(probe.version).toMatchObject({ major: 17, series: '17.0' });
    expect(probe.databases).toEqual([odoo.database]);
    expect(probe.tls?.chain[0]?.pin).toBe(frontPins()[0]);
    expect(probe.jwtModule).toBe(true);
  });

  it('an API-key profile (JSON-RPC) tests, saves, and its search finds a seeded partner', async () => {
    const demo = user('demo');
    const draft = {
      label: 'Real Odoo (API key)',
      url: odoo.origin,
      database: odoo.database,
      login: demo.login,
      authMethod: 'api-key' as const,
      transport: 'jsonrpc' as const,
      pins: frontPins(),
      trustSelfSigned: false,
    };
    const tested = await ok(h.core, 'profiles:testConnection', { ...draft, secret: demo.apiKey });
    expect(tested).toMatchObject({ status: 'ok', identity: { uid: demo.uid, name: demo.name } });
    const profile = await ok<Profile>(h.core, 'profiles:save', { ...draft, secret: demo.apiKey });
    const seeded = odoo.partners[1]!;
    const groups = await ok<{ model: string; hits: { id: number; name: string }[] }[]>(h.core, 'odoo:search', {
      profileId: profile.id,
      query: seeded.name,
    });
    expect(groups.find((g) => g.model === 'res.partner')?.hits).toContainEqual(expect.objectContaining({ id: seeded.id, name: seeded.name }));
  });

  it('a session cookie from /web/session/authenticate opens the web client, not the login page', async () => {
    const cookie = await webLogin('admin');
    const web = await rawRequest('GET', '/web', { headers: { cookie } });
    expect(web.status).toBe(200);
    expect(web.text).toContain('odoo.__session_info__');
    expect(web.text).not.toContain('oe_login_form');
    // Without the cookie Odoo sends the browser to its login page, on the front's origin
    // (X-Forwarded-Host/Proto reach Odoo's --proxy-mode).
    const anonymous = await rawRequest('GET', '/web');
    expect(anonymous.status).toBe(303);
    expect(String(anonymous.headers.location)).toMatch(/\/web\/login/);
  });

  it('helpers act on the server: sessions killed in odoo-bin shell are gone, the TOTP code is accepted', async () => {
    const cookie = await webLogin('demo');
    expect((await jsonRpc('/web/session/get_session_info', {}, { cookie })).json).toMatchObject({ result: { uid: user('demo').uid } });
    expect(await killSessions('demo')).toBeGreaterThan(0);
    expect((await jsonRpc('/web/session/get_session_info', {}, { cookie })).json).toMatchObject({
      error: { data: { name: 'odoo.http.SessionExpiredException' } },
    });

    const totp = user('totp');
    const half = await jsonRpc('/web/session/authenticate', { db: odoo.database, login: totp.login, password: totp.password });
    expect(half.json).toMatchObject({ result: { uid: null } });
    const headers = { cookie: half.cookies.session_id!, 'user-agent': BROWSER_UA };
    const form = await rawRequest('GET', '/web/login/totp', { headers });
    const csrf = /name="csrf_token" value="([^"]+)"/.exec(form.text)?.[1];
    expect(csrf).toBeDefined();
    const done = await rawRequest('POST', '/web/login/totp', {
      body: new URLSearchParams({ csrf_token: csrf!, totp_token: totpCode('totp') }).toString(),
      headers: { ...headers, 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(done.status).toBe(303);
    expect(done.headers.location).toMatch(/\/web$/);
    expect(done.cookies.session_id).toBeDefined();
  });
});
