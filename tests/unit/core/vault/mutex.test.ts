// The vault's job queue: one job at a time, in call order, and a failure stops nothing.
import { describe, expect, it } from 'vitest';
import { Mutex } from '../../../../main/core/vault/mutex.js';
import { deferred } from './vault-harness.js';

describe('Mutex', () => {
  it('starts a job only once the one before it has settled, and passes its result on', async () => {
    const mutex = new Mutex();
    const log: string[] = [];
    const gate = deferred<void>();
    const first = mutex.run(async () => {
      log.push('first started');
      await gate.promise;
      log.push('first done');
      return 1;
    });
    const second = mutex.run(async () => {
      log.push('second started');
      return 2;
    });
    await Promise.resolve();
    await Promise.resolve();
    expect(log).toEqual(['first started']);
    gate.resolve();
    expect(await Promise.all([first, second])).toEqual([1, 2]);
    expect(log).toEqual(['first started', 'first done', 'second started']);
  });

  it('a job that fails rejects its own call only; the next one still runs', async () => {
    const mutex = new Mutex();
    const failed = mutex.run(async () => {
      throw new Error('boom');
    });
    const next = mutex.run(async () => 'ran');
    await expect(failed).rejects.toThrow('boom');
    expect(await next).toBe('ran');
  });
});
