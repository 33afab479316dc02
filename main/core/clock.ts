// The one clock of the core: wall-clock time and relative timers. Everything that waits
// or stamps time (the vault's auto-lock, the Odoo client's session ages, notifications)
// takes a Clock, so tests drive time with a fake one instead of sleeping.

/** Wall-clock time and relative timers. */
export interface Clock {
  /** Epoch milliseconds. */
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => {
    const t = setTimeout(fn, ms);
    // A timer alone (auto-lock, a refresh) must not keep a process (a test, a CLI) alive.
    t.unref();
    return t;
  },
  clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
};
