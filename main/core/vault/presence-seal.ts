// Why: presence unlock must not leave the vault key readable from the keychain. The copy
// kept for presence unlock is sealed by something the OS holds outside our keychain items,
// released only through the platform:
// - `presence-bound` (Windows Hello): the sealing key is derived from the signature a
//   Windows Hello key makes over a stored random challenge. The private key never leaves
//   the TPM / Hello container and signs only after the person verifies; RSA PKCS#1 v1.5
//   signatures are deterministic, so the same challenge gives the same key every time.
//   A keychain dump holds the challenge and the sealed box, and no way to sign.
// - `os-store` (macOS without a biometry-bound item): the copy is encrypted by the OS
//   protected store (Electron safeStorage, whose key macOS keeps in a keychain item only
//   this signed app may read silently), and released after Touch ID; the Touch ID check
//   itself is a gate in our process, not enforced by the OS on the key.
// The vault stores only the sealed form; it never writes the key itself.
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

export type PresenceSealLevel = 'presence-bound' | 'os-store';

/** How a platform seals the presence copy of the vault key. Every method may prompt. */
export interface PresenceKeySealer {
  readonly level: PresenceSealLevel;
  /** Seals `key` after a successful presence check; null when the person did not confirm. */
  seal(key: Buffer, reason: string): Promise<string | null>;
  /** Opens a sealed copy after a successful presence check; null when refused or unreadable. */
  open(sealed: string, reason: string): Promise<Buffer | null>;
}

const INFO = Buffer.from('odoo-companion presence key v2');
const CHALLENGE_BYTES = 32;
/** Both directions: a 16-byte tag written, and only a 16-byte tag accepted (Node takes a cut one otherwise). */
const GCM = { authTagLength: 16 };

function box(kek: Buffer, plain: Buffer, aad: Buffer): string {
  const iv = randomBytes(12);
  const c = createCipheriv('aes-256-gcm', kek, iv, GCM);
  c.setAAD(aad);
  const ct = Buffer.concat([c.update(plain), c.final()]);
  return [iv, ct, c.getAuthTag()].map((b) => b.toString('base64url')).join('.');
}

function unbox(kek: Buffer, sealed: string, aad: Buffer): Buffer | null {
  const parts = sealed.split('.');
  if (parts.length !== 3) return null;
  const [iv, ct, tag] = parts.map((p) => Buffer.from(p, 'base64url')) as [Buffer, Buffer, Buffer];
  // Any IV length is authenticated by GCM; a tag of any length but 16 bytes is refused.
  try {
    const d = createDecipheriv('aes-256-gcm', kek, iv, GCM);
    d.setAAD(aad);
    d.setAuthTag(tag);
    return Buffer.concat([d.update(ct), d.final()]);
  } catch {
    return null;
  }
}

/**
 * A signature-bound sealer: `sign(challenge, reason)` asks the platform key (Windows Hello
 * KeyCredential) to sign after the person verifies, or answers null.
 */
export function signatureSealer(sign: (challenge: Buffer, reason: string) => Promise<Buffer | null>): PresenceKeySealer {
  const kekFrom = (signature: Buffer, challenge: Buffer): Buffer =>
    Buffer.from(hkdfSync('sha256', signature, challenge, INFO, 32));
  return {
    level: 'presence-bound',
    async seal(key, reason) {
      const challenge = randomBytes(CHALLENGE_BYTES);
      const signature = await sign(challenge, reason);
      if (signature === null || signature.length < 32) return null;
      const kek = kekFrom(signature, challenge);
      signature.fill(0);
      const boxed = box(kek, key, challenge);
      // Stryker disable next-line CallExpression: zeroing a key no one holds any more, against memory dumps.
      kek.fill(0);
      return `sig.${challenge.toString('base64url')}.${boxed}`;
    },
    async open(sealed, reason) {
      const m = /^sig\.([A-Za-z0-9_-]+)\.(.+)$/.exec(sealed);
      if (!m) return null;
      const challenge = Buffer.from(m[1]!, 'base64url');
      if (challenge.length !== CHALLENGE_BYTES) return null;
      const signature = await sign(challenge, reason);
      if (signature === null) return null;
      const kek = kekFrom(signature, challenge);
      signature.fill(0);
      const opened = unbox(kek, m[2]!, challenge);
      // Stryker disable next-line CallExpression: zeroing a key no one holds any more, against memory dumps.
      kek.fill(0);
      return opened;
    },
  };
}

/** The OS protected store (Electron safeStorage) as the platform gives it to main. Async, as safeStorage is from Electron 46 on. */
export interface ProtectedStore {
  isAvailable(): Promise<boolean>;
  encrypt(plain: string): Promise<Buffer>;
  decrypt(sealed: Buffer): Promise<string>;
}

/** An os-store sealer: the presence check, then the OS protected store. */
export function protectedStoreSealer(verify: (reason: string) => Promise<boolean>, store: ProtectedStore): PresenceKeySealer {
  return {
    level: 'os-store',
    async seal(key, reason) {
      if (!(await store.isAvailable()) || !(await verify(reason))) return null;
      return `os.${(await store.encrypt(key.toString('base64'))).toString('base64url')}`;
    },
    async open(sealed, reason) {
      if (!sealed.startsWith('os.') || !(await store.isAvailable()) || !(await verify(reason))) return null;
      try {
        const key = Buffer.from(await store.decrypt(Buffer.from(sealed.slice(3), 'base64url')), 'base64');
        return key.length === 32 ? key : null;
      } catch {
        return null;
      }
    },
  };
}
