// settings.json belongs to the core, not to the IPC contract: the file people have today
// still reads and writes back unchanged, it holds exactly the stored settings, and a key
// it does not know (one the screens might see) is dropped on load and never written.
import { copyFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { channels, settingsSchema as wireSettingsSchema } from '../../../../contract/index.js';
import { settingsFileSchema, settingsSchema } from '../../../../main/core/settings/settings-schema.js';
import { SettingsStore } from '../../../../main/core/settings/settings-store.js';

const fixture = fileURLToPath(new URL('../../../fixtures/data-folder/settings.json', import.meta.url));
const todays = async () => JSON.parse(await readFile(fixture, 'utf8')) as Record<string, unknown>;

/** The keys of settings.json. */
const STORED = ['autoLockMinutes', 'language', 'launchAtLogin', 'lockOnScreenLock', 'lockOnSuspend', 'notifications', 'shortcut', 'startInTray'];

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'oc-settings-schema-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('the stored settings', () => {
  it("read today's settings.json as it is", async () => {
    const file = await todays();
    expect(settingsSchema.parse(file)).toEqual(file);
    await copyFile(fixture, join(dir, 'settings.json'));
    const store = await SettingsStore.open(dir);
    expect(store.get()).toEqual(file);
    expect(store.loadReport().source).toBe('main');
  });

  it("write today's file back byte for byte the same", async () => {
    await copyFile(fixture, join(dir, 'settings.json'));
    const store = await SettingsStore.open(dir);
    await store.update({ language: store.get().language });
    expect(await readFile(join(dir, 'settings.json'), 'utf8')).toBe(await readFile(fixture, 'utf8'));
  });

  it('hold exactly the stored keys', () => {
    expect(Object.keys(settingsSchema.shape).sort()).toEqual(STORED);
  });

  it('drop a key the file does not know on load, and never write it', async () => {
    const file = await todays();
    expect(settingsFileSchema.parse({ ...file, shortcutRegistered: true })).toEqual(file);
    await writeFile(join(dir, 'settings.json'), JSON.stringify({ ...file, shortcutRegistered: true }));
    const store = await SettingsStore.open(dir);
    expect(store.get()).not.toHaveProperty('shortcutRegistered');
    await store.update({ notifications: false });
    expect(JSON.parse(await readFile(join(dir, 'settings.json'), 'utf8'))).not.toHaveProperty('shortcutRegistered');
  });
});

describe("the contract's settings", () => {
  it('are the stored settings, changed one known key at a time', () => {
    expect(Object.keys(wireSettingsSchema.shape).sort()).toEqual(STORED);
    const update = channels['settings:update'].input;
    expect(update.safeParse({ autoLockMinutes: 5 }).success).toBe(true);
    expect(update.safeParse({ shortcutRegistered: true }).success).toBe(false);
  });
});
