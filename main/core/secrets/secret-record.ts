// Encrypted secret records: what actually goes into the keychain for every secret.
// Security rules enforced here:
// - AES-256-GCM under the vault key with a fresh random 96-bit IV per write;
// - the item name (`<profileId>/<kind>`) is the associated data, so a record copied to
//   another item (another profile's password, say) fails to open instead of leaking;
// - the format is versioned: `v1.<iv>.<ciphertext>.<tag>`, base64url parts;
// - a record that fails authentication is refused, never returned partly decrypted;
// - the tag is exactly 16 bytes, enforced by `authTagLength` on the decipher (without it
//   Node accepts a tag cut to 4 bytes, and forging a 4-byte tag takes 2^32 tries).
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

const VERSION = 'v1';
const IV_BYTES = 12;
const TAG_BYTES = 16;
export const VAULT_KEY_BYTES = 32;
/** Both directions: a 16-byte tag written, and only a 16-byte tag accepted. */
const GCM = { authTagLength: TAG_BYTES };

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
  const cipher = createCipheriv('aes-256-gcm', key, iv, GCM);
  cipher.setAAD(Buffer.from(itemName));
  const data = typeof plaintext === 'string' ? Buffer.from(plaintext) : plaintext;
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
  if (iv.length !== IV_BYTES) throw new RecordError('malformed record');
  const decipher = createDecipheriv('aes-256-gcm', key, iv, GCM);
  decipher.setAAD(Buffer.from(itemName));
  try {
    // Refuses any tag that is not authTagLength bytes long.
    decipher.setAuthTag(tag);
  } catch (e) {
    throw new RecordError('malformed record', { cause: e });
  }
  const out = decipher.update(ct);
  try {
    // GCM's final() only checks the tag: it yields no further bytes.
    decipher.final();
  } catch (e) {
    // Stryker disable next-line all: a buffer nobody can reach any more, zeroed against memory dumps.
    out.fill(0);
    throw new RecordError('record failed authentication', { cause: e });
  }
  return out;
}

/** The keychain item name of one secret of one profile (docs/architecture.md, "Storage"). */
export function secretItemName(profileId: string, kind: string): string {
  return `${profileId}/${kind}`;
}
