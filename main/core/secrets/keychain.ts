// The port between the vault and the operating system's keychain. The vault only ever
// hands it values it has already encrypted, so an implementation stores opaque strings.
// One Keychain instance is bound to one keychain service ("odoo-companion" in the app,
// a unique name per run in tests).

export interface KeychainItem {
  account: string;
  value: string;
}

export interface Keychain {
  /** The service every item of this keychain lives under. */
  readonly service: string;
  /** The stored value, or null when there is no such item. */
  get(account: string): Promise<string | null>;
  /** Creates or replaces one item; the replacement is atomic per item. */
  set(account: string, value: string): Promise<void>;
  /** Deletes one item; false when it did not exist. */
  delete(account: string): Promise<boolean>;
  /** Every item of the service. */
  findAll(): Promise<KeychainItem[]>;
}

/** The service name the app uses (docs/architecture.md, "Storage"). */
export const DEFAULT_KEYCHAIN_SERVICE = 'odoo-companion';
