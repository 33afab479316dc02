// Profile files between two computers, through the real core, the real keychain and an
// Odoo test server: the export goes through main's save dialog and holds no secret (canary
// secrets in the vault, and every session the server handed out, are looked for in it);
// the import previews the file, checks the live server's certificate against the file's
// pins before saving — a server presenting another key is refused and nothing is saved —
// and saves the profile without any credential, which the person gives next.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChannelOutput, Profile } from '../../../contract/index.js';
import { FakeClock } from '../../support/fakes.js';
import { expectNoCanary, fails, ok, pinsFor, randomPin, startCore, type CoreHarness } from '../../support/core-harness.js';
import { requireKeychain } from '../../support/keychain.js';
import { startOdooServer, type OdooTestServer } from '../../support/odoo-server/index.js';

const PASSPHRASE = 'profile files Passphrase Juniper 52';
const CANARY_PASSWORD = 'canary-export-password-5d1e9a7c';
const clock = new FakeClock(Date.parse('2026-01-05T12:00:00Z'));
let odoo: OdooTestServer;
let from: CoreHarness;
let to: CoreHarness;
const saved: { name: string; text: string }[] = [];
let answerDialog = true;
let exported = '';

beforeAll(async () => {
  await requireKeychain();
  odoo = await startOdooServer({ version: 17, clock: { now: () => clock.now() } });
  // The admin's password is a canary: it goes into the vault and must never reach a file.
  odoo.setPassword('admin', CANARY_PASSWORD);
  const network = { ca: [odoo.cert!] };
  from = await startCore({
    keychain: 'os',
    clock,
    network,
    saveProfileFile: async (name, text) => {
      if (!answerDialog) return false;
      saved.push({ name, text });
      return true;
    },
  });
  to = await startCore({ keychain: 'os', clock, network });
  await ok(from.core, 'vault:create', { passphrase: PASSPHRASE, enablePresence: false });
  await ok(to.core, 'vault:create', { passphrase: PASSPHRASE, enablePresence: false });
});

afterAll(async () => {
  await from?.close();
  await to?.close();
  await odoo?.stop();
});

async function saveOn(h: CoreHarness, over: Record<string, unknown>): Promise<Profile> {
  return ok<Profile>(h.core, 'profiles:save', {
    label: 'Acme production',
    url: odoo.origin,
    database: 'companion',
    login: 'demo',
    authMethod: 'api-key',
    transport: 'auto',
    pins: await pinsFor(h.core, odoo.origin),
    trustSelfSigned: true,
    environment: { kind: 'production', colour: 'red' },
    ...over,
  });
}

describe('profile export', () => {
  it('writes the chosen profiles through the save dialog, with no secret at all', async () => {
    const apiKey = await saveOn(from, { secret: odoo.user('demo').apiKey });
    const withPassword = await saveOn(from, { label: 'Acme admin', login: 'admin', authMethod: 'password', secret: CANARY_PASSWORD, environment: { kind: 'custom', text: 'Training', colour: 'teal' } });
    await ok(from.core, 'odoo:search', { profileId: apiKey.id, query: 'Azure' });
    await ok(from.core, 'odoo:login', { profileId: withPassword.id });
    expect(await ok(from.core, 'profiles:export', { ids: [apiKey.id, withPassword.id] })).toEqual({ saved: true, count: 2 });
    const [file] = saved;
    expect(file?.name).toBe('odoo-profiles.json');
    exported = file!.text;
    const canaries = [odoo.user('demo').apiKey, CANARY_PASSWORD, PASSPHRASE, ...odoo.issuedSecrets()];
    expect(canaries.length).toBeGreaterThanOrEqual(4);
    expectNoCanary(exported, canaries, 'the export file');
    expectNoCanary(exported, from.core.vault.heldSecrets(), 'the export file');
    const parsed = JSON.parse(exported) as { profiles: Record<string, unknown>[] };
    expect(parsed.profiles.map((p) => Object.keys(p).sort())[0]).toEqual(
      ['authMethod', 'database', 'environment', 'label', 'login', 'pins', 'transport', 'trustSelfSigned', 'url'],
    );
    expect(parsed.profiles[1]).toMatchObject({ environment: { kind: 'custom', text: 'Training', colour: 'teal' } });
  });

  it('writes nothing when the person cancels the dialog, and refuses an unknown profile', async () => {
    answerDialog = false;
    const [p] = await ok<Profile[]>(from.core, 'profiles:list', {});
    expect(await ok(from.core, 'profiles:export', { ids: [p!.id] })).toEqual({ saved: false, count: 0 });
    answerDialog = true;
    expect((await fails(from.core, 'profiles:export', { ids: ['p-nobody'] })).code).toBe('profile_not_found');
    expect(saved).toHaveLength(1);
  });
});

describe('profile import', () => {
  it('previews the file, then saves a profile whose server matches its pins, without credentials, asking for them next', async () => {
    const preview = await ok<ChannelOutput<'profiles:importPreview'>>(to.core, 'profiles:importPreview', { text: exported });
    expect(preview.profiles.map((p) => [p.label, p.authMethod, p.allowed, p.existingId])).toEqual([
      ['Acme production', 'api-key', true, null],
      ['Acme admin', 'password', true, null],
    ]);
    expect(await ok<Profile[]>(to.core, 'profiles:list', {})).toEqual([]);

    const imported = await ok<Profile>(to.core, 'profiles:importConfirm', { text: exported, index: 0 });
    expect(imported).toMatchObject({ label: 'Acme production', origin: odoo.origin, hasSecret: false, session: 'none', environment: { kind: 'production', colour: 'red' } });
    expect((await fails(to.core, 'odoo:search', { profileId: imported.id, query: 'Azure' })).code).toBe('auth_failed');
    // The credential, next: the profile signs in and answers.
    await ok(to.core, 'profiles:save', { ...draftOf(imported), id: imported.id, secret: odoo.user('demo').apiKey });
    expect(await ok<unknown[]>(to.core, 'odoo:search', { profileId: imported.id, query: 'Azure' })).not.toEqual([]);
    expect((await ok<Profile[]>(to.core, 'profiles:list', {}))[0]?.environment).toEqual({ kind: 'production', colour: 'red' });
    // The label goes when the person removes it (null), and only then.
    const cleared = await ok<Profile>(to.core, 'profiles:save', { ...draftOf(imported), id: imported.id, environment: null });
    expect(cleared).not.toHaveProperty('environment');
    const file = JSON.parse(readFileSync(path.join(to.dataDir, 'profiles.json'), 'utf8')) as { profiles: object[] };
    expect(file.profiles[0]).not.toHaveProperty('environment');
    // The same profile twice is not saved twice.
    expect((await ok<ChannelOutput<'profiles:importPreview'>>(to.core, 'profiles:importPreview', { text: exported })).profiles[0]?.existingId).toBe(imported.id);
    expect((await fails(to.core, 'profiles:importConfirm', { text: exported, index: 0 })).code).toBe('invalid_input');
  });

  it('refuses a profile whose live server presents a key none of the file’s pins names, and saves nothing', async () => {
    const file = JSON.parse(exported) as { profiles: { pins: string[] }[] };
    file.profiles[1]!.pins = [randomPin(), randomPin()];
    const listed = async () => (await ok<Profile[]>(to.core, 'profiles:list', {})).map((p) => p.id);
    const before = await listed();
    const refused = await fails(to.core, 'profiles:importConfirm', { text: JSON.stringify(file), index: 1 });
    expect(refused.code).toBe('tls_pin_mismatch');
    expect(await listed()).toEqual(before);
  });

  it('refuses a hostile file with invalid_input, naming where', async () => {
    for (const text of ['{"format":"odoo-companion-profiles","version":1,"profiles":[{"__proto__":{}}]}', 'not json', '{}']) {
      const e = await fails(to.core, 'profiles:importPreview', { text });
      expect(e.code).toBe('invalid_input');
      expect(e.details?.problem).toBeDefined();
    }
  });
});

function draftOf(p: Profile) {
  return { label: p.label, url: p.origin, database: p.database, login: p.login, authMethod: p.authMethod, transport: p.transport, pins: p.pins, trustSelfSigned: p.trustSelfSigned };
}
