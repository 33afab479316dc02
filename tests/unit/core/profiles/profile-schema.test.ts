// profiles.json belongs to the core, not to the IPC contract: the file people have today
// still reads and writes back unchanged, the record holds exactly the stored fields, and
// what only the screens see (hasSecret, session, any field added to the wire Profile)
// is refused by the storage schema and never reaches the file.
import { copyFile, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { channels, profileSchema } from '../../../../contract/index.js';
import { profileRecordSchema, profilesFileSchema } from '../../../../main/core/profiles/profile-schema.js';
import { ProfileStore, type ProfileRecord } from '../../../../main/core/profiles/profile-store.js';

const fixture = fileURLToPath(new URL('../../../fixtures/data-folder/profiles.json', import.meta.url));
const todays = async () => JSON.parse(await readFile(fixture, 'utf8')) as { version: number; profiles: ProfileRecord[] };

/** The fields of a profile in profiles.json (file version 1). */
const STORED = [
  'authMethod',
  'certificateIssuer',
  'certificateValidTo',
  'createdAt',
  'database',
  'deviceKey',
  'deviceKeyRefused',
  'environment',
  'id',
  'insecure',
  'jwtSkipsTwoFactor',
  'keepPassword',
  'label',
  'lastUsedAt',
  'login',
  'origin',
  'pins',
  'serverVersion',
  'transport',
  'trustSelfSigned',
];

/** A record of the smallest kind (an API-key profile). */
const STORED_SAMPLE: ProfileRecord = {
  id: 'p1',
  label: 'P',
  origin: 'https://erp.example.com',
  insecure: false,
  database: 'db',
  login: 'me',
  authMethod: 'api-key',
  transport: 'auto',
  pins: [],
  trustSelfSigned: false,
  serverVersion: null,
  createdAt: 0,
  lastUsedAt: null,
  certificateValidTo: null,
};

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'oc-profile-schema-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('the stored profile', () => {
  it("reads today's profiles.json as it is: nothing dropped, nothing added", async () => {
    const file = await todays();
    expect(file.profiles.length).toBeGreaterThan(3);
    expect(profilesFileSchema.parse(file)).toEqual(file);
  });

  it("opens today's file and writes it back byte for byte the same", async () => {
    await copyFile(fixture, join(dir, 'profiles.json'));
    const store = await ProfileStore.open(dir);
    const file = await todays();
    expect(store.list()).toEqual(file.profiles);
    const first = file.profiles[0]!;
    await store.update(first.id, { label: first.label });
    expect(await readFile(join(dir, 'profiles.json'), 'utf8')).toBe(await readFile(fixture, 'utf8'));
  });

  it('holds only ids and pins of their exact form', () => {
    for (const id of ['p1', 'a-b-0', 'x'.repeat(64)]) expect(profileRecordSchema.safeParse({ ...STORED_SAMPLE, id }).success, id).toBe(true);
    for (const id of ['', 'P1', 'a/../b', 'ok-then!', 'x'.repeat(65), 'p1\n']) {
      const r = profileRecordSchema.safeParse({ ...STORED_SAMPLE, id });
      expect(r.success, id).toBe(false);
      expect(r.error?.issues[0]?.message).toBe('not an id');
    }
    const pin = `sha256/${'A'.repeat(43)}=`;
    expect(profileRecordSchema.safeParse({ ...STORED_SAMPLE, pins: [pin] }).success).toBe(true);
    for (const bad of [`${pin}junk`, `x${pin}`, `sha256/${'A'.repeat(42)}=`, `sha1/${'A'.repeat(43)}=`]) {
      const r = profileRecordSchema.safeParse({ ...STORED_SAMPLE, pins: [bad] });
      expect(r.success, bad).toBe(false);
      expect(r.error?.issues[0]?.message).toBe('not an SPKI pin');
    }
  });

  it('holds an environment label of a fixed kind, or a short one-line text, in a palette colour', () => {
    const ok = (environment: unknown) => profileRecordSchema.safeParse({ ...STORED_SAMPLE, environment }).success;
    for (const kind of ['production', 'staging', 'test'] as const) expect(ok({ kind, colour: 'red' }), kind).toBe(true);
    expect(ok({ kind: 'custom', text: 'x'.repeat(24), colour: 'grey' })).toBe(true);
    for (const bad of [
      { kind: 'custom', text: 'x'.repeat(25), colour: 'grey' },
      { kind: 'custom', text: 'a\u0007b', colour: 'grey' },
      { kind: 'custom', colour: 'grey' },
      { kind: 'production', colour: 'crimson' },
      { kind: 'production', colour: 'red', text: 'x' },
      'production',
    ]) {
      expect(ok(bad), JSON.stringify(bad)).toBe(false);
    }
    // A file from before the label: still read as it is, with none.
    expect(profileRecordSchema.parse(STORED_SAMPLE)).not.toHaveProperty('environment');
  });

  it('holds exactly the stored fields', () => {
    expect(Object.keys(profileRecordSchema.shape).sort()).toEqual(STORED);
  });

  it('refuses what only the screens see, on save and on load', async () => {
    const record = (await todays()).profiles[0]!;
    const shown = profileSchema.parse({ ...record, hasSecret: true, session: 'active' });
    expect(profileRecordSchema.safeParse(shown).success).toBe(false);
    const store = await ProfileStore.open(dir);
    await expect(store.save(shown as unknown as ProfileRecord)).rejects.toMatchObject({ code: 'invalid_input' });
    expect(profilesFileSchema.safeParse({ version: 1, profiles: [{ ...record, session: 'stored' }] }).success).toBe(false);
  });
});

describe("the contract's Profile", () => {
  it('is the stored record and what the vault says about it', () => {
    expect(Object.keys(profileSchema.shape).sort()).toEqual([...STORED, 'hasSecret', 'session'].sort());
  });

  it('grows without changing the file: a field added for the screens is not a stored field', () => {
    const wider = profileSchema.extend({ avatar: z.string() });
    expect(Object.keys(wider.shape)).toContain('avatar');
    expect(Object.keys(profileRecordSchema.shape).sort()).toEqual(STORED);
    expect(profileRecordSchema.safeParse({ ...STORED_SAMPLE, avatar: 'x' }).success).toBe(false);
  });

  it('strips, on the way out, a key it does not declare (a secret added by mistake)', async () => {
    const record = (await todays()).profiles[0]!;
    const out = channels['profiles:list'].output.parse([{ ...record, hasSecret: true, session: 'none', password: 'canary' }]);
    expect(out[0]).not.toHaveProperty('password');
  });

  it("takes the wizard's draft from the stored fields, with the person's bounds", () => {
    const draft = channels['profiles:save'].input;
    const base = { label: 'A', url: 'https://erp.example.com', database: 'db', login: 'me', authMethod: 'account', transport: 'auto', pins: [], trustSelfSigned: false };
    expect(draft.safeParse(base).success).toBe(true);
    expect(draft.safeParse({ ...base, label: '' }).success).toBe(false);
    expect(draft.safeParse({ ...base, pins: Array.from({ length: 9 }, (_, i) => `sha256/${String.fromCharCode(65 + i).repeat(43)}=`) }).success).toBe(false);
    expect(draft.safeParse({ ...base, hasSecret: true }).success).toBe(false);
    expect(draft.safeParse({ ...base, authMethod: 'magic' }).success).toBe(false);
  });
});
