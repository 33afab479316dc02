import { describe, expect, it } from 'vitest';
import { AppError, isAppError } from '../../../../main/core/errors.js';
import { createMemoryKeychain, unavailableKeychainError } from '../../../../main/core/secrets/memory-keychain.js';
import { FakeClock, FakePresence } from '../../../support/fakes.js';
import { createMemoryThrottleStore } from '../../../../main/core/vault/throttle.js';
import { PRESENCE_KEY_ITEM, Vault } from '../../../../main/core/vault/vault.js';

const cheap = { N: 2 ** 10, r: 8, p: 1 };
const PASS = 'correct horse battery';

function setup(options: { presence?: FakePresence; removed?: string[] } = {}) {
  const keychain = createMemoryKeychain();
  const clock = new FakeClock();
  const throttle = createMemoryThrottleStore();
  const removed = options.removed ?? [];
  const make = () =>
    new Vault({
      keychain,
      clock,
      throttle,
      scryptParams: cheap,
      presence: options.presence ?? new FakePresence('none', false),
      profiles: { remove: async (id) => (removed.push(id), id !== 'ghost') },
    });
  return { keychain, clock, throttle, vault: make(), make, removed };
}

async function code(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    if (e instanceof AppError) return e.code;
    throw e;
  }
  return 'ok';
}

function privateKey(v: Vault): Buffer | null {
  return (v as unknown as { key: Buffer | null }).key;
}

describe('Vault lifecycle', () => {
  it('starts locked; uninitialized until created; secrets need the vault', async () => {
    const { vault } = setup();
    expect(vault.state).toBe('locked');
    expect(await vault.status()).toEqual({
      state: 'uninitialized',
      presence: { available: false, enabled: false, kind: 'none' },
      retryAt: null,
      failedAttempts: 0,
    });
    expect(await code(vault.secretsFor('p1').get('password'))).toBe('vault_not_initialized');
    expect(await code(vault.unlockWithPassphrase(PASS))).toBe('vault_not_initialized');
  });

  it('creates, stores encrypted secrets, locks and unlocks; a restart starts locked', async () => {
    const { vault, keychain, make } = setup();
    const unlocked: unknown[] = [];
    vault.on('unlocked', (e) => unlocked.push(e));
    expect((await vault.create({ passphrase: PASS })).state).toBe('unlocked');
    expect(unlocked).toHaveLength(1);
    expect(await code(vault.create({ passphrase: PASS }))).toBe('vault_exists');

    const s = vault.secretsFor('p1');
    await s.set('password', 'canary-pw-1');
    expect(await s.get('password')).toBe('canary-pw-1');
    expect(await s.get('api-key')).toBeNull();
    expect([...keychain.items.values()].join('\n')).not.toContain('canary-pw-1');
    expect(keychain.items.get('p1/password')).toMatch(/^v1\./);

    expect(vault.lock('manual')).toBe(true);
    expect(await code(s.get('password'))).toBe('locked');
    expect(await code(s.set('password', 'x'))).toBe('locked');
    expect(await code(s.set('password', null))).toBe('locked');

    const restarted = make();
    expect(restarted.state).toBe('locked');
    expect((await restarted.status()).state).toBe('locked');
    await restarted.unlockWithPassphrase(PASS);
    expect(await restarted.secretsFor('p1').get('password')).toBe('canary-pw-1');
  });

  it('locking zeroes the vault key and cached secrets, runs drop hooks and tells listeners', async () => {
    const { vault } = setup();
    await vault.create({ passphrase: PASS });
    await vault.secretsFor('p1').set('session', 'sid-canary');
    await vault.secretsFor('p1').get('session');
    const key = privateKey(vault) as Buffer;
    const cache = (vault as unknown as { cache: Map<string, Buffer> }).cache;
    const cached = [...cache.values()];
    expect(key.some((b) => b !== 0)).toBe(true);
    expect(cached.length).toBeGreaterThan(0);

    const log: string[] = [];
    vault.onLock(() => log.push('drop session ids'));
    vault.onLock(() => {
      throw new Error('a broken hook');
    });
    vault.onLock(() => log.push('drop tokens'));
    vault.on('locked', (e) => log.push(`locked:${e.reason}`));
    vault.lock('idle');
    expect(key.every((b) => b === 0)).toBe(true);
    for (const c of cached) expect(c.every((b) => b === 0)).toBe(true);
    expect(cache.size).toBe(0);
    expect(privateKey(vault)).toBeNull();
    expect(log).toEqual(['drop session ids', 'drop tokens', 'locked:idle']);
    // A second lock is harmless and silent.
    expect(vault.lock('manual')).toBe(false);
    expect(log.filter((l) => l.startsWith('locked'))).toHaveLength(1);
  });

  it('a lock while an unlock is in flight wins', async () => {
    const { vault } = setup();
    await vault.create({ passphrase: PASS });
    vault.lock();
    const pending = vault.unlockWithPassphrase(PASS);
    vault.lock('screen-lock');
    expect(await code(pending)).toBe('locked');
    expect(vault.state).toBe('locked');
  });

  it('a lock while a secret read is in flight: the read fails and nothing is cached', async () => {
    const { vault } = setup();
    await vault.create({ passphrase: PASS });
    await vault.secretsFor('p1').set('password', 'pw');
    vault.lock();
    await vault.unlockWithPassphrase(PASS);
    const read = vault.secretsFor('p1').get('password');
    vault.lock('suspend');
    expect(await code(read)).toBe('locked');
    expect((vault as unknown as { cache: Map<string, Buffer> }).cache.size).toBe(0);
  });

  it('changes the passphrase by re-wrapping the key only', async () => {
    const { vault, keychain } = setup();
    await vault.create({ passphrase: PASS });
    await vault.secretsFor('p1').set('api-key', 'k-canary');
    const record = keychain.items.get('p1/api-key');
    const before = keychain.items.get('vault/wrapped-key');
    expect(await code(vault.changePassphrase({ current: 'nope', next: 'new passphrase' }))).toBe('wrong_passphrase');
    expect(keychain.items.get('vault/wrapped-key')).toBe(before);
    await vault.changePassphrase({ current: PASS, next: 'new passphrase' });
    expect(keychain.items.get('vault/wrapped-key')).not.toBe(before);
    expect(keychain.items.get('p1/api-key')).toBe(record);
    expect(vault.state).toBe('unlocked');
    vault.lock();
    expect(await code(vault.unlockWithPassphrase(PASS))).toBe('wrong_passphrase');
    await vault.unlockWithPassphrase('new passphrase');
    expect(await vault.secretsFor('p1').get('api-key')).toBe('k-canary');
  });

  it('a failed passphrase change keeps the old wrapped key', async () => {
    const { vault, keychain } = setup();
    await vault.create({ passphrase: PASS });
    const before = keychain.items.get('vault/wrapped-key');
    keychain.failWith(unavailableKeychainError(), { operations: ['set'] });
    expect(await code(vault.changePassphrase({ current: PASS, next: 'new passphrase' }))).toBe('keychain_unavailable');
    keychain.failWith(null);
    expect(keychain.items.get('vault/wrapped-key')).toBe(before);
    vault.lock();
    await vault.unlockWithPassphrase(PASS);
  });

  it('batch updates write new values before deleting old ones', async () => {
    const { vault, keychain } = setup();
    await vault.create({ passphrase: PASS });
    const s = vault.secretsFor('p1');
    await s.update({ password: 'old-pw', session: 'old-sid' });
    const ops: string[] = [];
    const origSet = keychain.set.bind(keychain);
    const origDelete = keychain.delete.bind(keychain);
    keychain.set = async (a, v) => (ops.push(`set ${a}`), origSet(a, v));
    keychain.delete = async (a) => (ops.push(`delete ${a}`), origDelete(a));
    await s.update({ password: null, session: null, 'api-key': 'new-key' });
    expect(ops).toEqual(['set p1/api-key', 'delete p1/password', 'delete p1/session']);
    // A failing write leaves everything that was there.
    keychain.failWith(unavailableKeychainError(), { operations: ['set'] });
    expect(await code(s.update({ 'api-key': null, password: 'pw2' }))).toBe('keychain_unavailable');
    keychain.failWith(null);
    expect(await s.get('api-key')).toBe('new-key');
  });

  it('forgets a profile: its items and its metadata; other profiles and the vault stay', async () => {
    const { vault, keychain, removed } = setup();
    await vault.create({ passphrase: PASS });
    await vault.secretsFor('p1').update({ password: 'a', session: 'b' });
    await vault.secretsFor('p2').set('password', 'c');
    expect(await vault.storedKinds('p1')).toEqual(['password', 'session']);
    await vault.forgetProfile('p1');
    expect(removed).toEqual(['p1']);
    expect([...keychain.items.keys()].sort()).toEqual(['p2/password', 'vault/wrapped-key']);
    expect(await vault.secretsFor('p1').get('password')).toBeNull();
    expect(await code(vault.forgetProfile('ghost'))).toBe('profile_not_found');
    expect(await code(vault.forgetProfile('vault'))).toBe('invalid_input');
  });

  it('resets: every secret and the key go, profile metadata stays, ends uninitialized', async () => {
    const presence = new FakePresence('touch-id', true);
    const { vault, keychain, removed } = setup({ presence });
    await vault.create({ passphrase: PASS, enablePresence: true });
    await vault.secretsFor('p1').set('password', 'a');
    const events: string[] = [];
    vault.on('locked', (e) => events.push(e.reason));
    const st = await vault.reset();
    expect(st.state).toBe('uninitialized');
    expect(st.presence.enabled).toBe(false);
    expect(keychain.items.size).toBe(0);
    expect(removed).toEqual([]);
    expect(events).toEqual(['reset']);
    expect(await code(vault.secretsFor('p1').get('password'))).toBe('vault_not_initialized');
    await vault.create({ passphrase: 'another passphrase' });
    expect(await vault.secretsFor('p1').get('password')).toBeNull();
  });

  it('reports keychain failures as keychain_unavailable and loses nothing', async () => {
    const { vault, keychain } = setup();
    await vault.create({ passphrase: PASS });
    await vault.secretsFor('p1').set('password', 'keep-me');
    vault.lock();
    keychain.failWith(unavailableKeychainError());
    expect(await code(vault.unlockWithPassphrase(PASS))).toBe('keychain_unavailable');
    expect(await code(vault.reset())).toBe('keychain_unavailable');
    keychain.failWith(null);
    expect((await vault.status()).failedAttempts).toBe(0);
    await vault.unlockWithPassphrase(PASS);
    expect(await vault.secretsFor('p1').get('password')).toBe('keep-me');
  });

  it('lists stored kinds while locked without decrypting; a damaged record is refused, not returned', async () => {
    const { vault, keychain } = setup();
    await vault.create({ passphrase: PASS });
    await vault.secretsFor('p1').update({ 'api-key': 'k', 'jwt-refresh': 'r' });
    vault.lock();
    expect(await vault.storedKinds('p1')).toEqual(['api-key', 'jwt-refresh']);
    // A record copied from another item does not open (item name is associated data).
    keychain.items.set('p1/password', keychain.items.get('p1/api-key') as string);
    await vault.unlockWithPassphrase(PASS);
    const e = await vault.secretsFor('p1').get('password').catch((x: unknown) => x);
    expect(isAppError(e, 'internal')).toBe(true);
    expect(JSON.stringify(e)).not.toContain('"k"');
  });

  it('refuses bad ids, kinds and oversized secrets', async () => {
    const { vault } = setup();
    await vault.create({ passphrase: PASS });
    expect(() => vault.secretsFor('../x')).toThrow(AppError);
    expect(await code(vault.secretsFor('p1').get('token' as never))).toBe('invalid_input');
    expect(await code(vault.secretsFor('p1').set('password', 'x'.repeat(1801)))).toBe('invalid_input');
    // Bytes, not characters: 600 four-byte characters are 2400 bytes.
    expect(await code(vault.secretsFor('p1').set('password', '😀'.repeat(600)))).toBe('invalid_input');
    await vault.secretsFor('p1').set('password', 'x'.repeat(1800));
  });
});

describe('re-confirmation', () => {
  it('confirmedWithin: set by an unlock or a re-check while unlocked, cleared by a lock', async () => {
    const presence = new FakePresence('touch-id', true);
    const { vault, clock } = setup({ presence });
    await vault.create({ passphrase: PASS, enablePresence: true });
    expect(vault.confirmedWithin(60_000)).toBe(true);
    clock.jumpWall(61_000);
    expect(vault.confirmedWithin(60_000)).toBe(false);

    // A presence check while unlocked re-confirms, and is a real check.
    presence.answers.push(false);
    expect(await code(vault.unlockWithPresence())).toBe('presence_failed');
    expect(vault.confirmedWithin(60_000)).toBe(false);
    await vault.unlockWithPresence();
    expect(vault.confirmedWithin(60_000)).toBe(true);

    clock.jumpWall(61_000);
    expect(await code(vault.unlockWithPassphrase('wrong'))).toBe('wrong_passphrase');
    expect(vault.confirmedWithin(60_000)).toBe(false);
    await vault.unlockWithPassphrase(PASS);
    expect(vault.confirmedWithin(60_000)).toBe(true);

    vault.lock();
    expect(vault.confirmedWithin(60_000)).toBe(false);
  });
});

describe('presence unlock', () => {
  it('the presence item exists only while presence unlock is on', async () => {
    const presence = new FakePresence('touch-id', true);
    const { vault, keychain } = setup({ presence });
    await vault.create({ passphrase: PASS });
    expect(keychain.items.has(PRESENCE_KEY_ITEM)).toBe(false);
    vault.lock();
    expect(await code(vault.setPresence(true))).toBe('locked');
    expect(await code(vault.unlockWithPresence())).toBe('presence_unavailable');
    await vault.unlockWithPassphrase(PASS);

    presence.answers.push(false);
    expect(await code(vault.setPresence(true))).toBe('presence_failed');
    expect(keychain.items.has(PRESENCE_KEY_ITEM)).toBe(false);

    const st = await vault.setPresence(true);
    expect(st.presence).toEqual({ available: true, enabled: true, kind: 'touch-id' });
    expect(keychain.items.has(PRESENCE_KEY_ITEM)).toBe(true);
    await vault.secretsFor('p1').set('password', 'pw');
    vault.lock();

    presence.answers.push(false);
    expect(await code(vault.unlockWithPresence())).toBe('presence_failed');
    expect(vault.state).toBe('locked');
    await vault.unlockWithPresence();
    expect(await vault.secretsFor('p1').get('password')).toBe('pw');
    expect(presence.prompts.every((p) => p === 'unlock Odoo Companion')).toBe(true);

    expect((await vault.setPresence(false)).presence.enabled).toBe(false);
    expect(keychain.items.has(PRESENCE_KEY_ITEM)).toBe(false);
    vault.lock();
    expect(await code(vault.unlockWithPresence())).toBe('presence_unavailable');
  });

  it('a presence unlock clears the wrong-passphrase count', async () => {
    const presence = new FakePresence('touch-id', true);
    const { vault } = setup({ presence });
    await vault.create({ passphrase: PASS, enablePresence: true });
    vault.lock();
    for (let i = 0; i < 3; i += 1) expect(await code(vault.unlockWithPassphrase('wrong'))).toBe('wrong_passphrase');
    expect((await vault.status()).failedAttempts).toBe(3);
    await vault.unlockWithPresence();
    expect((await vault.status()).failedAttempts).toBe(0);
    expect((await vault.status()).retryAt).toBeNull();
  });

  it('presence unavailable: cannot enable; creation still succeeds when the prompt is refused', async () => {
    const presence = new FakePresence('windows-hello', false);
    const { vault, keychain } = setup({ presence });
    expect(await code(vault.create({ passphrase: PASS, enablePresence: true }))).toBe('presence_unavailable');
    expect(keychain.items.size).toBe(0);
    presence.available = true;
    presence.answers.push(false);
    const st = await vault.create({ passphrase: PASS, enablePresence: true });
    expect(st.state).toBe('unlocked');
    expect(st.presence.enabled).toBe(false);
  });
});
