import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AppError } from '../../../../main/core/errors.js';
import { createMemoryKeychain } from '../../../../main/core/secrets/memory-keychain.js';
import { FakeClock } from '../../../support/fakes.js';
import {
  createFileThrottleStore,
  createMemoryThrottleStore,
  delayAfterFailures,
  FREE_ATTEMPTS,
  MAX_DELAY_MS,
  retryAt,
  sanitizeThrottleState,
  VAULT_STATE_FILE,
  type ThrottleState,
  type ThrottleStore,
} from '../../../../main/core/vault/throttle.js';
import { Vault } from '../../../../main/core/vault/vault.js';

const cheap = { N: 2 ** 10, r: 8, p: 1 };
const dirs: string[] = [];
afterEach(async () => {
  for (const d of dirs.splice(0)) await rm(d, { recursive: true, force: true });
});

async function failure(p: Promise<unknown>): Promise<AppError> {
  const e = await p.then(
    () => null,
    (x: unknown) => x,
  );
  if (!(e instanceof AppError)) throw new Error(`expected an AppError, got ${String(e)}`);
  return e;
}

describe('unlock throttling', () => {
  it('grows 0,0,0,1s,2s,4s… and caps at 5 minutes', () => {
    expect([0, 1, 2, 3, 4, 5, 6, 7, 8].map(delayAfterFailures)).toEqual([0, 0, 0, 0, 1000, 2000, 4000, 8000, 16000]);
    expect(delayAfterFailures(12)).toBe(256_000);
    expect(delayAfterFailures(13)).toBe(MAX_DELAY_MS);
    expect(delayAfterFailures(10_000)).toBe(MAX_DELAY_MS);
  });

  it('a clock set back never makes the wait longer than the cap', () => {
    const now = 1_000_000_000;
    expect(retryAt({ failedAttempts: 50, lastFailureAt: now + 86_400_000 }, now)).toBe(now + MAX_DELAY_MS);
  });

  it('throttles wrong passphrases with the fake clock, never wipes, and persists across restarts', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'oc-throttle-'));
    dirs.push(dir);
    const keychain = createMemoryKeychain();
    const clock = new FakeClock();
    const make = () => new Vault({ keychain, clock, throttle: createFileThrottleStore(dir), scryptParams: cheap });
    let vault = make();
    await vault.create({ passphrase: 'right passphrase' });
    await vault.secretsFor('p1').set('password', 'survives');
    vault.lock();

    for (let i = 1; i <= 3; i += 1) {
      const e = await failure(vault.unlockWithPassphrase('wrong'));
      expect(e.code).toBe('wrong_passphrase');
      expect(e.details).toEqual({ failedAttempts: i, retryAt: i < 4 ? null : expect.any(Number) });
    }
    const fourth = await failure(vault.unlockWithPassphrase('wrong'));
    expect(fourth.details?.retryAt).toBe(clock.now() + 1000);
    const status = await vault.status();
    expect(status).toMatchObject({ failedAttempts: 4, retryAt: clock.now() + 1000 });

    // Before retryAt even the right passphrase is refused, with retryAt in the details.
    const early = await failure(vault.unlockWithPassphrase('right passphrase'));
    expect(early.code).toBe('throttled');
    expect(early.details?.retryAt).toBe(clock.now() + 1000);

    // A restart does not reset the counter.
    clock.advance(999);
    vault = make();
    expect((await failure(vault.unlockWithPassphrase('wrong'))).code).toBe('throttled');
    clock.advance(1);
    expect((await failure(vault.unlockWithPassphrase('wrong'))).details?.retryAt).toBe(clock.now() + 2000);

    // Many more failures: still only delays, capped, and nothing is deleted.
    for (let i = 0; i < 30; i += 1) {
      clock.advance(MAX_DELAY_MS);
      await failure(vault.unlockWithPassphrase('wrong'));
    }
    const st = await vault.status();
    expect(st.failedAttempts).toBe(35);
    expect((st.retryAt as number) - clock.now()).toBe(MAX_DELAY_MS);
    expect(keychain.items.has('vault/wrapped-key')).toBe(true);
    expect(keychain.items.has('p1/password')).toBe(true);

    clock.advance(MAX_DELAY_MS);
    await vault.unlockWithPassphrase('right passphrase');
    expect(await vault.secretsFor('p1').get('password')).toBe('survives');
    expect(await make().status()).toMatchObject({ failedAttempts: 0, retryAt: null, state: 'locked' });
  });

  it('concurrent wrong attempts are serialised, so they cannot slip past the delay', async () => {
    const keychain = createMemoryKeychain();
    const clock = new FakeClock();
    const vault = new Vault({ keychain, clock, scryptParams: cheap });
    await vault.create({ passphrase: 'right passphrase' });
    vault.lock();
    const results = await Promise.all(Array.from({ length: 6 }, () => failure(vault.unlockWithPassphrase('wrong'))));
    expect(results.map((e) => e.code)).toEqual(['wrong_passphrase', 'wrong_passphrase', 'wrong_passphrase', 'wrong_passphrase', 'throttled', 'throttled']);
  });
});

async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'oc-throttle-'));
  dirs.push(dir);
  return dir;
}

/** A vault with one secret, locked, over `throttle`. */
async function lockedVault(throttle: ThrottleStore, clock = new FakeClock()) {
  const keychain = createMemoryKeychain();
  const make = (store: ThrottleStore) => new Vault({ keychain, clock, throttle: store, scryptParams: cheap });
  const setup = make(createMemoryThrottleStore());
  await setup.create({ passphrase: 'right passphrase' });
  await setup.secretsFor('p1').set('password', 'survives');
  setup.lock();
  return { vault: make(throttle), clock, keychain };
}

describe('the throttle state file', () => {
  it('starts at zero failures when there is no file yet, and the first wrong passphrase costs nothing', async () => {
    const dir = await tempDir();
    expect(await createFileThrottleStore(dir).load()).toEqual({ failedAttempts: 0, lastFailureAt: null });
    const { vault } = await lockedVault(createFileThrottleStore(dir));
    expect((await failure(vault.unlockWithPassphrase('wrong'))).details).toEqual({ failedAttempts: 1, retryAt: null });
  });

  it('keeps the counter and the time of the last failure, nothing else', async () => {
    const dir = await tempDir();
    await createFileThrottleStore(dir).save({ failedAttempts: 7, lastFailureAt: 1_700_000_000_000 });
    expect(await createFileThrottleStore(dir).load()).toEqual({ failedAttempts: 7, lastFailureAt: 1_700_000_000_000 });
    expect(JSON.parse(await readFile(join(dir, VAULT_STATE_FILE), 'utf8'))).toEqual({
      version: 1,
      unlockFailures: 7,
      lastFailureAt: 1_700_000_000_000,
    });
  });

  it('a corrupted file does not reset the counter: the next wrong passphrase already waits, and nothing is wiped', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, VAULT_STATE_FILE), '{"version":1,"unlockFailures":');
    expect(await createFileThrottleStore(dir).load()).toEqual({ failedAttempts: FREE_ATTEMPTS, lastFailureAt: null });

    const { vault, clock, keychain } = await lockedVault(createFileThrottleStore(dir));
    expect(await vault.status()).toMatchObject({ failedAttempts: FREE_ATTEMPTS, retryAt: null });
    const e = await failure(vault.unlockWithPassphrase('wrong'));
    expect(e.details).toEqual({ failedAttempts: FREE_ATTEMPTS + 1, retryAt: clock.now() + 1000 });
    expect(keychain.items.has('p1/password')).toBe(true);
    clock.advance(1000);
    await vault.unlockWithPassphrase('right passphrase');
    expect(await vault.secretsFor('p1').get('password')).toBe('survives');
  });

  it('passes on a failure that is not a bad file (an unusable data directory)', async () => {
    const dir = await tempDir();
    const file = join(dir, 'not-a-directory');
    await writeFile(file, '');
    await expect(createFileThrottleStore(join(file, 'data')).load()).rejects.toMatchObject({ code: 'ENOTDIR' });
  });
});

describe('a counter that is not a count fails closed', () => {
  it('gives the longest wait to NaN, negative, fractional or infinite counters', () => {
    for (const failures of [Number.NaN, -1, 4.5, Number.POSITIVE_INFINITY]) expect(delayAfterFailures(failures)).toBe(MAX_DELAY_MS);
    const now = 1_000_000;
    expect(retryAt({ failedAttempts: Number.NaN, lastFailureAt: now }, now)).toBe(now + MAX_DELAY_MS);
  });

  it('reads a store that lost its counter as FREE_ATTEMPTS failures, never NaN', async () => {
    for (const lost of [{}, { failedAttempts: Number.NaN, lastFailureAt: Number.NaN }, { failedAttempts: -2, lastFailureAt: 1.5 }]) {
      const store: ThrottleStore = { load: async () => lost as ThrottleState, save: async () => {} };
      const { vault, clock } = await lockedVault(store);
      expect(await vault.status()).toMatchObject({ failedAttempts: FREE_ATTEMPTS, retryAt: null });
      const e = await failure(vault.unlockWithPassphrase('wrong'));
      expect(e.details).toEqual({ failedAttempts: FREE_ATTEMPTS + 1, retryAt: clock.now() + 1000 });
      expect((await failure(vault.unlockWithPassphrase('right passphrase'))).code).toBe('throttled');
    }
    expect(await createMemoryThrottleStore({} as ThrottleState).load()).toEqual({ failedAttempts: FREE_ATTEMPTS, lastFailureAt: null });
  });

  it('takes a usable state as it is', async () => {
    const store = createMemoryThrottleStore({ failedAttempts: 5, lastFailureAt: 2_000 });
    expect(await store.load()).toEqual({ failedAttempts: 5, lastFailureAt: 2_000 });
    expect(await createMemoryThrottleStore({ failedAttempts: 0, lastFailureAt: 0 }).load()).toEqual({ failedAttempts: 0, lastFailureAt: 0 });
  });
});

describe('retryAt', () => {
  it('is null with no failure on record, or while the failures are free', () => {
    expect(retryAt({ failedAttempts: 9, lastFailureAt: null }, 5_000)).toBeNull();
    expect(retryAt({ failedAttempts: FREE_ATTEMPTS, lastFailureAt: 5_000 }, 5_000)).toBeNull();
    expect(retryAt({ failedAttempts: FREE_ATTEMPTS + 1, lastFailureAt: 5_000 }, 6_000)).toBe(6_000);
    expect(retryAt({ failedAttempts: FREE_ATTEMPTS + 2, lastFailureAt: 5_000 }, 6_000)).toBe(7_000);
  });
});

describe('throttle stores', () => {
  it('the memory store keeps what it was given to save', async () => {
    const store = createMemoryThrottleStore();
    await store.save({ failedAttempts: 6, lastFailureAt: 9_000 });
    expect(await store.load()).toEqual({ failedAttempts: 6, lastFailureAt: 9_000 });
  });

  it('no state at all reads as FREE_ATTEMPTS failures', () => {
    for (const nothing of [null, undefined]) expect(sanitizeThrottleState(nothing)).toEqual({ failedAttempts: FREE_ATTEMPTS, lastFailureAt: null });
  });
});
