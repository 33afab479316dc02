// The auto-lock policy: idle threshold, OS events, clock jumps and suspends, with a fake
// clock and idle source.
import { describe, expect, it } from 'vitest';
import type { LockReason } from '../../../../contract/index.js';
import { AutoLock, type AutoLockPolicy } from '../../../../main/core/vault/auto-lock.js';
import { FakeClock, FakeIdleSource } from '../../../support/fakes.js';

const MIN = 60_000;

function setup(policy: Partial<AutoLockPolicy> = {}) {
  const clock = new FakeClock();
  const idle = new FakeIdleSource(clock);
  const locks: Array<{ reason: LockReason; at: number }> = [];
  const autoLock = new AutoLock({
    idle,
    clock,
    lock: (reason) => {
      locks.push({ reason, at: clock.mono });
      autoLock.stop(); // what bindAutoLock does when the vault reports `locked`
    },
    policy: { autoLockMinutes: 15, lockOnScreenLock: true, lockOnSuspend: true, ...policy },
  });
  return { clock, idle, autoLock, locks };
}

/** A pseudo-random but repeatable sequence. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/** The person types at random moments (every 0.1–20 s) for `ms`. */
function beActive(clock: FakeClock, idle: FakeIdleSource, ms: number, random: () => number): void {
  const end = clock.mono + ms;
  while (clock.mono < end) {
    clock.advanceTo(Math.min(end, clock.mono + 100 + Math.floor(random() * 19_900)));
    idle.input();
  }
}

describe('auto-lock on idle', () => {
  it('locks at most 1 s after the threshold, over many random walk-away moments', () => {
    const random = rng(7);
    const lateness: number[] = [];
    for (let run = 0; run < 200; run += 1) {
      const minutes = 1 + Math.floor(random() * 30);
      const { clock, idle, autoLock, locks } = setup({ autoLockMinutes: minutes });
      clock.advance(Math.floor(random() * 5000));
      idle.input();
      autoLock.start();
      beActive(clock, idle, Math.floor(random() * 3 * minutes * MIN), random);
      const walkedAwayAt = idle.lastInputAt;
      clock.advance(minutes * MIN + 5000);
      expect(locks).toHaveLength(1);
      expect(locks[0]?.reason).toBe('idle');
      lateness.push((locks[0]?.at as number) - (walkedAwayAt + minutes * MIN));
    }
    expect(Math.min(...lateness)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...lateness)).toBeLessThanOrEqual(1000);
  });

  it('sleeps while the person is active: about 60/threshold wakeups per hour, not 3600', () => {
    const report: Record<number, number> = {};
    for (const minutes of [1, 5, 15, 60]) {
      const { clock, idle, autoLock, locks } = setup({ autoLockMinutes: minutes });
      autoLock.start();
      beActive(clock, idle, 60 * MIN, rng(minutes));
      expect(locks).toHaveLength(0);
      const { wakeups } = autoLock.stats();
      report[minutes] = wakeups;
      // Each wakeup is at least (threshold − idle) away; idle while active is < 20 s.
      const expected = 60 / minutes;
      expect(wakeups).toBeLessThanOrEqual(Math.ceil(expected * (minutes * 60) / (minutes * 60 - 20)) + 1);
      expect(wakeups).toBeGreaterThanOrEqual(Math.floor(expected));
    }
    console.info('auto-lock wakeups per simulated active hour, by threshold minutes:', report);
  });

  it('locks at once when already idle past the threshold at start', () => {
    const { clock, autoLock, locks } = setup({ autoLockMinutes: 1 });
    clock.advance(2 * MIN);
    autoLock.start();
    expect(locks).toEqual([{ reason: 'idle', at: 2 * MIN }]);
  });

  it('"never" schedules nothing and never locks on idle', () => {
    const { clock, autoLock, locks } = setup({ autoLockMinutes: null });
    autoLock.start();
    expect(clock.pending()).toBe(0);
    clock.advance(24 * 60 * MIN);
    expect(locks).toHaveLength(0);
    expect(autoLock.stats().wakeups).toBe(0);
  });

  it('a threshold changed while waiting reschedules at once', () => {
    const { clock, idle, autoLock, locks } = setup({ autoLockMinutes: 15 });
    autoLock.start();
    clock.advance(4 * MIN);
    expect(autoLock.stats().nextCheckAt).toBe(clock.now() + 11 * MIN);
    autoLock.setPolicy({ autoLockMinutes: 5 });
    expect(clock.pending()).toBe(1);
    clock.advance(MIN - 1);
    expect(locks).toHaveLength(0);
    clock.advance(1);
    expect(locks).toEqual([{ reason: 'idle', at: 5 * MIN }]);

    // Raising it, or "never", while waiting.
    const b = setup({ autoLockMinutes: 5 });
    b.autoLock.start();
    b.clock.advance(4 * MIN);
    b.autoLock.setPolicy({ autoLockMinutes: 10 });
    b.clock.advance(5 * MIN);
    expect(b.locks).toHaveLength(0);
    b.autoLock.setPolicy({ autoLockMinutes: null });
    expect(b.clock.pending()).toBe(0);
    b.clock.advance(60 * MIN);
    expect(b.locks).toHaveLength(0);
    b.autoLock.setPolicy({ autoLockMinutes: 30 });
    expect(b.locks).toEqual([{ reason: 'idle', at: 69 * MIN }]);
    void idle;
  });

  it('a lowered threshold already passed locks immediately', () => {
    const { clock, autoLock, locks } = setup({ autoLockMinutes: 30 });
    autoLock.start();
    clock.advance(10 * MIN);
    autoLock.setPolicy({ autoLockMinutes: 5 });
    expect(locks).toEqual([{ reason: 'idle', at: 10 * MIN }]);
  });
});

describe('auto-lock on OS events', () => {
  it('locks on screen lock, suspend and user switch, per settings', () => {
    const a = setup();
    a.autoLock.start();
    a.idle.emit('lock-screen');
    expect(a.locks.map((l) => l.reason)).toEqual(['screen-lock']);

    const b = setup();
    b.autoLock.start();
    b.idle.emit('suspend');
    expect(b.locks.map((l) => l.reason)).toEqual(['suspend']);

    const c = setup({ lockOnScreenLock: false, lockOnSuspend: false, autoLockMinutes: null });
    c.autoLock.start();
    c.idle.emit('lock-screen');
    c.idle.emit('suspend');
    c.idle.emit('resume');
    expect(c.locks).toHaveLength(0);
    c.idle.emit('user-switch');
    expect(c.locks.map((l) => l.reason)).toEqual(['user-switch']);
  });

  it('does nothing while stopped (locked) and unsubscribes', () => {
    const { clock, idle, autoLock, locks } = setup({ autoLockMinutes: 1 });
    autoLock.start();
    autoLock.stop();
    expect(idle.listenerCount()).toBe(0);
    expect(clock.pending()).toBe(0);
    idle.emit('lock-screen');
    clock.advance(10 * MIN);
    expect(locks).toHaveLength(0);
  });
});

describe('auto-lock and clock jumps', () => {
  it('wall-clock jumps (NTP, forward or back) change nothing: idle seconds decide', () => {
    const { clock, idle, autoLock, locks } = setup({ autoLockMinutes: 15 });
    autoLock.start();
    clock.advance(5 * MIN);
    clock.jumpWall(3 * 60 * MIN);
    idle.input();
    clock.advance(10 * MIN);
    clock.jumpWall(-5 * 60 * MIN);
    clock.advance(4 * MIN);
    expect(locks).toHaveLength(0);
    clock.advance(MIN + 1000);
    expect(locks).toHaveLength(1);
    expect((locks[0]?.at as number) - (idle.lastInputAt + 15 * MIN)).toBeLessThanOrEqual(1000);
  });

  it('a machine asleep without lock-on-suspend: time asleep counts as idle on resume', () => {
    const { clock, idle, autoLock, locks } = setup({ autoLockMinutes: 15, lockOnSuspend: false });
    autoLock.start();
    clock.advance(8 * MIN);
    idle.emit('suspend');
    clock.sleep(10 * MIN);
    idle.input(); // opening the lid resets the OS idle counter
    idle.emit('resume');
    expect(locks.map((l) => l.reason)).toEqual(['idle']);
  });

  it('a short sleep after activity re-evaluates from idle seconds on resume', () => {
    const { clock, idle, autoLock, locks } = setup({ autoLockMinutes: 15, lockOnSuspend: false });
    autoLock.start();
    clock.advance(MIN);
    idle.emit('suspend');
    clock.sleep(2 * MIN);
    idle.input();
    idle.emit('resume');
    expect(locks).toHaveLength(0);
    expect(autoLock.stats().nextCheckAt).toBe(clock.now() + 15 * MIN);
  });

  it('a timer that fires far too late (missed suspend event) re-evaluates and locks', () => {
    const { clock, autoLock, locks } = setup({ autoLockMinutes: 15, lockOnSuspend: false });
    autoLock.start();
    clock.advance(5 * MIN);
    clock.sleep(60 * MIN); // no suspend/resume events at all
    expect(autoLock.stats().lateFires).toBe(1);
    expect(locks.map((l) => l.reason)).toEqual(['idle']);
  });
});

describe('auto-lock policy and bookkeeping', () => {
  it('takes 1–240 whole minutes or null, and keeps the rest of the policy when one field changes', () => {
    const policy = { autoLockMinutes: 15, lockOnScreenLock: false, lockOnSuspend: true };
    for (const bad of [0, 241, 1.5, Number.NaN]) {
      expect(() => setup({ autoLockMinutes: bad })).toThrow(RangeError);
      expect(() => setup().autoLock.setPolicy({ autoLockMinutes: bad })).toThrow(RangeError);
    }
    for (const good of [1, 240, null]) expect(setup({ autoLockMinutes: good }).autoLock.getPolicy().autoLockMinutes).toBe(good);
    const { autoLock } = setup(policy);
    autoLock.setPolicy({ autoLockMinutes: 30 });
    const got = autoLock.getPolicy();
    expect(got).toEqual({ ...policy, autoLockMinutes: 30 });
    got.autoLockMinutes = 1;
    expect(autoLock.getPolicy().autoLockMinutes).toBe(30);
  });

  it('starts and stops once however often asked', () => {
    const { clock, idle, autoLock } = setup();
    autoLock.start();
    autoLock.start();
    expect(autoLock.running).toBe(true);
    expect(idle.listenerCount()).toBe(4);
    expect(clock.pending()).toBe(1);
    autoLock.stop();
    autoLock.stop();
    expect(autoLock.running).toBe(false);
    expect(autoLock.stats().nextCheckAt).toBeNull();
    autoLock.setPolicy({ autoLockMinutes: 1 });
    expect(clock.pending()).toBe(0);
  });

  it('counts wakeups, and as late only the ones more than lateFireMs (default 5 s) behind', () => {
    for (const [sleptMs, lateFireMs, late] of [
      [35_000, undefined, 0],
      [35_001, undefined, 1],
      [30_101, 100, 1],
    ] as const) {
      const clock = new FakeClock();
      const idle = new FakeIdleSource(clock);
      const autoLock = new AutoLock({ idle, clock, lock: () => autoLock.stop(), policy: { autoLockMinutes: 1, lockOnScreenLock: true, lockOnSuspend: false }, lateFireMs });
      autoLock.start();
      clock.advance(30_000);
      idle.input();
      clock.sleep(sleptMs);
      expect(autoLock.stats()).toMatchObject({ wakeups: 1, lateFires: late });
    }
  });

  it('reads idle time that is not a count of seconds as none, and whole seconds only', () => {
    for (const [reported, waitMs] of [
      [Number.NaN, 60_000],
      [-5, 60_000],
      [Number.POSITIVE_INFINITY, 60_000],
      [59.9, 1000],
    ] as const) {
      const clock = new FakeClock();
      const source = { idleSeconds: () => reported, on: () => () => {} };
      const autoLock = new AutoLock({ idle: source, clock, lock: () => {}, policy: { autoLockMinutes: 1, lockOnScreenLock: true, lockOnSuspend: true } });
      autoLock.start();
      expect(autoLock.stats().nextCheckAt).toBe(clock.now() + waitMs);
    }
  });

  it('locks when idle time reaches the threshold exactly', () => {
    const { clock, autoLock, locks } = setup({ autoLockMinutes: 1 });
    clock.advance(MIN);
    autoLock.start();
    expect(locks.map((l) => l.reason)).toEqual(['idle']);
  });
});

describe('auto-lock across a suspend (no lock on suspend)', () => {
  it('counts idle before the suspend plus the time asleep, reaching the threshold exactly', () => {
    const { clock, idle, autoLock, locks } = setup({ autoLockMinutes: 15, lockOnSuspend: false });
    autoLock.start();
    clock.advance(5 * MIN);
    idle.emit('suspend');
    clock.sleep(10 * MIN - 1000);
    idle.input();
    clock.advance(1000);
    idle.input();
    idle.emit('resume');
    expect(locks.map((l) => l.reason)).toEqual(['idle']);
  });

  it('a resume without a suspend, or with "never", only re-evaluates', () => {
    const a = setup({ autoLockMinutes: 15, lockOnSuspend: false });
    a.autoLock.start();
    a.clock.advance(10 * MIN);
    a.idle.emit('resume');
    expect(a.locks).toHaveLength(0);
    expect(a.autoLock.stats().nextCheckAt).toBe(a.clock.now() + 5 * MIN);

    const b = setup({ autoLockMinutes: null, lockOnSuspend: false });
    b.autoLock.start();
    b.idle.emit('suspend');
    b.clock.sleep(60 * MIN);
    b.idle.input();
    b.idle.emit('resume');
    b.autoLock.setPolicy({ autoLockMinutes: 15 });
    b.idle.emit('resume');
    expect(b.locks).toHaveLength(0);
  });

  it('a suspend seen before a stop does not count after the next start', () => {
    const { clock, idle, autoLock, locks } = setup({ autoLockMinutes: 15, lockOnSuspend: false });
    autoLock.start();
    idle.emit('suspend');
    autoLock.stop();
    clock.sleep(60 * MIN);
    idle.input();
    autoLock.start();
    idle.emit('resume');
    expect(locks).toHaveLength(0);
  });
});
