import { describe, expect, it } from 'vitest';
import {
  calibrateScrypt,
  DEFAULT_SCRYPT_PARAMS,
  deriveKey,
  median,
  MIN_SCRYPT_N,
  newVaultKey,
  parseWrappedKey,
  timeScrypt,
  unwrapVaultKey,
  WrongPassphraseError,
  wrapVaultKey,
  type ScryptParams,
} from '../../../../main/core/vault/kdf.js';

const cheap = { N: 2 ** 10, r: 8, p: 1 };

/**
 * A wrapped key made by this format's first version (key 00 01 … 1f, passphrase
 * "café passphrase" typed with a precomposed é, N = 2^10): every later version must open it.
 */
const RECORDED = JSON.stringify({
  v: 1,
  kdf: 'scrypt',
  N: 1024,
  r: 8,
  p: 1,
  salt: 'MhapSL0qdEOz7iSTG0HEVA==',
  iv: 'HzYkXetBUk//YdJq',
  ct: 'LF5MP8CKrjNLAUnRIYTtq1PwUQJAXbHsS1+5C0Th7O0=',
  tag: 'LFXKyUc5VxMlgyFpYY7Zlw==',
});
const RECORDED_KEY = Buffer.from('000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f', 'hex');

async function rejection(p: Promise<unknown>): Promise<unknown> {
  return p.then(
    () => null,
    (e: unknown) => e,
  );
}

describe('vault key wrapping', () => {
  it('records the scrypt parameters, salt, IV and tag with the wrapped key', async () => {
    const key = newVaultKey();
    const w = parseWrappedKey(await wrapVaultKey(key, 'correct horse', cheap));
    expect(w).toMatchObject({ v: 1, kdf: 'scrypt', N: 1024, r: 8, p: 1 });
    expect(Buffer.from(w.salt, 'base64')).toHaveLength(16);
    expect(Buffer.from(w.iv, 'base64')).toHaveLength(12);
    expect(Buffer.from(w.tag, 'base64')).toHaveLength(16);
    expect(Buffer.from(w.ct, 'base64')).toHaveLength(32);
    expect(Buffer.from(w.ct, 'base64').equals(key)).toBe(false);
    expect(DEFAULT_SCRYPT_PARAMS).toEqual({ N: 2 ** 17, r: 8, p: 1 });
    expect(Object.isFrozen(DEFAULT_SCRYPT_PARAMS)).toBe(true);
    expect(MIN_SCRYPT_N).toBe(1024);
  });

  it('opens a wrapped key recorded by the first version of the format', async () => {
    expect((await unwrapVaultKey(RECORDED, 'caf\u00e9 passphrase')).equals(RECORDED_KEY)).toBe(true);
    // The same text with a decomposed é (typed on another OS).
    expect((await unwrapVaultKey(RECORDED, 'cafe\u0301 passphrase')).equals(RECORDED_KEY)).toBe(true);
  });

  it('unwraps with the right passphrase only', async () => {
    const key = newVaultKey();
    const wrapped = await wrapVaultKey(key, 'correct horse', cheap);
    expect((await unwrapVaultKey(wrapped, 'correct horse')).equals(key)).toBe(true);
    const e = await rejection(unwrapVaultKey(wrapped, 'correct horsE'));
    expect(e).toBeInstanceOf(WrongPassphraseError);
    expect((e as Error).name).toBe('WrongPassphraseError');
  });

  it('uses a fresh salt and IV every time', async () => {
    const key = newVaultKey();
    const a = parseWrappedKey(await wrapVaultKey(key, 'pw', cheap));
    const b = parseWrappedKey(await wrapVaultKey(key, 'pw', cheap));
    expect(a.salt).not.toBe(b.salt);
    expect(a.iv).not.toBe(b.iv);
  });

  it('binds the parameters: a wrapped key with lowered N does not open', async () => {
    const key = newVaultKey();
    const w = JSON.parse(await wrapVaultKey(key, 'pw', { N: 2048, r: 8, p: 1 }));
    w.N = 1024;
    await expect(unwrapVaultKey(JSON.stringify(w), 'pw')).rejects.toBeInstanceOf(WrongPassphraseError);
    w.N = 16;
    await expect(unwrapVaultKey(JSON.stringify(w), 'pw')).rejects.toThrow(/out of range/);
  });

  it('a tampered tag or ciphertext reads as a wrong passphrase', async () => {
    const w = JSON.parse(RECORDED);
    for (const field of ['tag', 'ct', 'iv'] as const) {
      const bytes = Buffer.from(w[field], 'base64');
      bytes[0] = (bytes[0] as number) ^ 1;
      const tampered = JSON.stringify({ ...w, [field]: bytes.toString('base64') });
      await expect(unwrapVaultKey(tampered, 'caf\u00e9 passphrase')).rejects.toBeInstanceOf(WrongPassphraseError);
    }
  });

  it('refuses a tag cut short, even though its bytes are the genuine ones', async () => {
    const w = JSON.parse(RECORDED);
    const cut = JSON.stringify({ ...w, tag: Buffer.from(w.tag, 'base64').subarray(0, 12).toString('base64') });
    const e = await rejection(unwrapVaultKey(cut, 'caf\u00e9 passphrase'));
    expect(e).toBeInstanceOf(Error);
    expect(e).not.toBeInstanceOf(WrongPassphraseError);
  });

  it('refuses to unwrap anything but a 32-byte key', async () => {
    for (const size of [31, 33]) {
      const wrapped = await wrapVaultKey(Buffer.alloc(size, 1), 'pw', cheap);
      const e = await rejection(unwrapVaultKey(wrapped, 'pw'));
      expect(e).not.toBeInstanceOf(WrongPassphraseError);
      expect(String(e)).toMatch(/wrong length/);
    }
  });

  it('derives at the default cost within the memory it allows itself', async () => {
    const key = await deriveKey('pw', Buffer.alloc(16), DEFAULT_SCRYPT_PARAMS);
    expect(key).toHaveLength(32);
    const p2 = await deriveKey('pw', Buffer.alloc(16), { N: 2 ** 14, r: 8, p: 2 });
    expect(p2.equals(await deriveKey('pw', Buffer.alloc(16), { N: 2 ** 14, r: 8, p: 1 }))).toBe(false);
  });

  it('gives every vault key its own zeroable memory, filled with fresh random bytes', () => {
    const a = newVaultKey();
    expect(a).toHaveLength(32);
    expect(a.byteOffset).toBe(0);
    expect(a.buffer.byteLength).toBe(32);
    expect(a.equals(Buffer.alloc(32))).toBe(false);
    expect(a.equals(newVaultKey())).toBe(false);
  });
});

describe('what a wrapped key may look like', () => {
  const base = JSON.parse(RECORDED) as Record<string, unknown>;
  const parse = (o: unknown): unknown => {
    try {
      return parseWrappedKey(JSON.stringify(o));
    } catch (e) {
      return (e as Error).message;
    }
  };

  it('is JSON', () => {
    expect(() => parseWrappedKey('{')).toThrow(/not JSON/);
    expect(parse(null)).toMatch(/unknown format/);
  });

  it('has every field, of the right type', () => {
    expect(parse(base)).toEqual(base);
    for (const [field, bad] of [
      ['v', 2],
      ['kdf', 'argon2'],
      ['N', '1024'],
      ['r', '8'],
      ['p', '1'],
      ['salt', 1],
      ['iv', 1],
      ['ct', 1],
      ['tag', 1],
    ] as const) {
      expect(parse({ ...base, [field]: bad })).toMatch(/unknown format/);
    }
  });

  it('has scrypt parameters in range: N a power of two in [2^10, 2^22], r in [1, 32], p in [1, 16], all integers', () => {
    const ok = (p: Partial<ScryptParams>): boolean => typeof parse({ ...base, ...p }) === 'object';
    for (const good of [{ N: 2 ** 10 }, { N: 2 ** 22 }, { r: 1 }, { r: 32 }, { p: 1 }, { p: 16 }]) expect(ok(good)).toBe(true);
    for (const bad of [{ N: 1 }, { N: 0 }, { N: 2 ** 9 }, { N: 2 ** 23 }, { N: 1536 }, { N: 1024.5 }, { N: -1024 }, { r: 0 }, { r: 33 }, { r: 1.5 }, { p: 0 }, { p: 17 }, { p: 1.5 }]) {
      expect(ok(bad)).toBe(false);
    }
  });

  it('is refused before any derivation when wrapping with out-of-range parameters', async () => {
    await expect(wrapVaultKey(newVaultKey(), 'pw', { N: 512, r: 8, p: 1 })).rejects.toThrow(/out of range/);
  });
});

describe('calibration', () => {
  /** A machine on which one derivation takes N / 256 ms (2^16 → 256 ms), and records what it was asked. */
  function machine(msFor: (N: number) => number = (N) => N / 256) {
    const asked: number[] = [];
    const measure = async (p: ScryptParams): Promise<number> => {
      expect(p).toMatchObject({ r: 8, p: 1 });
      asked.push(p.N);
      return msFor(p.N);
    };
    return { asked, measure };
  }

  it('takes the smallest N from 2^14 up that reaches minMs, measuring each 3 times by default', async () => {
    const m = machine();
    const r = await calibrateScrypt({ measure: m.measure });
    expect(r.params).toEqual({ N: 2 ** 16, r: 8, p: 1 });
    expect(r.medianMs).toBe(256);
    expect(r.table).toEqual([
      { N: 2 ** 14, medianMs: 64 },
      { N: 2 ** 15, medianMs: 128 },
      { N: 2 ** 16, medianMs: 256 },
    ]);
    expect(m.asked).toEqual([2 ** 14, 2 ** 14, 2 ** 14, 2 ** 15, 2 ** 15, 2 ** 15, 2 ** 16, 2 ** 16, 2 ** 16]);
  });

  it('keeps the last N under maxMs when the next one passes it', async () => {
    // 2^15 takes 240 ms (below 250), 2^16 takes 1001 ms (above 1000).
    const r = await calibrateScrypt({ samples: 1, measure: machine((N) => (N <= 2 ** 15 ? 240 : 1001)).measure });
    expect(r.params.N).toBe(2 ** 15);
    expect(r.medianMs).toBe(240);
    expect(r.table.map((t) => t.N)).toEqual([2 ** 14, 2 ** 15, 2 ** 16]);
  });

  it('both bounds are inclusive: exactly minMs is enough, exactly maxMs is not too much', async () => {
    expect((await calibrateScrypt({ samples: 1, measure: machine(() => 250).measure })).table).toHaveLength(1);
    const r = await calibrateScrypt({ samples: 1, minMs: 2000, measure: machine((N) => (N === 2 ** 14 ? 100 : 1000)).measure });
    expect(r.params.N).toBe(2 ** 21);
    expect(r.table).toHaveLength(8);
    const exact = await calibrateScrypt({ samples: 1, measure: machine((N) => (N === 2 ** 14 ? 100 : 1000)).measure });
    expect(exact).toMatchObject({ params: { N: 2 ** 15 }, medianMs: 1000 });
  });

  it('stops at 2^21 on a machine too fast to reach minMs', async () => {
    const m = machine(() => 1);
    const r = await calibrateScrypt({ samples: 2, measure: m.measure });
    expect(r.params.N).toBe(2 ** 21);
    expect(m.asked).toHaveLength(16);
  });

  it('takes 2^14 anyway on a machine where even it passes maxMs', async () => {
    const r = await calibrateScrypt({ samples: 1, maxMs: 10, measure: machine(() => 11).measure });
    expect(r).toEqual({ params: { N: 2 ** 14, r: 8, p: 1 }, medianMs: 11, table: [{ N: 2 ** 14, medianMs: 11 }] });
  });

  it('uses the median of the samples', async () => {
    let call = 0;
    const r = await calibrateScrypt({ samples: 3, measure: async () => [300, 5000, 260][call++ % 3] as number });
    expect(r).toMatchObject({ params: { N: 2 ** 14 }, medianMs: 300 });
  });

  it('times real derivations by default', async () => {
    const r = await calibrateScrypt({ minMs: 0, samples: 1 });
    expect(r.params.N).toBe(2 ** 14);
    expect(r.medianMs).toBeGreaterThan(0);
    const ms = await timeScrypt(cheap);
    expect(ms).toBeGreaterThan(0);
    expect(ms).toBeLessThan(60_000);
  });
});

describe('median', () => {
  it('is the middle value, or the mean of the two middle ones, in numeric order; NaN for none', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([10, 9, 100])).toBe(10);
    expect(median([7])).toBe(7);
    expect(median([])).toBeNaN();
    const input = [3, 1, 2];
    median(input);
    expect(input).toEqual([3, 1, 2]);
  });
});
