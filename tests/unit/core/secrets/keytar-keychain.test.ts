// The keytar adapter's own logic, with keytar's API injected: forwarding under one service,
// turning every keychain failure into keychain_unavailable with a reason and the operation,
// loading the native module once (and again after a failed load), and one call at a time.
import { describe, expect, it } from 'vitest';
import { AppError, isAppError, toWireError } from '../../../../main/core/errors.js';
import {
  classifyKeychainError,
  createKeytarKeychain,
  keychainError,
  type KeytarApi,
} from '../../../../main/core/secrets/keytar-keychain.js';

function failingKeytar(error: unknown): KeytarApi {
  const fail = async (): Promise<never> => {
    throw error;
  };
  return { getPassword: fail, setPassword: fail, deletePassword: fail, findCredentials: fail };
}

function memoryKeytar(): KeytarApi & { calls: string[] } {
  const calls: string[] = [];
  const store = new Map<string, string>();
  return {
    calls,
    getPassword: async (s, a) => (calls.push(`get ${s} ${a}`), store.get(a) ?? null),
    setPassword: async (s, a, p) => void (calls.push(`set ${s} ${a}`), store.set(a, p)),
    deletePassword: async (s, a) => (calls.push(`delete ${s} ${a}`), store.delete(a)),
    findCredentials: async (s) => (calls.push(`find ${s}`), [...store].map(([account, password]) => ({ account, password }))),
  };
}

async function rejection(p: Promise<unknown>): Promise<unknown> {
  return p.then(
    () => {
      throw new Error('expected a rejection');
    },
    (e: unknown) => e,
  );
}

describe('keytar keychain adapter', () => {
  it('forwards to keytar under its service name (odoo-companion by default)', async () => {
    const api = memoryKeytar();
    const kc = createKeytarKeychain({ keytar: api });
    expect(kc.service).toBe('odoo-companion');
    await kc.set('p/password', 'v');
    expect(await kc.get('p/password')).toBe('v');
    expect(await kc.findAll()).toEqual([{ account: 'p/password', value: 'v' }]);
    expect(await kc.delete('p/password')).toBe(true);
    expect(api.calls).toEqual(['set odoo-companion p/password', 'get odoo-companion p/password', 'find odoo-companion', 'delete odoo-companion p/password']);
  });

  it('uses the service it is given for every call', async () => {
    const api = memoryKeytar();
    const kc = createKeytarKeychain({ service: 'odoo-companion-other', keytar: api });
    expect(kc.service).toBe('odoo-companion-other');
    await kc.set('a', 'b');
    await kc.get('a');
    await kc.findAll();
    await kc.delete('a');
    expect(api.calls.every((c) => c.split(' ')[1] === 'odoo-companion-other')).toBe(true);
  });

  it.each([
    ['Could not connect: No such file or directory', 'unreachable'],
    ['Cannot autolaunch D-Bus without X11 $DISPLAY', 'unreachable'],
    ['The name org.freedesktop.secrets was not provided by any .service files', 'unreachable'],
    ['Timeout was reached', 'unreachable'],
    ['Connection timed out', 'unreachable'],
    ['Cannot create an item in a locked collection', 'locked'],
    ['User interaction is not allowed.', 'locked'],
    ['The user canceled the operation.', 'refused'],
    ['Prompt dismissed', 'refused'],
    ['Something odd', 'failed'],
  ])('maps %j to keychain_unavailable/%s with a readable message', async (message, reason) => {
    expect(classifyKeychainError(new Error(message))).toBe(reason);
    const kc = createKeytarKeychain({ service: 'x', keytar: failingKeytar(new Error(message)) });
    for (const op of [() => kc.get('a'), () => kc.set('a', 'b'), () => kc.delete('a'), () => kc.findAll()]) {
      const e = await rejection(op());
      expect(isAppError(e, 'keychain_unavailable')).toBe(true);
      if (isAppError(e)) {
        expect(e.details?.reason).toBe(reason);
        expect(e.message).toMatch(/keychain/);
        expect(e.message).not.toContain(message);
      }
    }
  });

  it('reads "timeout" and "time out" as unreachable too', () => {
    for (const text of ['timeout', 'time out', 'timedout', 'timed out']) {
      expect(classifyKeychainError(new Error(`operation ${text}`)), text).toBe('unreachable');
    }
  });

  it('names the operation that failed: read, write, delete or list', async () => {
    const kc = createKeytarKeychain({ service: 'x', keytar: failingKeytar(new Error('Something odd')) });
    const operations: unknown[] = [];
    for (const op of [() => kc.get('a'), () => kc.set('a', 'b'), () => kc.delete('a'), () => kc.findAll()]) {
      const e = await rejection(op());
      operations.push(isAppError(e) ? e.details?.operation : e);
    }
    expect(operations).toEqual(['read', 'write', 'delete', 'list']);
  });

  it('keeps the original failure as the cause, which never crosses IPC', async () => {
    const original = new Error('Cannot create an item in a locked collection (canary-kc-4471)');
    const e = await rejection(createKeytarKeychain({ keytar: failingKeytar(original) }).get('a'));
    expect(isAppError(e, 'keychain_unavailable')).toBe(true);
    expect((e as AppError).cause).toBe(original);
    expect(JSON.stringify(toWireError(e))).not.toContain('canary-kc-4471');
  });

  it('lets an AppError through as it is, and classifies what is not an Error by its text', async () => {
    const own = new AppError('locked', 'Odoo Companion is locked.');
    expect(keychainError(own, 'read')).toBe(own);
    expect(await rejection(createKeytarKeychain({ keytar: failingKeytar(own) }).get('a'))).toBe(own);
    expect(classifyKeychainError('Prompt dismissed')).toBe('refused');
    expect(keychainError('Prompt dismissed', 'write').details).toEqual({ reason: 'refused', operation: 'write' });
  });
});

describe('loading keytar', () => {
  it('a module that cannot load is keychain_unavailable (load), and is tried again on the next call', async () => {
    const missing = new Error('libsecret-1.so.0: cannot open shared object file: No such file or directory');
    const api = memoryKeytar();
    let loads = 0;
    const kc = createKeytarKeychain({
      loadKeytar: async () => {
        loads += 1;
        if (loads === 1) throw missing;
        return api;
      },
    });
    const e = await rejection(kc.get('a'));
    expect(isAppError(e, 'keychain_unavailable')).toBe(true);
    expect((e as AppError).details).toEqual({ reason: 'unreachable', operation: 'load' });
    expect((e as AppError).cause).toBe(missing);
    expect((e as AppError).message).toMatch(/keychain cannot be reached/);
    await kc.set('a', 'v');
    expect(await kc.get('a')).toBe('v');
    expect(loads).toBe(2);
    expect(api.calls).toEqual(['set odoo-companion a', 'get odoo-companion a']);
  });

  it('loads once for every call of a keychain, also for calls made together', async () => {
    const api = memoryKeytar();
    let loads = 0;
    const kc = createKeytarKeychain({
      loadKeytar: async () => {
        loads += 1;
        return api;
      },
    });
    await Promise.all([kc.get('a'), kc.get('b'), kc.findAll()]);
    await kc.delete('a');
    expect(loads).toBe(1);
  });
});

describe('one keytar call at a time', () => {
  /** A keytar whose calls wait until the test lets them finish. */
  function gatedKeytar() {
    const log: string[] = [];
    const gates: Array<{ name: string; open: () => void; fail: (e: Error) => void }> = [];
    const gated = (name: string) => (): Promise<never> =>
      new Promise((resolve, reject) => {
        log.push(`start ${name}`);
        gates.push({
          name,
          open: () => {
            log.push(`end ${name}`);
            resolve((name === 'find' ? [] : null) as never);
          },
          fail: (e) => {
            log.push(`fail ${name}`);
            reject(e);
          },
        });
      });
    const api: KeytarApi = {
      getPassword: gated('get'),
      setPassword: gated('set'),
      deletePassword: gated('delete'),
      findCredentials: gated('find'),
    };
    return { api, log, gates };
  }

  /** Waits until `n` calls have started (each start is a queued promise job). */
  async function started(gates: unknown[], n: number): Promise<void> {
    for (let i = 0; i < 50 && gates.length < n; i += 1) await Promise.resolve();
    expect(gates.length).toBe(n);
  }

  it('starts a call only once the one before has finished, across keychains, even after a failure', async () => {
    const { api, log, gates } = gatedKeytar();
    const one = createKeytarKeychain({ service: 'one', keytar: api });
    const two = createKeytarKeychain({ service: 'two', keytar: api });
    const a = rejection(one.set('x', 'v'));
    const b = two.findAll();
    const c = one.delete('x');
    await started(gates, 1);
    // The second call waits for the first, whatever the flush of pending jobs.
    for (let i = 0; i < 20; i += 1) await Promise.resolve();
    expect(log).toEqual(['start set']);
    gates[0]!.fail(new Error('Something odd'));
    expect(isAppError(await a, 'keychain_unavailable')).toBe(true);
    await started(gates, 2);
    expect(log).toEqual(['start set', 'fail set', 'start find']);
    gates[1]!.open();
    await started(gates, 3);
    gates[2]!.open();
    await Promise.all([b, c]);
    expect(log).toEqual(['start set', 'fail set', 'start find', 'end find', 'start delete', 'end delete']);
  });
});
