// The administrator's pre-set profiles: at start, each one not saved yet (same server,
// database and login) is added to the person's profiles without any credential, with the
// pins and environment label the policy gives; one already saved is left as the person
// keeps it, and a second start adds nothing twice.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Profile } from '../../../contract/index.js';
import { addPresetProfiles } from '../../../main/core/profiles/profile-import.js';
import { ProfileStore } from '../../../main/core/profiles/profile-store.js';
import { parsePolicy } from '../../../main/core/settings/admin-policy.js';
import { ok, startCore, type CoreHarness } from '../../support/core-harness.js';

const pin = `sha256/${randomBytes(32).toString('base64')}`;
const preset = (label: string, database: string) => ({
  label,
  url: 'erp.example.com',
  database,
  login: '',
  authMethod: 'account',
  transport: 'auto',
  pins: [pin],
  trustSelfSigned: false,
  environment: { kind: 'production', colour: 'red' },
});
const POLICY = JSON.stringify({ version: 1, profiles: [preset('Production', 'prod'), preset('Staging', 'staging')] });
const policy = () => parsePolicy('/etc/odoo-companion/policy.json', POLICY);

let h: CoreHarness | undefined;
const dirs: string[] = [];
afterEach(async () => {
  await h?.close();
  h = undefined;
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('profiles the administrator pre-sets', () => {
  it('appear at start, without credentials, with the policy’s pins and label', async () => {
    expect(policy().state).toBe('ok');
    h = await startCore({ policy: policy() });
    await ok(h.core, 'vault:create', { passphrase: 'correct horse battery staple', enablePresence: false });
    const list = await ok<Profile[]>(h.core, 'profiles:list', {});
    expect(list.map((p) => [p.label, p.origin, p.database, p.hasSecret])).toEqual([
      ['Production', 'https://erp.example.com', 'prod', false],
      ['Staging', 'https://erp.example.com', 'staging', false],
    ]);
    expect(list[0]).toMatchObject({ pins: [pin], environment: { kind: 'production', colour: 'red' } });
  });

  it('leave a profile the person already saved as it is, and are not added twice', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'companion-preset-'));
    dirs.push(dir);
    const store = await ProfileStore.open(dir);
    const clock = { now: () => 1_767_000_000_000 };
    const presets = policy().profiles;
    const first = await addPresetProfiles(presets.slice(0, 1), { profiles: store, clock });
    await store.update(first[0]!.id, { label: 'My production' });
    const again = await addPresetProfiles(presets, { profiles: store, clock });
    expect(again.map((p) => p.label)).toEqual(['Staging']);
    expect(await addPresetProfiles(presets, { profiles: await ProfileStore.open(dir), clock })).toEqual([]);
    expect(store.list().map((p) => p.label)).toEqual(['My production', 'Staging']);
  });
});
