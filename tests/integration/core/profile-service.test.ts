// The profile service against the Odoo test server: probing trusts exactly the chain it
// shows (a self-signed server included), a connection test keeps nothing, inspecting a
// saved profile shows the key it pins, and forgetting an "Odoo account" profile with its
// password needs Odoo to answer — an unreachable server forgets nothing, while forgetting
// on this device only still works.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isAppError } from '../../../main/core/errors.js';
import { spkiPin } from '../../../main/core/net/index.js';
import { ProfileStore } from '../../../main/core/profiles/profile-store.js';
import { createMemoryKeychain, type MemoryKeychain } from '../../../main/core/secrets/memory-keychain.js';
import { OdooSessions, type NetworkOptions } from '../../../main/core/services/odoo-sessions.js';
import { ProfileService } from '../../../main/core/services/profile-service.js';
import { FakeClock } from '../../support/fakes.js';
import { Vault } from '../../../main/core/vault/vault.js';
import { startOdooServer, type OdooTestServer } from '../../support/odoo-server/index.js';
import { thrown } from '../odoo/fixture.js';

const backupPin = (): string => `sha256/${randomBytes(32).toString('base64')}`;
let odoo: OdooTestServer;
let local: OdooTestServer;
const folders: string[] = [];

beforeAll(async () => {
  odoo = await startOdooServer({ version: 17 });
  local = await startOdooServer({ version: 18, tls: false });
});
afterAll(async () => {
  await odoo?.stop();
  await local?.stop();
  for (const f of folders) rmSync(f, { recursive: true, force: true });
});

async function setup(network: NetworkOptions) {
  const dir = mkdtempSync(join(tmpdir(), 'companion-profile-service-'));
  folders.push(dir);
  const store = await ProfileStore.open(dir);
  const clock = new FakeClock(Date.now());
  const keychain: MemoryKeychain = createMemoryKeychain();
  const vault = new Vault({ keychain, clock, profiles: store, scryptParams: { N: 1024, r: 8, p: 1 } });
  await vault.create({ passphrase: 'correct horse battery staple' });
  const sessions = new OdooSessions({ profiles: store, vault, clock, network, deviceLabel: { product: 'Odoo Companion', device: 'test' } });
  const closed: string[] = [];
  const service = new ProfileService({ profiles: store, vault, sessions, clock, network, closeWindows: async (id) => void closed.push(id) });
  return { store, keychain, vault, sessions, service, closed };
}

const draft = (login: string, authMethod: 'api-key' | 'password' | 'account', pins: string[]) => ({
  label: `${authMethod} ${login}`, url: odoo.origin, database: odoo.database, login, authMethod, transport: 'auto' as const, pins, trustSelfSigned: false,
});

describe('probing a server', () => {
  it('reads a self-signed server’s chain, says the system does not trust it, and still asks its version over exactly that chain', async () => {
    const s = await setup({});
    const items = [...s.keychain.items.keys()];
    const probe = await s.service.probe(`${odoo.origin}/web/login`);
    expect(probe).toMatchObject({ origin: odoo.origin, insecure: false, version: { major: 17 }, databases: ['companion'], jwtModule: true });
    expect(probe.tls).toMatchObject({ trustedByOs: false });
    expect(probe.tls?.chain[0]?.pin).toBe(spkiPin(odoo.cert!));
    expect([...s.keychain.items.keys()]).toEqual(items);
  });

  it('a plain-http server on this computer has no certificate to show', async () => {
    const s = await setup({});
    expect(await s.service.probe(local.origin)).toMatchObject({ origin: local.origin, insecure: true, tls: null, version: { major: 18 } });
  });
});

describe('testing, inspecting and forgetting', () => {
  let pins: string[];
  beforeAll(() => {
    pins = [spkiPin(odoo.cert!), backupPin()];
  });

  it('a connection test answers what Odoo said and keeps nothing: no secret, no profile', async () => {
    const s = await setup({ ca: [odoo.cert!] });
    const items = [...s.keychain.items.keys()];
    expect(await s.service.testConnection({ ...draft('demo', 'api-key', pins), secret: odoo.user('demo').apiKey })).toMatchObject({ status: 'ok', identity: { login: 'demo' } });
    expect(await s.service.testConnection({ ...draft('totp', 'password', pins), secret: odoo.user('totp').password })).toEqual({ status: 'totp_required' });
    expect(isAppError(await thrown(() => s.service.testConnection({ ...draft('demo', 'api-key', pins), secret: 'not-the-key' })), 'auth_failed')).toBe(true);
    expect([...s.keychain.items.keys()]).toEqual(items);
    expect(s.store.list()).toEqual([]);
  });

  it('inspecting a saved profile shows the chain the server presents now, with the pinned key first', async () => {
    const s = await setup({ ca: [odoo.cert!] });
    const p = await s.service.save(draft('demo', 'api-key', pins));
    const tls = await s.service.inspectTls(p.id);
    expect(tls.chain[0]?.pin).toBe(pins[0]);
    expect(tls.trustedByOs).toBe(true);
  });

  it('an unreachable server: forgetting with the password (revoking the key) forgets nothing; on this device only, it forgets', async () => {
    const s = await setup({ ca: [odoo.cert!] });
    const demo = odoo.user('demo');
    const p = await s.service.save({ ...draft('demo', 'account', pins), secret: demo.password });
    expect(odoo.deviceKeys('demo')).toHaveLength(1);
    const before = [...s.keychain.items.keys()].filter((k) => k.startsWith(`${p.id}/`)).sort();
    expect(before).toEqual([`${p.id}/device-key`, `${p.id}/session`]);
    await odoo.takeDown();
    try {
      expect(isAppError(await thrown(() => s.service.forget(p.id, demo.password)), 'network')).toBe(true);
      expect(s.store.get(p.id)).not.toBeNull();
      expect([...s.keychain.items.keys()].filter((k) => k.startsWith(`${p.id}/`)).sort()).toEqual(before);
      expect(s.closed).toEqual([]);
      expect(await s.service.forget(p.id)).toEqual({ revoked: false });
      expect(s.store.get(p.id)).toBeNull();
      expect([...s.keychain.items.keys()].filter((k) => k.startsWith(`${p.id}/`))).toEqual([]);
      expect(s.closed).toEqual([p.id]);
    } finally {
      await odoo.bringUp();
    }
    // The key stays valid in Odoo until removed there: forgetting here could not reach it.
    expect(odoo.deviceKeys('demo')).toHaveLength(1);
  });
});
