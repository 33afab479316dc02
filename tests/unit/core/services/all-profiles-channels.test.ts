// The administrator's policy at the IPC boundary (the handlers behind the real dispatcher):
// the settings view says what the policy fixes, at which value and why; what it forbids —
// a longer auto-lock, turning a lock trigger off, presence unlock, a sign-in method it does
// not allow, importing a profile with such a method — is refused with access_denied
// (reason admin_policy) before any service runs or any server is asked; a locked vault
// answers every "all profiles" and profile-file channel with `locked`.
import { describe, expect, it } from 'vitest';
import { parsePolicy } from '../../../../main/core/settings/admin-policy.js';
import { exportProfiles } from '../../../../main/core/profiles/profile-transfer.js';
import { call, DRAFT, fail, PASS, PIN, unlocked } from '../ipc/fixtures/handlers-world.js';

const POLICY = {
  version: 1,
  limits: { maxAutoLockMinutes: 10, lockOnScreenLock: true, signInMethods: ['account', 'jwt'], presenceUnlock: 'disabled' },
};

describe('the administrator’s policy over IPC', () => {
  it('without a policy nothing is fixed and every method is offered', async () => {
    const w = await unlocked();
    expect(await call(w, 'policy:get', {})).toEqual({
      state: 'none',
      problem: null,
      fixed: [],
      signInMethods: ['account', 'api-key', 'password', 'jwt'],
      presenceUnlockAllowed: true,
    });
  });

  it('says which settings the policy fixes, at which value and why', async () => {
    const w = await unlocked();
    w.policy = parsePolicy('/etc/odoo-companion/policy.json', JSON.stringify(POLICY));
    expect(await call(w, 'policy:get', {})).toEqual({
      state: 'ok',
      problem: null,
      fixed: [
        { setting: 'autoLockMinutes', value: 10, reason: 'admin-policy' },
        { setting: 'lockOnScreenLock', value: true, reason: 'admin-policy' },
      ],
      signInMethods: ['account', 'jwt'],
      presenceUnlockAllowed: false,
    });
    w.policy = parsePolicy('/etc/odoo-companion/policy.json', '{ not json');
    expect(await call(w, 'policy:get', {})).toMatchObject({
      state: 'invalid',
      problem: 'not-json',
      fixed: [
        { setting: 'autoLockMinutes', value: 15, reason: 'policy-unreadable' },
        { setting: 'lockOnScreenLock', value: true, reason: 'policy-unreadable' },
        { setting: 'lockOnSuspend', value: true, reason: 'policy-unreadable' },
      ],
      presenceUnlockAllowed: false,
    });
  });

  it('refuses what it forbids with a typed error, before anything changes', async () => {
    const w = await unlocked();
    w.policy = parsePolicy('/etc/odoo-companion/policy.json', JSON.stringify(POLICY));
    const refused = await fail(w, 'settings:update', { autoLockMinutes: 30, language: 'fr' });
    expect(refused).toMatchObject({ code: 'access_denied', details: { reason: 'admin_policy', fields: ['autoLockMinutes'] } });
    expect((await fail(w, 'settings:update', { autoLockMinutes: null })).details?.fields).toEqual(['autoLockMinutes']);
    expect((await fail(w, 'settings:update', { lockOnScreenLock: false })).details?.fields).toEqual(['lockOnScreenLock']);
    expect(w.settings.get()).toMatchObject({ autoLockMinutes: 15, language: 'system', lockOnScreenLock: true });
    expect(await call(w, 'settings:update', { autoLockMinutes: 5, lockOnSuspend: false })).toMatchObject({ autoLockMinutes: 5, lockOnSuspend: false });

    expect(await fail(w, 'vault:setPresence', { enabled: true })).toMatchObject({ code: 'access_denied', details: { reason: 'admin_policy' } });
    w.vault.lock('manual');
    expect((await fail(w, 'vault:unlock', { method: 'presence' })).code).toBe('access_denied');
    expect(w.vault.state).toBe('locked');
    await call(w, 'vault:unlock', { method: 'passphrase', passphrase: PASS });

    w.log.length = 0;
    expect(await fail(w, 'profiles:save', DRAFT)).toMatchObject({ code: 'access_denied', details: { authMethod: 'password' } });
    expect(await fail(w, 'profiles:testConnection', { ...DRAFT, authMethod: 'api-key', secret: 'k' })).toMatchObject({ code: 'access_denied' });
    expect(w.log.filter((l) => l.startsWith('profiles.'))).toEqual([]);
    await call(w, 'profiles:save', { ...DRAFT, authMethod: 'account' });
    expect(w.log).toContain('profiles.save ACME');
  });

  it('imports only the sign-in methods it allows: the preview says so, and confirming one it forbids asks no server', async () => {
    const w = await unlocked();
    w.policy = parsePolicy('/etc/odoo-companion/policy.json', JSON.stringify(POLICY));
    const file = exportProfiles(
      [
        { label: 'Keyed', origin: 'https://erp.example.com', database: 'prod', login: 'anna', authMethod: 'api-key', transport: 'auto', pins: [PIN], trustSelfSigned: false },
        { label: 'Account', origin: 'https://erp.example.com', database: 'prod', login: 'bob', authMethod: 'account', transport: 'auto', pins: [PIN], trustSelfSigned: false },
      ],
      { now: 0 },
    );
    const preview = await call<{ profiles: { label: string; allowed: boolean }[] }>(w, 'profiles:importPreview', { text: file });
    expect(preview.profiles.map((p) => [p.label, p.allowed])).toEqual([
      ['Keyed', false],
      ['Account', true],
    ]);
    expect(await fail(w, 'profiles:importConfirm', { text: file, index: 0 })).toMatchObject({ code: 'access_denied', details: { reason: 'admin_policy' } });
    expect((await fail(w, 'profiles:importConfirm', { text: file, index: 7 })).code).toBe('invalid_input');
    w.vault.lock('manual');
    expect((await fail(w, 'profiles:importPreview', { text: file })).code).toBe('locked');
    expect((await fail(w, 'profiles:importConfirm', { text: file, index: 1 })).code).toBe('locked');
    expect((await fail(w, 'all:search', { query: 'azure' })).code).toBe('locked');
    expect((await fail(w, 'profiles:export', { ids: ['p-acme'] })).code).toBe('locked');
  });
});
