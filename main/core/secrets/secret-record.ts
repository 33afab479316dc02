// Encrypted secret records: what actually goes into the keychain for every secret.
// Security rules enforced here:
// - AES-256-GCM under the vault key with a fresh random 96-bit IV per write;
// - the item name (`<profileId>/<kind>`) is the associated data, so a record copied to
//   another item (another profile's password, say) fails to open instead of leaking;
// - the format is versioned: `v1.<iv>.<ciphertext>.<tag>`, base64url parts;
// - a record that fails authentication is refused, never returned partly decrypted.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

const VERSION = 'v1';
const IV_BYTES = 12;
const TAG_BYTES = 16;
export const VAULT_KEY_BYTES = 32;

export class RecordError extends Error {
  override readonly name = 'RecordError';
}

function checkKey(key: Uint8Array): void {
  if (key.length !== VAULT_KEY_BYTES) throw new RecordError('vault key must be 32 bytes');
}

/** Encrypts `plaintext` for the keychain item `itemName`. */
export function sealRecord(key: Uint8Array, itemName: string, plaintext: Uint8Array | string): string {
  checkKey(key);
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(Buffer.from(itemName, 'utf8'));
  const data = typeof plaintext === 'string' ? Buffer.from(plaintext, 'utf8') : plaintext;
  const ct = Buffer.concat([cipher.update(data), cipher.final()]);
  const tag = cipher.getAuthTag();
  if (typeof plaintext === 'string') data.fill(0);
  return [VERSION, iv.toString('base64url'), ct.toString('base64url'), tag.toString('base64url')].join('.');
}

/**
 * Decrypts a record of the item `itemName` into a fresh Buffer the caller owns (and
 * should zero when done). Throws RecordError on any malformed or forged record.
 */
export function openRecord(key: Uint8Array, itemName: string, record: string): Buffer {
  checkKey(key);
  const parts = record.split('.');
  if (parts.length !== 4 || parts[0] !== VERSION) throw new RecordError('unknown record format');
  const [, ivText, ctText, tagText] = parts as [string, string, string, string];
  const iv = Buffer.from(ivText, 'base64url');
  const ct = Buffer.from(ctText, 'base64url');
  const tag = Buffer.from(tagText, 'base64url');
  if (iv.length !== IV_BYTES || tag.length !== TAG_BYTES) throw new RecordError('malformed record');
  const decipher = createDecipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
  decipher.setAAD(Buffer.from(itemName, 'utf8'));
  decipher.setAuthTag(tag);
  const head = decipher.update(ct);
  let tail: Buffer;
  try {
    tail = decipher.final();
  } catch (e) {
    head.fill(0);
    throw new RecordError('record failed authentication', { cause: e });
  }
  const out = Buffer.alloc(head.length + tail.length);
  head.copy(out, 0);
  tail.copy(out, head.length);
  head.fill(0);
  tail.fill(0);
  return out;
}

/** The keychain item name of one secret of one profile (docs/architecture.md, "Storage"). */
export function secretItemName(profileId: string, kind: string): string {
  return `${profileId}/${kind}`;
}
