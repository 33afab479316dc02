// This device's API key through Odoo's wizard (device-key.ts), against scripted answers of
// Odoo's `call_kw` — the answers real Odoo 16–19 gives (docs/odoo-protocol.md, "Device API
// keys"), and the odd ones a module or a proxy could give instead. The whole exchange over
// a real session is in tests/integration/odoo/sign-in-account.test.ts.
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../../main/core/errors.js';
import { createDeviceKey, deviceKeyName, revokeDeviceKey, type SessionCall } from '../../../../main/core/odoo/device-key.js';

interface Call {
  model: string;
  method: string;
  args: unknown[];
  kwargs: Record<string, unknown>;
}

/** A `call_kw` port answering with `answer` (a throw is Odoo's error), recording each call. */
function scripted(answer: (c: Call) => unknown): { call: SessionCall; calls: Call[] } {
  const calls: Call[] = [];
  const call: SessionCall = async (model, method, args, kwargs) => {
    const c = { model, method, args, kwargs };
    calls.push(c);
    return answer(c);
  };
  return { call, calls };
}

const KEY = '0123456789abcdef0123456789abcdef01234567';
const NOW = Date.UTC(2026, 10, 25, 9, 30, 0);
const CHECK = { type: 'ir.actions.act_window', res_model: 'res.users.identitycheck', res_id: 41 };
const SHOW = { type: 'ir.actions.act_window', res_model: 'res.users.apikeys.show', context: { default_key: KEY } };
const userError = (message: string): AppError => new AppError('user_error', 'x', { odooError: 'odoo.exceptions.UserError', odooMessage: message });
const accessError = (message?: string): AppError => (message === undefined ? new AppError('access_denied', 'x') : new AppError('access_denied', 'x', { odooMessage: message }));

/** Odoo 17's wizard: create → make_key → identity check → write(password) → run_check → the key. */
function wizard17(overrides: Partial<Record<string, (c: Call) => unknown>> = {}): (c: Call) => unknown {
  return (c) => {
    const own = overrides[`${c.model}.${c.method}`];
    if (own) return own(c);
    if (c.method === 'create') return 7;
    if (c.method === 'make_key') return CHECK;
    if (c.method === 'write') return true;
    if (c.method === 'run_check') return SHOW;
    throw new Error(`unexpected ${c.model}.${c.method}`);
  };
}

describe('deviceKeyName', () => {
  it.each([
    ['laptop-anna', 'laptop-anna'],
    ['host-1.local_x', 'host-1.local_x'],
    ['Ånna’s MacBook Pro (2)', 'Ånna s MacBook Pro 2'],
    ['  (kitchen)  pc ', 'kitchen pc'],
    ['bureau ٣', 'bureau ٣'],
    ['(((', 'this device'],
    ['', 'this device'],
    ['x'.repeat(80), 'x'.repeat(60)],
  ])('%j → %j', (device, host) => {
    expect(deviceKeyName('Odoo Companion', device, NOW)).toBe(`Odoo Companion — ${host} — 2026-11-25`);
  });
});

describe('createDeviceKey', () => {
  it('Odoo 17: through the identity check with the password, no expiry asked', async () => {
    const { call, calls } = scripted(wizard17());
    expect(await createDeviceKey(call, { password: 'pw', name: 'n', major: 17, nowMs: NOW })).toEqual({ key: KEY, name: 'n', expiresAt: null });
    expect(calls).toEqual([
      { model: 'res.users.apikeys.description', method: 'create', args: [{ name: 'n' }], kwargs: {} },
      { model: 'res.users.apikeys.description', method: 'make_key', args: [[7]], kwargs: {} },
      { model: 'res.users.identitycheck', method: 'write', args: [[41], { password: 'pw' }], kwargs: {} },
      { model: 'res.users.identitycheck', method: 'run_check', args: [[41]], kwargs: {} },
    ]);
  });

  it('Odoo 19: the password goes in run_check’s context', async () => {
    const { call, calls } = scripted(wizard17({ 'res.users.apikeys.description.create': () => 8 }));
    expect(await createDeviceKey(call, { password: 'pw', name: 'n', major: 19, nowMs: NOW })).toMatchObject({ key: KEY });
    expect(calls.slice(2)).toEqual([{ model: 'res.users.identitycheck', method: 'run_check', args: [[41]], kwargs: { context: { password: 'pw' } } }]);
    expect(calls[0]!.args).toEqual([{ name: 'n' }]); // the first rung: no expiry
  });

  it('an action of another model, even with an id, is Odoo’s answer itself (no identity check)', async () => {
    const other = { type: 'ir.actions.act_window', res_model: 'res.users.apikeys.show', res_id: 12, context: { default_key: KEY } };
    const { call, calls } = scripted(wizard17({ 'res.users.apikeys.description.make_key': () => other }));
    expect(await createDeviceKey(call, { password: 'pw', name: 'n', major: 17, nowMs: NOW })).toMatchObject({ key: KEY });
    expect(calls.map((c) => c.method)).toEqual(['create', 'make_key']);
  });

  it('within 10 minutes of an identity check Odoo answers at once', async () => {
    const { call, calls } = scripted(wizard17({ 'res.users.apikeys.description.make_key': () => SHOW }));
    expect(await createDeviceKey(call, { password: 'pw', name: 'n', major: 17, nowMs: NOW })).toMatchObject({ key: KEY });
    expect(calls.map((c) => c.method)).toEqual(['create', 'make_key']);
  });

  it('Odoo 18+: steps down the expiries a user may choose, and reports the one that was given', async () => {
    const { call, calls } = scripted(
      wizard17({
        'res.users.apikeys.description.create': (c) => {
          const end = (c.args[0] as { expiration_date?: string }).expiration_date;
          if (end === undefined || Date.parse(`${end.replace(' ', 'T')}Z`) - NOW > 90 * 86_400_000) throw userError('You cannot exceed 90 days.');
          return 9;
        },
      }),
    );
    const made = await createDeviceKey(call, { password: 'pw', name: 'n', major: 18, nowMs: NOW });
    expect(made).toEqual({ key: KEY, name: 'n', expiresAt: '2027-02-23 09:30:00' });
    expect(calls.filter((c) => c.method === 'create').map((c) => c.args[0])).toEqual([
      { name: 'n' },
      { name: 'n', expiration_date: '2027-11-25 09:30:00' },
      { name: 'n', expiration_date: '2027-02-23 09:30:00' },
    ]);
  });

  it('Odoo 18+: refusing every expiry is a refusal with Odoo’s last word (or a plain one)', async () => {
    const all = (message: string) => scripted(wizard17({ 'res.users.apikeys.description.create': () => Promise.reject(userError(message)) }));
    const worded = all('Keys are disabled by policy.');
    expect(await createDeviceKey(worded.call, { password: 'pw', name: 'n', major: 18, nowMs: NOW })).toEqual({ refused: 'Keys are disabled by policy.' });
    expect(worded.calls.map((c) => (c.args[0] as { expiration_date?: string }).expiration_date)).toEqual([
      undefined,
      '2027-11-25 09:30:00',
      '2027-02-23 09:30:00',
      '2026-12-25 09:30:00',
      '2026-12-02 09:30:00',
      '2026-11-26 09:30:00',
    ]);
    const silent = all('');
    expect(await createDeviceKey(silent.call, { password: 'pw', name: 'n', major: 18, nowMs: NOW })).toEqual({ refused: 'Odoo refused every expiry for a new API key.' });
    const bare = scripted(wizard17({ 'res.users.apikeys.description.create': () => Promise.reject(new AppError('user_error', 'x')) }));
    expect(await createDeviceKey(bare.call, { password: 'pw', name: 'n', major: 19, nowMs: NOW })).toEqual({ refused: 'Odoo refused every expiry for a new API key.' });
  });

  it('Odoo 17 has no expiry to step down: a user error is an error', async () => {
    const { call, calls } = scripted(wizard17({ 'res.users.apikeys.description.create': () => Promise.reject(userError('No.')) }));
    await expect(createDeviceKey(call, { password: 'pw', name: 'n', major: 17, nowMs: NOW })).rejects.toMatchObject({ code: 'user_error' });
    expect(calls).toHaveLength(1);
  });

  it('a user Odoo does not let create keys (a portal user) is a refusal with Odoo’s words, or plain ones', async () => {
    for (const [message, refused] of [
      ['Only internal users can create API keys', 'Only internal users can create API keys'],
      [undefined, 'Odoo does not let this user create API keys.'],
      ['', 'Odoo does not let this user create API keys.'],
    ] as const) {
      const { call } = scripted(wizard17({ 'res.users.apikeys.description.make_key': () => Promise.reject(accessError(message)) }));
      expect(await createDeviceKey(call, { password: 'pw', name: 'n', major: 18, nowMs: NOW })).toEqual({ refused });
    }
  });

  it('a wrong password is auth_failed, whatever Odoo’s exact words', async () => {
    for (const major of [17, 19]) {
      const { call } = scripted(wizard17({ 'res.users.identitycheck.run_check': () => Promise.reject(userError('Incorrect PASSWORD, try again')) }));
      await expect(createDeviceKey(call, { password: 'bad', name: 'n', major, nowMs: NOW })).rejects.toMatchObject({
        code: 'auth_failed',
        details: { odooMessage: 'Incorrect Password' },
      });
    }
  });

  it('other failures of the identity check are passed on as they are', async () => {
    const other = userError('The wizard has expired.');
    const server = new AppError('server_error', 'x', { odooMessage: 'Incorrect password field type' });
    for (const e of [other, server, new AppError('user_error', 'x')]) {
      const { call } = scripted(wizard17({ 'res.users.identitycheck.run_check': () => Promise.reject(e) }));
      await expect(createDeviceKey(call, { password: 'pw', name: 'n', major: 17, nowMs: NOW })).rejects.toBe(e);
    }
  });

  it.each([
    ['create answers no id', { 'res.users.apikeys.description.create': () => false }],
    ['the key is not shown', { 'res.users.identitycheck.run_check': () => ({ type: 'ir.actions.act_window_close' }) }],
    ['the action has no context', { 'res.users.identitycheck.run_check': () => ({ res_model: 'res.users.apikeys.show' }) }],
    ['the key is not text', { 'res.users.identitycheck.run_check': () => ({ context: { default_key: 42 } }) }],
    ['the key is upper-case', { 'res.users.identitycheck.run_check': () => ({ context: { default_key: KEY.toUpperCase() } }) }],
    ['the key is one short', { 'res.users.identitycheck.run_check': () => ({ context: { default_key: KEY.slice(1) } }) }],
    ['the key is one long', { 'res.users.identitycheck.run_check': () => ({ context: { default_key: `${KEY}0` } }) }],
    ['the key has a prefix', { 'res.users.identitycheck.run_check': () => ({ context: { default_key: `x${KEY}` } }) }],
    ['the key has a suffix', { 'res.users.identitycheck.run_check': () => ({ context: { default_key: `${KEY}x` } }) }],
    ['a wizard with no id', { 'res.users.apikeys.description.make_key': () => ({ ...CHECK, res_id: '41' }) }],
    ['an action that is not one', { 'res.users.apikeys.description.make_key': () => [SHOW] }],
    ['no action at all', { 'res.users.apikeys.description.make_key': () => null }],
    ['the key in a list', { 'res.users.identitycheck.run_check': () => ({ context: { default_key: [KEY] } }) }],
  ])('%s: bad_response', async (_label, overrides) => {
    const { call } = scripted(wizard17(overrides));
    await expect(createDeviceKey(call, { password: 'pw', name: 'n', major: 17, nowMs: NOW })).rejects.toMatchObject({ code: 'bad_response' });
  });
});

describe('revokeDeviceKey', () => {
  const remover = (found: unknown, removed: unknown = { type: 'ir.actions.act_window_close' }) =>
    scripted((c) => {
      if (c.method === 'search_read') return found;
      if (c.method === 'remove') return CHECK;
      if (c.method === 'write') return true;
      if (c.method === 'run_check') return removed;
      throw new Error(`unexpected ${c.method}`);
    });

  it('finds the keys by name and removes them through the identity check', async () => {
    const { call, calls } = remover([{ id: 3 }, { id: 5, name: 'n' }, { id: 'x' }, null]);
    expect(await revokeDeviceKey(call, { password: 'pw', name: 'n', major: 17 })).toBe(2);
    expect(calls.slice(0, 2)).toEqual([
      { model: 'res.users.apikeys', method: 'search_read', args: [[['name', '=', 'n']]], kwargs: { fields: ['id'] } },
      { model: 'res.users.apikeys', method: 'remove', args: [[3, 5]], kwargs: {} },
    ]);
    expect(calls.slice(2).map((c) => c.method)).toEqual(['write', 'run_check']);
  });

  it('nothing found (or an answer that is no list): nothing removed', async () => {
    for (const found of [[], { id: 3 }]) {
      const { call, calls } = remover(found);
      expect(await revokeDeviceKey(call, { password: 'pw', name: 'n', major: 17 })).toBe(0);
      expect(calls.map((c) => c.method)).toEqual(['search_read']);
    }
  });

  it('Odoo must confirm the removal: a closing action, or no action at all', async () => {
    expect(await revokeDeviceKey(remover([{ id: 3 }], true).call, { password: 'pw', name: 'n', major: 17 })).toBe(1);
    await expect(revokeDeviceKey(remover([{ id: 3 }], { type: 'ir.actions.act_window' }).call, { password: 'pw', name: 'n', major: 17 })).rejects.toMatchObject({
      code: 'bad_response',
    });
  });

  it('a wrong password removes nothing and is auth_failed', async () => {
    const { call } = scripted((c) => {
      if (c.method === 'search_read') return [{ id: 3 }];
      if (c.method === 'remove') return CHECK;
      if (c.method === 'run_check') throw userError('Incorrect Password');
      return true;
    });
    await expect(revokeDeviceKey(call, { password: 'bad', name: 'n', major: 19 })).rejects.toMatchObject({ code: 'auth_failed' });
  });
});
