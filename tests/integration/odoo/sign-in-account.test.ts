// The “Odoo account” sign-in through the client, against the test server (which copies real
// Odoo 17's API-key wizard): the typed password makes this device's key and is dropped (or
// kept, by choice), the key is renewed within 14 days of its end, the key carries calls when
// Odoo ends the session, and forgetting revokes it. Device-key expiries are UTC: this file
// runs in a time zone far from UTC so a local reading would show.
process.env.TZ = 'Pacific/Kiritimati';

import { describe, expect, it } from 'vitest';
import type { DeviceKeyEvent } from '../../../main/core/odoo/client-types.js';
import { createTestDispatchers, type OdooTestServer } from '../../support/odoo-server/index.js';
import { fakeClock, makeClient, settle, thrown, type ClientKit, useOdooServers } from './fixture.js';
import { holdNext, isCallKw, rpcError, type OdooProxy } from './odoo-proxy.js';

const clock = fakeClock();
const DAY = 86_400_000;
let server: OdooTestServer;
let plain: OdooTestServer;
let proxy: OdooProxy;
const kits = useOdooServers({ clock, partners: 50, direct: true }, (s) => {
  ({ plain, proxy } = s);
  server = s.direct!;
});

type Extra = Parameters<typeof makeClient>[1];

/** An “Odoo account” client for `login`; its device-key events land in `events`. */
function account(login: string, extra: Extra = {}): ClientKit & { events: DeviceKeyEvent[] } {
  const events: DeviceKeyEvent[] = [];
  const kit = makeClient(server, {
    authMethod: 'account',
    login,
    clock,
    secretValues: {},
    onDeviceKey: (e) => {
      events.push(e);
    },
    ...extra,
  });
  kits.push(kit);
  return { ...kit, events };
}

/** The name of the key the first event reports as created. */
function createdName(events: DeviceKeyEvent[]): string {
  const e = events[0];
  if (e?.kind !== 'created') throw new Error('no key was created');
  return e.name;
}

const paths = (from: number): string[] => server.requests.slice(from).map((r) => r.path);
const day = (ms: number): string => new Date(ms).toISOString().slice(0, 10);
/** Odoo's UTC datetime text, as the profile keeps a key's end. */
const odooTime = (ms: number): string => new Date(ms).toISOString().slice(0, 19).replace('T', ' ');

describe('signing in makes a key for this device', () => {
  it('names the key for the product and the device, reports it, keeps it and drops the password', async () => {
    const demo = server.user('demo');
    const before = server.deviceKeys('demo').length;
    const a = account('demo', { deviceKeyLabel: { product: 'Companion Test', device: 'laptop/anna ♥ 2' } });
    expect(await a.client.signIn(demo.password)).toMatchObject({ status: 'ok', identity: { uid: 6, login: 'demo' } });
    const keys = server.deviceKeys('demo');
    expect(keys).toHaveLength(before + 1);
    const made = keys.at(-1)!;
    expect(made.name).toBe(`Companion Test — laptop anna 2 — ${day(clock.now())}`);
    expect(a.events).toEqual([{ kind: 'created', name: made.name, createdAt: clock.now(), expiresAt: null }]);
    expect(a.secrets.values.get('device-key')).toBe(made.key);
    expect(a.secrets.values.has('password')).toBe(false);
    expect(a.secrets.writes.filter((w) => w.kind === 'password' && !w.cleared)).toEqual([]); // never written, not even for a moment
    expect(a.secrets.values.get('session')).toMatch(/^[0-9a-f]{40}$/);
    expect(await a.client.checkSession()).toBe(true);
    a.secrets.values.delete('session');
    expect(await account('demo', { secrets: a.secrets, dispatchers: a.dispatchers }).client.checkSession()).toBe(false);
  });

  it('without a label the key is named “Odoo Companion — this device”', async () => {
    const a = account('admin');
    await a.client.signIn(server.user('admin').password);
    expect(server.deviceKeys('admin').at(-1)!.name).toBe(`Odoo Companion — this device — ${day(clock.now())}`);
  });

  it('a password kept in the vault (a password profile moving over) signs in, makes the key, and is dropped', async () => {
    const a = account('demo', { secretValues: { password: server.user('demo').password } });
    expect(await a.client.login()).toMatchObject({ status: 'ok' });
    expect(a.events.map((e) => e.kind)).toEqual(['created']);
    expect(a.secrets.values.has('password')).toBe(false);
  });

  it('keeping the password is a choice: kept after the sign-in, and still kept after Odoo ended the session', async () => {
    const demo = server.user('demo');
    const a = account('demo', { keepPassword: true });
    await a.client.signIn(demo.password);
    expect(a.secrets.values.get('password')).toBe(demo.password);
    server.expireSessions();
    clock.advance(5 * 60_000);
    const from = server.requests.length;
    expect(await a.client.searchCount('res.partner', [])).toBe(50);
    expect(paths(from)).toContain('/web/session/authenticate'); // the kept password, not the key
    expect(a.secrets.values.get('password')).toBe(demo.password);
    expect(a.events.map((e) => e.kind)).toEqual(['created']); // the key is not made again
  });

  it('with nothing typed and nothing kept, signing in asks for the password (an empty one counts as none)', async () => {
    expect(await thrown(() => account('demo').client.login())).toMatchObject({ code: 'password_required' });
    expect(await thrown(() => account('demo', { secretValues: { password: '' } }).client.login())).toMatchObject({ code: 'password_required' });
    // An empty typed password is sent as typed: Odoo refuses it.
    expect(await thrown(() => account('demo').client.signIn(''))).toMatchObject({ code: 'auth_failed' });
  });

  it('a wrong password makes no key and keeps nothing', async () => {
    const before = server.deviceKeys('demo').length;
    const a = account('demo');
    expect(await thrown(() => a.client.signIn('not it'))).toMatchObject({ code: 'auth_failed' });
    expect(server.deviceKeys('demo')).toHaveLength(before);
    expect([...a.secrets.values.keys()]).toEqual([]);
  });

  it('a sign-in started with a kept password gives way to the password just typed', async () => {
    const demo = server.user('demo');
    const a = account('demo', { keepPassword: true, secretValues: { password: 'an old password' } });
    const first = settle(a.client.login());
    const typed = settle(a.client.signIn(demo.password));
    expect(await first).toMatchObject({ ok: false, error: { code: 'auth_failed' } });
    expect(await typed).toMatchObject({ ok: true, value: { status: 'ok' } });
    expect(a.secrets.values.get('password')).toBe(demo.password);
  });
});

describe('the key is renewed within 14 days of its end', () => {
  const kept = 'b'.repeat(40);

  it.each([
    ['one second inside the 14 days', 14 * DAY - 1000, true],
    ['exactly 14 days ahead', 14 * DAY, false],
    ['no end', null, false],
  ] as const)('a kept key ending %s: renewed = %s', async (_label, ahead, renewed) => {
    const a = account('demo', {
      secretValues: { 'device-key': kept },
      deviceKeyExpiresAt: ahead === null ? null : odooTime(clock.now() + ahead),
    });
    await a.client.signIn(server.user('demo').password);
    expect(a.events.map((e) => e.kind)).toEqual(renewed ? ['created'] : []);
    expect(a.secrets.values.get('device-key') === kept).toBe(!renewed);
    expect(a.secrets.values.has('password')).toBe(false);
  });
});

describe('when Odoo ends the session', () => {
  it('the device key carries calls — the uid known since the sign-in, so no key check', async () => {
    const a = account('demo');
    await a.client.signIn(server.user('demo').password);
    server.expireSessions();
    clock.advance(5 * 60_000);
    const from = server.requests.length;
    expect(await a.client.searchCount('res.partner', [])).toBe(50);
    expect(paths(from)).toEqual(['/web/dataset/call_kw/res.partner/search_count', '/jsonrpc']);
    // The refused session is forgotten: the next call goes straight to the key.
    const next = server.requests.length;
    expect(await a.client.searchCount('res.partner', [])).toBe(50);
    expect(paths(next)).toEqual(['/jsonrpc']);
  });

  it('after a restart the key is checked once, then carries calls and identity', async () => {
    const first = account('demo');
    await first.client.signIn(server.user('demo').password);
    server.expireSessions();
    const later = account('demo', { secrets: first.secrets, dispatchers: first.dispatchers });
    const from = server.requests.length;
    expect(await later.client.identity()).toMatchObject({ uid: 6, name: 'Marc Demo', login: 'demo', company: 'YourCompany' });
    expect(paths(from)).toEqual(['/web/session/get_session_info', '/web/webclient/version_info', '/jsonrpc', '/jsonrpc']);
    expect(server.requests.at(-2)?.headers.cookie).toBeUndefined();
  });

  it('with no key and no password, the person is asked for the password', async () => {
    const a = account('demo');
    await a.client.signIn(server.user('demo').password);
    a.secrets.values.delete('device-key');
    server.expireSessions();
    clock.advance(5 * 60_000);
    expect(await thrown(() => a.client.searchCount('res.partner', []))).toMatchObject({ code: 'password_required' });
  });

  it('while a two-factor step waits for its code, the password just typed signs in again (and asks the code), not the key', async () => {
    const totp = server.user('totp');
    const a = account('totp');
    expect(await a.client.signIn(totp.password)).toEqual({ status: 'totp_required' });
    await a.client.submitTotp(server.totpCode('totp'), false);
    expect(a.secrets.values.has('device-key')).toBe(true);
    expect(a.secrets.values.has('password')).toBe(false);
    // A second sign-in stops at the code step; meanwhile Odoo ends the session.
    expect(await a.client.signIn(totp.password)).toEqual({ status: 'totp_required' });
    server.expireSessions();
    clock.advance(5 * 60_000);
    expect(await thrown(() => a.client.searchCount('res.partner', []))).toMatchObject({ code: 'totp_required' });
  });
});

describe('revoking this device’s key', () => {
  it('over the live session: removes the key in Odoo, forgets it, and says so; a second revoke asks Odoo nothing', async () => {
    const demo = server.user('demo');
    const a = account('demo');
    await a.client.signIn(demo.password);
    const name = createdName(a.events);
    const from = server.requests.length;
    await a.client.revokeDeviceKey(demo.password);
    expect(paths(from)).toEqual([
      '/web/session/get_session_info',
      '/web/dataset/call_kw/res.users.apikeys/search_read',
      '/web/dataset/call_kw/res.users.apikeys/remove',
    ]);
    expect(server.deviceKeys('demo').map((k) => k.name)).not.toContain(name);
    expect(a.secrets.values.has('device-key')).toBe(false);
    expect(a.events.at(-1)).toEqual({ kind: 'removed' });
    const again = server.requests.length;
    await a.client.revokeDeviceKey(demo.password);
    expect(paths(again)).toEqual(['/web/session/get_session_info']);
  });

  it('after Odoo ended the session: signs in with the password typed, then removes the key named by the profile', async () => {
    const demo = server.user('demo');
    const first = account('demo');
    await first.client.signIn(demo.password);
    const name = createdName(first.events);
    server.expireSessions();
    clock.advance(11 * 60_000); // past Odoo's 10-minute identity check
    const later = account('demo', { secrets: first.secrets, dispatchers: first.dispatchers, deviceKeyName: name });
    const from = server.requests.length;
    await later.client.revokeDeviceKey(demo.password);
    expect(paths(from)).toEqual([
      '/web/session/get_session_info',
      '/web/session/authenticate',
      '/web/webclient/version_info',
      '/web/dataset/call_kw/res.users.apikeys/search_read',
      '/web/dataset/call_kw/res.users.apikeys/remove',
      '/web/dataset/call_kw/res.users.identitycheck/write',
      '/web/dataset/call_kw/res.users.identitycheck/run_check',
    ]);
    expect(server.deviceKeys('demo').map((k) => k.name)).not.toContain(name);
    expect(later.events).toEqual([{ kind: 'removed' }]);
  });

  it('a profile that knows no key name forgets the key without asking Odoo', async () => {
    const demo = server.user('demo');
    const a = account('demo', { secretValues: { 'device-key': 'c'.repeat(40) } });
    const from = server.requests.length;
    await a.client.revokeDeviceKey(demo.password);
    expect(paths(from)).toEqual(['/web/session/authenticate']);
    expect(a.secrets.values.has('device-key')).toBe(false);
  });

  it('a wrong password removes nothing; a revoke gives way to a sign-in already under way', async () => {
    const demo = server.user('demo');
    const a = account('demo', { keepPassword: true });
    await a.client.signIn(demo.password);
    const count = server.deviceKeys('demo').length;
    server.expireSessions();
    a.secrets.values.set('password', 'an old password');
    const later = account('demo', { keepPassword: true, secrets: a.secrets, dispatchers: a.dispatchers, deviceKeyName: server.deviceKeys('demo').at(-1)!.name });
    expect(await thrown(() => later.client.revokeDeviceKey('wrong'))).toMatchObject({ code: 'auth_failed' });
    expect(server.deviceKeys('demo')).toHaveLength(count);
    expect(later.secrets.values.has('device-key')).toBe(true);
    // No session kept: the revoke signs in at once, while a sign-in with the kept (old) password is on the wire.
    later.secrets.values.delete('session');
    const again = account('demo', { keepPassword: true, secrets: a.secrets, dispatchers: a.dispatchers, deviceKeyName: server.deviceKeys('demo').at(-1)!.name });
    const pending = settle(again.client.login());
    const revoked = settle(again.client.revokeDeviceKey(demo.password));
    expect(await pending).toMatchObject({ ok: false, error: { code: 'auth_failed' } });
    expect(await revoked).toEqual({ ok: true, value: undefined });
    expect(server.deviceKeys('demo')).toHaveLength(count - 1);
  });

  it('a two-factor user with no live session is told to open the profile first; the typed password is not kept', async () => {
    const totp = server.user('totp');
    const a = account('totp', { secretValues: { 'device-key': 'd'.repeat(40) }, deviceKeyName: 'some key' });
    expect(await thrown(() => a.client.revokeDeviceKey(totp.password))).toMatchObject({ code: 'totp_required' });
    expect(a.secrets.values.has('device-key')).toBe(true);
    // Nothing typed is left behind: with no password at hand, Odoo's code step is not reached again.
    expect(await thrown(() => a.client.login())).toMatchObject({ code: 'password_required' });
  });

  it('an answer that is not Odoo’s while checking the session stops the revoke', async () => {
    const demo = server.user('demo');
    const a = account('demo');
    await a.client.signIn(demo.password);
    server.setFault({ fault: { kind: 'html-502' }, path: '/web/session/get_session_info', times: 1 });
    expect(await thrown(() => a.client.revokeDeviceKey(demo.password))).toMatchObject({ code: 'bad_response' });
    expect(a.secrets.values.has('device-key')).toBe(true);
  });

  it('only an “Odoo account” has a device key', async () => {
    const kit = makeClient(server, { authMethod: 'password', secretValues: { password: server.user('demo').password } });
    kits.push(kit);
    expect(await thrown(() => kit.client.revokeDeviceKey('x'))).toMatchObject({ code: 'invalid_input' });
  });
});

describe('through a proxy, for the answers the test server never gives', () => {
  function proxied(extra: Extra = {}): ClientKit & { events: DeviceKeyEvent[] } {
    return account('demo', { origin: proxy.origin, dispatchers: createTestDispatchers(), ...extra });
  }

  it('Odoo refusing a key for this user: the profile is told why (kept short), no key is kept, the password is dropped', async () => {
    proxy.override = (req) => (isCallKw(req, 'res.users.apikeys.description', 'make_key') ? rpcError('odoo.exceptions.AccessError', 'y'.repeat(600)) : undefined);
    const a = proxied();
    expect(await a.client.signIn(plain.user('demo').password)).toMatchObject({ status: 'ok' });
    expect(a.events).toEqual([{ kind: 'refused', reason: 'y'.repeat(300) }]);
    expect([...a.secrets.values.keys()]).toEqual(['session']);
  });

  it('every step works without anyone listening to the key’s events', async () => {
    const demo = plain.user('demo');
    const quiet = account('demo', { origin: proxy.origin, dispatchers: createTestDispatchers(), onDeviceKey: undefined });
    await quiet.client.signIn(demo.password);
    await quiet.client.revokeDeviceKey(demo.password);
    proxy.override = (req) => (isCallKw(req, 'res.users.apikeys.description', 'make_key') ? rpcError('odoo.exceptions.AccessError', 'no') : undefined);
    const refused = account('demo', { origin: proxy.origin, dispatchers: createTestDispatchers(), onDeviceKey: undefined });
    expect(await refused.client.signIn(demo.password)).toMatchObject({ status: 'ok' });
  });

  it('a lock while the key is being made: nothing more is sent on the session', async () => {
    const a = proxied();
    const held = holdNext(proxy, (req) => isCallKw(req, 'res.users.apikeys.description', 'create'));
    const signingIn = settle(a.client.signIn(plain.user('demo').password));
    await Promise.race([held.arrived, signingIn]);
    a.client.forget();
    const from = proxy.requests.length;
    held.release();
    expect(await signingIn).toMatchObject({ ok: false, error: { code: 'session_expired' } });
    expect(proxy.pathsSince(from)).toEqual([]);
    expect(a.secrets.values.has('device-key')).toBe(false);
  });

  it('a code answered after the password was dropped signs in, and makes no key without it', async () => {
    const a = account('totp', { origin: proxy.origin, dispatchers: createTestDispatchers() });
    // A revoke needs a live session: it signs in, Odoo asks the code, the password is dropped.
    expect(await thrown(() => a.client.revokeDeviceKey(plain.user('totp').password))).toMatchObject({ code: 'totp_required' });
    expect(await a.client.submitTotp(plain.totpCode('totp'), false)).toMatchObject({ status: 'ok' });
    expect(a.events).toEqual([]);
    expect(a.secrets.values.has('device-key')).toBe(false);
  });
});
