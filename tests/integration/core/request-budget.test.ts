// Requests per action, counted at the server: one sign-in at a time per profile, the known
// server version handed to the client, and quick search's five parallel model searches
// sharing one login. Every figure here is what the person's Odoo pays for one action.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Profile } from '../../../contract/index.js';
import { FakeClock } from '../../support/fakes.js';
import { ok, pinsFor, startCore, type CoreHarness } from '../../support/core-harness.js';
import { requireKeychain } from '../../support/keychain.js';
import { startOdooServer, type OdooTestServer } from '../../support/odoo-server/index.js';

const PASSPHRASE = 'correct horse battery staple';
let odoo: OdooTestServer;
let h: CoreHarness;
let pins: string[];
const clock = new FakeClock(Date.now());

beforeAll(async () => {
  await requireKeychain();
  odoo = await startOdooServer({ version: 17 });
  h = await startCore({ keychain: 'os', network: { ca: [odoo.cert!] }, clock });
  await ok(h.core, 'vault:create', { passphrase: PASSPHRASE, enablePresence: false });
  pins = await pinsFor(h.core, odoo.origin);
});

afterAll(async () => {
  await h?.close();
  await odoo?.stop();
});

async function save(authMethod: 'api-key' | 'password' | 'jwt', login: string, secret: string): Promise<Profile> {
  return ok<Profile>(h.core, 'profiles:save', {
    label: `${authMethod} ${login}`,
    url: odoo.origin,
    database: 'companion',
    login,
    authMethod,
    transport: 'auto',
    pins,
    trustSelfSigned: false,
    secret,
  });
}

async function relock(): Promise<void> {
  await ok(h.core, 'vault:lock', {});
  await ok(h.core, 'vault:unlock', { method: 'passphrase', passphrase: PASSPHRASE });
}

/** The paths the server saw while `action` ran. */
async function counted(action: () => Promise<unknown>): Promise<string[]> {
  const before = odoo.requests.length;
  await action();
  return odoo.requests.slice(before).map((r) => r.path);
}

const search = (profileId: string) => ok(h.core, 'odoo:search', { profileId, query: 'Azure' });
const count = (paths: string[], prefix: string) => paths.filter((p) => p.startsWith(prefix)).length;

describe('requests per action, counted at the server', () => {
  it('API key: the first quick search after unlock costs one key check and five searches (version known)', async () => {
    const p = await save('api-key', 'admin', odoo.user('admin').apiKey);
    await search(p.id); // learns the server version, kept on the profile
    await expect.poll(() => h.core.profiles.get(p.id)?.serverVersion).toBe('17.0');
    await relock();
    const paths = await counted(() => search(p.id));
    expect(count(paths, '/web/webclient/version_info')).toBe(0);
    expect(paths.filter((x) => x === '/jsonrpc')).toHaveLength(6);
    expect(paths.length).toBeLessThanOrEqual(6);
  });

  it('password, live session: five searches and nothing else', async () => {
    const p = await save('password', 'admin', odoo.user('admin').password);
    await ok(h.core, 'odoo:login', { profileId: p.id });
    await relock(); // the session is kept in the vault; Odoo has not confirmed it since
    const paths = await counted(() => search(p.id));
    expect(paths).toHaveLength(5);
    expect(count(paths, '/web/dataset/call_kw')).toBe(5);
  });

  it('password, session expired while confirmed moments ago: still one login for the five searches', async () => {
    const p = await save('password', 'admin', odoo.user('admin').password);
    await ok(h.core, 'odoo:login', { profileId: p.id });
    odoo.expireSessions();
    const paths = await counted(() => search(p.id));
    expect(count(paths, '/web/session/authenticate')).toBe(1);
    expect(count(paths, '/web/dataset/call_kw')).toBe(10); // five refused, five on the new session
  });

  it('password, expired session: exactly one login for the five parallel searches', async () => {
    const p = await save('password', 'demo', odoo.user('demo').password);
    await ok(h.core, 'odoo:login', { profileId: p.id });
    odoo.expireSessions();
    clock.jumpWall(5 * 60_000); // the person comes back later
    const paths = await counted(() => search(p.id));
    expect(count(paths, '/web/session/authenticate')).toBe(1);
    // One search learns that the session ended; then the five run on the new one.
    expect(count(paths, '/web/dataset/call_kw')).toBe(6);
    expect(count(paths, '/web/webclient/version_info')).toBeLessThanOrEqual(1);
  });

  it('two-factor user with a trusted device: a re-login costs at most three requests, and no code', async () => {
    const p = await save('password', 'totp', odoo.user('totp').password);
    expect(await ok(h.core, 'odoo:login', { profileId: p.id })).toEqual({ status: 'totp_required' });
    await ok(h.core, 'odoo:submitTotp', { profileId: p.id, code: odoo.totpCode('totp'), trustDevice: true });
    odoo.expireSessions();
    clock.jumpWall(5 * 60_000);
    const paths = await counted(() => search(p.id));
    const login = paths.filter((x) => !x.startsWith('/web/dataset/call_kw'));
    expect(login.length).toBeLessThanOrEqual(3);
    expect(count(paths, '/web/session/authenticate')).toBe(1);
  });

  it('JWT: one /api/authenticate for the five parallel searches after unlock', async () => {
    const p = await save('jwt', 'demo', odoo.user('demo').password);
    await relock();
    const paths = await counted(() => search(p.id));
    expect(count(paths, '/api/authenticate')).toBe(1);
    expect(count(paths, '/web/dataset/call_kw')).toBe(5);
  });
});

describe('sessions kept in memory only', () => {
  it("locking ends a JWT profile's web session in Odoo", async () => {
    const p = await save('jwt', 'admin', odoo.user('admin').password);
    await ok(h.core, 'odoo:open', { profileId: p.id });
    const sid = h.shell.opened.at(-1)!.cookies.find((c) => c.name === 'session_id')!.value;
    const before = odoo.requests.length;
    await ok(h.core, 'vault:lock', {});
    // Every JWT profile's session is ended; this one's among them.
    await expect
      .poll(() => odoo.requests.slice(before).filter((r) => r.path === '/web/session/destroy').map((r) => String(r.headers.cookie)))
      .toContainEqual(`session_id=${sid}`);
    await ok(h.core, 'vault:unlock', { method: 'passphrase', passphrase: PASSPHRASE });
  });
});
