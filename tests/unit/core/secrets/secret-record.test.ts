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
