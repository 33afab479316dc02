import { createHmac, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { protectedStoreSealer, signatureSealer, type ProtectedStore } from '../../../../main/core/vault/presence-seal.js';

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
