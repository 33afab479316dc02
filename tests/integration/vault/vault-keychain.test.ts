import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../../main/core/errors.js';
import { ProfileStore } from '../../../main/core/profiles/profile-store.js';
import { createKeytarKeychain } from '../../../main/core/secrets/keytar-keychain.js';
import type { Keychain } from '../../../main/core/secrets/keychain.js';
import { SECRET_KINDS } from '../../../main/core/secrets/types.js';
import { FakePresence } from '../../support/fakes.js';
import { median, parseWrappedKey, WRAPPED_KEY_ITEM } from '../../../main/core/vault/kdf.js';
import { createFileThrottleStore } from '../../../main/core/vault/throttle.js';
import { PRESENCE_KEY_ITEM, Vault } from '../../../main/core/vault/vault.js';
import { purgeService, rawItems, requireKeychain, uniqueService } from '../../support/keychain.js';

const cheap = { N: 2 ** 12, r: 8, p: 1 };
const PASS = 'integration passphrase';
const services: string[] = [];
const dirs: string[] = [];

beforeAll(requireKeychain);
afterEach(async () => {
  for (const s of services.splice(0)) await purgeService(s);
  for (const d of dirs.splice(0)) await rm(d, { recursive: true, force: true });
});
afterAll(async () => {
  for (const s of services.splice(0)) await purgeService(s);
});

async function setup(options: { presence?: FakePresence; scrypt?: typeof cheap | null } = {}) {
  const service = uniqueService('vault');
  services.push(service);
  const dir = await mkdtemp(join(tmpdir(), 'oc-vault-'));
  dirs.push(dir);
  const keychain: Keychain = createKeytarKeychain({ service });
  const profiles = await ProfileStore.open(dir);
  const make = () =>
    new Vault({
      keychain,
      profiles,
      throttle: createFileThrottleStore(dir),
      presence: options.presence ?? new FakePresence('none', false),
      ...(options.scrypt === null ? {} : { scryptParams: options.scrypt ?? cheap }),
    });
  return { service, keychain, profiles, make, vault: make() };
}

async function code(p: Promise<unknown>): Promise<string> {
  return p.then(
    () => 'ok',
    (e: unknown) => (e instanceof AppError ? e.code : Promise.reject(e)),
  );
}

const profile = (id: string) => ({
  id,
  label: id,
  origin: 'https://erp.example.com',
  insecure: false,
  database: 'db',
  login: 'me@example.com',
  authMethod: 'password' as const,
  transport: 'auto' as const,
  pins: [],
  trustSelfSigned: false,
  serverVersion: null,
  createdAt: 1,
  lastUsedAt: null,
  certificateValidTo: null,
});

const CANARIES = {
  password: 'CANARY-pw-5f1e9c',
  'api-key': 'CANARY-apikey-0b77d2',
  session: 'CANARY-sid-8a3b41',
  'jwt-refresh': 'CANARY-jwt-c9d0e2',
  'totp-device': 'CANARY-totp-71aa3f',
  'device-key': 'CANARY-devkey-3e4f5a',
} as const;

describe('vault on the real keychain', () => {
  it('stores, reads and deletes every kind of secret; a raw dump shows no plaintext', async () => {
    const { service, vault, make, profiles } = await setup();
    await vault.create({ passphrase: PASS });
    await profiles.save(profile('acme')); // secrets of no profile are swept at unlock
    const s = vault.secretsFor('acme');
    for (const kind of SECRET_KINDS) await s.set(kind, CANARIES[kind]);
    for (const kind of SECRET_KINDS) expect(await s.get(kind)).toBe(CANARIES[kind]);

    const raw = await rawItems(service);
    expect(raw.map((i) => i.account).sort()).toEqual([...SECRET_KINDS.map((k) => `acme/${k}`), 'vault/wrapped-key'].sort());
    const dump = JSON.stringify(raw);
    for (const c of Object.values(CANARIES)) {
      expect(dump).not.toContain(c);
      expect(dump).not.toContain(Buffer.from(c).toString('base64'));
      expect(dump).not.toContain(Buffer.from(c).toString('hex'));
    }
    expect(dump).not.toContain(PASS);
    for (const item of raw.filter((i) => i.account !== 'vault/wrapped-key')) expect(item.value).toMatch(/^v1\./);

    // Another process start reads them back after unlocking.
    vault.lock();
    const again = make();
    expect(await code(again.secretsFor('acme').get('password'))).toBe('locked');
    await again.unlockWithPassphrase(PASS);
    expect(await again.secretsFor('acme').get('session')).toBe(CANARIES.session);
    await again.secretsFor('acme').set('session', null);
    expect(await again.secretsFor('acme').get('session')).toBeNull();
    expect((await rawItems(service)).some((i) => i.account === 'acme/session')).toBe(false);
  });

  it('forgets a profile: its keychain items and its metadata', async () => {
    const { service, vault, profiles } = await setup();
    await vault.create({ passphrase: PASS });
    await profiles.save(profile('one'));
    await profiles.save(profile('two'));
    await vault.secretsFor('one').update({ password: 'a', session: 'b' });
    await vault.secretsFor('two').set('password', 'c');
    await vault.forgetProfile('one');
    expect(profiles.list().map((p) => p.id)).toEqual(['two']);
    expect((await rawItems(service)).map((i) => i.account).sort()).toEqual(['two/password', 'vault/wrapped-key']);
    expect(await vault.storedKinds('two')).toEqual(['password']);
  });

  it('resets: every secret goes, profile metadata stays', async () => {
    const presence = new FakePresence('touch-id', true);
    const { service, vault, profiles } = await setup({ presence });
    await vault.create({ passphrase: PASS, enablePresence: true });
    await profiles.save(profile('one'));
    await vault.secretsFor('one').update({ password: 'a', 'api-key': 'b' });
    expect((await rawItems(service)).length).toBe(4);
    const st = await vault.reset();
    expect(st).toMatchObject({ state: 'uninitialized', presence: { enabled: false } });
    expect(await rawItems(service)).toEqual([]);
    expect(profiles.list().map((p) => p.id)).toEqual(['one']);
  });

  it('wrong passphrase: refused, counted, persisted, and nothing wiped', async () => {
    const { service, vault, make, profiles } = await setup();
    await vault.create({ passphrase: PASS });
    await profiles.save(profile('one'));
    await vault.secretsFor('one').set('password', 'keep');
    vault.lock();
    const before = await rawItems(service);
    for (let i = 0; i < 3; i += 1) expect(await code(vault.unlockWithPassphrase('not it'))).toBe('wrong_passphrase');
    expect(vault.state).toBe('locked');
    expect(await rawItems(service)).toEqual(before);
    expect((await make().status()).failedAttempts).toBe(3);
    await vault.unlockWithPassphrase(PASS);
    expect(await vault.secretsFor('one').get('password')).toBe('keep');
  });

  it('presence on/off: the presence item exists only while it is on', async () => {
    const presence = new FakePresence('windows-hello', true);
    const { service, vault, profiles } = await setup({ presence });
    const has = async () => (await rawItems(service)).some((i) => i.account === PRESENCE_KEY_ITEM);
    await vault.create({ passphrase: PASS });
    await profiles.save(profile('one'));
    await vault.secretsFor('one').set('api-key', CANARIES['api-key']);
    expect(await has()).toBe(false);
    expect((await vault.setPresence(true)).presence.enabled).toBe(true);
    expect(await has()).toBe(true);
    vault.lock();
    await vault.unlockWithPresence();
    expect(await vault.secretsFor('one').get('api-key')).toBe(CANARIES['api-key']);
    expect((await vault.setPresence(false)).presence.enabled).toBe(false);
    expect(await has()).toBe(false);
    vault.lock();
    expect(await code(vault.unlockWithPresence())).toBe('presence_unavailable');
    expect(JSON.stringify(await rawItems(service))).not.toContain(CANARIES['api-key']);
  });

  it('calibrates scrypt on this machine: an unlock takes 250 ms – 1 s', async () => {
    const { vault, keychain } = await setup({ scrypt: null });
    await vault.create({ passphrase: PASS });
    const wrapped = parseWrappedKey((await keychain.get(WRAPPED_KEY_ITEM)) ?? '');
    expect(wrapped.N).toBeGreaterThanOrEqual(2 ** 15);
    const times: number[] = [];
    for (let i = 0; i < 3; i += 1) {
      vault.lock();
      const t0 = performance.now();
      await vault.unlockWithPassphrase(PASS);
      times.push(performance.now() - t0);
    }
    const ms = median(times);
    console.info(`real unlock, calibrated N=2^${Math.log2(wrapped.N)}: median ${ms.toFixed(0)} ms of [${times.map((t) => t.toFixed(0)).join(', ')}]`);
    // The lower bound is the security budget; the upper one is generous for a loaded CI machine.
    expect(ms).toBeGreaterThanOrEqual(150);
    expect(ms).toBeLessThan(3000);
  });
});
