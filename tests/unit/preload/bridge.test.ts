import { describe, expect, it, vi } from 'vitest';
import { createCompanionApi } from '../../../preload/bridge.js';
import { channelNames } from '../../../contract/index.js';

function transport() {
  const listeners = new Map<string, Set<(p: unknown) => void>>();
  return {
    invoke: vi.fn(async (channel: string, input: unknown) => ({ ok: true, value: { channel, input } })),
    subscribe: vi.fn((event: string, listener: (p: unknown) => void) => {
      const set = listeners.get(event) ?? new Set();
      set.add(listener);
      listeners.set(event, set);
      return () => set.delete(listener);
    }),
    emit(event: string, payload: unknown) {
      for (const l of listeners.get(event) ?? []) l(payload);
    },
  };
}

/** The bridge as a page script sees it: any name, any arguments. */
type Untyped = { invoke: (...args: unknown[]) => Promise<unknown> };

describe('createCompanionApi', () => {
  it('gives the page invoke and on, nothing else', () => {
    expect(Object.keys(createCompanionApi(transport())).sort()).toEqual(['invoke', 'on']);
  });

  it('invokes every contract channel by its name with the input object', async () => {
    const t = transport();
    const api = createCompanionApi(t) as unknown as Untyped;
    for (const channel of channelNames) {
      await expect(api.invoke(channel, { probe: channel })).resolves.toEqual({ ok: true, value: { channel, input: { probe: channel } } });
    }
    expect(t.invoke).toHaveBeenCalledTimes(channelNames.length);
    await expect(createCompanionApi(t).invoke('vault:unlock', { method: 'presence' })).resolves.toEqual({
      ok: true,
      value: { channel: 'vault:unlock', input: { method: 'presence' } },
    });
  });

  it('refuses a name outside the table without reaching main', async () => {
    const t = transport();
    const api = createCompanionApi(t) as unknown as Untyped;
    for (const name of ['vault:steal', 'vault', 'vault:unlock ', 'VAULT:UNLOCK', '__proto__', 'constructor', 'toString', '', 42, null, undefined, { toString: () => 'vault:lock' }]) {
      await expect(api.invoke(name, {})).rejects.toThrow(TypeError);
    }
    expect(t.invoke).not.toHaveBeenCalled();
  });

  it('forwards exactly one argument, and an object when none was given', async () => {
    const t = transport();
    const api = createCompanionApi(t) as unknown as Untyped;
    await api.invoke('app:info', {}, 'smuggled', 'args');
    expect(t.invoke).toHaveBeenLastCalledWith('app:info', {});
    expect(t.invoke.mock.lastCall).toHaveLength(2);
    await api.invoke('vault:status');
    expect(t.invoke).toHaveBeenLastCalledWith('vault:status', {});
  });

  it('subscribes to events and returns a working unsubscribe', () => {
    const t = transport();
    const api = createCompanionApi(t);
    const seen: unknown[] = [];
    const off = api.on('vault:locked', (p) => seen.push(p));
    t.emit('vault:locked', { reason: 'idle' });
    off();
    t.emit('vault:locked', { reason: 'manual' });
    expect(seen).toEqual([{ reason: 'idle' }]);
  });

  it('refuses unknown events and is frozen', () => {
    const api = createCompanionApi(transport());
    expect(() => api.on('evil:event' as never, () => {})).toThrow(TypeError);
    expect(() => api.on('vault:locked', 'not a function' as never)).toThrow(TypeError);
    expect(Object.isFrozen(api)).toBe(true);
  });
});
