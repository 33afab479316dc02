// Why: tests need the ProfileSecrets port without a keychain: an in-memory store that can
// be locked (then every access throws AppError('locked'), like the real vault) and that
// records which kinds were written.
import { AppError } from '../../../main/core/errors.js';
import type { ProfileSecrets, SecretKind } from '../../../main/core/secrets/types.js';

export interface MemorySecrets extends ProfileSecrets {
  locked: boolean;
  readonly values: Map<SecretKind, string>;
  readonly writes: Array<{ kind: SecretKind; cleared: boolean }>;
}

export function createMemorySecrets(initial: Partial<Record<SecretKind, string>> = {}): MemorySecrets {
  const values = new Map<SecretKind, string>(Object.entries(initial) as Array<[SecretKind, string]>);
  const writes: Array<{ kind: SecretKind; cleared: boolean }> = [];
  const store: MemorySecrets = {
    locked: false,
    values,
    writes,
    async get(kind) {
      if (store.locked) throw new AppError('locked', 'The vault is locked.');
      return values.get(kind) ?? null;
    },
    async set(kind, value) {
      if (store.locked) throw new AppError('locked', 'The vault is locked.');
      writes.push({ kind, cleared: value === null });
      if (value === null) values.delete(kind);
      else values.set(kind, value);
    },
  };
  return store;
}
