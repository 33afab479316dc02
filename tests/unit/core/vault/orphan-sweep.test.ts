import { describe, expect, it } from 'vitest';
import { createMemoryKeychain } from '../../../../main/core/secrets/memory-keychain.js';
import { FakeClock, FakePresence } from '../../../support/fakes.js';
import { createMemoryThrottleStore } from '../../../../main/core/vault/throttle.js';
import { Vault } from '../../../../main/core/vault/vault.js';

const PASS = 'correct horse battery';

describe('orphan sweep at unlock', () => {
  it.each(['passphrase', 'presence'] as const)('an unlock by %s deletes items no profile owns, and only those', async (method) => {
    const keychain = createMemoryKeychain();
    const owned = [{ id: 'p-kept' }];
    const presence = new FakePresence('touch-id');
    const vault = new Vault({
      keychain,
      clock: new FakeClock(),
      throttle: createMemoryThrottleStore(),
      scryptParams: { N: 2 ** 10, r: 8, p: 1 },
      presence,
      profiles: { remove: async () => true, list: () => owned },
    });
    await vault.create({ passphrase: PASS, enablePresence: method === 'presence' });
    await vault.secretsFor('p-kept').set('password', 'kept-secret');
    // What a crash between a new profile's secrets and its metadata leaves behind.
    await vault.secretsFor('p-orphan').set('api-key', 'orphan-key');
    await vault.secretsFor('p-orphan').set('session', 'orphan-session');
    const vaultItems = (await keychain.findAll()).filter((i) => i.account.startsWith('vault/')).map((i) => i.account);
    vault.lock('manual');

    if (method === 'passphrase') await vault.unlockWithPassphrase(PASS);
    else await vault.unlockWithPresence();

    const accounts = (await keychain.findAll()).map((i) => i.account).sort();
    expect(accounts).toEqual([...vaultItems, 'p-kept/password'].sort());
    expect(await vault.secretsFor('p-kept').get('password')).toBe('kept-secret');
  });
});
