// The seam between the vault and everything that needs a profile's secrets (the Odoo
// client above all). Consumers never see the keychain or the vault key: they ask for one
// named secret of one profile and get plaintext while the vault is unlocked, or an
// AppError('locked') while it is not.

/** Keychain items per profile: `<profileId>/<kind>` (docs/architecture.md, "Storage"). */
export const SECRET_KINDS = ['password', 'api-key', 'device-key', 'session', 'jwt-refresh', 'totp-device'] as const;
export type SecretKind = (typeof SECRET_KINDS)[number];

export interface ProfileSecrets {
  /** The decrypted value, or null when none is stored. Throws AppError('locked') when locked. */
  get(kind: SecretKind): Promise<string | null>;
  /** Stores (encrypted) or, with null, deletes. Throws AppError('locked') when locked. */
  set(kind: SecretKind, value: string | null): Promise<void>;
}
