// Presence unlock (Touch ID, Windows Hello) through the vault: the sealed copy exists only
// while it is on, opens only through the platform, and a lock during a prompt wins.
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../../main/core/errors.js';
import { createMemoryKeychain, unavailableKeychainError } from '../../../../main/core/secrets/memory-keychain.js';
import type { PresenceKind, UserPresence } from '../../../../main/core/vault/ports.js';
import type { PresenceKeySealer } from '../../../../main/core/vault/presence-seal.js';
import { PRESENCE_KEY_ITEM } from '../../../../main/core/vault/presence-unlock.js';
import { Vault } from '../../../../main/core/vault/vault.js';
import { FakeClock, FakePresence } from '../../../support/fakes.js';
import { CHEAP_SCRYPT, code, failure, PASS, vaultSetup } from './vault-harness.js';

/** FakePresence whose sealer can be replaced piecewise, keeping the real one underneath. */
function presenceWith(overrides: Partial<PresenceKeySealer>, kind: PresenceKind = 'touch-id'): FakePresence & { real: PresenceKeySealer } {
  const presence = new FakePresence(kind) as FakePresence & { real: PresenceKeySealer };
  const real = presence.sealer;
  Object.assign(presence, { real, sealer: { level: real.level, seal: real.seal, open: real.open, ...overrides } });
  return presence;
}

async function presenceVault(presence: UserPresence = new FakePresence('touch-id')) {
  const setup = vaultSetup({ presence });
  await setup.vault.create({ passphrase: PASS, enablePresence: true });
  return setup;
}

describe('turning presence unlock on and off', () => {
  it('the presence item exists only while presence unlock is on', async () => {
    const presence = new FakePresence('touch-id', true);
    const { vault, keychain } = vaultSetup({ presence });
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
    expect(JSON.parse(keychain.items.get(PRESENCE_KEY_ITEM) as string)).toEqual({ v: 2, level: 'presence-bound', sealed: expect.stringMatching(/^sig\./) });
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

  it('off works in every state; on needs a vault, unlocked', async () => {
    const { vault, keychain } = vaultSetup({ presence: new FakePresence('touch-id') });
    expect(await code(vault.setPresence(true))).toBe('vault_not_initialized');
    expect((await vault.setPresence(false)).presence.enabled).toBe(false);
    await vault.create({ passphrase: PASS, enablePresence: true });
    vault.lock();
    expect((await vault.setPresence(false)).presence.enabled).toBe(false);
    expect(keychain.items.has(PRESENCE_KEY_ITEM)).toBe(false);
  });

  it('a lock while the platform is asked whether it is available: nothing is stored', async () => {
    const presence = new FakePresence('touch-id');
    const { vault, keychain } = vaultSetup({ presence });
    await vault.create({ passphrase: PASS });
    presence.isAvailable = async () => (vault.lock('screen-lock'), true);
    expect(await code(vault.setPresence(true))).toBe('locked');
    expect(keychain.items.has(PRESENCE_KEY_ITEM)).toBe(false);
  });

  it('a lock during the prompt: the sealed copy is not stored', async () => {
    const hooks: { duringPrompt?: () => void } = {};
    const presence = presenceWith({
      seal: async (key, reason) => {
        const out = await presence.real.seal(key, reason);
        hooks.duringPrompt?.();
        return out;
      },
    });
    const { vault, keychain } = vaultSetup({ presence });
    await vault.create({ passphrase: PASS });
    hooks.duringPrompt = () => vault.lock('screen-lock');
    expect(await code(vault.setPresence(true))).toBe('locked');
    expect(keychain.items.has(PRESENCE_KEY_ITEM)).toBe(false);
    expect((await vault.status()).presence.enabled).toBe(false);
  });

  it('on a platform that cannot seal, presence unlock is not offered', async () => {
    const bare: UserPresence = { kind: 'touch-id', isAvailable: async () => true, verify: async () => true };
    const { vault } = vaultSetup({ presence: bare });
    expect(await code(vault.create({ passphrase: PASS, enablePresence: true }))).toBe('presence_unavailable');
    await vault.create({ passphrase: PASS });
    expect((await vault.status()).presence).toEqual({ available: false, enabled: false, kind: 'touch-id' });
    expect(await code(vault.setPresence(true))).toBe('presence_unavailable');
  });

  it('a platform without a check, or one whose check fails to answer, is not available', async () => {
    const none = new FakePresence('none', true);
    expect((await vaultSetup({ presence: none }).vault.status()).presence).toEqual({ available: false, enabled: false, kind: 'none' });
    const throwing = new FakePresence('windows-hello', true);
    throwing.isAvailable = async () => {
      throw new Error('no platform answer');
    };
    expect((await vaultSetup({ presence: throwing }).vault.status()).presence.available).toBe(false);
  });

  it('creation with presence: unavailable refuses early; a refused or unsealable prompt leaves it off', async () => {
    const presence = new FakePresence('windows-hello', false);
    const { vault, keychain } = vaultSetup({ presence });
    expect(await code(vault.create({ passphrase: PASS, enablePresence: true }))).toBe('presence_unavailable');
    expect(keychain.items.size).toBe(0);
    presence.available = true;
    presence.answers.push(false);
    const st = await vault.create({ passphrase: PASS, enablePresence: true });
    expect(st.state).toBe('unlocked');
    expect(st.presence.enabled).toBe(false);

    const unsealable = presenceWith({
      seal: async () => {
        throw new AppError('presence_unavailable', 'the platform key is gone');
      },
    });
    expect((await vaultSetup({ presence: unsealable }).vault.create({ passphrase: PASS, enablePresence: true })).presence.enabled).toBe(false);
  });

  it('creation with presence: any other failure of the seal is reported, the vault exists unlocked', async () => {
    const broken = presenceWith({
      seal: async () => {
        throw new AppError('internal', 'the platform failed');
      },
    });
    const { vault, keychain } = vaultSetup({ presence: broken });
    expect(await code(vault.create({ passphrase: PASS, enablePresence: true }))).toBe('internal');
    expect(vault.state).toBe('unlocked');
    expect(keychain.items.has('vault/wrapped-key')).toBe(true);
    expect(keychain.items.has(PRESENCE_KEY_ITEM)).toBe(false);
  });

  it('a new vault drops a presence copy an older one left behind', async () => {
    const { vault, keychain } = vaultSetup({ presence: new FakePresence('touch-id') });
    keychain.items.set(PRESENCE_KEY_ITEM, JSON.stringify({ v: 2, level: 'presence-bound', sealed: 'sig.old.copy' }));
    expect((await vault.status()).presence.enabled).toBe(false);
    await vault.create({ passphrase: PASS });
    expect(keychain.items.has(PRESENCE_KEY_ITEM)).toBe(false);
  });
});

describe('unlocking with presence', () => {
  it('needs a vault, presence on, and the platform available', async () => {
    const presence = new FakePresence('touch-id');
    const { vault } = vaultSetup({ presence });
    expect(await code(vault.unlockWithPresence())).toBe('vault_not_initialized');
    await vault.create({ passphrase: PASS, enablePresence: true });
    vault.lock();
    presence.available = false;
    expect(await code(vault.unlockWithPresence())).toBe('presence_unavailable');
    presence.available = true;
    await vault.unlockWithPresence();
    expect(vault.isUnlocked()).toBe(true);
  });

  it('uses the prompt text it was given', async () => {
    const presence = new FakePresence('touch-id');
    const vault = new Vault({ keychain: createMemoryKeychain(), clock: new FakeClock(), scryptParams: CHEAP_SCRYPT, presence, presenceReason: 'open the vault' });
    await vault.create({ passphrase: PASS, enablePresence: true });
    vault.lock();
    await vault.unlockWithPresence();
    expect(presence.prompts).toEqual(['open the vault', 'open the vault']);
  });

  it('clears the wrong-passphrase count', async () => {
    const { vault } = await presenceVault();
    vault.lock();
    for (let i = 0; i < 4; i += 1) expect(await code(vault.unlockWithPassphrase('wrong'))).toBe('wrong_passphrase');
    expect((await vault.status()).failedAttempts).toBe(4);
    await vault.unlockWithPresence();
    expect(await vault.status()).toMatchObject({ failedAttempts: 0, retryAt: null });
  });

  it('a copy gone or damaged since start-up turns presence unlock off', async () => {
    const { vault, keychain } = await presenceVault();
    vault.lock();
    keychain.items.set(PRESENCE_KEY_ITEM, 'not json');
    expect(await code(vault.unlockWithPresence())).toBe('presence_unavailable');
    expect(keychain.items.has(PRESENCE_KEY_ITEM)).toBe(false);
    expect((await vault.status()).presence.enabled).toBe(false);

    const again = await presenceVault();
    again.vault.lock();
    again.keychain.items.delete(PRESENCE_KEY_ITEM);
    expect(await code(again.vault.unlockWithPresence())).toBe('presence_unavailable');
    expect((await again.vault.status()).presence.enabled).toBe(false);
  });

  it('an opened copy of the wrong size is refused and zeroed', async () => {
    const opened: Buffer[] = [];
    const presence = presenceWith({
      open: async () => {
        const b = randomBytes(31);
        opened.push(b);
        return b;
      },
    });
    const { vault } = await presenceVault(presence);
    vault.lock();
    expect(await code(vault.unlockWithPresence())).toBe('presence_unavailable');
    expect(opened[0]!.every((x) => x === 0)).toBe(true);
    expect(vault.state).toBe('locked');
    expect((await vault.status()).presence.enabled).toBe(true);
  });

  it('a lock during the prompt wins: the opened key is zeroed and the vault stays locked', async () => {
    const opened: Buffer[] = [];
    const hooks: { duringPrompt?: () => void } = {};
    const presence = presenceWith({
      open: async (sealed, reason) => {
        const key = await presence.real.open(sealed, reason);
        if (key) opened.push(key);
        hooks.duringPrompt?.();
        return key;
      },
    });
    const { vault } = await presenceVault(presence);
    vault.lock();
    hooks.duringPrompt = () => vault.lock('screen-lock');
    expect(await code(vault.unlockWithPresence())).toBe('locked');
    expect(vault.state).toBe('locked');
    expect(opened).toHaveLength(1);
    expect(opened[0]!.every((x) => x === 0)).toBe(true);
  });

  it('while unlocked it is a re-confirmation: a real check, nothing opened', async () => {
    let opens = 0;
    const presence = presenceWith({
      open: async (sealed, reason) => ((opens += 1), presence.real.open(sealed, reason)),
    });
    const { vault, clock } = await presenceVault(presence);
    clock.advance(61_000);
    presence.answers.push(false);
    expect(await code(vault.unlockWithPresence())).toBe('presence_failed');
    expect(vault.confirmedWithin(60_000)).toBe(false);
    await vault.unlockWithPresence();
    expect(vault.confirmedWithin(60_000)).toBe(true);
    expect(opens).toBe(0);
  });
});

describe('what the messages call the platform check', () => {
  it.each([
    ['touch-id', 'Touch ID'],
    ['windows-hello', 'Windows Hello'],
    ['none', 'Presence check'],
  ] as const)('%s: %s', async (kind, name) => {
    const presence = new FakePresence(kind, kind !== 'none');
    const { vault } = vaultSetup({ presence });
    await vault.create({ passphrase: PASS });
    vault.lock();
    expect((await failure(vault.unlockWithPresence())).message).toMatch(new RegExp(`^${name} unlock is turned off`));
    await vault.unlockWithPassphrase(PASS);
    presence.available = false;
    expect((await failure(vault.setPresence(true))).message).toMatch(new RegExp(`^${name} is not available`));
  });
});

describe('presence copy at start-up', () => {
  it('deletes a clear-text copy left by an older version, and asks for the passphrase', async () => {
    const keychain = createMemoryKeychain();
    const presence = new FakePresence('touch-id');
    const { vault, make } = vaultSetup({ presence, keychain });
    await vault.create({ passphrase: PASS, enablePresence: true });
    for (const old of [JSON.stringify({ v: 1, key: randomBytes(32).toString('base64') }), 'null', JSON.stringify({ v: 2, sealed: 7 }), '"v2"']) {
      keychain.items.set(PRESENCE_KEY_ITEM, old);
      expect((await make().status()).presence.enabled).toBe(false);
      expect(keychain.items.has(PRESENCE_KEY_ITEM)).toBe(false);
    }
  });

  it('deletes nothing when there is no copy (a keychain that cannot delete is not even asked)', async () => {
    const { vault, keychain, make } = vaultSetup({ presence: new FakePresence('touch-id') });
    await vault.create({ passphrase: PASS, enablePresence: true });
    keychain.items.delete(PRESENCE_KEY_ITEM);
    keychain.failWith(unavailableKeychainError(), { operations: ['delete'] });
    expect((await make().status()).presence.enabled).toBe(false);
    // A copy gone since start-up: presence unlock turns off, with nothing to delete.
    vault.lock();
    expect(await code(vault.unlockWithPresence())).toBe('presence_unavailable');
    expect((await vault.status()).presence.enabled).toBe(false);
  });

  it('keeps a sealed copy, but a copy without a vault does not count as on', async () => {
    const { vault, keychain, make } = await presenceVault();
    expect((await make().status()).presence.enabled).toBe(true);
    keychain.items.delete('vault/wrapped-key');
    expect((await make().status()).presence.enabled).toBe(false);
    expect(keychain.items.has(PRESENCE_KEY_ITEM)).toBe(true);
    expect(vault.state).toBe('unlocked');
  });
});
