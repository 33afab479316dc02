// A dump of the real keychain with presence unlock on: no value in it opens a secret.
// The platform key that seals the presence copy (a Windows Hello key in the TPM, played
// here by FakePresence) is not in the keychain, so the dump holds no usable vault key.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ProfileStore } from '../../../main/core/profiles/profile-store.js';
import { createKeytarKeychain } from '../../../main/core/secrets/keytar-keychain.js';
import { openRecord } from '../../../main/core/secrets/secret-record.js';
import { FakePresence } from '../../support/fakes.js';
import { createMemoryThrottleStore } from '../../../main/core/vault/throttle.js';
import { PRESENCE_KEY_ITEM, Vault } from '../../../main/core/vault/vault.js';
import { purgeService, rawItems, requireKeychain, uniqueService } from '../../support/keychain.js';

const service = uniqueService('dump');
let dir = '';
beforeAll(async () => {
  await requireKeychain();
  dir = await mkdtemp(join(tmpdir(), 'oc-dump-'));
});
afterAll(async () => {
  await purgeService(service);
  await rm(dir, { recursive: true, force: true });
});

/** Every 32-byte value a dump holds in base64, base64url or hex, at any nesting (JSON strings too). */
function candidateKeys(dump: string): Buffer[] {
  const out: Buffer[] = [];
  for (const m of dump.matchAll(/[A-Za-z0-9+/_=-]{40,}/g)) {
    for (const part of m[0].split(/[._]/).concat(m[0])) {
      for (const enc of ['base64', 'base64url', 'hex'] as const) {
        const b = Buffer.from(part, enc);
        if (b.length === 32) out.push(b);
      }
    }
  }
  return out;
}

describe('keychain dump with presence unlock on', () => {
  it('finds no value that decrypts a stored secret', async () => {
    const profiles = await ProfileStore.open(dir);
    const vault = new Vault({
      keychain: createKeytarKeychain({ service }),
      profiles,
      throttle: createMemoryThrottleStore(),
      presence: new FakePresence('windows-hello', true),
      scryptParams: { N: 2 ** 10, r: 8, p: 1 },
    });
    await vault.create({ passphrase: 'integration passphrase', enablePresence: true });
    expect((await vault.status()).presence.enabled).toBe(true);
    await profiles.save({
      id: 'acme',
      label: 'acme',
      origin: 'https://erp.example.com',
      insecure: false,
      database: 'db',
      login: 'me',
      authMethod: 'api-key',
      transport: 'auto',
      pins: [],
      trustSelfSigned: false,
      serverVersion: null,
      createdAt: 1,
      lastUsedAt: null,
      certificateValidTo: null,
    });
    await vault.secretsFor('acme').set('api-key', 'CANARY-dump-api-key');

    const items = await rawItems(service);
    expect(items.some((i) => i.account === PRESENCE_KEY_ITEM)).toBe(true);
    const record = items.find((i) => i.account === 'acme/api-key')!;
    const dump = JSON.stringify(items);
    const keys = candidateKeys(dump);
    expect(keys.length).toBeGreaterThan(0); // the search does find 32-byte values (IVs, challenges, ...)
    for (const key of keys) expect(() => openRecord(key, 'acme/api-key', record.value)).toThrow();

    // Presence unlock still works: the platform key opens the seal.
    vault.lock();
    await vault.unlockWithPresence();
    expect(await vault.secretsFor('acme').get('api-key')).toBe('CANARY-dump-api-key');
  });
});
