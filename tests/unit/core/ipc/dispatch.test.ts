import { describe, expect, it, vi } from 'vitest';
import { AppError } from '../../../../main/core/errors.js';
import { createDispatch, payloadExceeds } from '../../../../main/core/ipc/dispatch.js';
import type { Handlers } from '../../../../main/core/ipc/dispatch.js';
import { MAX_PAYLOAD_BYTES } from '../../../../contract/index.js';

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

describe('payload size accounting', () => {
  // Structured clone sizes as counted here: 2 bytes per string character, the byte length
  // of binary data, 8 per other value, and 2 per key character plus 8 per key.
  it('counts a string at two bytes per character, refusing only past the limit', () => {
    expect(payloadExceeds('abc', 6)).toBe(false);
    expect(payloadExceeds('abc', 5)).toBe(true);
    expect(payloadExceeds('x'.repeat(32_768), MAX_PAYLOAD_BYTES)).toBe(false);
    expect(payloadExceeds('x'.repeat(32_769), MAX_PAYLOAD_BYTES)).toBe(true);
  });

  it('counts numbers, booleans and null at eight bytes', () => {
    for (const value of [42, true, null, undefined]) {
      expect(payloadExceeds(value, 8)).toBe(false);
      expect(payloadExceeds(value, 7)).toBe(true);
    }
  });

  it('counts each key at two bytes per character plus eight, and its value', () => {
    const value = { [`k${'e'.repeat(999)}`]: null };
    expect(payloadExceeds(value, 2 * 1000 + 8 + 8)).toBe(false);
    expect(payloadExceeds(value, 2 * 1000 + 8 + 7)).toBe(true);
    expect(payloadExceeds({ a: 'xy', b: [1, 'z'] }, 10 + 4 + 10 + 10 + 8 + 10 + 2)).toBe(false);
    expect(payloadExceeds({ a: 'xy', b: [1, 'z'] }, 10 + 4 + 10 + 10 + 8 + 10 + 1)).toBe(true);
  });

  it('counts binary data at its byte length, up to the cap and not past it', () => {
    for (const make of [(n: number) => new Uint8Array(n), (n: number) => new ArrayBuffer(n), (n: number) => new Float64Array(n / 8)]) {
      expect(payloadExceeds(make(MAX_PAYLOAD_BYTES), MAX_PAYLOAD_BYTES)).toBe(false);
      expect(payloadExceeds(make(MAX_PAYLOAD_BYTES + 8), MAX_PAYLOAD_BYTES)).toBe(true);
    }
  });

  it('adds binary data to the rest of the payload, never subtracts it', () => {
    const mixed = { bytes: new Uint8Array(40_000), text: 'x'.repeat(20_000) };
    expect(payloadExceeds(mixed, MAX_PAYLOAD_BYTES)).toBe(true);
    expect(payloadExceeds({ buf: new ArrayBuffer(40_000), text: 'x'.repeat(20_000) }, MAX_PAYLOAD_BYTES)).toBe(true);
  });

  it('stops after 10 000 values whatever their size', () => {
    expect(payloadExceeds(new Array(9_999).fill(0), Number.POSITIVE_INFINITY)).toBe(false);
    expect(payloadExceeds(new Array(10_000).fill(0), Number.POSITIVE_INFINITY)).toBe(true);
    expect(payloadExceeds({}, Number.POSITIVE_INFINITY)).toBe(false);
  });

  it('refuses binary payloads past the cap before any handler or schema sees them', async () => {
    const handler = vi.fn(() => ({ done: true as const, revoked: false }));
    const dispatch = createDispatch({ 'profiles:forget': handler });
    expect(await dispatch('profiles:forget', { id: 'p-1', blob: new Uint8Array(MAX_PAYLOAD_BYTES + 1) })).toMatchObject({
      ok: false,
      error: { code: 'payload_too_large' },
    });
    // At the cap it reaches the schema, which refuses the undeclared key.
    expect(await dispatch('profiles:forget', { id: 'p-1', blob: new Uint8Array(MAX_PAYLOAD_BYTES - 100) })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input' },
    });
    expect(handler).not.toHaveBeenCalled();
  });
});

describe('invalid_input explains where, never what', () => {
  it('names the path of each problem, dotted, at most three', async () => {
    const dispatch = createDispatch({ 'profiles:repin': () => ({ done: true }) as never, 'profiles:forget': () => ({ done: true, revoked: false }) as const });
    const one = await dispatch('profiles:forget', { id: 7 });
    expect(one).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    const oneMessage = (one as { error: { message: string } }).error.message;
    expect(oneMessage).toMatch(/^The request was not accepted \(id: .+\)\.$/);

    const nested = await dispatch('profiles:repin', { id: 'p-1', pins: ['sha256/nope'], trustSelfSigned: false });
    expect((nested as { error: { message: string } }).error.message).toContain('pins.0: ');

    const many = await dispatch('profiles:repin', { id: 7, pins: 'x', trustSelfSigned: 'no', extra: 1 });
    const manyMessage = (many as { error: { message: string } }).error.message;
    expect(manyMessage.split('; ')).toHaveLength(3);

    const whole = await dispatch('profiles:forget', 'not an object');
    expect((whole as { error: { message: string } }).error.message).toMatch(/\(input: /);
  });

  it('cuts a long issue text to 120 characters', async () => {
    const dispatch = createDispatch({ 'profiles:forget': () => ({ done: true, revoked: false }) as const });
    // An unknown key is named in the issue text, which is cut before it grows past 120.
    const r = await dispatch('profiles:forget', { id: 'p-1', ['k'.repeat(200)]: 1 });
    const message = (r as { error: { message: string } }).error.message;
    const text = /^The request was not accepted \(input: (.*)\)\.$/.exec(message)?.[1];
    expect(text).toHaveLength(120);
  });
});

describe('dispatch without a handler, and expected failures', () => {
  it('refuses a known channel that has no handler here', async () => {
    expect(await createDispatch({})('app:info', {})).toMatchObject({ ok: false, error: { code: 'unknown_channel' } });
  });

  it('does not report an AppError as a bug', async () => {
    const onUnexpectedError = vi.fn();
    const dispatch = createDispatch(
      {
        'vault:lock': () => {
          throw new AppError('keychain_unavailable', 'The system keychain is not available.');
        },
      },
      { onUnexpectedError },
    );
    expect(await dispatch('vault:lock', {})).toMatchObject({ ok: false, error: { code: 'keychain_unavailable' } });
    expect(onUnexpectedError).not.toHaveBeenCalled();
  });
});
