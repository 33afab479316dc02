import { describe, expect, it, vi } from 'vitest';
import { AppError } from '../../../../main/core/errors.js';
import { createDispatch, payloadExceeds } from '../../../../main/core/ipc/dispatch.js';
import type { Handlers } from '../../../../main/core/ipc/dispatch.js';

const info: Partial<Handlers> = {
  'app:info': () => ({ name: 'Odoo Companion', version: '0.1.0', platform: 'linux', vaultState: 'locked' }),
};

describe('dispatch', () => {
  it('answers app:info with name, version, platform and vault state', async () => {
    const dispatch = createDispatch(info);
    expect(await dispatch('app:info', {})).toEqual({
      ok: true,
      value: { name: 'Odoo Companion', version: '0.1.0', platform: 'linux', vaultState: 'locked' },
    });
  });

  it('refuses an unknown channel, including prototype names', async () => {
    const dispatch = createDispatch(info);
    for (const channel of ['nope:nothing', '__proto__', 'constructor', 'toString', 42, null]) {
      const r = await dispatch(channel, {});
      expect(r).toMatchObject({ ok: false, error: { code: 'unknown_channel' } });
    }
  });

  it('refuses wrong types and extra keys without running the handler', async () => {
    const handler = vi.fn(() => ({ done: true as const, revoked: false }));
    const dispatch = createDispatch({ 'profiles:forget': handler });
    for (const input of [null, 'x', [], { id: 7 }, { id: 'ok-id', extra: 1 }, { id: '../../etc' }, {}]) {
      const r = await dispatch('profiles:forget', input);
      expect(r).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    }
    expect(handler).not.toHaveBeenCalled();
    expect(await dispatch('profiles:forget', { id: 'p-1' })).toEqual({ ok: true, value: { done: true, revoked: false } });
  });

  it('never echoes a refused value back', async () => {
    const dispatch = createDispatch({ 'vault:unlock': () => ({}) as never });
    const r = await dispatch('vault:unlock', { method: 'passphrase', passphrase: 12345, canary: 'canary-91e2' });
    expect(JSON.stringify(r)).not.toContain('canary-91e2');
    expect(JSON.stringify(r)).not.toContain('12345');
  });

  it('refuses a 1 MB string cheaply, before parsing', async () => {
    const handler = vi.fn();
    const dispatch = createDispatch({ 'odoo:search': handler });
    const r = await dispatch('odoo:search', { profileId: 'p', query: 'x'.repeat(1024 * 1024) });
    expect(r).toMatchObject({ ok: false, error: { code: 'payload_too_large' } });
    expect(handler).not.toHaveBeenCalled();
  });

  it('refuses deeply nested or huge-fanout payloads', () => {
    let deep: unknown = {};
    for (let i = 0; i < 20_000; i += 1) deep = { d: deep };
    expect(payloadExceeds(deep, 64 * 1024)).toBe(true);
    expect(payloadExceeds({ a: 'small' }, 64 * 1024)).toBe(false);
  });

  it('maps an AppError to its code and message', async () => {
    const dispatch = createDispatch({
      'vault:lock': () => {
        throw new AppError('keychain_unavailable', 'The system keychain is not available.');
      },
    });
    expect(await dispatch('vault:lock', {})).toEqual({
      ok: false,
      error: { code: 'keychain_unavailable', message: 'The system keychain is not available.' },
    });
  });

  it('hides a bug behind internal, reports it, and keeps serving', async () => {
    const onUnexpectedError = vi.fn();
    const dispatch = createDispatch(
      {
        ...info,
        'vault:lock': () => {
          throw new TypeError('cannot read secret canary-5521 of undefined');
        },
      },
      { onUnexpectedError },
    );
    const r = await dispatch('vault:lock', {});
    expect(r).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(JSON.stringify(r)).not.toContain('canary-5521');
    expect(onUnexpectedError).toHaveBeenCalledOnce();
    expect(await dispatch('app:info', {})).toMatchObject({ ok: true });
  });

  it('strips undeclared output keys, so a leaked secret never reaches the renderer', async () => {
    const dispatch = createDispatch({
      'app:info': () =>
        ({ name: 'n', version: 'v', platform: 'linux', vaultState: 'unlocked', password: 'canary-pw' }) as never,
    });
    const r = await dispatch('app:info', {});
    expect(r.ok).toBe(true);
    expect(JSON.stringify(r)).not.toContain('canary-pw');
  });

  it('treats an output outside the schema as internal', async () => {
    const dispatch = createDispatch({ 'app:info': () => ({ name: 1 }) as never });
    expect(await dispatch('app:info', {})).toMatchObject({ ok: false, error: { code: 'internal' } });
  });
});
