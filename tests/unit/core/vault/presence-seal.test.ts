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

describe('presence seal: what a signature-bound copy looks like', () => {
  const device = Buffer.alloc(32, 7);
  const RECORDED_KEY = Buffer.from('000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f', 'hex');
  /** Sealed by the first version of the format, with `device` as the platform key. */
  const RECORDED = 'sig.H0aA1KlNQKEsC_m9pemVYTZNwA-WBlTL0KeTpCGkwLA.0A6TtE0SiEznrVrZ.xf_6OfKJe2--oC7_OI8xE9JWMUnRks-QcxB3Y3TFHwo.LbAMOMOh-tzSYqwotX-1UA';

  function signer(signature?: (challenge: Buffer) => Buffer) {
    const calls: Array<{ challenge: Buffer; reason: string }> = [];
    const given: Buffer[] = [];
    const sign = async (challenge: Buffer, reason: string): Promise<Buffer> => {
      calls.push({ challenge: Buffer.from(challenge), reason });
      const s = signature ? signature(challenge) : createHmac('sha256', device).update(challenge).digest();
      given.push(s);
      return s;
    };
    return { sign, calls, given };
  }

  it('opens a copy sealed by the first version of the format', async () => {
    const s = signer();
    expect(await signatureSealer(s.sign).open(RECORDED, 'unlock')).toEqual(RECORDED_KEY);
    expect(s.calls).toEqual([{ challenge: Buffer.from(RECORDED.split('.')[1]!, 'base64url'), reason: 'unlock' }]);
  });

  it('is sig.<32-byte challenge>.<12-byte IV>.<ciphertext>.<16-byte tag>, and zeroes the signatures it used', async () => {
    const s = signer();
    const sealed = (await signatureSealer(s.sign).seal(RECORDED_KEY, 'turn on')) as string;
    const [tag, challenge, iv, ct, authTag, ...rest] = sealed.split('.');
    expect(tag).toBe('sig');
    expect(rest).toEqual([]);
    expect(Buffer.from(challenge!, 'base64url')).toHaveLength(32);
    expect(s.calls[0]!.challenge.equals(Buffer.from(challenge!, 'base64url'))).toBe(true);
    expect(Buffer.from(iv!, 'base64url')).toHaveLength(12);
    expect(Buffer.from(ct!, 'base64url')).toHaveLength(32);
    expect(Buffer.from(authTag!, 'base64url')).toHaveLength(16);
    await signatureSealer(s.sign).open(sealed, 'unlock');
    for (const g of s.given) expect(g.every((b) => b === 0)).toBe(true);
  });

  it('takes a fresh challenge every time', async () => {
    const s = signer();
    const a = (await signatureSealer(s.sign).seal(RECORDED_KEY, 'on')) as string;
    const b = (await signatureSealer(s.sign).seal(RECORDED_KEY, 'on')) as string;
    expect(a.split('.')[1]).not.toBe(b.split('.')[1]);
  });

  it('refuses a signature shorter than 32 bytes', async () => {
    const short = signer((c) => createHmac('sha256', device).update(c).digest().subarray(0, 31));
    expect(await signatureSealer(short.sign).seal(RECORDED_KEY, 'on')).toBeNull();
    const long = signer((c) => Buffer.concat([createHmac('sha256', device).update(c).digest(), Buffer.alloc(1)]));
    expect(await signatureSealer(long.sign).seal(RECORDED_KEY, 'on')).not.toBeNull();
  });

  it('opens nothing, and asks for no signature, when the copy is malformed', async () => {
    const [, challenge, iv, ct, authTag] = RECORDED.split('.') as [string, string, string, string, string];
    const shortChallenge = Buffer.from(challenge, 'base64url').subarray(0, 31).toString('base64url');
    for (const bad of [`x${RECORDED}`, `os.${challenge}.${iv}.${ct}.${authTag}`, `sig.${challenge}`, `sig.${shortChallenge}.${iv}.${ct}.${authTag}`, `sig.${challenge}.${iv}.${ct}.${authTag}\n`, `sig.a+b.${iv}.${ct}.${authTag}`]) {
      const s = signer();
      expect(await signatureSealer(s.sign).open(bad, 'unlock')).toBeNull();
      expect(s.calls).toEqual([]);
    }
  });

  it('opens nothing when the box is damaged', async () => {
    const [, challenge, iv, ct, authTag] = RECORDED.split('.') as [string, string, string, string, string];
    const b64 = (s: string, f: (b: Buffer) => Buffer): string => f(Buffer.from(s, 'base64url')).toString('base64url');
    for (const bad of [
      `sig.${challenge}.${iv}.${ct}`,
      `sig.${challenge}.${iv}.${ct}.${authTag}.x`,
      `sig.${challenge}.${b64(iv, (b) => b.subarray(0, 11))}.${ct}.${authTag}`,
      `sig.${challenge}.${iv}.${ct}.${b64(authTag, (b) => b.subarray(0, 12))}`,
      `sig.${challenge}.${iv}.${b64(ct, (b) => Buffer.from(b.map((x, i) => (i === 0 ? x ^ 1 : x))))}.${authTag}`,
    ]) {
      expect(await signatureSealer(signer().sign).open(bad, 'unlock')).toBeNull();
    }
  });
});

describe('presence seal: what an OS-store copy looks like', () => {
  function reversingStore(options: { available?: boolean; decrypt?: (s: Buffer) => Promise<string> } = {}) {
    const calls: string[] = [];
    const store: ProtectedStore = {
      isAvailable: async () => (calls.push('available'), options.available ?? true),
      encrypt: async (plain) => (calls.push('encrypt'), Buffer.from(plain, 'utf8').reverse()),
      decrypt: options.decrypt ?? (async (sealed) => (calls.push('decrypt'), Buffer.from(sealed).reverse().toString('utf8'))),
    };
    return { store, calls };
  }
  const verifying = (answer: boolean, calls: string[]) => async (reason: string) => (calls.push(`verify:${reason}`), answer);

  it('is os.<the store’s ciphertext of the base64 key>, and opens back to the key', async () => {
    const k = key();
    const { store, calls } = reversingStore();
    const sealer = protectedStoreSealer(verifying(true, calls), store);
    expect(sealer.level).toBe('os-store');
    const sealed = (await sealer.seal(k, 'on')) as string;
    expect(sealed).toBe(`os.${Buffer.from(k.toString('base64')).reverse().toString('base64url')}`);
    expect(await sealer.open(sealed, 'unlock')).toEqual(k);
    expect(calls).toEqual(['available', 'verify:on', 'encrypt', 'available', 'verify:unlock', 'decrypt']);
  });

  it('does not prompt when the store is unavailable, and opens nothing without the os. prefix', async () => {
    const k = key();
    const { store, calls } = reversingStore({ available: false });
    const sealer = protectedStoreSealer(verifying(true, calls), store);
    expect(await sealer.seal(k, 'on')).toBeNull();
    expect(await sealer.open(`os.${k.toString('base64url')}`, 'unlock')).toBeNull();
    const other = reversingStore();
    expect(await protectedStoreSealer(verifying(true, other.calls), other.store).open(`xs.${k.toString('base64url')}`, 'unlock')).toBeNull();
    expect([...calls, ...other.calls].filter((c) => c.startsWith('verify'))).toEqual([]);
  });

  it('opens nothing when the person refuses, the store fails, or the result is not a 32-byte key', async () => {
    const k = key();
    const ok = reversingStore();
    const sealed = (await protectedStoreSealer(verifying(true, ok.calls), ok.store).seal(k, 'on')) as string;
    expect(await protectedStoreSealer(verifying(false, []), ok.store).seal(k, 'on')).toBeNull();
    expect(await protectedStoreSealer(verifying(false, []), ok.store).open(sealed, 'unlock')).toBeNull();
    const failing = reversingStore({
      decrypt: async () => {
        throw new Error('store locked');
      },
    });
    expect(await protectedStoreSealer(verifying(true, []), failing.store).open(sealed, 'unlock')).toBeNull();
    for (const size of [31, 33]) {
      const wrong = reversingStore({ decrypt: async () => randomBytes(size).toString('base64') });
      expect(await protectedStoreSealer(verifying(true, []), wrong.store).open(sealed, 'unlock')).toBeNull();
    }
  });
});
