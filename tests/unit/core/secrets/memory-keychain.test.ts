// The in-memory keychain the unit tests and the demo bind the core to: it keeps the
// Keychain contract (null for a missing item, delete says whether it existed, listing the
// service), and its failure switch fails exactly the calls a test asks for.
import { describe, expect, it } from 'vitest';
import { AppError, isAppError } from '../../../../main/core/errors.js';
import { createMemoryKeychain, unavailableKeychainError } from '../../../../main/core/secrets/memory-keychain.js';

async function outcome(p: Promise<unknown>): Promise<unknown> {
  return p.then(
    (value) => ({ value }),
    (e: unknown) => (isAppError(e) ? e.code : e),
  );
}

const refusal = (): AppError => new AppError('keychain_unavailable', 'no keychain', { reason: 'locked', operation: 'test' });

describe('memory keychain', () => {
  it('keeps the Keychain contract: get, replace, list, delete', async () => {
    const kc = createMemoryKeychain();
    expect(kc.service).toBe('odoo-companion-memory');
    expect(await kc.get('p/password')).toBeNull();
    await kc.set('p/password', 'v1.a');
    await kc.set('p/password', 'v1.b');
    await kc.set('p/api-key', 'v1.c');
    expect(await kc.get('p/password')).toBe('v1.b');
    expect(await kc.findAll()).toEqual([
      { account: 'p/password', value: 'v1.b' },
      { account: 'p/api-key', value: 'v1.c' },
    ]);
    expect(await kc.delete('p/password')).toBe(true);
    expect(await kc.delete('p/password')).toBe(false);
    expect([...kc.items]).toEqual([['p/api-key', 'v1.c']]);
  });

  it('takes a service name, and keeps each keychain to itself', async () => {
    const one = createMemoryKeychain('odoo-companion-demo');
    const two = createMemoryKeychain();
    expect(one.service).toBe('odoo-companion-demo');
    await one.set('a', 'b');
    expect(await two.findAll()).toEqual([]);
  });

  it('fails every call with the given error until cleared, changing nothing', async () => {
    const kc = createMemoryKeychain();
    await kc.set('a', 'kept');
    const error = refusal();
    kc.failWith(error);
    for (const call of [() => kc.get('a'), () => kc.set('a', 'lost'), () => kc.delete('a'), () => kc.findAll()]) {
      await expect(call()).rejects.toBe(error);
    }
    expect([...kc.items]).toEqual([['a', 'kept']]);
    kc.failWith(null);
    expect(await kc.get('a')).toBe('kept');
  });

  it('fails only the operations named', async () => {
    const kc = createMemoryKeychain();
    kc.failWith(refusal(), { operations: ['set', 'findAll'] });
    expect(await outcome(kc.get('a'))).toEqual({ value: null });
    expect(await outcome(kc.delete('a'))).toEqual({ value: false });
    expect(await outcome(kc.set('a', 'b'))).toBe('keychain_unavailable');
    expect(await outcome(kc.findAll())).toBe('keychain_unavailable');
    for (const op of ['get', 'delete'] as const) {
      kc.failWith(refusal(), { operations: [op] });
      expect(await outcome(op === 'get' ? kc.get('a') : kc.delete('a'))).toBe('keychain_unavailable');
      expect(await outcome(kc.set('a', 'b'))).toEqual({ value: undefined });
    }
  });

  it('lets `after` calls of the failing operations succeed first', async () => {
    const kc = createMemoryKeychain();
    kc.failWith(refusal(), { after: 2, operations: ['set'] });
    // Calls of other operations do not count.
    expect(await outcome(kc.get('x'))).toEqual({ value: null });
    expect(await outcome(kc.set('a', '1'))).toEqual({ value: undefined });
    expect(await outcome(kc.get('x'))).toEqual({ value: null });
    expect(await outcome(kc.set('b', '2'))).toEqual({ value: undefined });
    expect(await outcome(kc.set('c', '3'))).toBe('keychain_unavailable');
    expect(await outcome(kc.set('d', '4'))).toBe('keychain_unavailable');
    expect([...kc.items.keys()]).toEqual(['a', 'b']);
    // A new failWith starts counting again; without `after`, at once.
    kc.failWith(refusal(), { after: 1 });
    expect(await outcome(kc.findAll())).toEqual({ value: [{ account: 'a', value: '1' }, { account: 'b', value: '2' }] });
    expect(await outcome(kc.findAll())).toBe('keychain_unavailable');
    kc.failWith(refusal());
    expect(await outcome(kc.get('a'))).toBe('keychain_unavailable');
  });

  it('offers the error an unreachable OS keychain gives', () => {
    const e = unavailableKeychainError();
    expect(isAppError(e, 'keychain_unavailable')).toBe(true);
    expect(e.details).toEqual({ reason: 'unreachable', operation: 'test' });
  });
});
