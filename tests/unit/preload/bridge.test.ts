import { describe, expect, it, vi } from 'vitest';
import { createCompanionApi } from '../../../preload/bridge.js';
import { channelNames } from '../../../preload/contract.js';

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

describe('createCompanionApi', () => {
  it('exposes one invoker per contract channel as domain.action', async () => {
    const t = transport();
    const api = createCompanionApi(t) as unknown as Record<string, Record<string, (i: unknown) => Promise<unknown>>>;
    for (const channel of channelNames) {
      const [domain, action] = channel.split(':') as [string, string];
      expect(typeof api[domain]?.[action]).toBe('function');
    }
    await expect(api.vault!.unlock!({ method: 'presence' })).resolves.toEqual({
      ok: true,
      value: { channel: 'vault:unlock', input: { method: 'presence' } },
    });
  });

  it('forwards exactly one argument', async () => {
    const t = transport();
    const api = createCompanionApi(t) as unknown as Record<string, Record<string, (...a: unknown[]) => Promise<unknown>>>;
    await api.app!.info!({}, 'smuggled', 'args');
    expect(t.invoke).toHaveBeenCalledWith('app:info', {});
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
    expect(Object.isFrozen(api)).toBe(true);
    expect(Object.isFrozen((api as unknown as Record<string, object>).vault)).toBe(true);
  });
});
