// The auto-lock policy wired to the vault and the settings: it runs exactly while the
// vault is unlocked, follows changed settings, and lets go of both when unbound.
import { describe, expect, it } from 'vitest';
import { createMemoryKeychain } from '../../../../main/core/secrets/memory-keychain.js';
import { attachAutoLock, AutoLock, bindAutoLock } from '../../../../main/core/vault/auto-lock.js';
import { Vault } from '../../../../main/core/vault/vault.js';
import { FakeClock, FakeIdleSource } from '../../../support/fakes.js';

const MIN = 60_000;

describe('attachAutoLock', () => {
  it('runs only while the vault is unlocked, follows settings, and locks the vault', async () => {
    const clock = new FakeClock();
    const idle = new FakeIdleSource(clock);
    const vault = new Vault({ keychain: createMemoryKeychain(), clock, scryptParams: { N: 1024, r: 8, p: 1 } });
    let policy = { autoLockMinutes: 15 as number | null, lockOnScreenLock: true, lockOnSuspend: true };
    const listeners = new Set<(p: typeof policy) => void>();
    const settings = {
      get: () => policy,
      onChanged: (l: (p: typeof policy) => void) => (listeners.add(l), () => listeners.delete(l)),
    };
    const reasons: string[] = [];
    vault.on('locked', (e) => reasons.push(e.reason));
    const { autoLock, dispose } = attachAutoLock({ vault, idle, clock, settings });
    expect(autoLock.running).toBe(false);
    expect(clock.pending()).toBe(0);

    await vault.create({ passphrase: 'passphrase!' });
    expect(autoLock.running).toBe(true);
    policy = { ...policy, autoLockMinutes: 2 };
    for (const l of listeners) l(policy);
    clock.advance(2 * MIN);
    expect(reasons).toEqual(['idle']);
    expect(vault.state).toBe('locked');
    expect(autoLock.running).toBe(false);
    expect(clock.pending()).toBe(0);

    idle.input(); // typing the passphrase
    await vault.unlockWithPassphrase('passphrase!');
    idle.emit('lock-screen');
    expect(reasons).toEqual(['idle', 'screen-lock']);
    dispose();
    await vault.unlockWithPassphrase('passphrase!');
    expect(autoLock.running).toBe(false);
    for (const l of listeners) l({ ...policy, autoLockMinutes: 60 });
    expect(autoLock.getPolicy().autoLockMinutes).toBe(2);
  });
});

describe('bindAutoLock', () => {
  it('starts at once for a vault already unlocked; unbinding stops it for good', async () => {
    const clock = new FakeClock();
    const idle = new FakeIdleSource(clock);
    const vault = new Vault({ keychain: createMemoryKeychain(), clock, scryptParams: { N: 1024, r: 8, p: 1 } });
    await vault.create({ passphrase: 'passphrase!' });
    const autoLock = new AutoLock({ idle, clock, lock: (r) => vault.lock(r), policy: { autoLockMinutes: 5, lockOnScreenLock: true, lockOnSuspend: true } });
    const unbind = bindAutoLock(vault, autoLock);
    expect(autoLock.running).toBe(true);
    unbind();
    expect(autoLock.running).toBe(false);
    vault.lock();
    await vault.unlockWithPassphrase('passphrase!');
    expect(autoLock.running).toBe(false);
    // Unbound both ways: a lock no longer stops it either.
    autoLock.start();
    vault.lock();
    expect(autoLock.running).toBe(true);
  });

  it('a lock leaves no check pending, even when the lock does not stop it', () => {
    const clock = new FakeClock();
    const idle = new FakeIdleSource(clock);
    const reasons: string[] = [];
    const autoLock = new AutoLock({ idle, clock, lock: (r) => reasons.push(r), policy: { autoLockMinutes: 5, lockOnScreenLock: true, lockOnSuspend: true } });
    autoLock.start();
    expect(clock.pending()).toBe(1);
    idle.emit('lock-screen');
    expect(clock.pending()).toBe(0);
    expect(autoLock.stats().nextCheckAt).toBeNull();
    clock.advance(60 * MIN);
    expect(reasons).toEqual(['screen-lock']);
  });
});
