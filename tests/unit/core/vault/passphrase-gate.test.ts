// The passphrase way in: throttled checks, the wrapped vault key, changing the passphrase.
import { describe, expect, it } from 'vitest';
import { createMemoryKeychain, unavailableKeychainError } from '../../../../main/core/secrets/memory-keychain.js';
import { newVaultKey, parseWrappedKey, WRAPPED_KEY_ITEM } from '../../../../main/core/vault/kdf.js';
import { PassphraseGate } from '../../../../main/core/vault/passphrase-gate.js';
import { createMemoryThrottleStore, type ThrottleState, type ThrottleStore } from '../../../../main/core/vault/throttle.js';
import { FakeClock } from '../../../support/fakes.js';
import { CHEAP_SCRYPT, code, failure, PASS, vaultSetup } from './vault-harness.js';

/** A throttle store that records every save. */
function recordingStore(initial: ThrottleState = { failedAttempts: 0, lastFailureAt: null }): ThrottleStore & { saves: ThrottleState[] } {
  const inner = createMemoryThrottleStore(initial);
  const saves: ThrottleState[] = [];
  return { saves, load: () => inner.load(), save: async (s) => (saves.push(s), inner.save(s)) };
}

function gateSetup(throttle: ThrottleStore = createMemoryThrottleStore()) {
  const keychain = createMemoryKeychain();
  const clock = new FakeClock();
  const gate = new PassphraseGate({ keychain, throttle, clock, scryptParams: CHEAP_SCRYPT });
  return { keychain, clock, gate };
}

describe('PassphraseGate', () => {
  it('answers null when no wrapped key is stored, and opens the one it stored', async () => {
    const { gate, keychain } = gateSetup();
    await gate.load();
    expect(await gate.check(PASS)).toBeNull();
    const key = newVaultKey();
    await gate.store(key, PASS);
    expect(keychain.items.get(WRAPPED_KEY_ITEM)).toMatch(/"kdf":"scrypt"/);
    expect((await gate.check(PASS))?.equals(key)).toBe(true);
    await gate.remove();
    expect(keychain.items.has(WRAPPED_KEY_ITEM)).toBe(false);
  });

  it('counts a wrong passphrase with the time of the failure, and waits from the fourth on', async () => {
    const throttle = recordingStore();
    const { gate, clock } = gateSetup(throttle);
    await gate.load();
    await gate.store(newVaultKey(), PASS);
    for (let i = 1; i <= 4; i += 1) {
      const e = await failure(gate.check('wrong'));
      expect(e.code).toBe('wrong_passphrase');
      expect(e.details).toEqual({ failedAttempts: i, retryAt: i < 4 ? null : clock.now() + 1000 });
    }
    expect(throttle.saves.at(-1)).toEqual({ failedAttempts: 4, lastFailureAt: clock.now() });
    expect(gate.status()).toEqual({ failedAttempts: 4, retryAt: clock.now() + 1000 });
    const early = await failure(gate.check(PASS));
    expect(early.code).toBe('throttled');
    expect(early.details).toEqual({ retryAt: clock.now() + 1000, failedAttempts: 4 });
    clock.advance(999);
    expect(await code(gate.check(PASS))).toBe('throttled');
    // The wait is over at retryAt exactly.
    clock.advance(1);
    expect(gate.status()).toEqual({ failedAttempts: 4, retryAt: null });
    expect(await gate.check(PASS)).not.toBeNull();
    expect(gate.status()).toEqual({ failedAttempts: 0, retryAt: null });
    expect(throttle.saves.at(-1)).toEqual({ failedAttempts: 0, lastFailureAt: null });
  });

  it('saves the counter only when there is something to clear', async () => {
    const throttle = recordingStore();
    const { gate } = gateSetup(throttle);
    await gate.load();
    await gate.store(newVaultKey(), PASS);
    await gate.check(PASS);
    await gate.clearFailures();
    expect(throttle.saves).toEqual([]);
    await gate.restartCount();
    expect(throttle.saves).toEqual([{ failedAttempts: 0, lastFailureAt: null }]);
  });

  it('starts from what the store kept', async () => {
    const { gate, clock } = gateSetup(createMemoryThrottleStore({ failedAttempts: 5, lastFailureAt: Date.UTC(2026, 0, 5, 9, 0, 0) }));
    await gate.load();
    expect(gate.status()).toEqual({ failedAttempts: 5, retryAt: clock.now() + 2000 });
  });

  it('a store that cannot save: the count still holds in memory, and the error stays wrong_passphrase', async () => {
    const broken: ThrottleStore = {
      load: async () => ({ failedAttempts: 0, lastFailureAt: null }),
      save: async () => {
        throw new Error('disk full');
      },
    };
    const { gate } = gateSetup(broken);
    await gate.load();
    await gate.store(newVaultKey(), PASS);
    expect(await code(gate.check('wrong'))).toBe('wrong_passphrase');
    expect(gate.status().failedAttempts).toBe(1);
    expect(await gate.check(PASS)).not.toBeNull();
    expect(gate.status().failedAttempts).toBe(0);
  });

  it('a wrapped key that does not parse is damaged, not a wrong guess: nothing is counted', async () => {
    const { gate, keychain } = gateSetup();
    await gate.load();
    keychain.items.set(WRAPPED_KEY_ITEM, '{"v":1,"kdf":"scrypt"}');
    const e = await failure(gate.check(PASS));
    expect(e.code).toBe('internal');
    expect(e.details).toEqual({ reason: 'wrapped_key_unreadable' });
    expect(e.cause).toBeInstanceOf(Error);
    expect(gate.status().failedAttempts).toBe(0);
  });

  it('replacing the wrapped key is checked by reading it back', async () => {
    const { gate, keychain } = gateSetup();
    const key = newVaultKey();
    await gate.store(key, PASS);
    const before = keychain.items.get(WRAPPED_KEY_ITEM);
    // A keychain that reports success but keeps the old value.
    const set = keychain.set.bind(keychain);
    keychain.set = async () => {};
    const e = await failure(gate.replace(key, 'next passphrase'));
    expect(e.code).toBe('keychain_unavailable');
    expect(e.details).toEqual({ reason: 'failed', operation: 'write' });
    expect(keychain.items.get(WRAPPED_KEY_ITEM)).toBe(before);
    keychain.set = set;
    await gate.replace(key, 'next passphrase');
    expect((await gate.check('next passphrase'))?.equals(key)).toBe(true);
  });
});

describe('the cost of a new wrapped key', () => {
  it('is measured once, at the first wrap, and never below N = 2^15', async () => {
    for (const [measured, used] of [
      [2 ** 14, 2 ** 15],
      [2 ** 16, 2 ** 16],
    ] as const) {
      const keychain = createMemoryKeychain();
      let calibrations = 0;
      const calibrate = async () => ((calibrations += 1), { N: measured, r: 8, p: 1 });
      const gate = new PassphraseGate({ keychain, throttle: createMemoryThrottleStore(), clock: new FakeClock(), scryptParams: null, calibrate });
      const key = newVaultKey();
      expect(calibrations).toBe(0);
      await gate.store(key, PASS);
      await gate.replace(key, 'next passphrase');
      expect(calibrations).toBe(1);
      expect(parseWrappedKey(keychain.items.get(WRAPPED_KEY_ITEM) as string)).toMatchObject({ N: used, r: 8, p: 1 });
    }
  });
});

describe('changing the passphrase', () => {
  it('re-wraps the key only: secrets stay as they are, the old passphrase stops working', async () => {
    const { vault, keychain } = vaultSetup();
    await vault.create({ passphrase: PASS });
    await vault.secretsFor('p1').set('api-key', 'k-canary');
    const record = keychain.items.get('p1/api-key');
    const before = keychain.items.get(WRAPPED_KEY_ITEM);
    expect(await code(vault.changePassphrase({ current: 'nope', next: 'new passphrase' }))).toBe('wrong_passphrase');
    expect((await vault.status()).failedAttempts).toBe(1);
    expect(keychain.items.get(WRAPPED_KEY_ITEM)).toBe(before);
    await vault.changePassphrase({ current: PASS, next: 'new passphrase' });
    expect(keychain.items.get(WRAPPED_KEY_ITEM)).not.toBe(before);
    expect(keychain.items.get('p1/api-key')).toBe(record);
    expect(vault.state).toBe('unlocked');
    expect((await vault.status()).failedAttempts).toBe(0);
    vault.lock();
    expect(await code(vault.unlockWithPassphrase(PASS))).toBe('wrong_passphrase');
    await vault.unlockWithPassphrase('new passphrase');
    expect(await vault.secretsFor('p1').get('api-key')).toBe('k-canary');
  });

  it('works while locked and leaves the vault locked', async () => {
    const { vault } = vaultSetup();
    await vault.create({ passphrase: PASS });
    vault.lock();
    await vault.changePassphrase({ current: PASS, next: 'new passphrase' });
    expect(vault.state).toBe('locked');
    expect(vault.isUnlocked()).toBe(false);
    await vault.unlockWithPassphrase('new passphrase');
  });

  it('refuses an empty new passphrase before checking anything, and needs a vault', async () => {
    const { vault, keychain } = vaultSetup();
    expect(await code(vault.changePassphrase({ current: PASS, next: 'x' }))).toBe('vault_not_initialized');
    await vault.create({ passphrase: PASS });
    const before = keychain.items.get(WRAPPED_KEY_ITEM);
    expect(await code(vault.changePassphrase({ current: 'wrong', next: '' }))).toBe('invalid_input');
    expect((await vault.status()).failedAttempts).toBe(0);
    expect(keychain.items.get(WRAPPED_KEY_ITEM)).toBe(before);
  });

  it('a failed write keeps the old wrapped key', async () => {
    const { vault, keychain } = vaultSetup();
    await vault.create({ passphrase: PASS });
    const before = keychain.items.get(WRAPPED_KEY_ITEM);
    keychain.failWith(unavailableKeychainError(), { operations: ['set'] });
    expect(await code(vault.changePassphrase({ current: PASS, next: 'new passphrase' }))).toBe('keychain_unavailable');
    keychain.failWith(null);
    expect(keychain.items.get(WRAPPED_KEY_ITEM)).toBe(before);
    vault.lock();
    await vault.unlockWithPassphrase(PASS);
  });
});

describe('a wrapped key that went missing', () => {
  it('an unlock finds no vault: the state becomes uninitialized', async () => {
    const { vault, keychain } = vaultSetup();
    await vault.create({ passphrase: PASS });
    vault.lock();
    keychain.items.delete(WRAPPED_KEY_ITEM);
    expect(await code(vault.unlockWithPassphrase(PASS))).toBe('vault_not_initialized');
    expect(vault.state).toBe('uninitialized');
    expect(await code(vault.unlockWithPassphrase(PASS))).toBe('vault_not_initialized');
    expect((await vault.status()).state).toBe('uninitialized');
  });

  it('found gone while unlocked (a reset by another instance): the vault locks, nothing stays readable', async () => {
    const { vault, keychain } = vaultSetup();
    await vault.create({ passphrase: PASS });
    await vault.secretsFor('p1').set('password', 'pw');
    const reasons: string[] = [];
    vault.on('locked', (e) => reasons.push(e.reason));
    keychain.items.delete(WRAPPED_KEY_ITEM);
    expect(await code(vault.changePassphrase({ current: PASS, next: 'next passphrase' }))).toBe('vault_not_initialized');
    expect(reasons).toEqual(['reset']);
    expect(vault.state).toBe('uninitialized');
    expect(vault.heldSecrets()).toEqual([]);
    expect(await code(vault.secretsFor('p1').get('password'))).toBe('vault_not_initialized');
  });
});
