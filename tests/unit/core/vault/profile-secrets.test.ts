// Every profile's secrets, through the vault: encrypted in the keychain, readable only while
// unlocked, cached only in the epoch they were read in, written new-before-old.
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../../main/core/errors.js';
import { unavailableKeychainError } from '../../../../main/core/secrets/memory-keychain.js';
import { MAX_SECRET_BYTES } from '../../../../main/core/vault/profile-secrets.js';
import { FakePresence } from '../../../support/fakes.js';
import { Vault } from '../../../../main/core/vault/vault.js';
import { CHEAP_SCRYPT, code, failure, PASS, vaultSetup } from './vault-harness.js';

async function unlockedVault(options: Parameters<typeof vaultSetup>[0] = {}) {
  const setup = vaultSetup(options);
  await setup.vault.create({ passphrase: PASS });
  return setup;
}

describe('reading and writing secrets', () => {
  it('stores only sealed records, reads them back after a restart, and deletes on null', async () => {
    const { vault, keychain, make } = await unlockedVault();
    const s = vault.secretsFor('p1');
    expect(s.profileId).toBe('p1');
    await s.set('password', 'canary-pw-1');
    expect(await s.get('password')).toBe('canary-pw-1');
    expect(await s.get('api-key')).toBeNull();
    expect([...keychain.items.values()].join('\n')).not.toContain('canary-pw-1');
    expect(keychain.items.get('p1/password')).toMatch(/^v1\./);

    const restarted = make();
    await restarted.unlockWithPassphrase(PASS);
    expect(await restarted.secretsFor('p1').get('password')).toBe('canary-pw-1');
    await restarted.secretsFor('p1').set('password', null);
    expect(keychain.items.has('p1/password')).toBe(false);
    expect(await restarted.secretsFor('p1').get('password')).toBeNull();
  });

  it('needs the vault for every call: locked, or not set up at all', async () => {
    const fresh = vaultSetup().vault;
    await fresh.status();
    expect(await code(fresh.secretsFor('p1').get('password'))).toBe('vault_not_initialized');
    expect(await code(fresh.secretsFor('p1').update({ password: 'x' }))).toBe('vault_not_initialized');
    const { vault, keychain } = await unlockedVault();
    const s = vault.secretsFor('p1');
    await s.set('password', 'pw');
    vault.lock();
    expect(await code(s.get('password'))).toBe('locked');
    expect(await code(s.set('password', 'x'))).toBe('locked');
    expect(await code(s.set('password', null))).toBe('locked');
    expect(await code(s.update({ password: null }))).toBe('locked');
    expect(await code(s.update({}))).toBe('locked');
    expect(keychain.items.has('p1/password')).toBe(true);
  });

  it('holds what it decrypted (for scrubbing) until the lock, and reads the keychain once', async () => {
    const { vault, keychain, make } = await unlockedVault();
    await vault.secretsFor('p1').update({ password: 'pw-held', session: 'sid-held' });
    vault.lock();
    const again = make();
    await again.unlockWithPassphrase(PASS);
    expect(again.heldSecrets()).toEqual([]);
    let reads = 0;
    const get = keychain.get.bind(keychain);
    keychain.get = async (a) => ((reads += 1), get(a));
    expect(await again.secretsFor('p1').get('password')).toBe('pw-held');
    expect(await again.secretsFor('p1').get('password')).toBe('pw-held');
    expect(reads).toBe(1);
    expect(again.heldSecrets()).toEqual(['pw-held']);
    again.lock();
    expect(again.heldSecrets()).toEqual([]);
  });

  it('a written value is held too, and replaces the old one', async () => {
    const { vault } = await unlockedVault();
    await vault.secretsFor('p1').set('password', 'first');
    await vault.secretsFor('p1').set('password', 'second');
    expect(vault.heldSecrets()).toEqual(['second']);
    await vault.secretsFor('p1').set('password', null);
    expect(vault.heldSecrets()).toEqual([]);
  });

  it('a lock while a read is in flight: the read fails and nothing is held', async () => {
    const { vault } = await unlockedVault();
    await vault.secretsFor('p1').set('password', 'pw');
    vault.lock();
    await vault.unlockWithPassphrase(PASS);
    const read = vault.secretsFor('p1').get('password');
    vault.lock('suspend');
    expect(await code(read)).toBe('locked');
    expect(vault.heldSecrets()).toEqual([]);
  });

  it('a lock (and a new unlock) while a write is in flight: the write lands, the value is not held', async () => {
    const { vault, keychain } = await unlockedVault();
    const write = vault.secretsFor('p1').set('password', 'written-before-lock');
    vault.lock('idle');
    await vault.unlockWithPassphrase(PASS);
    await write;
    expect(keychain.items.has('p1/password')).toBe(true);
    expect(vault.heldSecrets()).toEqual([]);
    expect(await vault.secretsFor('p1').get('password')).toBe('written-before-lock');
  });

  it('refuses a damaged record or one copied from another item, without its content', async () => {
    const { vault, keychain } = await unlockedVault();
    await vault.secretsFor('p1').update({ 'api-key': 'k', 'jwt-refresh': 'r' });
    keychain.items.set('p1/password', keychain.items.get('p1/api-key') as string);
    const e = await failure(vault.secretsFor('p1').get('password'));
    expect(e.code).toBe('internal');
    expect(e.details).toEqual({ kind: 'password', reason: 'undecryptable' });
    expect(JSON.stringify(e)).not.toContain('"k"');
    expect(vault.heldSecrets()).toEqual(['k', 'r']);
  });

  it('passes on a keychain failure as it is', async () => {
    const { vault, keychain } = await unlockedVault();
    keychain.failWith(unavailableKeychainError(), { operations: ['get'] });
    expect(await code(vault.secretsFor('p1').get('password'))).toBe('keychain_unavailable');
  });
});

describe('what a secret may be', () => {
  it('refuses bad profile ids, the reserved id and unknown kinds', async () => {
    const { vault } = await unlockedVault();
    for (const id of ['../x', '', 'A', 'p_1', 'a'.repeat(65), 'vault', 'p1/x']) expect(() => vault.secretsFor(id)).toThrow(AppError);
    for (const id of ['a'.repeat(64), 'p-1', '0']) expect(vault.secretsFor(id).profileId).toBe(id);
    expect(await code(vault.secretsFor('p1').get('token' as never))).toBe('invalid_input');
    expect(await code(vault.secretsFor('p1').set('token' as never, 'x'))).toBe('invalid_input');
    expect(await code(vault.secretsFor('p1').update({ token: 'x' } as never))).toBe('invalid_input');
    await expect(vault.storedKinds('../x')).rejects.toMatchObject({ code: 'invalid_input' });
    await expect(vault.forgetProfile('vault')).rejects.toMatchObject({ code: 'invalid_input' });
  });

  it('checks the kind before the lock state', async () => {
    const { vault } = vaultSetup();
    await vault.status();
    expect(await code(vault.secretsFor('p1').get('token' as never))).toBe('invalid_input');
    expect(await code(vault.secretsFor('p1').set('token' as never, null))).toBe('invalid_input');
  });

  it(`takes up to ${MAX_SECRET_BYTES} UTF-8 bytes; refuses more, empty and non-text values`, async () => {
    const { vault, keychain } = await unlockedVault();
    const s = vault.secretsFor('p1');
    const tooLong = await failure(s.set('password', 'x'.repeat(MAX_SECRET_BYTES + 1)));
    expect(tooLong.code).toBe('invalid_input');
    expect(tooLong.details).toEqual({ kind: 'password', maxBytes: 1800 });
    // Bytes, not characters: 600 four-byte characters are 2400 bytes.
    expect(await code(s.set('password', '😀'.repeat(450)))).toBe('ok');
    expect(await code(s.set('password', '😀'.repeat(451)))).toBe('invalid_input');
    expect(await code(s.set('password', ''))).toBe('invalid_input');
    expect(await code(s.set('password', 42 as never))).toBe('invalid_input');
    await s.set('password', 'x'.repeat(MAX_SECRET_BYTES));
    expect(await s.get('password')).toHaveLength(MAX_SECRET_BYTES);
    expect(keychain.items.size).toBe(2);
  });
});

describe('batch updates', () => {
  it('write new values before deleting old ones, and skip what is left undefined', async () => {
    const { vault, keychain } = await unlockedVault();
    const s = vault.secretsFor('p1');
    await s.update({ password: 'old-pw', session: 'old-sid', 'device-key': 'dk' });
    const ops: string[] = [];
    const origSet = keychain.set.bind(keychain);
    const origDelete = keychain.delete.bind(keychain);
    keychain.set = async (a, v) => (ops.push(`set ${a}`), origSet(a, v));
    keychain.delete = async (a) => (ops.push(`delete ${a}`), origDelete(a));
    await s.update({ password: null, session: null, 'api-key': 'new-key', 'device-key': undefined });
    expect(ops).toEqual(['set p1/api-key', 'delete p1/password', 'delete p1/session']);
    expect(await s.get('device-key')).toBe('dk');
  });

  it('a failing write leaves everything that was there', async () => {
    const { vault, keychain } = await unlockedVault();
    const s = vault.secretsFor('p1');
    await s.set('api-key', 'kept-key');
    keychain.failWith(unavailableKeychainError(), { operations: ['set'] });
    expect(await code(s.update({ 'api-key': null, password: 'pw2' }))).toBe('keychain_unavailable');
    keychain.failWith(null);
    expect(await s.get('api-key')).toBe('kept-key');
  });

  it('checks every kind before writing anything', async () => {
    const { vault, keychain } = await unlockedVault();
    expect(await code(vault.secretsFor('p1').update({ password: 'pw', token: 'x' } as never))).toBe('invalid_input');
    expect(keychain.items.has('p1/password')).toBe(false);
  });
});

describe('stored kinds', () => {
  it('lists a profile’s kinds by item name, while locked, in the canonical order', async () => {
    const { vault, keychain } = await unlockedVault();
    await vault.secretsFor('p1').update({ 'jwt-refresh': 'r', 'api-key': 'k' });
    await vault.secretsFor('p10').set('password', 'other');
    vault.lock();
    expect(await vault.storedKinds('p1')).toEqual(['api-key', 'jwt-refresh']);
    expect(await vault.storedKinds('p2')).toEqual([]);
    expect(keychain.items.size).toBe(4);
  });

  it('groups every profile’s kinds from one listing, skipping the vault’s own and foreign items', async () => {
    const { vault, keychain } = await unlockedVault();
    await vault.secretsFor('p1').update({ password: 'a', session: 'b' });
    await vault.secretsFor('p2').set('api-key', 'c');
    for (const foreign of ['loose-item', '/password', 'p3/unknown-kind', 'vault/password']) keychain.items.set(foreign, 'x');
    expect(await vault.storedKindsByProfile()).toEqual(
      new Map([
        ['p1', ['password', 'session']],
        ['p2', ['api-key']],
      ]),
    );
  });
});

describe('forgetting a profile', () => {
  it('deletes its items (and what is held of them) and its metadata; others and the vault stay', async () => {
    const { vault, keychain, removed } = await unlockedVault();
    await vault.secretsFor('p1').update({ password: 'a', session: 'b' });
    await vault.secretsFor('p10').set('password', 'c');
    await vault.forgetProfile('p1');
    expect(removed).toEqual(['p1']);
    expect([...keychain.items.keys()].sort()).toEqual(['p10/password', 'vault/wrapped-key']);
    expect(vault.heldSecrets()).toEqual(['c']);
    expect(await vault.secretsFor('p1').get('password')).toBeNull();
  });

  it('a profile with neither secrets nor metadata is not found; one with either is forgotten', async () => {
    const { vault, keychain } = await unlockedVault();
    expect(await code(vault.forgetProfile('ghost'))).toBe('profile_not_found');
    expect(await code(vault.forgetProfile('no-secrets'))).toBe('ok');
    keychain.items.set('ghost/password', 'x');
    expect(await code(vault.forgetProfile('ghost'))).toBe('ok');
    expect(keychain.items.has('ghost/password')).toBe(false);
  });

  it('without a profile store, only secrets make a profile', async () => {
    const { keychain } = vaultSetup();
    keychain.items.set('p1/password', 'x');
    const vault = new Vault({ keychain, scryptParams: CHEAP_SCRYPT });
    expect(await code(vault.forgetProfile('p1'))).toBe('ok');
    expect(await code(vault.forgetProfile('p1'))).toBe('profile_not_found');
  });
});

describe('orphan sweep at unlock', () => {
  async function withOrphans(list: () => readonly { id: string }[], method: 'passphrase' | 'presence' = 'passphrase') {
    const presence = new FakePresence('touch-id');
    const setup = vaultSetup({ presence, profiles: { remove: async () => true, list } });
    const { vault, keychain } = setup;
    await vault.create({ passphrase: PASS, enablePresence: method === 'presence' });
    await vault.secretsFor('p-kept').set('password', 'kept-secret');
    // What a crash between a new profile's secrets and its metadata leaves behind.
    await vault.secretsFor('p-orphan').set('api-key', 'orphan-key');
    await vault.secretsFor('p-orphan').set('session', 'orphan-session');
    keychain.items.set('loose-item', 'not a profile item');
    vault.lock('manual');
    return setup;
  }

  it.each(['passphrase', 'presence'] as const)('an unlock by %s deletes items no profile owns, and only those', async (method) => {
    const { vault, keychain } = await withOrphans(() => [{ id: 'p-kept' }], method);
    const vaultItems = [...keychain.items.keys()].filter((k) => k.startsWith('vault/'));
    if (method === 'passphrase') await vault.unlockWithPassphrase(PASS);
    else await vault.unlockWithPresence();
    expect([...keychain.items.keys()].sort()).toEqual([...vaultItems, 'loose-item', 'p-kept/password'].sort());
    expect(await vault.secretsFor('p-kept').get('password')).toBe('kept-secret');
  });

  it('is best effort: a failing keychain or profile list leaves everything to the next unlock', async () => {
    let failing = true;
    const { vault, keychain } = await withOrphans(() => {
      if (failing) throw new Error('profiles unreadable');
      return [{ id: 'p-kept' }];
    });
    await vault.unlockWithPassphrase(PASS);
    expect(keychain.items.has('p-orphan/api-key')).toBe(true);
    vault.lock();
    failing = false;
    keychain.failWith(unavailableKeychainError(), { operations: ['delete'] });
    await vault.unlockWithPassphrase(PASS);
    expect(keychain.items.has('p-orphan/api-key')).toBe(true);
    keychain.failWith(null);
    vault.lock();
    await vault.unlockWithPassphrase(PASS);
    expect(keychain.items.has('p-orphan/api-key')).toBe(false);
  });

  it('without a list of profiles there is nothing to sweep, and the keychain is not even listed', async () => {
    const { vault, keychain } = await unlockedVault({ profiles: { remove: async () => true } });
    await vault.secretsFor('p-any').set('password', 'kept');
    vault.lock();
    let listings = 0;
    const findAll = keychain.findAll.bind(keychain);
    keychain.findAll = async () => ((listings += 1), findAll());
    await vault.unlockWithPassphrase(PASS);
    expect(listings).toBe(0);
    expect(keychain.items.has('p-any/password')).toBe(true);
  });

  it('does not run on a re-confirmation while unlocked', async () => {
    let owned = [{ id: 'p-kept' }, { id: 'p-orphan' }];
    const { vault, keychain } = await withOrphans(() => owned);
    await vault.unlockWithPassphrase(PASS);
    owned = [];
    await vault.unlockWithPassphrase(PASS);
    expect(keychain.items.has('p-kept/password')).toBe(true);
    expect(keychain.items.has('p-orphan/api-key')).toBe(true);
  });
});
