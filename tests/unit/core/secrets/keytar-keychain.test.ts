import { describe, expect, it } from 'vitest';
import { isAppError } from '../../../../main/core/errors.js';
import { classifyKeychainError, createKeytarKeychain, type KeytarApi } from '../../../../main/core/secrets/keytar-keychain.js';

function failingKeytar(message: string): KeytarApi {
  const fail = async (): Promise<never> => {
    throw new Error(message);
  };
  return { getPassword: fail, setPassword: fail, deletePassword: fail, findCredentials: fail };
}

describe('keytar keychain adapter', () => {
  it('forwards to keytar under its service name (odoo-companion by default)', async () => {
    const calls: string[] = [];
    const store = new Map<string, string>();
    const api: KeytarApi = {
      getPassword: async (s, a) => (calls.push(`get ${s} ${a}`), store.get(a) ?? null),
      setPassword: async (s, a, p) => void (calls.push(`set ${s} ${a}`), store.set(a, p)),
      deletePassword: async (s, a) => (calls.push(`delete ${s} ${a}`), store.delete(a)),
      findCredentials: async (s) => (calls.push(`find ${s}`), [...store].map(([account, password]) => ({ account, password }))),
    };
    const kc = createKeytarKeychain({ keytar: api });
    expect(kc.service).toBe('odoo-companion');
    await kc.set('p/password', 'v');
    expect(await kc.get('p/password')).toBe('v');
    expect(await kc.findAll()).toEqual([{ account: 'p/password', value: 'v' }]);
    expect(await kc.delete('p/password')).toBe(true);
    expect(calls).toEqual(['set odoo-companion p/password', 'get odoo-companion p/password', 'find odoo-companion', 'delete odoo-companion p/password']);
  });

  it.each([
    ['Could not connect: No such file or directory', 'unreachable'],
    ['Cannot autolaunch D-Bus without X11 $DISPLAY', 'unreachable'],
    ['The name org.freedesktop.secrets was not provided by any .service files', 'unreachable'],
    ['Cannot create an item in a locked collection', 'locked'],
    ['User interaction is not allowed.', 'locked'],
    ['The user canceled the operation.', 'refused'],
    ['Prompt dismissed', 'refused'],
    ['Something odd', 'failed'],
  ])('maps %j to keychain_unavailable/%s with a readable message', async (message, reason) => {
    expect(classifyKeychainError(new Error(message))).toBe(reason);
    const kc = createKeytarKeychain({ service: 'x', keytar: failingKeytar(message) });
    for (const op of [() => kc.get('a'), () => kc.set('a', 'b'), () => kc.delete('a'), () => kc.findAll()]) {
      const e = await op().catch((x: unknown) => x);
      expect(isAppError(e, 'keychain_unavailable')).toBe(true);
      if (isAppError(e)) {
        expect(e.details?.reason).toBe(reason);
        expect(e.message).toMatch(/keychain/);
        expect(e.message).not.toContain(message);
      }
    }
  });
});
