import { describe, expect, it } from 'vitest';
import { DEFAULT_SCRYPT_PARAMS, newVaultKey, parseWrappedKey, unwrapVaultKey, WrongPassphraseError, wrapVaultKey } from '../../../../main/core/vault/kdf.js';

const cheap = { N: 2 ** 10, r: 8, p: 1 };

describe('vault key wrapping', () => {
  it('records the scrypt parameters and salt with the wrapped key', async () => {
    const key = newVaultKey();
    const w = parseWrappedKey(await wrapVaultKey(key, 'correct horse', cheap));
    expect(w).toMatchObject({ v: 1, kdf: 'scrypt', N: 1024, r: 8, p: 1 });
    expect(Buffer.from(w.salt, 'base64')).toHaveLength(16);
    expect(DEFAULT_SCRYPT_PARAMS).toEqual({ N: 2 ** 17, r: 8, p: 1 });
  });

  it('unwraps with the right passphrase only', async () => {
    const key = newVaultKey();
    const wrapped = await wrapVaultKey(key, 'correct horse', cheap);
    expect((await unwrapVaultKey(wrapped, 'correct horse')).equals(key)).toBe(true);
    await expect(unwrapVaultKey(wrapped, 'correct horsE')).rejects.toBeInstanceOf(WrongPassphraseError);
  });

  it('normalises the passphrase (NFC), so the same text typed on another OS works', async () => {
    const key = newVaultKey();
    const wrapped = await wrapVaultKey(key, 'caf\u00e9', cheap);
    expect((await unwrapVaultKey(wrapped, 'cafe\u0301')).equals(key)).toBe(true);
  });

  it('binds the parameters: a wrapped key with lowered N does not open', async () => {
    const key = newVaultKey();
    const w = JSON.parse(await wrapVaultKey(key, 'pw', { N: 2048, r: 8, p: 1 }));
    w.N = 1024;
    await expect(unwrapVaultKey(JSON.stringify(w), 'pw')).rejects.toBeInstanceOf(WrongPassphraseError);
    w.N = 16;
    await expect(unwrapVaultKey(JSON.stringify(w), 'pw')).rejects.toThrow(/out of range/);
  });

  it('gives every vault key its own zeroable memory', () => {
    const a = newVaultKey();
    expect(a.byteOffset).toBe(0);
    expect(a.buffer.byteLength).toBe(32);
  });
});
