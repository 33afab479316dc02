// The vault's public surface for the IPC handlers and the Electron shell.
export { Vault, type VaultOptions } from './vault.js';
export { type VaultEvents } from './key-holder.js';
export { PRESENCE_KEY_ITEM } from './presence-unlock.js';
export { MAX_SECRET_BYTES, type VaultProfileSecrets, type ProfileMetadataPort } from './profile-secrets.js';
export { AutoLock, attachAutoLock, bindAutoLock, type AutoLockPolicy, type AutoLockStats, type AutoLockOptions, type AutoLockSettingsSource } from './auto-lock.js';
export { noUserPresence, type IdleEvent, type IdleSource, type PresenceKind, type UserPresence } from './ports.js';
export { createFileThrottleStore, createMemoryThrottleStore, delayAfterFailures, type ThrottleStore, type ThrottleState } from './throttle.js';
export { DEFAULT_SCRYPT_PARAMS, calibrateScrypt, type ScryptParams } from './kdf.js';
