// One sign-in at a time (single-flight.ts): concurrent callers share one flight, a flight
// that ended (or was forgotten) makes room for the next, and each waiter stops waiting on
// its own abort signal without stopping the flight or leaving a listener behind.
import { getEventListeners } from 'node:events';
import { describe, expect, it } from 'vitest';
import { SingleFlight, waitFor } from '../../../../main/core/odoo/single-flight.js';

/** A promise settled from outside. */
function deferred<T>(): { promise: Promise<T>; resolve: (v: T) => void; reject: (e: unknown) => void } {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

describe('SingleFlight', () => {
  it('callers during a flight share it; after it ends the next call starts a new one', async () => {
    const f = new SingleFlight<number>();
    let started = 0;
    const d = deferred<number>();
    const start = (): Promise<number> => {
      started++;
      return d.promise;
    };
    expect(f.inFlight).toBe(false);
    const a = f.run(start);
    const b = f.run(start);
    expect(f.inFlight).toBe(true);
    d.resolve(7);
    expect(await Promise.all([a, b])).toEqual([7, 7]);
    expect(started).toBe(1);
    expect(f.inFlight).toBe(false);
    expect(await f.run(async () => 8)).toBe(8);
  });

  it('a failed flight fails every caller, then makes room', async () => {
    const f = new SingleFlight<number>();
    const d = deferred<number>();
    const a = f.run(() => d.promise);
    const b = f.run(async () => 0);
    d.reject(new Error('down'));
    await expect(a).rejects.toThrow('down');
    await expect(b).rejects.toThrow('down');
    expect(f.inFlight).toBe(false);
  });

  it('clear() forgets the flight: the next call starts its own, which the old one ending does not forget', async () => {
    const f = new SingleFlight<string>();
    const old = deferred<string>();
    const next = deferred<string>();
    const first = f.run(() => old.promise);
    f.clear();
    expect(f.inFlight).toBe(false);
    const second = f.run(() => next.promise);
    old.resolve('old');
    expect(await first).toBe('old');
    expect(f.inFlight).toBe(true);
    const third = f.run(async () => 'third'); // joins the second flight
    next.resolve('next');
    expect(await Promise.all([second, third])).toEqual(['next', 'next']);
  });

  it('a waiter whose signal fires stops waiting; the flight goes on for the others', async () => {
    const f = new SingleFlight<number>();
    const d = deferred<number>();
    const ac = new AbortController();
    const gives = f.run(() => d.promise, ac.signal);
    const stays = f.run(() => d.promise);
    ac.abort();
    await expect(gives).rejects.toMatchObject({ code: 'aborted' });
    expect(getEventListeners(ac.signal, 'abort')).toHaveLength(0); // gone as it fired, before the flight ends
    d.resolve(3);
    expect(await stays).toBe(3);
  });
});

describe('waitFor', () => {
  it('without a signal it is the promise itself', () => {
    const p = Promise.resolve(1);
    expect(waitFor(p)).toBe(p);
  });

  it('an already fired signal is aborted at once', async () => {
    const ac = new AbortController();
    ac.abort();
    await expect(waitFor(new Promise(() => undefined), ac.signal)).rejects.toMatchObject({ code: 'aborted' });
    expect(getEventListeners(ac.signal, 'abort')).toHaveLength(0);
  });

  it('settling removes its listener from the signal, whichever way it settles', async () => {
    // Each promise is settled and awaited before anything is asserted, so none is left unhandled.
    const ac = new AbortController();
    const ok = deferred<number>();
    const p = waitFor(ok.promise, ac.signal);
    const whileWaiting = getEventListeners(ac.signal, 'abort').length;
    ok.resolve(5);
    expect(await p).toBe(5);
    expect(whileWaiting).toBe(1);
    expect(getEventListeners(ac.signal, 'abort')).toHaveLength(0);
    const bad = deferred<number>();
    const q = waitFor(bad.promise, ac.signal);
    bad.reject(new Error('no'));
    expect(await q.catch((e: unknown) => e)).toMatchObject({ message: 'no' });
    expect(getEventListeners(ac.signal, 'abort')).toHaveLength(0);
  });

  it('a rejection that is not an Error becomes one with its text', async () => {
    const ac = new AbortController();
    const text = Promise.reject('plain text');
    const err = new TypeError('kept');
    const error = Promise.reject(err);
    for (const source of [text, error]) source.catch(() => undefined); // never left unhandled
    const e = await waitFor(text, ac.signal).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(Error);
    expect((e as Error).message).toBe('plain text');
    expect(await waitFor(error, ac.signal).catch((x: unknown) => x)).toBe(err);
  });

  it('an abort after settling changes nothing', async () => {
    const ac = new AbortController();
    const p = waitFor(Promise.resolve(9), ac.signal);
    expect(await p).toBe(9);
    ac.abort();
    expect(await p).toBe(9);
  });
});
