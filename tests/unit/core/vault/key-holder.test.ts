// The holder of the vault key and of every decrypted secret: a lock drops all of it at once.
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { AppError, isAppError } from '../../../../main/core/errors.js';
import { KeyHolder } from '../../../../main/core/vault/key-holder.js';
import { FakeClock } from '../../../support/fakes.js';

function thrown(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    if (e instanceof AppError) return e.code;
    throw e;
  }
  return 'ok';
}

function unlocked(clock = new FakeClock()) {
  const holder = new KeyHolder(clock);
  const key = randomBytes(32);
  holder.becomeUnlocked(key);
  return { holder, key, clock };
}

const zeroed = (b: Buffer): boolean => b.every((x) => x === 0);

describe('KeyHolder state', () => {
  it('starts locked without a key; what the keychain says moves it between locked and uninitialized', () => {
    const holder = new KeyHolder(new FakeClock());
    expect(holder.state).toBe('locked');
    expect(holder.isUnlocked()).toBe(false);
    expect(thrown(() => holder.requireUnlocked())).toBe('locked');
    expect(thrown(() => holder.currentKey())).toBe('locked');
    holder.markStored(false);
    expect(holder.state).toBe('uninitialized');
    expect(thrown(() => holder.requireUnlocked())).toBe('vault_not_initialized');
    holder.markStored(true);
    expect(holder.state).toBe('locked');
  });

  it('an unlocked vault stays unlocked whatever the keychain is found to say', () => {
    const { holder, key } = unlocked();
    holder.markStored(false);
    holder.markStored(true);
    expect(holder.state).toBe('unlocked');
    expect(holder.currentKey()).toBe(key);
    expect(thrown(() => holder.requireUnlocked())).toBe('ok');
  });

  it('a vault found gone while unlocked locks (a reset) before becoming uninitialized', () => {
    const { holder, key } = unlocked();
    holder.remember('p1/password', Buffer.from('pw'), holder.epoch);
    const log: string[] = [];
    holder.onLock(() => log.push('hook'));
    holder.on('locked', (e) => log.push(`locked:${e.reason}`));
    holder.markUninitialized();
    expect(holder.state).toBe('uninitialized');
    expect(zeroed(key)).toBe(true);
    expect(holder.held()).toEqual([]);
    expect(log).toEqual(['hook', 'locked:reset']);
    // Already locked: nothing more to drop.
    holder.markStored(true);
    holder.markUninitialized();
    expect(log).toHaveLength(2);
    expect(holder.state).toBe('uninitialized');
  });

  it('takes a 32-byte key and says so once; a second key replaces (and zeroes) the first', () => {
    const holder = new KeyHolder(new FakeClock());
    const events: unknown[] = [];
    holder.on('unlocked', (e) => events.push(e));
    const first = randomBytes(32);
    holder.becomeUnlocked(first);
    expect(holder.isUnlocked()).toBe(true);
    expect(events).toEqual([{}]);
    holder.becomeUnlocked(first);
    expect(zeroed(first)).toBe(false);
    const second = randomBytes(32);
    holder.becomeUnlocked(second);
    expect(zeroed(first)).toBe(true);
    expect(holder.currentKey()).toBe(second);
    expect(events).toHaveLength(1);
  });

  it('refuses a key of the wrong size, zeroes it and stays locked', () => {
    const holder = new KeyHolder(new FakeClock());
    for (const size of [31, 33]) {
      const bad = Buffer.alloc(size, 7);
      const e = (() => {
        try {
          holder.becomeUnlocked(bad);
        } catch (x) {
          return x;
        }
        return null;
      })();
      expect(isAppError(e, 'internal')).toBe(true);
      expect(zeroed(bad)).toBe(true);
      expect(holder.state).toBe('locked');
    }
  });
});

describe('KeyHolder.lock', () => {
  it('zeroes the key and every cached secret, runs every hook (in order, past one that throws), then tells listeners', () => {
    const { holder, key } = unlocked();
    const secret = Buffer.from('sid-canary');
    holder.remember('p1/session', secret, holder.epoch);
    const log: string[] = [];
    holder.onLock(() => log.push('drop session ids'));
    holder.onLock(() => {
      throw new Error('a broken hook');
    });
    holder.onLock(() => log.push('drop tokens'));
    holder.on('locked', (e) => log.push(`locked:${e.reason}`));

    expect(holder.lock('idle')).toBe(true);
    expect(zeroed(key)).toBe(true);
    expect(zeroed(secret)).toBe(true);
    expect(holder.held()).toEqual([]);
    expect(holder.cached('p1/session')).toBeNull();
    expect(holder.state).toBe('locked');
    expect(thrown(() => holder.currentKey())).toBe('locked');
    expect(log).toEqual(['drop session ids', 'drop tokens', 'locked:idle']);
  });

  it('a second lock runs the hooks again but is silent; a removed hook is not run', () => {
    const { holder } = unlocked();
    const log: string[] = [];
    const off = holder.onLock(() => log.push('removed'));
    holder.onLock(() => log.push('hook'));
    holder.on('locked', (e) => log.push(`locked:${e.reason}`));
    off();
    holder.lock('manual');
    expect(holder.lock('suspend')).toBe(false);
    expect(log).toEqual(['hook', 'locked:manual', 'hook']);
  });

  it('announces a lock in every state when asked to (a reset)', () => {
    const holder = new KeyHolder(new FakeClock());
    holder.markStored(false);
    const reasons: string[] = [];
    holder.on('locked', (e) => reasons.push(e.reason));
    expect(holder.lock('reset', true)).toBe(false);
    expect(reasons).toEqual(['reset']);
    expect(holder.state).toBe('uninitialized');
  });

  it('every lock starts a new epoch, locked or not: work begun before it cannot use the key', () => {
    const { holder } = unlocked();
    const before = holder.epoch;
    expect(holder.keyFor(before)).toHaveLength(32);
    holder.lock('manual');
    holder.lock('manual');
    expect(holder.epoch).toBe(before + 2);
    holder.becomeUnlocked(randomBytes(32));
    expect(thrown(() => holder.keyFor(before))).toBe('locked');
    expect(thrown(() => holder.keyFor(holder.epoch))).toBe('ok');
  });
});

describe('KeyHolder cache', () => {
  it('keeps a value remembered in the current epoch, and hands out its text', () => {
    const { holder } = unlocked();
    holder.remember('p1/password', Buffer.from('pw-1'), holder.epoch);
    holder.remember('p2/password', Buffer.from('pw-2'), holder.epoch);
    expect(holder.cached('p1/password')).toBe('pw-1');
    expect(holder.cached('p3/password')).toBeNull();
    expect(holder.held().sort()).toEqual(['pw-1', 'pw-2']);
  });

  it('zeroes a value from an older epoch instead of keeping it', () => {
    const { holder } = unlocked();
    const stale = holder.epoch;
    holder.lock('manual');
    holder.becomeUnlocked(randomBytes(32));
    const late = Buffer.from('late-value');
    holder.remember('p1/password', late, stale);
    expect(zeroed(late)).toBe(true);
    expect(holder.cached('p1/password')).toBeNull();
  });

  it('zeroes a value remembered while locked, even in the same epoch', () => {
    const holder = new KeyHolder(new FakeClock());
    const value = Buffer.from('no-key');
    holder.remember('p1/password', value, holder.epoch);
    expect(zeroed(value)).toBe(true);
    expect(holder.held()).toEqual([]);
  });

  it('a new value zeroes the one it replaces; forget zeroes and drops', () => {
    const { holder } = unlocked();
    const old = Buffer.from('old-value');
    holder.remember('p1/password', old, holder.epoch);
    const next = Buffer.from('new-value');
    holder.remember('p1/password', next, holder.epoch);
    expect(zeroed(old)).toBe(true);
    expect(holder.cached('p1/password')).toBe('new-value');
    holder.forget('p1/password');
    expect(zeroed(next)).toBe(true);
    expect(holder.cached('p1/password')).toBeNull();
    holder.forget('p1/password');
  });
});

describe('KeyHolder.confirmedWithin', () => {
  it('counts from the unlock or the last confirmation, inclusive, and only while unlocked', () => {
    const { holder, clock } = unlocked();
    expect(holder.confirmedWithin(0)).toBe(true);
    clock.advance(60_000);
    expect(holder.confirmedWithin(60_000)).toBe(true);
    clock.advance(1);
    expect(holder.confirmedWithin(60_000)).toBe(false);
    holder.confirm();
    expect(holder.confirmedWithin(0)).toBe(true);
    holder.lock('manual');
    expect(holder.confirmedWithin(Number.MAX_SAFE_INTEGER)).toBe(false);
  });

  it('is false while locked even when confirmed', () => {
    const holder = new KeyHolder(new FakeClock());
    holder.confirm();
    expect(holder.confirmedWithin(Number.MAX_SAFE_INTEGER)).toBe(false);
  });
});
