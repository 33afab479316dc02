// The IPC handlers (main/core/ipc/handlers.ts) behind the real dispatcher (the world is in
// fixtures/handlers-world.ts): every channel refuses malformed input before any handler
// runs, each handler makes the service calls it should and no other, destructive actions
// wait for main's own confirmation, and no secret comes back in an answer or an error.
import { describe, expect, it } from 'vitest';
import { channelNames, channels, type ChannelName } from '../../../../contract/index.js';
import { AppError } from '../../../../main/core/errors.js';
import { platformOf } from '../../../../main/core/ipc/handlers.js';
import { FakePresence } from '../../../support/fakes.js';
import { call, DRAFT, fail, ID, IDENTITY, PASS, PIN, PIN2, PNG, PROFILE, unlocked, world } from './fixtures/handlers-world.js';

/** Per channel: a valid input (required keys only), valid optional keys, and inputs it must refuse. */
const INPUTS: Record<ChannelName, [Record<string, unknown>, Record<string, unknown>, unknown[]]> = {
  'app:info': [{}, {}, []],
  'app:locale': [{}, {}, []],
  'ui:ready': [{}, {}, []],
  'vault:status': [{}, {}, []],
  'vault:create': [{ passphrase: PASS, enablePresence: false }, {}, [{ passphrase: 'short', enablePresence: false }]],
  'vault:unlock': [{ method: 'passphrase', passphrase: PASS }, {}, [{ method: 'face' }, { method: 'presence', passphrase: PASS }, { method: 'passphrase', passphrase: '' }]],
  'vault:lock': [{}, {}, []],
  'vault:changePassphrase': [{ current: PASS, next: 'another long passphrase' }, {}, [{ current: PASS, next: 'short' }, { current: '', next: PASS }]],
  'vault:setPresence': [{ enabled: false }, {}, [{ enabled: 'no' }]],
  'vault:reset': [{ confirm: 'RESET' }, {}, [{ confirm: 'reset' }, { confirm: true }]],
  'settings:get': [{}, {}, []],
  'settings:update': [{}, { autoLockMinutes: 5, language: 'fr' }, [{ autoLockMinutes: 0 }, { autoLockMinutes: 241 }, { language: 'xx' }, { shortcut: '' }]],
  'profiles:list': [{}, {}, []],
  'profiles:probe': [{ url: 'https://odoo.example.com' }, {}, [{ url: '' }, { url: 'x'.repeat(2049) }]],
  'profiles:testConnection': [{ ...DRAFT, secret: 'k' }, { keepPassword: true }, [{ ...DRAFT, secret: '' }, { ...DRAFT, secret: 'k', pins: ['sha256/x'] }, { ...DRAFT, secret: 'k', authMethod: 'oauth' }, { ...DRAFT, label: '', secret: 'k' }]],
  'profiles:save': [DRAFT, { id: ID, secret: 'k', keepPassword: false }, [{ ...DRAFT, id: 'P-UPPER' }, { ...DRAFT, secret: '' }, { ...DRAFT, transport: 'soap' }]],
  'profiles:forget': [{ id: ID }, { password: 'pw' }, [{ id: '../etc' }, { id: ID, password: '' }]],
  'profiles:migrate': [{ id: ID }, {}, [{ id: '' }]],
  'profiles:repin': [{ id: ID, pins: [PIN], trustSelfSigned: false }, {}, [{ id: ID, pins: [], trustSelfSigned: false }, { id: ID, pins: Array(9).fill(PIN), trustSelfSigned: false }]],
  'profiles:useAuthorityPins': [{ id: ID }, {}, [{ id: 'a'.repeat(65) }, { id: ID, pins: [PIN] }]],
  'profiles:inspectTls': [{ id: ID }, {}, [{ id: 'a'.repeat(65) }]],
  'odoo:login': [{ profileId: ID }, {}, [{ profileId: 'p acme' }]],
  'odoo:signIn': [{ profileId: ID, password: 'pw' }, {}, [{ profileId: ID, password: '' }, { profileId: ID, password: 'x'.repeat(1025) }]],
  'odoo:submitTotp': [{ profileId: ID, code: '123456', trustDevice: true }, {}, [{ profileId: ID, code: '12345', trustDevice: true }, { profileId: ID, code: 'abcdef', trustDevice: true }]],
  'odoo:logout': [{ profileId: ID }, {}, [{ profileId: '' }]],
  'odoo:identity': [{ profileId: ID }, {}, [{ profileId: 7 }]],
  'odoo:avatar': [{ profileId: ID }, {}, [{ profileId: null }]],
  'odoo:search': [{ profileId: ID, query: 'azure' }, { limitPerModel: 3 }, [{ profileId: ID, query: '' }, { profileId: ID, query: 'a', limitPerModel: 0 }, { profileId: ID, query: 'a', limitPerModel: 51 }, { profileId: ID, query: 'a', limitPerModel: 1.5 }]],
  'odoo:activities': [{ profileId: ID }, {}, [{ profileId: 'x/y' }]],
  'odoo:open': [{ profileId: ID }, { record: { model: 'res.partner', id: 14, name: 'Azure Interior', modelName: 'Contact' } }, [{ profileId: ID, record: { model: 'res.partner', id: 1, name: 'x'.repeat(513) } }, { profileId: ID, record: { model: 'Res Partner', id: 1 } }, { profileId: ID, record: { model: 'res.partner', id: 0 } }, { profileId: ID, record: { model: 'res.partner' } }]],
  'odoo:openList': [{ profileId: ID, model: 'res.partner' }, {}, [{ profileId: ID, model: 'res.partner&id=1' }, { profileId: ID, model: '' }]],
  'odoo:recent': [{ profileId: ID }, {}, [{ profileId: '' }]],
  'all:search': [{ query: 'azure' }, { limitPerModel: 5 }, [{ query: '' }, { query: 'x'.repeat(257) }, { query: 'a', limitPerModel: 21 }, { query: 'a', profileId: ID }]],
  'all:activities': [{}, {}, [{ profileId: ID }]],
  'odoo:activityDone': [{ profileId: ID, activityId: 7 }, { feedback: 'Called back' }, [{ profileId: ID, activityId: 0 }, { profileId: ID, activityId: -3 }, { profileId: ID, activityId: 2 ** 31 }, { profileId: ID, activityId: 7, feedback: 'x'.repeat(2001) }, { profileId: ID, activityId: '7' }]],
  'odoo:activityReschedule': [{ profileId: ID, activityId: 7, to: { kind: 'tomorrow' } }, {}, [{ profileId: ID, activityId: 7, to: { kind: 'someday' } }, { profileId: ID, activityId: 7, to: { kind: 'date' } }, { profileId: ID, activityId: 7, to: { kind: 'date', date: '05/01/2026' } }, { profileId: ID, activityId: 7, to: { kind: 'tomorrow', date: '2026-01-05' } }]],
  'profiles:export': [{ ids: [ID] }, { includeLogin: false }, [{ ids: [] }, { ids: Array(51).fill(ID) }, { ids: ['../etc'] }, { ids: ID }]],
  'profiles:importPreview': [{ text: '{}' }, {}, [{ text: '' }, { text: 'x'.repeat(30_001) }, { text: 42 }]],
  'profiles:importConfirm': [{ text: '{}', index: 0 }, {}, [{ text: '{}', index: -1 }, { text: '{}', index: 50 }, { text: '{}', index: 0.5 }, { text: '', index: 0 }]],
  'policy:get': [{}, {}, []],
};

describe('input validation, every channel', () => {
  it('the table covers every channel of the contract, and its valid inputs are valid', () => {
    expect(Object.keys(INPUTS).sort()).toEqual([...channelNames].sort());
    for (const [channel, [valid, optional]] of Object.entries(INPUTS)) {
      expect(channels[channel as ChannelName].input.safeParse(valid).success, channel).toBe(true);
      expect(channels[channel as ChannelName].input.safeParse({ ...valid, ...optional }).success, channel).toBe(true);
    }
  });

  it('refuses wrong types, missing and unknown keys with invalid_input, before any handler or service runs', async () => {
    const w = await unlocked();
    for (const [channel, [valid, optional, bad]] of Object.entries(INPUTS)) {
      const full = { ...valid, ...optional };
      const probes: unknown[] = [null, 'x', [], 42, { ...full, extra: 1 }, ...bad];
      for (const key of Object.keys(valid)) probes.push(Object.fromEntries(Object.entries(valid).filter(([k]) => k !== key)));
      for (const key of Object.keys(full)) probes.push({ ...full, [key]: { nested: true } });
      for (const input of probes) expect((await fail(w, channel, input)).code, `${channel} ${JSON.stringify(input)}`).toBe('invalid_input');
    }
    expect(w.log).toEqual([]);
    expect(w.vault.state).toBe('unlocked');
  });
});

describe('app channels', () => {
  it('app:info reads the vault state from the keychain first, and names the platform', async () => {
    const w = await world({ platform: 'darwin' });
    expect(await call(w, 'app:info', {})).toEqual({ name: 'Odoo Companion', version: '0.1.0', platform: 'darwin', vaultState: 'uninitialized' });
    await call(w, 'vault:create', { passphrase: PASS, enablePresence: false });
    expect(await call(w, 'app:info', {})).toMatchObject({ vaultState: 'unlocked' });
    expect([['darwin', 'darwin'], ['win32', 'win32'], ['linux', 'linux'], ['freebsd', 'other'], ['', 'other']].map(([p]) => platformOf(p!))).toEqual(['darwin', 'win32', 'linux', 'other', 'other']);
  });

  it('app:info carries the demo band hints only when the host gives them, read at each call', async () => {
    let hints = ['first'];
    const demo = await world({ demoHints: () => hints });
    expect(await call(demo, 'app:info', {})).toMatchObject({ demo: { hints: ['first'] } });
    hints = ['second'];
    expect(await call(demo, 'app:info', {})).toMatchObject({ demo: { hints: ['second'] } });
    expect(await call(await world(), 'app:info', {})).not.toHaveProperty('demo');
  });

  it('app:locale answers the language and its direction; ui:ready tells the shell', async () => {
    const w = await world();
    expect(await call(w, 'app:locale', {})).toEqual({ locale: 'en', direction: 'ltr' });
    w.locale = 'ar';
    expect(await call(w, 'app:locale', {})).toEqual({ locale: 'ar', direction: 'rtl' });
    expect(await call(w, 'ui:ready', {})).toEqual({ done: true });
    expect(w.log).toEqual(['handler app:locale', 'handler app:locale', 'handler ui:ready', 'rendererReady']);
  });
});

describe('vault channels', () => {
  it('unlocks by passphrase or presence; a waiting quick-login goes on, and its failure is not the answer', async () => {
    const w = await unlocked();
    const locks: string[] = [];
    w.vault.on('locked', ({ reason }) => locks.push(reason));
    expect(await call(w, 'vault:lock', {})).toMatchObject({ state: 'locked' });
    expect(locks).toEqual(['manual']);
    expect(await fail(w, 'vault:unlock', { method: 'passphrase', passphrase: 'wrong one' })).toMatchObject({ code: 'wrong_passphrase' });
    expect(w.log).not.toContain('quickLogin.onUnlocked');
    w.quickLoginFails = true;
    expect(await call(w, 'vault:unlock', { method: 'passphrase', passphrase: PASS })).toMatchObject({ state: 'unlocked' });
    w.vault.lock('manual');
    expect(await call(w, 'vault:unlock', { method: 'presence' })).toMatchObject({ state: 'unlocked', presence: { enabled: true } });
    expect(w.log.filter((l) => l.startsWith('quickLogin'))).toEqual(['quickLogin.onUnlocked', 'quickLogin.onUnlocked']);
    expect(await call(w, 'vault:status', {})).toMatchObject({ state: 'unlocked', failedAttempts: 0 });
  });

  it('changes the passphrase: the new one unlocks, the old one no longer does', async () => {
    const w = await unlocked();
    expect(await call(w, 'vault:changePassphrase', { current: PASS, next: 'another long passphrase' })).toEqual({ done: true });
    w.vault.lock('manual');
    expect((await fail(w, 'vault:unlock', { method: 'passphrase', passphrase: PASS })).code).toBe('wrong_passphrase');
    await call(w, 'vault:unlock', { method: 'passphrase', passphrase: 'another long passphrase' });
  });

  it.each([
    ['touch-id', 'Touch ID'],
    ['windows-hello', 'Windows Hello'],
  ] as const)('turning %s unlock off needs main’s confirmation, naming %s; turning it on does not', async (kind, name) => {
    const w = await unlocked({ presence: new FakePresence(kind) });
    w.confirmAnswer = false;
    expect(await fail(w, 'vault:setPresence', { enabled: false })).toMatchObject({ code: 'aborted', details: { reason: 'not_confirmed' } });
    expect((await w.vault.status()).presence.enabled).toBe(true);
    expect(w.confirmations[0]).toMatchObject({ action: 'presence-off', title: `Turn off ${name} unlock` });
    w.confirmAnswer = true;
    expect(await call(w, 'vault:setPresence', { enabled: false })).toMatchObject({ presence: { enabled: false } });
    // Already off, or being turned on: nothing to confirm.
    await call(w, 'vault:setPresence', { enabled: false });
    expect(await call(w, 'vault:setPresence', { enabled: true })).toMatchObject({ presence: { enabled: true } });
    await call(w, 'vault:setPresence', { enabled: true });
    expect(w.confirmations).toHaveLength(2);
  });

  it('reset needs main’s confirmation, in the person’s language; then windows close, clients go, secrets go', async () => {
    const w = await unlocked();
    w.locale = 'fr';
    w.confirmAnswer = false;
    expect(await fail(w, 'vault:reset', { confirm: 'RESET' })).toMatchObject({ code: 'aborted' });
    expect(w.confirmations[0]?.action).toBe('reset-vault');
    expect(w.confirmations[0]?.title).not.toBe('Reset the vault');
    expect(w.log).toEqual(['handler vault:reset', 'confirm reset-vault']);
    expect(w.vault.state).toBe('unlocked');
    w.confirmAnswer = true;
    expect(await call(w, 'vault:reset', { confirm: 'RESET' })).toMatchObject({ state: 'uninitialized' });
    expect(w.log.slice(2)).toEqual(['handler vault:reset', 'confirm reset-vault', 'closeWindows all', 'sessions.dropAll']);
  });
});

describe('settings channels', () => {
  it('applies a change through the shell before saving it, and keeps what the shell refuses unsaved', async () => {
    const w = await world();
    expect(await call(w, 'settings:get', {})).toMatchObject({ autoLockMinutes: 15, shortcut: 'CommandOrControl+Shift+Space' });
    expect(await call(w, 'settings:update', { shortcut: 'CommandOrControl+Alt+K' })).toMatchObject({ shortcut: 'CommandOrControl+Alt+K', autoLockMinutes: 15 });
    expect(w.log).toContain('applySettings CommandOrControl+Alt+K 15 ← CommandOrControl+Shift+Space 15');
    w.refuseSettings = true;
    expect((await fail(w, 'settings:update', { autoLockMinutes: 5 })).code).toBe('shortcut_unavailable');
    expect(w.settings.get()).toMatchObject({ shortcut: 'CommandOrControl+Alt+K', autoLockMinutes: 15 });
  });

  it('refuses what is not a keyboard shortcut before the shell sees it', async () => {
    const w = await world();
    for (const shortcut of ['banana', 'Shift+A', 'K']) {
      expect(await fail(w, 'settings:update', { shortcut, autoLockMinutes: 5 })).toMatchObject({ code: 'invalid_input', details: { field: 'shortcut' } });
    }
    expect(w.log.filter((l) => l.startsWith('applySettings'))).toEqual([]);
    expect(w.settings.get().autoLockMinutes).toBe(15);
    await call(w, 'settings:update', { autoLockMinutes: 5 });
    expect(w.settings.get().autoLockMinutes).toBe(5);
  });
});

describe('profile channels', () => {
  it('hand list, probe, test, save and inspect to the profile service as they are', async () => {
    const w = await unlocked();
    expect(await call(w, 'profiles:list', {})).toEqual([PROFILE]);
    await call(w, 'profiles:probe', { url: 'https://odoo.example.com' });
    expect(await call(w, 'profiles:testConnection', { ...DRAFT, secret: 'typed-key' })).toEqual({ status: 'totp_required' });
    expect(await call(w, 'profiles:save', { ...DRAFT, label: 'Renamed' })).toMatchObject({ label: 'Renamed' });
    await call(w, 'profiles:inspectTls', { id: ID });
    expect(w.log.filter((l) => l.startsWith('profiles.'))).toEqual(['profiles.list', 'profiles.probe https://odoo.example.com', 'profiles.testConnection typed-key', 'profiles.save Renamed', `profiles.inspectTls ${ID}`]);
  });

  it('forget asks main’s confirmation naming the profile (its id when unknown), then says whether a key was revoked', async () => {
    const w = await unlocked();
    w.confirmAnswer = false;
    expect((await fail(w, 'profiles:forget', { id: ID })).code).toBe('aborted');
    expect(w.log).not.toContain(`profiles.forget ${ID} -`);
    w.confirmAnswer = true;
    expect(await call(w, 'profiles:forget', { id: ID })).toEqual({ done: true, revoked: false });
    expect(await call(w, 'profiles:forget', { id: 'p-gone', password: 'pw' })).toEqual({ done: true, revoked: true });
    expect(w.confirmations.map((c) => c.message)).toEqual(['Forget “ACME production”?', 'Forget “ACME production”?', 'Forget “p-gone”?']);
    expect(w.log).toContain(`profiles.forget ${ID} -`);
    expect(w.log).toContain('profiles.forget p-gone pw');
  });

  it('re-pin asks main’s confirmation with the label and the number of pins', async () => {
    const w = await unlocked();
    w.confirmAnswer = false;
    expect((await fail(w, 'profiles:repin', { id: ID, pins: [PIN, PIN2], trustSelfSigned: true })).code).toBe('aborted');
    w.confirmAnswer = true;
    expect(await call(w, 'profiles:repin', { id: ID, pins: [PIN, PIN2], trustSelfSigned: true })).toMatchObject({ pins: [PIN, PIN2] });
    expect(w.confirmations.map((c) => [c.action, c.message, c.detail.split(' ').slice(0, 2).join(' ')])).toEqual([
      ['repin', 'Trust new certificate pins for “ACME production”?', '2 pins'],
      ['repin', 'Trust new certificate pins for “ACME production”?', '2 pins'],
    ]);
    expect(w.log.filter((l) => l.startsWith('profiles.repin'))).toEqual([`profiles.repin ${ID} 2 true`]);
  });

  it('migrate shows the session as live only when the move left one', async () => {
    const w = await unlocked();
    await call(w, 'profiles:migrate', { id: ID });
    w.migratedSession = 'none';
    await call(w, 'profiles:migrate', { id: ID });
    expect(w.log.filter((l) => l.startsWith('markActive'))).toEqual([`markActive ${ID} true`, `markActive ${ID} false`]);
  });
});

describe('Odoo channels', () => {
  const marks = (log: string[]) => log.filter((l) => /^(markActive|noteLogin|quickLogin)/.test(l));

  it('login: Odoo answering marks the session live and notes the login; a code still to come does neither', async () => {
    const w = await unlocked();
    w.odoo.login = () => ({ status: 'ok', identity: IDENTITY });
    expect(await call(w, 'odoo:login', { profileId: ID })).toEqual({ status: 'ok', identity: IDENTITY });
    w.odoo.login = () => ({ status: 'totp_required' });
    expect(await call(w, 'odoo:login', { profileId: ID })).toEqual({ status: 'totp_required' });
    expect(w.log).toEqual([
      'handler odoo:login', `sessions.client ${ID}`, 'client.login', `markActive ${ID} true`, `noteLogin ${ID} 17.0`,
      'handler odoo:login', `sessions.client ${ID}`, 'client.login', `markActive ${ID} true`, `markActive ${ID} false`,
    ]);
  });

  it.each(['session_expired', 'auth_failed', 'totp_required'] as const)('a call Odoo refuses with %s stops showing a live session', async (code) => {
    const w = await unlocked();
    w.odoo.identity = () => {
      throw new AppError(code, 'Odoo refused.');
    };
    expect((await fail(w, 'odoo:identity', { profileId: ID })).code).toBe(code);
    expect(marks(w.log)).toEqual([`markActive ${ID} false`]);
  });

  it('other failures (network, access rights) leave the session as it was', async () => {
    const w = await unlocked();
    for (const code of ['network', 'access_denied', 'timeout'] as const) {
      w.odoo.identity = () => {
        throw new AppError(code, 'No answer.');
      };
      expect((await fail(w, 'odoo:identity', { profileId: ID })).code).toBe(code);
    }
    expect(marks(w.log)).toEqual([]);
  });

  it('signIn: accepted, it notes the login and a waiting quick-login goes on (its failure is not the answer)', async () => {
    const w = await unlocked();
    w.quickLoginFails = true;
    w.odoo.signIn = () => ({ status: 'ok', identity: IDENTITY });
    expect(await call(w, 'odoo:signIn', { profileId: ID, password: 'typed' })).toMatchObject({ status: 'ok' });
    w.odoo.signIn = () => ({ status: 'totp_required' });
    expect(await call(w, 'odoo:signIn', { profileId: ID, password: 'typed' })).toEqual({ status: 'totp_required' });
    expect(w.args).toEqual([['typed'], ['typed']]);
    expect(marks(w.log)).toEqual([
      `markActive ${ID} true`, `noteLogin ${ID} 17.0`, `quickLogin.onSignedIn ${ID}`,
      `markActive ${ID} true`, `markActive ${ID} false`,
    ]);
  });

  it('submitTotp: accepted, it notes the login and a waiting quick-login goes on; refused, neither', async () => {
    const w = await unlocked();
    w.odoo.submitTotp = () => ({ status: 'ok', identity: IDENTITY });
    expect(await call(w, 'odoo:submitTotp', { profileId: ID, code: '123456', trustDevice: true })).toMatchObject({ status: 'ok' });
    w.odoo.submitTotp = () => ({ status: 'totp_required' });
    await call(w, 'odoo:submitTotp', { profileId: ID, code: '654321', trustDevice: false });
    w.odoo.submitTotp = () => {
      throw new AppError('totp_invalid', 'Wrong code.');
    };
    expect((await fail(w, 'odoo:submitTotp', { profileId: ID, code: '000000', trustDevice: false })).code).toBe('totp_invalid');
    expect(w.args.map((a) => a.slice(0, 2))).toEqual([['123456', true], ['654321', false], ['000000', false]]);
    expect(marks(w.log)).toEqual([`markActive ${ID} true`, `noteLogin ${ID} 17.0`, `quickLogin.onTotpAccepted ${ID}`, `markActive ${ID} true`]);
  });

  it('logout closes the profile’s windows first, ends the session, then shows it ended', async () => {
    const w = await unlocked();
    w.odoo.logout = () => undefined;
    expect(await call(w, 'odoo:logout', { profileId: ID })).toEqual({ done: true });
    expect(w.log).toEqual(['handler odoo:logout', `closeWindows ${ID}`, `sessions.client ${ID}`, 'client.logout', `markActive ${ID} false`]);
  });

  it('identity notes the login with the version Odoo reported', async () => {
    const w = await unlocked();
    w.odoo.identity = () => ({ ...IDENTITY, serverVersion: 'saas~17.2' });
    expect(await call(w, 'odoo:identity', { profileId: ID })).toMatchObject({ uid: 2, serverVersion: 'saas~17.2' });
    expect(marks(w.log)).toEqual([`markActive ${ID} true`, `noteLogin ${ID} saas~17.2`]);
  });

  it('avatar: the picture as an image data URL, null when Odoo has none', async () => {
    const w = await unlocked();
    w.odoo.identity = () => IDENTITY;
    w.odoo.read = () => [{ id: 2, avatar_128: PNG }];
    expect(await call(w, 'odoo:avatar', { profileId: ID })).toEqual({ dataUrl: `data:image/png;base64,${PNG}` });
    w.odoo.read = () => [{ id: 2, avatar_128: false }];
    expect(await call(w, 'odoo:avatar', { profileId: ID })).toEqual({ dataUrl: null });
    expect(marks(w.log)).toEqual([`markActive ${ID} true`, `markActive ${ID} true`]);
  });

  it('search asks each model for one more than the limit per model (8 unless given)', async () => {
    const w = await unlocked();
    w.odoo.searchRead = (model: string) => (model === 'res.partner' ? [{ id: 14, display_name: 'Azure Interior', email: 'azure@example.com' }] : []);
    const groups = await call(w, 'odoo:search', { profileId: ID, query: 'azure', limitPerModel: 3 });
    expect(groups).toEqual([{ model: 'res.partner', label: 'Contacts', more: false, hits: [{ model: 'res.partner', id: 14, name: 'Azure Interior', subtitle: 'azure@example.com' }] }]);
    await call(w, 'odoo:search', { profileId: ID, query: 'azure' });
    const limits = w.args.map((a) => (a[3] as { limit: number }).limit);
    expect(limits).toEqual([4, 4, 4, 4, 4, 9, 9, 9, 9, 9]);
    expect(marks(w.log)).toEqual([`markActive ${ID} true`, `markActive ${ID} true`]);
  });

  it('activities fall into overdue, today and upcoming by the core’s clock', async () => {
    const w = await unlocked();
    w.odoo.identity = () => IDENTITY;
    w.odoo.searchRead = () => ['2026-01-04', '2026-01-05', '2026-01-06'].map((d, i) => ({ id: i + 1, summary: `Call ${d}`, activity_type_id: [1, 'Call'], date_deadline: d, res_model: 'res.partner', res_id: 14, res_name: 'Azure' }));
    const ids = (b: { overdue: { id: number }[]; today: { id: number }[]; upcoming: { id: number }[] }) => [b.overdue, b.today, b.upcoming].map((x) => x.map((a) => a.id));
    expect(ids(await call(w, 'odoo:activities', { profileId: ID }))).toEqual([[1], [2], [3]]);
    w.clock.jumpWall(24 * 3600_000);
    expect(ids(await call(w, 'odoo:activities', { profileId: ID }))).toEqual([[1, 2], [3], []]);
  });

  it('open hands the profile, and the record when given, to quick-login', async () => {
    const w = await unlocked();
    expect(await call(w, 'odoo:open', { profileId: ID, record: { model: 'sale.order', id: 7 } })).toEqual({ status: 'opened' });
    await call(w, 'odoo:open', { profileId: ID });
    expect(w.log.filter((l) => l.startsWith('quickLogin'))).toEqual([`quickLogin.run ${ID} {"model":"sale.order","id":7}`, `quickLogin.run ${ID} null`]);
  });
});

describe('no secret in an answer', () => {
  it('an answer carries what the contract declares only: a password or session id a client adds is dropped', async () => {
    const w = await unlocked();
    w.odoo.login = () => ({ status: 'ok', identity: { ...IDENTITY, password: 'canary-pw-1' }, sessionId: 'canary-sid-1' });
    w.odoo.identity = () => ({ ...IDENTITY, session_id: 'canary-sid-2', apiKey: 'canary-key-3' });
    const answers = JSON.stringify([await call(w, 'odoo:login', { profileId: ID }), await call(w, 'odoo:identity', { profileId: ID })]);
    for (const canary of ['canary-pw-1', 'canary-sid-1', 'canary-sid-2', 'canary-key-3']) expect(answers).not.toContain(canary);
  });

  it('error text keeps what Odoo said but never the typed password, a secret the vault holds, or a bug’s words', async () => {
    const w = await unlocked();
    await w.vault.secretsFor(ID).set('api-key', 'canary-held-key-8842');
    expect(await w.vault.secretsFor(ID).get('api-key')).toBe('canary-held-key-8842');
    w.odoo.signIn = (typed: string) => {
      throw new AppError('auth_failed', `Odoo said: ${typed} is wrong (key canary-held-key-8842)`, { server: typed });
    };
    const refused = await fail(w, 'odoo:signIn', { profileId: ID, password: 'canary-typed-5521' });
    expect(refused.code).toBe('auth_failed');
    expect(refused.message).toContain('Odoo said');
    w.odoo.identity = () => {
      throw new TypeError('cannot read canary-bug-7731');
    };
    const bug = await fail(w, 'odoo:identity', { profileId: ID });
    expect(bug.code).toBe('internal');
    const text = JSON.stringify([refused, bug]);
    for (const canary of ['canary-typed-5521', 'canary-held-key-8842', 'canary-bug-7731']) expect(text).not.toContain(canary);
  });

  it('vault answers never carry a passphrase', async () => {
    const w = await world();
    const answers = [
      await call(w, 'vault:create', { passphrase: PASS, enablePresence: false }),
      await call(w, 'vault:changePassphrase', { current: PASS, next: 'canary-next-passphrase' }),
      await call(w, 'vault:lock', {}),
      await call(w, 'vault:unlock', { method: 'passphrase', passphrase: 'canary-next-passphrase' }),
      await fail(w, 'vault:changePassphrase', { current: PASS, next: 'canary-third-passphrase' }),
    ];
    expect(JSON.stringify(answers)).not.toMatch(/correct horse|canary-next|canary-third/);
  });
});
