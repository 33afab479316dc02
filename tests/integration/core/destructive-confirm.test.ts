// Irreversible actions need the person's answer in main's own dialog: the renderer's
// request alone (even with `confirm: "RESET"`, even while locked) changes nothing.
import { randomBytes } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Profile, VaultStatus } from '../../../contract/index.js';
import { FakeClock, FakePresence } from '../../support/fakes.js';
import { fails, ok, startCore, type CoreHarness } from '../../support/core-harness.js';

const PASSPHRASE = 'correct horse battery staple';
const pin = (): string => `sha256/${randomBytes(32).toString('base64')}`;
let h: CoreHarness;
let profile: Profile;

beforeEach(async () => {
  h = await startCore({ keychain: 'memory', presence: new FakePresence('touch-id'), clock: new FakeClock(Date.now()) });
  await ok(h.core, 'vault:create', { passphrase: PASSPHRASE, enablePresence: true });
  profile = await ok<Profile>(h.core, 'profiles:save', {
    label: 'Production',
    url: 'https://odoo.example.com',
    database: 'db',
    login: 'admin',
    authMethod: 'api-key',
    transport: 'auto',
    pins: [pin(), pin()],
    trustSelfSigned: false,
    secret: 'stored-api-key-1',
  });
});
afterEach(async () => {
  await h.close();
});

async function snapshot(): Promise<string> {
  const status = await ok<VaultStatus>(h.core, 'vault:status', {});
  return JSON.stringify({ status, items: await h.rawKeychain(), files: h.dataFiles() });
}

describe('destructive actions', () => {
  it('a renderer-only request changes nothing: reset (unlocked and locked), forget, presence off, re-pin', async () => {
    h.shell.confirmAnswer = false;
    const before = await snapshot();
    const calls: [string, unknown][] = [
      ['vault:reset', { confirm: 'RESET' }],
      ['profiles:forget', { id: profile.id }],
      ['vault:setPresence', { enabled: false }],
      ['profiles:repin', { id: profile.id, pins: [pin(), pin()], trustSelfSigned: false }],
    ];
    for (const [channel, input] of calls) {
      expect(await fails(h.core, channel, input)).toMatchObject({ code: 'aborted', details: { reason: 'not_confirmed' } });
    }
    expect(await snapshot()).toBe(before);
    await ok(h.core, 'vault:lock', {});
    const locked = await snapshot();
    expect(await fails(h.core, 'vault:reset', { confirm: 'RESET' })).toMatchObject({ code: 'aborted' });
    expect(await snapshot()).toBe(locked);
    expect(h.shell.confirmations.map((c) => c.action)).toEqual(['reset-vault', 'forget-profile', 'presence-off', 'repin', 'reset-vault']);
    // Main's dialog names what is at stake, from non-secret facts.
    expect(h.shell.confirmations[1]?.message).toContain('Production');
  });

  it('goes ahead when the person confirms in main’s dialog', async () => {
    h.shell.confirmAnswer = true;
    expect((await ok<VaultStatus>(h.core, 'vault:setPresence', { enabled: false })).presence.enabled).toBe(false);
    await ok(h.core, 'profiles:forget', { id: profile.id });
    expect(await ok(h.core, 'profiles:list', {})).toEqual([]);
    await ok(h.core, 'vault:lock', {});
    expect((await ok<VaultStatus>(h.core, 'vault:reset', { confirm: 'RESET' })).state).toBe('uninitialized');
  });
});
