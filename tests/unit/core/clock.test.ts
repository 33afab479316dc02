// The system clock: wall time, and timers that never keep a process alive on their own.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { systemClock } from '../../../main/core/clock.js';

afterEach(() => {
  vi.useRealTimers();
});

describe('systemClock', () => {
  it('tells the wall-clock time in epoch milliseconds', () => {
    vi.useFakeTimers({ now: Date.UTC(2026, 0, 5, 9, 0, 0) });
    expect(systemClock.now()).toBe(Date.UTC(2026, 0, 5, 9, 0, 0));
    vi.advanceTimersByTime(1500);
    expect(systemClock.now()).toBe(Date.UTC(2026, 0, 5, 9, 0, 1, 500));
  });

  it('runs a timer after its delay, and not once cleared', () => {
    vi.useFakeTimers();
    const fired: string[] = [];
    systemClock.setTimeout(() => fired.push('kept'), 1000);
    const cleared = systemClock.setTimeout(() => fired.push('cleared'), 1000);
    systemClock.clearTimeout(cleared);
    vi.advanceTimersByTime(999);
    expect(fired).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(fired).toEqual(['kept']);
  });

  it('a pending timer does not keep the process alive', () => {
    const handle = systemClock.setTimeout(() => {}, 60_000) as NodeJS.Timeout;
    expect(handle.hasRef()).toBe(false);
    systemClock.clearTimeout(handle);
  });
});
