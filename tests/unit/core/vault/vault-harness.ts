// Why: the vault's unit tests share one way to build a vault over the in-memory keychain
// (fake clock, cheap scrypt, a profile store stand-in), and one way to read the code of
// the AppError a call fails with.
import { AppError } from '../../../../main/core/errors.js';
import { createMemoryKeychain, type MemoryKeychain } from '../../../../main/core/secrets/memory-keychain.js';
import type { UserPresence } from '../../../../main/core/vault/ports.js';
import type { ProfileMetadataPort } from '../../../../main/core/vault/profile-secrets.js';
import { createMemoryThrottleStore, type ThrottleStore } from '../../../../main/core/vault/throttle.js';
import { Vault } from '../../../../main/core/vault/vault.js';
import { FakeClock, FakePresence } from '../../../support/fakes.js';

export const CHEAP_SCRYPT = { N: 2 ** 10, r: 8, p: 1 };
export const PASS = 'correct horse battery';

export interface VaultSetupOptions {
  presence?: UserPresence;
  /** Defaults to a store whose remove() records the id and finds every id but 'ghost'. */
  profiles?: ProfileMetadataPort;
  throttle?: ThrottleStore;
  keychain?: MemoryKeychain;
}

export function vaultSetup(options: VaultSetupOptions = {}) {
  const keychain = options.keychain ?? createMemoryKeychain();
  const clock = new FakeClock();
  const throttle = options.throttle ?? createMemoryThrottleStore();
  const removed: string[] = [];
  const profiles: ProfileMetadataPort = options.profiles ?? { remove: async (id) => (removed.push(id), id !== 'ghost') };
  const make = (): Vault =>
    new Vault({
      keychain,
      clock,
      throttle,
      scryptParams: CHEAP_SCRYPT,
      presence: options.presence ?? new FakePresence('none', false),
      profiles,
    });
  return { keychain, clock, throttle, removed, make, vault: make() };
}

/** The code of the AppError `p` rejects with, or 'ok' when it resolves. */
export async function code(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    if (e instanceof AppError) return e.code;
    throw e;
  }
  return 'ok';
}

/** The AppError `p` rejects with (fails the test when it resolves or throws something else). */
export async function failure(p: Promise<unknown>): Promise<AppError> {
  const e = await p.then(
    () => null,
    (x: unknown) => x,
  );
  if (!(e instanceof AppError)) throw new Error(`expected an AppError, got ${String(e)}`);
  return e;
}

/** A promise settled from outside, to hold a port's answer until the test lets it go. */
export function deferred<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}
