import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { openRecord, RecordError, sealRecord, secretItemName } from '../../../../main/core/secrets/secret-record.js';

const key = randomBytes(32);

describe('secret records', () => {
  it('round-trips and uses the versioned v1.<iv>.<ct>.<tag> format', () => {
    const item = secretItemName('acme-prod', 'password');
    const record = sealRecord(key, item, 'canary-ȷ-secret');
    expect(record).toMatch(/^v1\.[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{22}$/);
    expect(record).not.toContain('canary');
    expect(openRecord(key, item, record).toString('utf8')).toBe('canary-ȷ-secret');
  });

  it('uses a fresh IV per write', () => {
    expect(sealRecord(key, 'a/password', 'x')).not.toBe(sealRecord(key, 'a/password', 'x'));
  });

  it('refuses a record moved to another item (the item name is associated data)', () => {
    const record = sealRecord(key, 'a/password', 'secret');
    expect(() => openRecord(key, 'b/password', record)).toThrow(RecordError);
    expect(() => openRecord(key, 'a/api-key', record)).toThrow(RecordError);
  });

  it('refuses a tampered record, another key and unknown versions', () => {
    const record = sealRecord(key, 'a/password', 'secret');
    const parts = record.split('.');
    const ct = Buffer.from(parts[2] as string, 'base64url');
    ct[0] = (ct[0] as number) ^ 1;
    expect(() => openRecord(key, 'a/password', [parts[0], parts[1], ct.toString('base64url'), parts[3]].join('.'))).toThrow(RecordError);
    expect(() => openRecord(randomBytes(32), 'a/password', record)).toThrow(RecordError);
    expect(() => openRecord(key, 'a/password', record.replace(/^v1/, 'v2'))).toThrow(RecordError);
    expect(() => openRecord(key, 'a/password', 'garbage')).toThrow(RecordError);
  });
});

/** The four parts of a record, decoded. */
function partsOf(record: string): { iv: Buffer; ct: Buffer; tag: Buffer } {
  const [, iv, ct, tag] = record.split('.') as [string, string, string, string];
  return { iv: Buffer.from(iv, 'base64url'), ct: Buffer.from(ct, 'base64url'), tag: Buffer.from(tag, 'base64url') };
}
const join = (p: { iv: Buffer; ct: Buffer; tag: Buffer }) =>
  ['v1', p.iv.toString('base64url'), p.ct.toString('base64url'), p.tag.toString('base64url')].join('.');

describe('secret records refuse what is not exactly v1', () => {
  const item = 'a/password';

  it('refuses a tag cut short, even when its bytes are the genuine ones (a 4-byte tag is forged in 2^32 tries)', () => {
    const p = partsOf(sealRecord(key, item, 'secret'));
    for (const length of [4, 8, 12, 15]) {
      expect(() => openRecord(key, item, join({ ...p, tag: p.tag.subarray(0, length) }))).toThrow(RecordError);
    }
    expect(() => openRecord(key, item, join({ ...p, tag: Buffer.concat([p.tag, Buffer.from([0])]) }))).toThrow(RecordError);
  });

  it('writes a 12-byte IV and a 16-byte tag', () => {
    const p = partsOf(sealRecord(key, item, 'secret'));
    expect(p.iv).toHaveLength(12);
    expect(p.tag).toHaveLength(16);
  });

  it('refuses an IV of any other length than 12 bytes', () => {
    const p = partsOf(sealRecord(key, item, 'secret'));
    for (const iv of [Buffer.alloc(0), p.iv.subarray(0, 8), Buffer.concat([p.iv, Buffer.alloc(4)])]) {
      expect(() => openRecord(key, item, join({ ...p, iv }))).toThrow(RecordError);
    }
  });

  it('refuses a record with a part too many or too few', () => {
    const record = sealRecord(key, item, 'secret');
    expect(() => openRecord(key, item, `${record}.extra`)).toThrow(RecordError);
    expect(() => openRecord(key, item, `${record}.`)).toThrow(RecordError);
    expect(() => openRecord(key, item, record.split('.').slice(0, 3).join('.'))).toThrow(RecordError);
    expect(() => openRecord(key, item, `x${record}`)).toThrow(RecordError);
  });

  it('takes a 32-byte key only, when sealing and when opening', () => {
    const record = sealRecord(key, item, 'secret');
    for (const bad of [randomBytes(16), randomBytes(24), randomBytes(31), randomBytes(33), new Uint8Array(0)]) {
      expect(() => sealRecord(bad, item, 'secret')).toThrow(RecordError);
      expect(() => openRecord(bad, item, record)).toThrow(RecordError);
    }
  });

  it('round-trips bytes and leaves the caller’s plaintext bytes as they were', () => {
    const bytes = Uint8Array.from([0, 1, 2, 250, 255]);
    const record = sealRecord(key, item, bytes);
    expect([...bytes]).toEqual([0, 1, 2, 250, 255]);
    expect([...openRecord(key, item, record)]).toEqual([0, 1, 2, 250, 255]);
  });

  it('leaves no copy of a string secret in Node’s shared buffer pool', () => {
    // Short strings are encoded into one shared 8 KiB pool that later buffers reuse; the
    // record's own copy of the secret must be zeroed there before sealRecord returns.
    const canary = `canary-${randomBytes(6).toString('hex')}`;
    for (let attempt = 0; attempt < 5; attempt += 1) {
      const before = Buffer.from('x').buffer;
      sealRecord(key, item, canary);
      const after = Buffer.from('y').buffer;
      // Same pool before and after: the secret was encoded into it.
      if (before !== after) continue;
      expect(Buffer.from(after).includes(canary)).toBe(false);
      return;
    }
    throw new Error('the buffer pool rolled over on every attempt');
  });
});

describe('record errors', () => {
  it('are RecordErrors by name, carrying what refused the record', () => {
    const record = sealRecord(key, 'a/password', 'secret');
    const [v, iv, ct, tag] = record.split('.') as [string, string, string, string];
    const short = [v, iv, ct, Buffer.from(tag, 'base64url').subarray(0, 4).toString('base64url')].join('.');
    for (const bad of [short, record]) {
      let caught: unknown;
      try {
        openRecord(key, bad === record ? 'b/password' : 'a/password', bad);
      } catch (e) {
        caught = e;
      }
      expect(caught).toBeInstanceOf(RecordError);
      expect((caught as RecordError).name).toBe('RecordError');
      expect((caught as RecordError).cause).toBeInstanceOf(Error);
    }
  });
});
