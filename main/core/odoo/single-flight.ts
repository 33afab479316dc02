// Why: one sign-in at a time per profile. Quick search fires five model searches at once;
// without sharing, an expired session made each of them log in on its own (five Odoo
// sessions, the password sent five times, five TOTP logins). A flight is started once and
// every concurrent caller waits for that same promise. The flight runs without any one
// caller's abort signal (a login one search no longer wants is still useful to the
// others); each waiter stops waiting when its own signal fires.
import { AppError } from '../errors.js';

export class SingleFlight<T> {
  private current: Promise<T> | null = null;

  /** Joins the flight in progress, or starts one with `start`. */
  run(start: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    let flight = this.current;
    if (flight === null) {
      const started = start().finally(() => {
        if (this.current === started) this.current = null;
      });
      this.current = started;
      flight = started;
    }
    return waitFor(flight, signal);
  }

  get inFlight(): boolean {
    return this.current !== null;
  }

  /** Forgets the flight in progress (its result still reaches those already waiting). */
  clear(): void {
    this.current = null;
  }
}

/** `promise`, unless `signal` fires first: then an `aborted` AppError. */
export function waitFor<T>(promise: Promise<T>, signal?: AbortSignal): Promise<T> {
  if (signal === undefined) return promise;
  if (signal.aborted) return Promise.reject(new AppError('aborted', 'The request was cancelled.'));
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(new AppError('aborted', 'The request was cancelled.'));
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (v) => {
        signal.removeEventListener('abort', onAbort);
        resolve(v);
      },
      (e: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(e instanceof Error ? e : new Error(String(e)));
      },
    );
  });
}
