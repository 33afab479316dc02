// The vault's lifecycle: create, unlock, lock, reset, and what status() reports.
import { describe, expect, it } from 'vitest';
import { createMemoryKeychain, unavailableKeychainError } from '../../../../main/core/secrets/memory-keychain.js';
import { Vault } from '../../../../main/core/vault/vault.js';
import { FakePresence } from '../../../support/fakes.js';
import { CHEAP_SCRYPT, code, failure, PASS, vaultSetup } from './vault-harness.js';

describe('creating a vault', () => {
  it('starts locked; uninitialized until created; secrets need the vault', async () => {
    const { vault } = vaultSetup();
    expect(vault.state).toBe('locked');
    expect(vault.isUnlocked()).toBe(false);
    expect(await vault.status()).toEqual({
      state: 'uninitialized',
      presence: { available: false, enabled: false, kind: 'none' },
      retryAt: null,
      failedAttempts: 0,
    });
    expect(await code(vault.secretsFor('p1').get('password'))).toBe('vault_not_initialized');
    expect(await code(vault.unlockWithPassphrase(PASS))).toBe('vault_not_initialized');
  });

  it('creates unlocked, says so once, and refuses a second vault or an empty passphrase', async () => {
    const { vault, keychain } = vaultSetup();
    expect(await code(vault.create({ passphrase: '' }))).toBe('invalid_input');
    expect(keychain.items.size).toBe(0);
    const unlocked: unknown[] = [];
    vault.on('unlocked', (e) => unlocked.push(e));
    expect(await vault.create({ passphrase: PASS })).toEqual({
      state: 'unlocked',
      presence: { available: false, enabled: false, kind: 'none' },
      retryAt: null,
      failedAttempts: 0,
    });
    expect(vault.isUnlocked()).toBe(true);
    expect(unlocked).toEqual([{}]);
    expect(keychain.items.has('vault/wrapped-key')).toBe(true);
    expect(await code(vault.create({ passphrase: PASS }))).toBe('vault_exists');
    expect(vault.state).toBe('unlocked');
  });

  it('a vault created elsewhere since start-up: vault_exists, and the state says locked', async () => {
    const { vault, make } = vaultSetup();
    expect((await vault.status()).state).toBe('uninitialized');
    await make().create({ passphrase: PASS });
    expect(await code(vault.create({ passphrase: 'another passphrase' }))).toBe('vault_exists');
    expect(vault.state).toBe('locked');
    await vault.unlockWithPassphrase(PASS);
  });

  it('a failed creation leaves no vault and no usable key', async () => {
    const { vault, keychain } = vaultSetup();
    keychain.failWith(unavailableKeychainError(), { operations: ['set'] });
    expect(await code(vault.create({ passphrase: PASS }))).toBe('keychain_unavailable');
    expect(vault.isUnlocked()).toBe(false);
    keychain.failWith(null);
    expect((await vault.status()).state).toBe('uninitialized');
  });

  it('without a vault, an unlock says so, whatever wrong passphrases an older one counted', async () => {
    const { vault, throttle, clock } = vaultSetup();
    await throttle.save({ failedAttempts: 9, lastFailureAt: clock.now() });
    expect(await code(vault.unlockWithPassphrase(PASS))).toBe('vault_not_initialized');
    expect(await code(vault.changePassphrase({ current: PASS, next: 'x' }))).toBe('vault_not_initialized');
  });

  it('a new vault starts with no wrong passphrase counted', async () => {
    const { vault, throttle } = vaultSetup();
    await throttle.save({ failedAttempts: 9, lastFailureAt: 1 });
    await vault.create({ passphrase: PASS });
    expect(await throttle.load()).toEqual({ failedAttempts: 0, lastFailureAt: null });
  });
});

describe('locking and unlocking', () => {
  it('locks and unlocks; a restart starts locked', async () => {
    const { vault, make } = vaultSetup();
    await vault.create({ passphrase: PASS });
    await vault.secretsFor('p1').set('password', 'canary-pw-1');
    const reasons: string[] = [];
    vault.on('locked', (e) => reasons.push(e.reason));
    expect(vault.lock()).toBe(true);
    expect(vault.lock('idle')).toBe(false);
    expect(reasons).toEqual(['manual']);
    expect(vault.state).toBe('locked');

    const restarted = make();
    expect(restarted.state).toBe('locked');
    expect((await restarted.status()).state).toBe('locked');
    expect(await restarted.unlockWithPassphrase(PASS)).toMatchObject({ state: 'unlocked', failedAttempts: 0 });
    expect(await restarted.secretsFor('p1').get('password')).toBe('canary-pw-1');
  });

  it('runs the drop hooks on every lock, before telling listeners; one that throws stops nothing', async () => {
    const { vault } = vaultSetup();
    await vault.create({ passphrase: PASS });
    const log: string[] = [];
    vault.onLock(() => log.push('drop session ids'));
    const off = vault.onLock(() => log.push('removed hook'));
    vault.onLock(() => {
      throw new Error('a broken hook');
    });
    vault.onLock(() => log.push('drop tokens'));
    vault.on('locked', (e) => log.push(`locked:${e.reason}`));
    off();
    vault.lock('idle');
    expect(log).toEqual(['drop session ids', 'drop tokens', 'locked:idle']);
    vault.lock('manual');
    expect(log.slice(3)).toEqual(['drop session ids', 'drop tokens']);
  });

  it('an unlock tells listeners once; a re-confirmation while unlocked does not', async () => {
    const { vault } = vaultSetup();
    await vault.create({ passphrase: PASS });
    vault.lock();
    let unlocks = 0;
    vault.on('unlocked', () => (unlocks += 1));
    await vault.unlockWithPassphrase(PASS);
    await vault.unlockWithPassphrase(PASS);
    expect(unlocks).toBe(1);
  });

  it('a lock requested after an unlock, even one still queued, wins', async () => {
    const { vault } = vaultSetup();
    await vault.create({ passphrase: PASS });
    vault.lock();
    const pending = vault.unlockWithPassphrase(PASS);
    vault.lock('screen-lock');
    const e = await failure(pending);
    expect(e.code).toBe('locked');
    expect(e.message).toMatch(/locked again while unlocking/);
    expect(vault.state).toBe('locked');
  });

  it('a lock during the orphan sweep of an unlock wins', async () => {
    let vault: Vault | null = null;
    const profiles = {
      remove: async () => true,
      list: () => {
        vault?.lock('screen-lock');
        return [];
      },
    };
    const setup = vaultSetup({ profiles });
    await setup.vault.create({ passphrase: PASS });
    setup.vault.lock();
    vault = setup.vault;
    expect(await code(setup.vault.unlockWithPassphrase(PASS))).toBe('locked');
    expect(setup.vault.state).toBe('locked');
    expect(setup.vault.isUnlocked()).toBe(false);
  });

  it('reports keychain failures as keychain_unavailable, loses nothing, and reads the keychain again after one', async () => {
    const { make, keychain } = vaultSetup();
    const first = make();
    await first.create({ passphrase: PASS });
    await first.secretsFor('p1').set('password', 'keep-me');
    const vault = make();
    keychain.failWith(unavailableKeychainError());
    expect(await code(vault.status())).toBe('keychain_unavailable');
    expect(await code(vault.unlockWithPassphrase(PASS))).toBe('keychain_unavailable');
    expect(await code(vault.reset())).toBe('keychain_unavailable');
    keychain.failWith(null);
    expect(await vault.status()).toMatchObject({ state: 'locked', failedAttempts: 0 });
    await vault.unlockWithPassphrase(PASS);
    expect(await vault.secretsFor('p1').get('password')).toBe('keep-me');
  });

  it('reads the keychain once for its state', async () => {
    const { vault, keychain } = vaultSetup();
    let reads = 0;
    const get = keychain.get.bind(keychain);
    keychain.get = async (a) => ((reads += 1), get(a));
    await Promise.all([vault.status(), vault.init(), vault.status()]);
    expect(reads).toBe(2);
  });

  it('without a clock, confirms against the system time', async () => {
    const vault = new Vault({ keychain: createMemoryKeychain(), scryptParams: CHEAP_SCRYPT });
    await vault.create({ passphrase: PASS });
    expect(vault.confirmedWithin(60_000)).toBe(true);
  });
});

describe('re-confirmation', () => {
  it('confirmedWithin: set by an unlock or a re-check while unlocked, cleared by a lock', async () => {
    const presence = new FakePresence('touch-id', true);
    const { vault, clock } = vaultSetup({ presence });
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
    expect(vault.isUnlocked()).toBe(true);
    await vault.unlockWithPassphrase(PASS);
    expect(vault.confirmedWithin(60_000)).toBe(true);

    vault.lock();
    expect(vault.confirmedWithin(60_000)).toBe(false);
  });
});

describe('reset', () => {
  it('every secret and the key go, profile metadata stays, ends uninitialized', async () => {
    const presence = new FakePresence('touch-id', true);
    const { vault, keychain, removed } = vaultSetup({ presence });
    await vault.create({ passphrase: PASS, enablePresence: true });
    await vault.secretsFor('p1').set('password', 'a');
    for (const vaultLike of ['loose-item', 'vault/other']) keychain.items.set(vaultLike, 'x');
    const events: string[] = [];
    vault.on('locked', (e) => events.push(e.reason));
    const st = await vault.reset();
    expect(st.state).toBe('uninitialized');
    expect(st.presence.enabled).toBe(false);
    expect([...keychain.items.keys()]).toEqual(['vault/other']);
    expect(removed).toEqual([]);
    expect(events).toEqual(['reset']);
    expect(vault.heldSecrets()).toEqual([]);
    expect(await code(vault.secretsFor('p1').get('password'))).toBe('vault_not_initialized');
    await vault.create({ passphrase: 'another passphrase' });
    expect(await vault.secretsFor('p1').get('password')).toBeNull();
  });

  it('while locked it is announced too, and the wrong-passphrase count starts again', async () => {
    const { vault } = vaultSetup();
    await vault.create({ passphrase: PASS });
    vault.lock();
    for (let i = 0; i < 5; i += 1) await code(vault.unlockWithPassphrase('wrong'));
    const events: string[] = [];
    vault.on('locked', (e) => events.push(e.reason));
    expect(await vault.reset()).toMatchObject({ state: 'uninitialized', failedAttempts: 0, retryAt: null });
    expect(events).toEqual(['reset']);
  });

  it('an interrupted reset shows as a vault still set up, and can be run again', async () => {
    const { vault, keychain } = vaultSetup();
    await vault.create({ passphrase: PASS });
    await vault.secretsFor('p1').set('password', 'a');
    keychain.failWith(unavailableKeychainError(), { operations: ['delete'], after: 2 });
    expect(await code(vault.reset())).toBe('keychain_unavailable');
    keychain.failWith(null);
    expect(keychain.items.has('vault/wrapped-key')).toBe(true);
    expect(keychain.items.has('p1/password')).toBe(false);
    expect(vault.state).toBe('locked');
    expect((await vault.reset()).state).toBe('uninitialized');
    expect(keychain.items.size).toBe(0);
  });
});
