import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, SettingsStore } from '../../../../main/core/settings/settings-store.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'oc-settings-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('SettingsStore', () => {
  it('has the documented defaults', async () => {
    const s = await SettingsStore.open(dir);
    expect(s.get()).toEqual({
      autoLockMinutes: 15,
      lockOnScreenLock: true,
      lockOnSuspend: true,
      launchAtLogin: false,
      startInTray: false,
      shortcut: 'CommandOrControl+Shift+Space',
      notifications: true,
      language: 'system',
    });
    expect(s.loadReport().source).toBe('none');
  });

  it('validates, persists atomically and notifies', async () => {
    const s = await SettingsStore.open(dir);
    const seen: Array<number | null> = [];
    s.onChanged((next) => seen.push(next.autoLockMinutes));
    expect((await s.update({ autoLockMinutes: 5 })).autoLockMinutes).toBe(5);
    await s.update({ autoLockMinutes: null, notifications: false });
    await expect(s.update({ autoLockMinutes: 0 })).rejects.toThrow();
    await expect(s.update({ autoLockMinutes: 241 })).rejects.toThrow();
    await expect(s.update({ extra: 1 } as never)).rejects.toThrow();
    expect(seen).toEqual([5, null]);
    const again = await SettingsStore.open(dir);
    expect(again.get()).toEqual({ ...DEFAULT_SETTINGS, autoLockMinutes: null, notifications: false });
    expect((await readdir(dir)).sort()).toEqual(['settings.json', 'settings.json.bak']);
  });

  it('fills keys missing from an older file with defaults', async () => {
    await writeFile(join(dir, 'settings.json'), JSON.stringify({ autoLockMinutes: 30 }));
    expect((await SettingsStore.open(dir)).get()).toEqual({ ...DEFAULT_SETTINGS, autoLockMinutes: 30 });
  });

  it('recovers a corrupt file from its copy; both bad → defaults, reported, files left', async () => {
    const s = await SettingsStore.open(dir);
    await s.update({ autoLockMinutes: 7 });
    await s.update({ autoLockMinutes: 8 });
    await writeFile(join(dir, 'settings.json'), '{');
    const r = await SettingsStore.open(dir);
    expect(r.get().autoLockMinutes).toBe(7);
    expect(r.loadReport()).toEqual({ source: 'backup', problem: 'not valid JSON' });

    await writeFile(join(dir, 'settings.json'), '{');
    await writeFile(join(dir, 'settings.json.bak'), '{');
    const d = await SettingsStore.open(dir);
    expect(d.get()).toEqual(DEFAULT_SETTINGS);
    expect(d.loadReport().source).toBe('defaults');
    expect(await readFile(join(dir, 'settings.json.bak'), 'utf8')).toBe('{');
  });
});
