import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../../../../main/core/errors.js';
import { ProfileStore, type ProfileRecord } from '../../../../main/core/profiles/profile-store.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'oc-profiles-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

function record(id: string, over: Partial<ProfileRecord> = {}): ProfileRecord {
  return {
    id,
    label: `Profile ${id}`,
    origin: 'https://erp.example.com',
    insecure: false,
    database: 'prod',
    login: 'admin@example.com',
    authMethod: 'api-key',
    transport: 'auto',
    pins: ['sha256/' + 'A'.repeat(43) + '='],
    trustSelfSigned: false,
    serverVersion: '17.0',
    createdAt: 1_700_000_000_000,
    lastUsedAt: null,
    certificateValidTo: null,
    ...over,
  };
}

describe('ProfileStore', () => {
  it('starts empty, saves, updates, removes, and reloads what it wrote', async () => {
    const store = await ProfileStore.open(dir);
    expect(store.list()).toEqual([]);
    expect(store.health()).toMatchObject({ recoveredFromBackup: false, source: 'none' });
    let changes = 0;
    store.onChanged(() => (changes += 1));
    await store.save(record('a'));
    await store.save(record('b'));
    await store.update('a', { label: 'Renamed', lastUsedAt: 1_700_000_001_000 });
    expect(await store.remove('b')).toBe(true);
    expect(await store.remove('b')).toBe(false);
    await expect(store.update('zz', { label: 'x' })).rejects.toMatchObject({ code: 'profile_not_found' });
    expect(changes).toBe(5);
    const again = await ProfileStore.open(dir);
    expect(again.list()).toEqual([record('a', { label: 'Renamed', lastUsedAt: 1_700_000_001_000 })]);
    expect(again.health().source).toBe('main');
  });

  it('never stores a secret: unknown fields are refused', async () => {
    const store = await ProfileStore.open(dir);
    await expect(store.save({ ...record('a'), password: 'canary' } as ProfileRecord)).rejects.toThrow();
    await expect(store.save({ ...record('a'), hasSecret: true } as ProfileRecord)).rejects.toThrow();
    expect(await readdir(dir)).toEqual([]);
  });

  it('serialises concurrent saves: none is lost, the file holds them all', async () => {
    const store = await ProfileStore.open(dir);
    await Promise.all(Array.from({ length: 25 }, (_, i) => store.save(record(`p${i}`))));
    await Promise.all(Array.from({ length: 25 }, (_, i) => store.update(`p${i}`, { label: `L${i}` })));
    const again = await ProfileStore.open(dir);
    expect(again.list().map((p) => p.label)).toEqual(Array.from({ length: 25 }, (_, i) => `L${i}`));
    expect((await readdir(dir)).sort()).toEqual(['profiles.json', 'profiles.json.bak']);
  });

  it('keeps the previous good state as profiles.json.bak', async () => {
    const store = await ProfileStore.open(dir);
    await store.save(record('a'));
    await store.save(record('b'));
    const bak = JSON.parse(await readFile(join(dir, 'profiles.json.bak'), 'utf8'));
    expect(bak.profiles.map((p: ProfileRecord) => p.id)).toEqual(['a']);
  });

  it.each([
    ['truncated JSON', (t: string) => t.slice(0, t.length / 2)],
    ['empty file', () => ''],
    ['wrong shape', () => JSON.stringify({ version: 1, profiles: [{ id: 'NOT OK' }] })],
    ['binary junk', () => '\u0000\u0000\u0000'],
  ])('a corrupt live file (%s) is reported and recovered from the copy, never emptied', async (_label, corrupt) => {
    const store = await ProfileStore.open(dir);
    await store.save(record('a'));
    await store.save(record('b'));
    const path = join(dir, 'profiles.json');
    await writeFile(path, corrupt(await readFile(path, 'utf8')));
    const reports: unknown[] = [];
    const again = await ProfileStore.open(dir, { onRecovered: (h) => reports.push(h) });
    expect(again.list().map((p) => p.id)).toEqual(['a']);
    expect(again.health()).toMatchObject({ recoveredFromBackup: true, source: 'backup' });
    expect(reports).toHaveLength(1);
    const names = await readdir(dir);
    expect(names.some((n) => n.startsWith('profiles.json.corrupt-'))).toBe(true);
    // The restored file is the live one again; later saves work.
    await again.save(record('c'));
    expect((await ProfileStore.open(dir)).list().map((p) => p.id)).toEqual(['a', 'c']);
  });

  it('both copies bad: profile_store_corrupt, and nothing on disk is touched', async () => {
    await writeFile(join(dir, 'profiles.json'), '{"version":1,"profiles":[');
    await writeFile(join(dir, 'profiles.json.bak'), 'nope');
    const e = await ProfileStore.open(dir).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(AppError);
    expect(e).toMatchObject({ code: 'profile_store_corrupt', details: { file: 'profiles.json' } });
    expect(await readFile(join(dir, 'profiles.json'), 'utf8')).toBe('{"version":1,"profiles":[');
    expect((await readdir(dir)).sort()).toEqual(['profiles.json', 'profiles.json.bak']);
  });

  it('a missing live file with a kept copy is recovered; stray temp files are cleaned', async () => {
    const store = await ProfileStore.open(dir);
    await store.save(record('a'));
    await store.save(record('b'));
    await rm(join(dir, 'profiles.json'));
    await writeFile(join(dir, 'profiles.json.123.abcd.tmp'), 'half');
    const again = await ProfileStore.open(dir);
    expect(again.list().map((p) => p.id)).toEqual(['a']);
    expect(again.health().recoveredFromBackup).toBe(true);
    expect((await readdir(dir)).sort()).toEqual(['profiles.json', 'profiles.json.bak']);
  });
});
