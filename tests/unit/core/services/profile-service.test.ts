// The profile service without a server: the real profile store in a temporary folder, the
// real vault on the in-memory keychain, the real Odoo sessions (whose clients reach no
// server here). What it decides on its own: locked and unknown profiles, the pin rules, where
// a typed credential goes, what a save keeps or ends, re-pin and forget. Paths that reach
// Odoo (probe, test, sign-in, migrate, revoke) are in tests/integration/core/profile-service.test.ts.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ChannelInput } from '../../../../contract/index.js';
import { isAppError } from '../../../../main/core/errors.js';
import { ProfileStore } from '../../../../main/core/profiles/profile-store.js';
import { createMemoryKeychain } from '../../../../main/core/secrets/memory-keychain.js';
import { OdooSessions } from '../../../../main/core/services/odoo-sessions.js';
import { credentialKind, ProfileService, REPIN_CONFIRMATION_MS } from '../../../../main/core/services/profile-service.js';
import { FakeClock } from '../../../support/fakes.js';
import { Vault } from '../../../../main/core/vault/vault.js';

const PASS = 'correct horse battery staple';
const pin = (c: string): string => `sha256/${c.repeat(43)}=`;
const [A, B, C, D] = [pin('A'), pin('B'), pin('C'), pin('D')];
type Draft = ChannelInput<'profiles:save'>;
const DRAFT: Draft = { label: 'ACME', url: 'https://odoo.example.com', database: 'prod', login: 'admin', authMethod: 'api-key', transport: 'auto', pins: [A, B], trustSelfSigned: false };

const folders: string[] = [];
afterEach(() => {
  for (const f of folders.splice(0)) rmSync(f, { recursive: true, force: true });
});

async function setup() {
  const dir = mkdtempSync(join(tmpdir(), 'companion-profile-service-'));
  folders.push(dir);
  const store = await ProfileStore.open(dir);
  const clock = new FakeClock(Date.UTC(2026, 0, 5, 9, 0, 0));
  const keychain = createMemoryKeychain();
  const vault = new Vault({ keychain, clock, profiles: store, scryptParams: { N: 1024, r: 8, p: 1 } });
  const sessions = new OdooSessions({ profiles: store, vault, clock });
  const closed: string[] = [];
  let next = 0;
  const service = new ProfileService({ profiles: store, vault, sessions, clock, closeWindows: async (id) => void closed.push(id), newId: () => `p-${++next}` });
  await vault.create({ passphrase: PASS });
  const items = (): string[] => [...keychain.items.keys()].filter((k) => !k.startsWith('vault/')).sort();
  const file = (): string => readFileSync(join(dir, 'profiles.json'), 'utf8');
  return { store, clock, keychain, vault, sessions, service, closed, items, file };
}

async function code(p: Promise<unknown>): Promise<string> {
  return p.then(
    () => 'ok',
    (e: unknown) => {
      if (isAppError(e)) return e.code;
      throw e;
    },
  );
}

describe('profile service', () => {
  it('locked: every call answers locked and changes nothing', async () => {
    const s = await setup();
    const saved = await s.service.save({ ...DRAFT, secret: 'key-1' });
    const before = [s.file(), s.items()];
    s.vault.lock('manual');
    const calls = [
      s.service.list(), s.service.probe('https://odoo.example.com'), s.service.testConnection({ ...DRAFT, secret: 'k' }),
      s.service.save({ ...DRAFT, secret: 'k' }), s.service.migrate(saved.id), s.service.repin(saved.id, [C, D], false),
      s.service.inspectTls(saved.id), s.service.forget(saved.id),
    ];
    for (const call of calls) expect(await code(call)).toBe('locked');
    expect([s.file(), s.items()]).toEqual(before);
  });

  it('an unknown profile is profile_not_found, naming its id', async () => {
    const s = await setup();
    const calls = [s.service.save({ ...DRAFT, id: 'p-gone' }), s.service.migrate('p-gone'), s.service.repin('p-gone', [C, D], false), s.service.inspectTls('p-gone'), s.service.forget('p-gone')];
    for (const call of calls) {
      const e = await call.catch((x: unknown) => x);
      expect(isAppError(e, 'profile_not_found') && e.details).toEqual({ id: 'p-gone' });
    }
  });

  it('refuses an address that is not a URL, and plain http beyond this computer, before any connection', async () => {
    const s = await setup();
    expect(await code(s.service.probe('not a url'))).toBe('invalid_url');
    expect(await code(s.service.probe('http://odoo.example.com'))).toBe('insecure_url');
    expect(await code(s.service.testConnection({ ...DRAFT, url: 'ftp://odoo.example.com', secret: 'k' }))).toBe('invalid_url');
    expect(await code(s.service.testConnection({ ...DRAFT, pins: [], secret: 'k' }))).toBe('invalid_input');
    expect(await code(s.service.save({ ...DRAFT, url: 'http://10.0.0.5:8069' }))).toBe('insecure_url');
    expect(s.items()).toEqual([]);
  });
});

describe('saving a profile', () => {
  it('an https profile keeps one pin at least (a self-signed server’s own, or an authority’s key), each once', async () => {
    const s = await setup();
    for (const pins of [[], ['sha256/nope']]) {
      const e = await s.service.save({ ...DRAFT, pins }).catch((x: unknown) => x);
      expect(isAppError(e, 'invalid_input') && e.details).toEqual({ field: 'pins' });
    }
    expect(s.store.list()).toEqual([]);
    expect(await s.service.save({ ...DRAFT, pins: [A, A] })).toMatchObject({ pins: [A] });
  });

  it('an https profile keeps at least one pin: one is enough (an authority’s key, a trusted self-signed server’s own), none is refused', async () => {
    const s = await setup();
    expect(await s.service.save({ ...DRAFT, pins: [A], trustSelfSigned: true })).toMatchObject({ pins: [A], trustSelfSigned: true });
    expect(await s.service.save({ ...DRAFT, label: 'Root only', pins: [B], trustSelfSigned: false })).toMatchObject({ pins: [B], trustSelfSigned: false });
    const e = await s.service.save({ ...DRAFT, label: 'None', pins: [], trustSelfSigned: false }).catch((x: unknown) => x);
    expect(isAppError(e, 'invalid_input')).toBe(true);
  });

  it('the typed credential goes into the vault, encrypted, under its method’s kind; never into the answer or the file', async () => {
    const s = await setup();
    const key = await s.service.save({ ...DRAFT, secret: 'canary-api-key-1' });
    const pw = await s.service.save({ ...DRAFT, label: 'Web', authMethod: 'password', secret: 'canary-password-2' });
    expect(key).toMatchObject({ id: 'p-1', origin: 'https://odoo.example.com', insecure: false, pins: [A, B], hasSecret: true, session: 'none', serverVersion: null, createdAt: s.clock.now(), lastUsedAt: null, certificateValidTo: null });
    expect(pw).toMatchObject({ id: 'p-2', authMethod: 'password', hasSecret: true });
    expect(s.items()).toEqual(['p-1/api-key', 'p-2/password']);
    const dump = JSON.stringify([key, pw, [...s.keychain.items.values()], s.file()]);
    for (const secret of ['canary-api-key-1', 'canary-password-2']) expect(dump).not.toContain(secret);
    expect(await s.vault.secretsFor('p-1').get('api-key')).toBe('canary-api-key-1');
    expect([credentialKind('api-key'), credentialKind('password'), credentialKind('jwt'), credentialKind('account')]).toEqual(['api-key', 'password', 'password', 'password']);
  });

  it('a plain-http profile on this computer keeps no pins and never trusts a self-signed certificate', async () => {
    const s = await setup();
    const local = await s.service.save({ ...DRAFT, url: 'http://127.0.0.1:8069/web', pins: [A], trustSelfSigned: true });
    expect(local).toMatchObject({ origin: 'http://127.0.0.1:8069', insecure: true, pins: [], trustSelfSigned: false });
    expect(await code(s.service.inspectTls(local.id))).toBe('insecure_url');
    expect(await code(s.service.repin(local.id, [C, D], false))).toBe('invalid_input');
  });

  it('an edit keeps what Odoo and the app learnt; same pins in any order, and other fields may change', async () => {
    const s = await setup();
    const first = await s.service.save({ ...DRAFT, trustSelfSigned: true, keepPassword: true });
    const learnt = { serverVersion: '17.0', lastUsedAt: 5, certificateValidTo: 'Jan  1 00:00:00 2027 GMT', jwtSkipsTwoFactor: true, deviceKey: { name: 'Odoo Companion — laptop', createdAt: 4, expiresAt: null }, deviceKeyRefused: 'portal' };
    await s.store.update(first.id, learnt);
    s.clock.jumpWall(60_000);
    const edited = await s.service.save({ ...DRAFT, id: first.id, label: 'Renamed', pins: [B, A], trustSelfSigned: true, transport: 'jsonrpc' });
    expect(edited).toMatchObject({ ...learnt, id: first.id, label: 'Renamed', transport: 'jsonrpc', createdAt: first.createdAt, keepPassword: true });
    expect((await s.service.save({ ...DRAFT, id: first.id, trustSelfSigned: true, keepPassword: false })).keepPassword).toBe(false);
    expect(s.store.list()).toHaveLength(1);
  });

  it('a saved profile keeps its server and pins: a change is refused, naming what changed', async () => {
    const s = await setup();
    const { id } = await s.service.save(DRAFT);
    const field = async (draft: Draft) => {
      const e = await s.service.save({ ...draft, id }).catch((x: unknown) => x);
      return isAppError(e, 'invalid_input') ? e.details?.field : e;
    };
    expect(await field({ ...DRAFT, pins: [A, C] })).toBe('pins');
    expect(await field({ ...DRAFT, pins: [A, B, C] })).toBe('pins');
    expect(await field({ ...DRAFT, trustSelfSigned: true })).toBe('pins');
    expect(await field({ ...DRAFT, url: 'https://other.example.com' })).toBe('url');
    expect(s.store.get(id)).toMatchObject({ origin: 'https://odoo.example.com', pins: [A, B], trustSelfSigned: false });
  });

  it('a new credential, or another login, database or method, ends the stored session and tokens; a new label does not', async () => {
    const s = await setup();
    const { id } = await s.service.save({ ...DRAFT, authMethod: 'password', secret: 'pw-1' });
    const secrets = s.vault.secretsFor(id);
    const kept = async () => Promise.all([secrets.get('password'), secrets.get('session'), secrets.get('jwt-refresh')]);
    const sessionAndTokens = () => secrets.update({ session: 'sid', 'jwt-refresh': 'refresh' });
    await sessionAndTokens();
    await s.service.save({ ...DRAFT, id, authMethod: 'password', label: 'Renamed' });
    expect(await kept()).toEqual(['pw-1', 'sid', 'refresh']);
    for (const change of [{ login: 'other' }, { database: 'other' }, { authMethod: 'jwt' as const }]) {
      await sessionAndTokens();
      await s.service.save({ ...DRAFT, authMethod: 'password', ...change, id });
      expect(await kept()).toEqual(['pw-1', null, null]);
    }
    await sessionAndTokens();
    await s.service.save({ ...DRAFT, authMethod: 'jwt', login: 'other', id, secret: 'pw-2' });
    expect(await kept()).toEqual(['pw-2', null, null]);
  });
});

describe('listing profiles', () => {
  it('says whether the vault holds what each method needs, and whether a session is stored or live', async () => {
    const s = await setup();
    const key = await s.service.save(DRAFT);
    const web = await s.service.save({ ...DRAFT, authMethod: 'password' });
    const account = await s.service.save({ ...DRAFT, authMethod: 'account' });
    const state = async () => (await s.service.list()).map((p) => [p.id, p.hasSecret, p.session]);
    expect(await state()).toEqual([[key.id, false, 'none'], [web.id, false, 'none'], [account.id, false, 'none']]);
    await s.vault.secretsFor(key.id).set('api-key', 'k');
    await s.vault.secretsFor(web.id).set('session', 'sid');
    await s.vault.secretsFor(account.id).set('device-key', 'dk');
    expect(await state()).toEqual([[key.id, true, 'none'], [web.id, false, 'stored'], [account.id, true, 'none']]);
    await s.vault.secretsFor(web.id).update({ session: null, 'jwt-refresh': 'r', password: 'pw' });
    await s.vault.secretsFor(account.id).update({ 'device-key': null, session: 'sid' });
    expect(await state()).toEqual([[key.id, true, 'none'], [web.id, true, 'stored'], [account.id, true, 'stored']]);
    await s.vault.secretsFor(account.id).update({ session: null, password: 'pw' });
    s.sessions.client(key.id);
    s.sessions.markActive(key.id);
    expect(await state()).toEqual([[key.id, true, 'active'], [web.id, true, 'stored'], [account.id, true, 'none']]);
  });
});

describe('migrate, re-pin, forget', () => {
  it('only a password profile with its password kept can move to “Odoo account”', async () => {
    const s = await setup();
    const key = await s.service.save({ ...DRAFT, secret: 'k' });
    const web = await s.service.save({ ...DRAFT, authMethod: 'password' });
    expect(await code(s.service.migrate(key.id))).toBe('invalid_input');
    const e = await s.service.migrate(web.id).catch((x: unknown) => x);
    expect(isAppError(e, 'auth_failed') && e.details).toEqual({ missing: 'password' });
    expect(s.store.list().map((p) => p.authMethod)).toEqual(['api-key', 'password']);
  });

  it('re-pin needs the person confirmed within two minutes and valid pins; then windows close and the client goes', async () => {
    const s = await setup();
    const { id } = await s.service.save({ ...DRAFT, secret: 'k' });
    const before = s.sessions.client(id);
    expect(await code(s.service.repin(id, [], false))).toBe('invalid_input');
    expect(await code(s.service.repin(id, ['sha256/nope'], false))).toBe('invalid_input');
    expect(s.closed).toEqual([]);
    s.clock.jumpWall(REPIN_CONFIRMATION_MS);
    expect(await s.service.repin(id, [C, D], true)).toMatchObject({ id, pins: [C, D], trustSelfSigned: true, hasSecret: true });
    expect(s.closed).toEqual([id]);
    expect(s.sessions.client(id)).not.toBe(before);
    s.clock.jumpWall(1);
    expect(await code(s.service.repin(id, [A, B], false))).toBe('reauth_required');
    await s.vault.unlockWithPassphrase(PASS);
    await s.service.repin(id, [A, B], false);
    expect(s.store.get(id)).toMatchObject({ pins: [A, B], trustSelfSigned: false });
  });

  it('forget on this device deletes the profile’s secrets and metadata, closes its windows, revokes nothing', async () => {
    const s = await setup();
    const gone = await s.service.save({ ...DRAFT, secret: 'k' });
    const stays = await s.service.save({ ...DRAFT, label: 'Other', secret: 'k2' });
    await s.vault.secretsFor(gone.id).set('session', 'sid');
    // A password is only used to revoke an "Odoo account" key: here it changes nothing.
    expect(await s.service.forget(gone.id, 'pw')).toEqual({ revoked: false });
    expect(s.closed).toEqual([gone.id]);
    expect(s.store.list().map((p) => p.id)).toEqual([stays.id]);
    expect(s.items()).toEqual([`${stays.id}/api-key`]);
  });
});
