import { createHmac, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createMemoryKeychain } from '../../../../main/core/secrets/memory-keychain.js';
import { FakeClock, FakePresence } from '../../../support/fakes.js';
import { protectedStoreSealer, signatureSealer, type ProtectedStore } from '../../../../main/core/vault/presence-seal.js';
import type { UserPresence } from '../../../../main/core/vault/ports.js';
import { createMemoryThrottleStore } from '../../../../main/core/vault/throttle.js';
import { PRESENCE_KEY_ITEM, Vault } from '../../../../main/core/vault/vault.js';

const key = (): Buffer => randomBytes(32);

function hmacSigner(deviceKey: Buffer, answers: boolean[] = []) {
  const prompts: string[] = [];
  const sign = async (challenge: Buffer, reason: string): Promise<Buffer | null> => {
    prompts.push(reason);
    return answers.shift() === false ? null : createHmac('sha256', deviceKey).update(challenge).digest();
  };
  return { sign, prompts };
}

describe('presence seal: signature-bound (Windows Hello)', () => {
  it('opens only with the same platform key, and only after the person confirms', async () => {
    const device = randomBytes(32);
    const k = key();
    const signer = hmacSigner(device);
    const sealed = await signatureSealer(signer.sign).seal(k, 'turn on');
    expect(sealed).not.toBeNull();
    expect(sealed).not.toContain(k.toString('base64'));
    expect(sealed).not.toContain(k.toString('base64url'));
    expect(sealed).not.toContain(k.toString('hex'));
    expect(await signatureSealer(signer.sign).open(sealed!, 'unlock')).toEqual(k);
    expect(signer.prompts).toEqual(['turn on', 'unlock']);
    // Another machine's (or a copied) key cannot open it; a refusal opens nothing.
    expect(await signatureSealer(hmacSigner(randomBytes(32)).sign).open(sealed!, 'unlock')).toBeNull();
    expect(await signatureSealer(hmacSigner(device, [false]).sign).open(sealed!, 'unlock')).toBeNull();
    expect(await signatureSealer(hmacSigner(device, [false]).sign).seal(k, 'turn on')).toBeNull();
    expect(await signatureSealer(signer.sign).open('sig.garbage', 'unlock')).toBeNull();
  });
});

describe('presence seal: OS protected store (safeStorage)', () => {
  function fakeStore(): ProtectedStore & { osKey: Buffer } {
    const osKey = randomBytes(32);
    return {
      osKey,
      isAvailable: async () => true,
      encrypt: async (plain) =>
        Buffer.from(Buffer.concat([Buffer.from('enc:'), createHmac('sha256', osKey).update(plain).digest(), Buffer.from(plain)]).map((b, i) => b ^ osKey[i % 32]!)),
      decrypt: async (sealed) => Buffer.from(sealed.map((b, i) => b ^ osKey[i % 32]!)).subarray(36).toString(),
    };
  }
  it('seals after a presence check only, and opens only after another', async () => {
    const store = fakeStore();
    const answers = [true, false, true];
    const sealer = protectedStoreSealer(async () => answers.shift() ?? false, store);
    const k = key();
    const sealed = await sealer.seal(k, 'on');
    expect(sealed).not.toContain(k.toString('base64'));
    expect(await sealer.open(sealed!, 'unlock')).toBeNull(); // Touch ID refused
    expect(await sealer.open(sealed!, 'unlock')).toEqual(k);
    expect(await protectedStoreSealer(async () => true, { ...store, isAvailable: async () => false }).seal(k, 'on')).toBeNull();
  });
});

describe('vault and the presence seal', () => {
  const make = (presence: UserPresence, keychain = createMemoryKeychain()) =>
    new Vault({ keychain, clock: new FakeClock(), throttle: createMemoryThrottleStore(), scryptParams: { N: 2 ** 10, r: 8, p: 1 }, presence });

  it('does not offer presence unlock on a platform that cannot seal the copy', async () => {
    const bare: UserPresence = { kind: 'touch-id', isAvailable: async () => true, verify: async () => true };
    const vault = make(bare);
    await expect(vault.create({ passphrase: 'correct horse battery', enablePresence: true })).rejects.toMatchObject({ code: 'presence_unavailable' });
    await vault.create({ passphrase: 'correct horse battery' });
    expect((await vault.status()).presence).toMatchObject({ available: false, enabled: false });
    await expect(vault.setPresence(true)).rejects.toMatchObject({ code: 'presence_unavailable' });
  });

  it('deletes a clear-text presence copy left by an older version, and asks for the passphrase', async () => {
    const keychain = createMemoryKeychain();
    const presence = new FakePresence('touch-id');
    const vault = make(presence, keychain);
    await vault.create({ passphrase: 'correct horse battery', enablePresence: true });
    await keychain.set(PRESENCE_KEY_ITEM, JSON.stringify({ v: 1, key: randomBytes(32).toString('base64') }));
    const restarted = make(presence, keychain);
    expect((await restarted.status()).presence.enabled).toBe(false);
    expect(await keychain.get(PRESENCE_KEY_ITEM)).toBeNull();
  });
});
