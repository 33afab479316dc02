// One Odoo client per profile, without a server: built while the vault is unlocked, kept
// while the profile's connection facts stay the same, dropped on lock, on drop and when
// they change; the live-session marks and their age by the clock. What the clients do
// with Odoo (version learnt, certificates seen, a JWT session ended on drop) is in
// tests/integration/core/odoo-sessions.test.ts.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { isAppError } from '../../../../main/core/errors.js';
import { ProfileStore, type ProfileRecord } from '../../../../main/core/profiles/profile-store.js';
import { createMemoryKeychain } from '../../../../main/core/secrets/memory-keychain.js';
import { dispatchersFor, OdooSessions } from '../../../../main/core/services/odoo-sessions.js';
import { FakeClock } from '../../../support/fakes.js';
import { Vault } from '../../../../main/core/vault/vault.js';

const PASS = 'correct horse battery staple';
const pin = (c: string): string => `sha256/${c.repeat(43)}=`;
const ID = 'p-acme';
const RECORD: ProfileRecord = {
  id: ID, label: 'ACME', origin: 'https://odoo.example.com', insecure: false, database: 'prod', login: 'admin', authMethod: 'password',
  transport: 'auto', pins: [pin('A'), pin('B')], trustSelfSigned: false, serverVersion: '17.0', createdAt: 1, lastUsedAt: null, certificateValidTo: null,
};

const folders: string[] = [];
afterEach(() => {
  for (const f of folders.splice(0)) rmSync(f, { recursive: true, force: true });
});

async function setup(options: { create?: boolean } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'companion-sessions-'));
  folders.push(dir);
  const store = await ProfileStore.open(dir);
  await store.save(RECORD);
  const clock = new FakeClock(Date.UTC(2026, 0, 5, 9, 0, 0));
  const vault = new Vault({ keychain: createMemoryKeychain(), clock, profiles: store, scryptParams: { N: 1024, r: 8, p: 1 } });
  if (options.create !== false) await vault.create({ passphrase: PASS });
  const sessions = new OdooSessions({ profiles: store, vault, clock });
  return { store, clock, vault, sessions };
}

function codeOf(fn: () => unknown): unknown {
  try {
    fn();
    return 'ok';
  } catch (e) {
    return isAppError(e) ? [e.code, e.details ?? null] : e;
  }
}

describe('Odoo sessions', () => {
  it('builds no client while the vault is locked or not set up', async () => {
    const fresh = await setup({ create: false });
    expect(codeOf(() => fresh.sessions.client(ID))).toEqual(['locked', null]);
    const s = await setup();
    s.vault.lock('manual');
    expect(codeOf(() => s.sessions.client(ID))).toEqual(['locked', null]);
  });

  it('an unknown profile is profile_not_found, naming its id', async () => {
    const s = await setup();
    expect(codeOf(() => s.sessions.client('p-gone'))).toEqual(['profile_not_found', { id: 'p-gone' }]);
  });

  it('builds the profile’s client once, for its origin and method, and keeps it while its connection facts stay', async () => {
    const s = await setup();
    const client = s.sessions.client(ID);
    expect([client.origin, client.authMethod]).toEqual(['https://odoo.example.com', 'password']);
    await s.store.update(ID, { label: 'Renamed', lastUsedAt: 5, serverVersion: '17.2', certificateValidTo: 'x' });
    expect(s.sessions.client(ID)).toBe(client);
  });

  it.each<[string, Partial<ProfileRecord>]>([
    ['origin', { origin: 'https://other.example.com' }],
    ['database', { database: 'other' }],
    ['login', { login: 'other' }],
    ['auth method', { authMethod: 'api-key' }],
    ['transport', { transport: 'xmlrpc' }],
    ['pins', { pins: [pin('A'), pin('C')] }],
    ['self-signed trust', { trustSelfSigned: true }],
    ['kept password', { keepPassword: true }],
  ])('builds a new client when the %s changes', async (_fact, patch) => {
    const s = await setup();
    const first = s.sessions.client(ID);
    s.sessions.markActive(ID);
    await s.store.update(ID, patch);
    const second = s.sessions.client(ID);
    expect(second).not.toBe(first);
    // The old client's live session is not carried over.
    expect(s.sessions.isActive(ID)).toBe(false);
    expect(s.sessions.client(ID)).toBe(second);
  });

  it('drop, dropAll and locking forget the clients and their live marks', async () => {
    const s = await setup();
    await s.store.save({ ...RECORD, id: 'p-other' });
    const one = s.sessions.client(ID);
    const other = s.sessions.client('p-other');
    s.sessions.markActive(ID);
    s.sessions.markActive('p-other');
    s.sessions.drop(ID);
    s.sessions.drop('p-never-built');
    expect([s.sessions.isActive(ID), s.sessions.isActive('p-other')]).toEqual([false, true]);
    expect(s.sessions.client(ID)).not.toBe(one);
    expect(s.sessions.client('p-other')).toBe(other);
    s.sessions.dropAll();
    expect(s.sessions.client('p-other')).not.toBe(other);
    const beforeLock = s.sessions.client(ID);
    s.sessions.markActive(ID);
    s.vault.lock('idle');
    expect(s.sessions.isActive(ID)).toBe(false);
    await s.vault.unlockWithPassphrase(PASS);
    expect(s.sessions.client(ID)).not.toBe(beforeLock);
  });

  it('marks a session live as Odoo confirmed it, and tells how recently, by the clock', async () => {
    const s = await setup();
    s.sessions.markActive(ID);
    // No client yet: nothing to mark.
    expect([s.sessions.isActive(ID), s.sessions.confirmedWithin(ID, 60_000)]).toEqual([false, false]);
    s.sessions.client(ID);
    s.sessions.markActive(ID);
    expect(s.sessions.isActive(ID)).toBe(true);
    s.clock.jumpWall(60_000);
    expect(s.sessions.confirmedWithin(ID, 60_000)).toBe(true);
    s.clock.jumpWall(1);
    expect(s.sessions.confirmedWithin(ID, 60_000)).toBe(false);
    expect(s.sessions.confirmedWithin(ID, 60_001)).toBe(true);
    s.sessions.markActive(ID);
    s.sessions.markActive(ID, false);
    expect([s.sessions.isActive(ID), s.sessions.confirmedWithin(ID, 60_000)]).toEqual([false, false]);
  });

  it('tells when a session starts or ends (sign-out), so the screens can follow', async () => {
    const s = await setup();
    const told: string[] = [];
    const sessions = new OdooSessions({ profiles: s.store, vault: s.vault, clock: s.clock, onSessionChange: (id) => told.push(id) });
    sessions.markActive(ID);
    expect(told).toEqual([]);
    sessions.client(ID);
    sessions.markActive(ID);
    sessions.markActive(ID);
    expect(told).toEqual([ID]);
    sessions.markActive(ID, false);
    // Ended again (a stored session signed out while none was live): told again.
    sessions.markActive(ID, false);
    expect(told).toEqual([ID, ID, ID]);
  });

  it('connects a plain-http local profile without pins, and an https one only with valid pins', () => {
    expect(() => dispatchersFor({ insecure: true, pins: [], trustSelfSigned: false })).not.toThrow();
    expect(() => dispatchersFor({ insecure: false, pins: [], trustSelfSigned: false })).toThrow();
    expect(() => dispatchersFor({ insecure: false, pins: [pin('A')], trustSelfSigned: false })).not.toThrow();
  });
});
