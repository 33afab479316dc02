// The administrator's policy: where each OS keeps it, what a valid one fixes, and that a
// file present but unusable applies the strict fallback instead of being ignored.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  applyPolicy,
  fixedSettings,
  loadPolicy,
  parsePolicy,
  policyPath,
  presenceUnlockAllowed,
  settingsChangeAllowed,
  signInMethodAllowed,
  STRICT_FALLBACK,
} from '../../../../main/core/settings/admin-policy.js';
import { DEFAULT_SETTINGS } from '../../../../main/core/settings/settings-store.js';

const pin = `sha256/${createHash('sha256').update('ca').digest('base64')}`;
let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'policy-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('administrator policy', () => {
  it("is looked for in each OS's place for machine-wide managed settings", () => {
    expect(policyPath('linux', {})).toBe('/etc/odoo-companion/policy.json');
    expect(policyPath('darwin', {})).toBe('/Library/Application Support/Odoo Companion/policy.json');
    expect(policyPath('win32', { ProgramData: 'D:\\ProgramData' })).toBe('D:\\ProgramData\\Odoo Companion\\policy.json');
    expect(policyPath('win32', {})).toBe('C:\\ProgramData\\Odoo Companion\\policy.json');
  });

  it('no file: no policy, nothing fixed', async () => {
    const p = await loadPolicy(path.join(dir, 'absent.json'));
    expect(p).toMatchObject({ state: 'none', limits: {}, profiles: [] });
    expect(applyPolicy({ ...DEFAULT_SETTINGS, autoLockMinutes: null }, p.limits).autoLockMinutes).toBeNull();
  });

  it('a valid file bounds the auto-lock, forces the lock triggers, limits sign-in methods and presence, and pre-sets profiles', async () => {
    const file = path.join(dir, 'policy.json');
    await writeFile(
      file,
      JSON.stringify({
        version: 1,
        limits: { maxAutoLockMinutes: 10, lockOnScreenLock: true, lockOnSuspend: true, signInMethods: ['account'], presenceUnlock: 'disabled' },
        profiles: [{ label: 'Production', url: 'erp.example.com/odoo', database: 'prod', login: '', authMethod: 'account', transport: 'auto', pins: [pin], trustSelfSigned: false }],
      }),
    );
    const p = await loadPolicy(file);
    expect(p.state).toBe('ok');
    expect(p.profiles.map((x) => x.url)).toEqual(['https://erp.example.com']);
    expect(fixedSettings(p.limits)).toEqual(['autoLockMinutes', 'lockOnScreenLock', 'lockOnSuspend']);
    const applied = applyPolicy({ ...DEFAULT_SETTINGS, autoLockMinutes: 60, lockOnScreenLock: false, lockOnSuspend: false }, p.limits);
    expect(applied).toMatchObject({ autoLockMinutes: 10, lockOnScreenLock: true, lockOnSuspend: true });
    expect(applyPolicy({ ...DEFAULT_SETTINGS, autoLockMinutes: 5 }, p.limits).autoLockMinutes).toBe(5);
    expect(settingsChangeAllowed({ autoLockMinutes: 11 }, p.limits)).toEqual(['autoLockMinutes']);
    expect(settingsChangeAllowed({ autoLockMinutes: null }, p.limits)).toEqual(['autoLockMinutes']);
    expect(settingsChangeAllowed({ autoLockMinutes: 10, lockOnScreenLock: true }, p.limits)).toEqual([]);
    expect(settingsChangeAllowed({ lockOnScreenLock: false, lockOnSuspend: false }, p.limits)).toEqual(['lockOnScreenLock', 'lockOnSuspend']);
    expect(signInMethodAllowed('account', p.limits)).toBe(true);
    expect(signInMethodAllowed('password', p.limits)).toBe(false);
    expect(presenceUnlockAllowed(p.limits)).toBe(false);
  });

  it('a file present but unusable is reported and the strict fallback applies (never ignored)', async () => {
    const cases: [string | Uint8Array, string][] = [
      ['{ not json', 'not-json'],
      [JSON.stringify({ version: 2 }), 'wrong-shape:version'],
      [JSON.stringify({ version: 1, limits: { maxAutoLockMinutes: 0 } }), 'wrong-shape:limits.maxAutoLockMinutes'],
      [JSON.stringify({ version: 1, limits: { lockOnScreenLock: false } }), 'wrong-shape:limits.lockOnScreenLock'],
      [JSON.stringify({ version: 1, limits: {}, extra: true }), 'wrong-shape:(file)'],
      [JSON.stringify({ version: 1, profiles: [{ label: 'x' }] }), 'bad-profiles'],
      [JSON.stringify({ version: 1, profiles: [{ label: 'x', url: 'http://erp.example.com', database: '', login: '', authMethod: 'account', transport: 'auto', pins: [pin], trustSelfSigned: false }] }), 'bad-profiles'],
      [new Uint8Array([0x7b, 0xff, 0x7d]), 'not-json'],
      [' '.repeat(256 * 1024 + 1), 'too-large'],
    ];
    for (const [content, problem] of cases) {
      const p = parsePolicy('/etc/odoo-companion/policy.json', content);
      expect(p, problem).toMatchObject({ state: 'invalid', problem, limits: STRICT_FALLBACK, profiles: [] });
    }
    expect(applyPolicy({ ...DEFAULT_SETTINGS, autoLockMinutes: null }, STRICT_FALLBACK).autoLockMinutes).toBe(15);
  });

  it('a file that exists but cannot be read is invalid, not absent', async () => {
    // Reading a folder fails with EISDIR: present, unreadable.
    const file = path.join(dir, 'a-folder.json');
    await mkdir(file);
    expect(await loadPolicy(file)).toMatchObject({ state: 'invalid', problem: 'unreadable', limits: STRICT_FALLBACK });
  });
});
