// Odoo sessions with real clients against the Odoo test server over pinned TLS: a client
// asks Odoo its version only when the profile does not know it (and the profile keeps what
// it learns), every new connection reports the server's certificate for its profile, and
// a change of pins takes effect on the next call — no connection made under the old pins
// is used again.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { isAppError } from '../../../main/core/errors.js';
import { spkiPin, type LeafCertificateEvent } from '../../../main/core/net/index.js';
import { ProfileStore, type ProfileRecord } from '../../../main/core/profiles/profile-store.js';
import { createMemoryKeychain } from '../../../main/core/secrets/memory-keychain.js';
import { OdooSessions } from '../../../main/core/services/odoo-sessions.js';
import { FakeClock } from '../../support/fakes.js';
import { Vault } from '../../../main/core/vault/vault.js';
import { startOdooServer, type OdooTestServer } from '../../support/odoo-server/index.js';
import { thrown } from '../odoo/fixture.js';

const backupPin = (): string => `sha256/${randomBytes(32).toString('base64')}`;
let odoo: OdooTestServer;
let dir: string;
let store: ProfileStore;
let vault: Vault;
let sessions: OdooSessions;
const certificates: [string, LeafCertificateEvent][] = [];

function record(id: string, over: Partial<ProfileRecord> = {}): ProfileRecord {
  return {
    id, label: id, origin: odoo.origin, insecure: false, database: odoo.database, login: 'demo', authMethod: 'api-key', transport: 'auto',
    pins: [spkiPin(odoo.cert!), backupPin()], trustSelfSigned: false, serverVersion: null, createdAt: 1, lastUsedAt: null, certificateValidTo: null, ...over,
  };
}

beforeAll(async () => {
  odoo = await startOdooServer({ version: 17 });
  dir = mkdtempSync(join(tmpdir(), 'companion-sessions-'));
  store = await ProfileStore.open(dir);
  const clock = new FakeClock(Date.now());
  vault = new Vault({ keychain: createMemoryKeychain(), clock, profiles: store, scryptParams: { N: 1024, r: 8, p: 1 } });
  await vault.create({ passphrase: 'correct horse battery staple' });
  sessions = new OdooSessions({ profiles: store, vault, clock, network: { ca: [odoo.cert!] }, onCertificate: (id, e) => certificates.push([id, e]) });
});
afterEach(() => {
  sessions.dropAll();
  certificates.length = 0;
});
afterAll(async () => {
  sessions?.dropAll();
  await odoo?.stop();
  rmSync(dir, { recursive: true, force: true });
});

async function profile(id: string, over: Partial<ProfileRecord> = {}): Promise<string> {
  await store.save(record(id, over));
  await vault.secretsFor(id).set('api-key', odoo.user('demo').apiKey);
  return id;
}
const paths = (from: number): string[] => odoo.requests.slice(from).map((r) => r.path);

describe('Odoo sessions against a server', () => {
  it('a profile that knows the server version asks no version first; one that does not learns it and keeps it', async () => {
    const known = await profile('p-known', { serverVersion: '17.0' });
    let from = odoo.requests.length;
    await sessions.client(known).searchCount('res.partner', []);
    expect(paths(from)).not.toContain('/web/webclient/version_info');

    const unknown = await profile('p-unknown');
    from = odoo.requests.length;
    await sessions.client(unknown).searchCount('res.partner', []);
    expect(paths(from)).toContain('/web/webclient/version_info');
    await expect.poll(() => store.get(unknown)?.serverVersion).toBe('17.0');
  });

  it('reports the server certificate of each new connection, for its profile', async () => {
    const id = await profile('p-certificate', { serverVersion: '17.0' });
    await sessions.client(id).searchCount('res.partner', []);
    expect(certificates.length).toBeGreaterThan(0);
    for (const [profileId, event] of certificates) {
      expect(profileId).toBe(id);
      expect(event.certificate.pin).toBe(spkiPin(odoo.cert!));
    }
  });

  it('new pins take effect on the next call: a connection made under the old pins is not used again', async () => {
    const id = await profile('p-repinned', { serverVersion: '17.0' });
    const client = sessions.client(id);
    await client.searchCount('res.partner', []);
    await store.update(id, { pins: [backupPin(), backupPin()] });
    const connections = odoo.connections;
    const from = odoo.requests.length;
    expect(isAppError(await thrown(() => sessions.client(id).searchCount('res.partner', [])), 'tls_pin_mismatch')).toBe(true);
    // A new connection, refused before any request: the old, verified one was not reused.
    expect(odoo.connections).toBeGreaterThan(connections);
    expect(odoo.requests.length).toBe(from);
    await store.update(id, { pins: [spkiPin(odoo.cert!), backupPin()] });
    expect(await sessions.client(id).searchCount('res.partner', [])).toBeGreaterThan(0);
  });

  it('locking drops every client: after unlock a profile reconnects', async () => {
    const id = await profile('p-lock', { serverVersion: '17.0' });
    await sessions.client(id).searchCount('res.partner', []);
    sessions.markActive(id);
    vault.lock('manual');
    expect(sessions.isActive(id)).toBe(false);
    expect(isAppError(await thrown(async () => sessions.client(id)), 'locked')).toBe(true);
    await vault.unlockWithPassphrase('correct horse battery staple');
    const handshakes = odoo.handshakes;
    await sessions.client(id).searchCount('res.partner', []);
    expect(odoo.handshakes).toBeGreaterThan(handshakes);
  });
});
