// The whole core through its IPC dispatcher, against the real keychain and the TLS Odoo
// test server: what the renderer can ask, and what the shell is asked to do.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Profile } from '../../../contract/index.js';
import { FakeClock } from '../../support/fakes.js';
import { expectNoCanary, fails, ok, startCore, type CoreHarness } from '../../support/core-harness.js';
import { requireKeychain } from '../../support/keychain.js';
import { createTestPki, type TestPki } from '../../support/pki.js';
import { spkiPin } from '../../../main/core/net/index.js';
import { startOdooServer, type OdooTestServer } from '../../support/odoo-server/index.js';

const PASSPHRASE = 'correct horse battery staple';
const backupPin = (): string => `sha256/${randomBytes(32).toString('base64')}`;

let odoo: OdooTestServer;
let expiring: OdooTestServer;
let pki: TestPki;
const clock = new FakeClock(Date.now());
let h: CoreHarness;
const canaries: string[] = [];
const seen: unknown[] = [];

async function call<T>(channel: string, input: unknown): Promise<T> {
  const value = await ok<T>(h.core, channel, input);
  seen.push(value);
  return value;
}

beforeAll(async () => {
  await requireKeychain();
  odoo = await startOdooServer({ version: 17 });
  pki = await createTestPki();
  expiring = await startOdooServer({
    version: 18,
    certificate: { key: pki.leafExpiringSoon.keyPem, chain: pki.leafExpiringSoon.chainPem },
  });
  for (const u of odoo.users) canaries.push(u.password, u.apiKey);
  h = await startCore({ keychain: 'os', network: { ca: [odoo.cert!, pki.root.certPem] }, clock });
});

afterAll(async () => {
  await h?.close();
  await odoo?.stop();
  await expiring?.stop();
  await pki?.dispose();
});

describe('companion core', () => {
  let apiProfile: Profile;
  let pwProfile: Profile;
  let totpProfile: Profile;
  let pins: string[];

  it('starts uninitialized, then locked-out channels answer until a vault exists', async () => {
    expect(await call('app:info', {})).toMatchObject({ vaultState: 'uninitialized' });
    expect((await fails(h.core, 'profiles:probe', { url: odoo.origin })).code).toBe('locked');
    const status = await call<{ state: string }>('vault:create', { passphrase: PASSPHRASE, enablePresence: false });
    expect(status.state).toBe('unlocked');
  });

  it('probes a server: version, databases, certificate chain, odoo_jwt', async () => {
    const probe = await call<{
      version: { major: number };
      databases: string[] | null;
      tls: { chain: { pin: string; subject: string }[]; trustedByOs: boolean } | null;
      jwtModule: boolean;
    }>('profiles:probe', { url: `${odoo.origin}/web/login?redirect=x` });
    expect(probe.version.major).toBe(17);
    expect(probe.databases).toEqual(['companion']);
    expect(probe.tls?.chain.length).toBeGreaterThan(0);
    expect(probe.jwtModule).toBe(true);
    pins = [probe.tls!.chain[0]!.pin, backupPin()];
  });

  it('tests a connection without storing anything, then saves profiles with write-only secrets', async () => {
    const admin = odoo.user('admin');
    const draft = {
      label: 'Production (API key)',
      url: odoo.origin,
      database: 'companion',
      login: 'admin',
      authMethod: 'api-key' as const,
      transport: 'auto' as const,
      pins,
      trustSelfSigned: false,
    };
    expect((await fails(h.core, 'profiles:testConnection', { ...draft, secret: 'wrong-key' })).code).toBe('auth_failed');
    const tested = await call<{ status: string }>('profiles:testConnection', { ...draft, secret: admin.apiKey });
    expect(tested).toMatchObject({ status: 'ok', identity: { uid: admin.uid, name: admin.name } });
    expect(await h.rawKeychain()).not.toContain('"account":"p-');

    apiProfile = await call<Profile>('profiles:save', { ...draft, secret: admin.apiKey });
    expect(apiProfile).toMatchObject({ origin: odoo.origin, hasSecret: true, session: 'none', pins });
    pwProfile = await call<Profile>('profiles:save', {
      ...draft,
      label: 'Production (web)',
      authMethod: 'password',
      secret: admin.password,
    });
    const totp = odoo.user('totp');
    totpProfile = await call<Profile>('profiles:save', {
      ...draft,
      label: 'Two-factor user',
      login: 'totp',
      authMethod: 'password',
      secret: totp.password,
    });
    const list = await call<Profile[]>('profiles:list', {});
    expect(list.map((p) => p.label)).toEqual(['Production (API key)', 'Production (web)', 'Two-factor user']);
  });

  it('refuses a profile without a pin, and pin changes outside re-pin', async () => {
    const base = { label: 'x', url: odoo.origin, database: 'companion', login: 'admin', authMethod: 'api-key', transport: 'auto', trustSelfSigned: false };
    expect((await fails(h.core, 'profiles:save', { ...base, pins: [] })).message).toMatch(/at least one certificate pin/);
    const changed = await fails(h.core, 'profiles:save', { ...base, id: apiProfile.id, pins: [pins[0], backupPin()] });
    expect(changed.message).toMatch(/Re-pin/);
  });

  it('searches across models and lists my activities', async () => {
    const groups = await call<{ model: string; hits: { name: string }[] }[]>('odoo:search', {
      profileId: apiProfile.id,
      query: 'Azure Interior',
    });
    const contacts = groups.find((g) => g.model === 'res.partner');
    expect(contacts?.hits.map((h) => h.name)).toContain('Azure Interior');
    const activities = await call<{ overdue: unknown[]; today: unknown[]; upcoming: unknown[] }>('odoo:activities', {
      profileId: apiProfile.id,
    });
    expect(activities.overdue.length + activities.today.length + activities.upcoming.length).toBeGreaterThan(0);
  });

  it("fetches the user's picture in main and hands over an image data URL", async () => {
    const { dataUrl } = await call<{ dataUrl: string | null }>('odoo:avatar', { profileId: apiProfile.id });
    expect(dataUrl).toMatch(/^data:image\/svg\+xml;base64,/);
    expect(Buffer.from(dataUrl!.split(',')[1]!, 'base64').toString('utf8')).toContain('<svg');
  });

  it('opens an Odoo window with the web session cookies, and reuses a fresh or confirmed session', async () => {
    const first = await call('odoo:open', { profileId: pwProfile.id, record: { model: 'res.partner', id: 14 } });
    expect(first).toEqual({ status: 'opened' });
    const window = h.shell.opened.at(-1)!;
    expect(window).toMatchObject({ profileId: pwProfile.id, origin: odoo.origin, pins, trustSelfSigned: false });
    expect(window.url).toBe(`${odoo.origin}/web#model=res.partner&id=14&view_type=form`);
    const sessionId = window.cookies.find((c) => c.name === 'session_id')?.value;
    expect(sessionId).toMatch(/^[0-9a-f]{40}$/);
    canaries.push(sessionId!);

    // Confirmed moments ago: reused without a round trip.
    let before = odoo.requests.length;
    await call('odoo:open', { profileId: pwProfile.id });
    expect(h.shell.opened.at(-1)!.cookies.find((c) => c.name === 'session_id')?.value).toBe(sessionId);
    expect(odoo.requests.length).toBe(before);
    // Later: one request to have Odoo confirm it, then the same session.
    clock.jumpWall(2 * 60_000);
    before = odoo.requests.length;
    await call('odoo:open', { profileId: pwProfile.id });
    expect(h.shell.opened.at(-1)!.cookies.find((c) => c.name === 'session_id')?.value).toBe(sessionId);
    expect(odoo.requests.slice(before).map((r) => r.path)).toEqual(['/web/session/get_session_info']);
    expect((await call<Profile[]>('profiles:list', {})).find((p) => p.id === pwProfile.id)?.session).toBe('active');
  });

  it('asks for the TOTP code in our UI, then opens the window with the trusted-device cookie', async () => {
    const result = await call('odoo:open', { profileId: totpProfile.id });
    expect(result).toEqual({ status: 'totp_prompted' });
    expect(h.shell.events).toContainEqual(['ui:show', { screen: 'totp-prompt', profileId: totpProfile.id }]);
    const opened = h.shell.opened.length;
    const done = await call('odoo:submitTotp', { profileId: totpProfile.id, code: odoo.totpCode('totp'), trustDevice: true });
    expect(done).toMatchObject({ status: 'ok', identity: { name: 'Tina Twofactor' } });
    await expect.poll(() => h.shell.opened.length).toBe(opened + 1);
    const cookies = h.shell.opened.at(-1)!.cookies;
    expect(cookies.map((c) => c.name).sort()).toEqual(['session_id', 'td_id']);
    canaries.push(...cookies.map((c) => c.value));
  });

  it('locks: windows closed, clients dropped, every secret channel answers locked', async () => {
    const closedBefore = h.shell.closed.length;
    await call('vault:lock', {});
    expect(h.shell.closed.slice(closedBefore)).toContain(undefined);
    expect(h.shell.events).toContainEqual(['vault:locked', { reason: 'manual' }]);
    for (const [channel, input] of [
      ['odoo:search', { profileId: apiProfile.id, query: 'Azure' }],
      ['odoo:activities', { profileId: apiProfile.id }],
      ['odoo:identity', { profileId: apiProfile.id }],
      ['profiles:list', {}],
      ['profiles:save', { label: 'x', url: odoo.origin, database: 'd', login: 'l', authMethod: 'api-key', transport: 'auto', pins, trustSelfSigned: false, secret: 's' }],
    ] as const) {
      expect((await fails(h.core, channel, input)).code).toBe('locked');
    }
  });

  it('wrong passphrase is refused; the right one unlocks and work resumes', async () => {
    expect((await fails(h.core, 'vault:unlock', { method: 'passphrase', passphrase: 'nope' })).code).toBe('wrong_passphrase');
    await call('vault:unlock', { method: 'passphrase', passphrase: PASSPHRASE });
    const groups = await call<{ model: string }[]>('odoo:search', { profileId: apiProfile.id, query: 'Deco Addict' });
    expect(groups.some((g) => g.model === 'res.partner')).toBe(true);
  });

  it('re-pinning needs a fresh confirmation that it is the person, then works under the new pins', async () => {
    const next = [pins[0]!, backupPin()];
    clock.jumpWall(3 * 60_000);
    expect((await fails(h.core, 'profiles:repin', { id: apiProfile.id, pins: next, trustSelfSigned: false })).code).toBe(
      'reauth_required',
    );
    await call('vault:unlock', { method: 'passphrase', passphrase: PASSPHRASE });
    const repinned = await call<Profile>('profiles:repin', { id: apiProfile.id, pins: next, trustSelfSigned: false });
    expect(repinned.pins).toEqual(next);
    const groups = await call<{ model: string }[]>('odoo:search', { profileId: apiProfile.id, query: 'Wood Corner' });
    expect(groups.some((g) => g.model === 'res.partner')).toBe(true);
  });

  it("moves a profile pinned to its server's key to the authorities' keys, after checking the live chain", async () => {
    const draft = {
      url: expiring.origin,
      database: 'companion',
      login: 'admin',
      authMethod: 'api-key',
      transport: 'auto',
      trustSelfSigned: false,
      secret: expiring.user('admin').apiKey,
    } as const;
    const leafPinned = await call<Profile>('profiles:save', { ...draft, label: 'Leaf pinned', pins: [spkiPin(pki.leafExpiringSoon.certPem), backupPin()] });
    const moved = await call<Profile>('profiles:useAuthorityPins', { id: leafPinned.id });
    expect(moved.pins).toEqual([spkiPin(pki.intermediate.certPem), spkiPin(pki.root.certPem)]);
    expect((await call<{ status: string }>('odoo:login', { profileId: moved.id })).status).toBe('ok');
    // Already there: nothing to do. A chain that matches no saved pin: only a re-pin changes that.
    expect((await fails(h.core, 'profiles:useAuthorityPins', { id: moved.id })).code).toBe('invalid_input');
    const stranger = await call<Profile>('profiles:save', { ...draft, label: 'Stranger', pins: [backupPin()] });
    expect((await fails(h.core, 'profiles:useAuthorityPins', { id: stranger.id })).code).toBe('invalid_input');
    expect((await call<Profile[]>('profiles:list', {})).find((p) => p.id === stranger.id)?.pins).toEqual(stranger.pins);
    for (const p of [moved, stranger]) await call('profiles:forget', { id: p.id });
  });

  it('a pin mismatch is a hard failure that shows what the server presented', async () => {
    const bad = await call<Profile>('profiles:save', {
      label: 'Hijacked',
      url: odoo.origin,
      database: 'companion',
      login: 'admin',
      authMethod: 'api-key',
      transport: 'auto',
      pins: [backupPin(), backupPin()],
      trustSelfSigned: false,
      secret: odoo.user('admin').apiKey,
    });
    const before = odoo.requests.length;
    const err = await fails(h.core, 'odoo:login', { profileId: bad.id });
    expect(err.code).toBe('tls_pin_mismatch');
    expect(err.details?.presentedPins).toContain(pins[0]);
    expect(err.details).toMatchObject({ host: '127.0.0.1', port: Number(new URL(odoo.origin).port), expectedPins: bad.pins });
    expect(odoo.requests.length).toBe(before);
    await call('profiles:forget', { id: bad.id });
  });

  it('a pinned certificate that expires within 30 days is announced once and kept on the profile', async () => {
    const p = await call<Profile>('profiles:save', {
      label: 'Renewal due',
      url: expiring.origin,
      database: 'companion',
      login: 'admin',
      authMethod: 'api-key',
      transport: 'auto',
      pins: [spkiPin(pki.leafExpiringSoon.certPem), spkiPin(pki.intermediate.certPem)],
      trustSelfSigned: false,
      secret: expiring.user('admin').apiKey,
    });
    await call('odoo:login', { profileId: p.id });
    await call('odoo:identity', { profileId: p.id });
    const warnings = h.shell.events.filter(
      ([e, payload]) => e === 'tls:certificateExpiring' && (payload as { profileId: string }).profileId === p.id,
    );
    expect(warnings).toHaveLength(1);
    const [, payload] = warnings[0] as [string, { profileId: string; daysLeft: number; validTo: string }];
    expect(payload.profileId).toBe(p.id);
    expect(payload.daysLeft).toBeGreaterThan(0);
    expect(payload.daysLeft).toBeLessThanOrEqual(10);
    await expect
      .poll(async () => (await call<Profile[]>('profiles:list', {})).find((x) => x.id === p.id)?.certificateValidTo)
      .toBe(payload.validTo);
    // Who signed it is kept too: a later mismatch names the authority that was expected.
    expect((await call<Profile[]>('profiles:list', {})).find((x) => x.id === p.id)?.certificateIssuer).toBe(
      'CN=Companion Test Intermediate CA, O=Companion Tests',
    );
    await call('profiles:forget', { id: p.id });
  });

  it('logout ends the web session and closes its window', async () => {
    await call('odoo:logout', { profileId: pwProfile.id });
    expect(h.shell.closed).toContain(pwProfile.id);
    expect((await call<Profile[]>('profiles:list', {})).find((p) => p.id === pwProfile.id)?.session).toBe('none');
  });

  it('a credential Odoo no longer accepts: typed error, and the profile stops showing a live session', async () => {
    await call('odoo:search', { profileId: apiProfile.id, query: 'Azure' });
    expect((await call<Profile[]>('profiles:list', {})).find((p) => p.id === apiProfile.id)?.session).toBe('active');
    odoo.revokeApiKey('admin');
    expect((await fails(h.core, 'odoo:search', { profileId: apiProfile.id, query: 'Azure' })).code).toBe('auth_failed');
    expect((await call<Profile[]>('profiles:list', {})).find((p) => p.id === apiProfile.id)?.session).toBe('none');
  });

  it('settings: refuses what is not a keyboard shortcut, keeps the rest', async () => {
    expect((await fails(h.core, 'settings:update', { shortcut: 'banana' })).code).toBe('invalid_input');
    const next = await call<{ autoLockMinutes: number | null; shortcut: string }>('settings:update', { autoLockMinutes: 5 });
    expect(next.autoLockMinutes).toBe(5);
    expect(next.shortcut).toBe('CommandOrControl+Shift+Space');
  });

  it('forgetting a profile deletes its keychain items and its metadata', async () => {
    await call('profiles:forget', { id: apiProfile.id });
    expect((await call<Profile[]>('profiles:list', {})).some((p) => p.id === apiProfile.id)).toBe(false);
    expect(await h.rawKeychain()).not.toContain(`${apiProfile.id}/`);
  });

  it('no secret reached any answer, event, data file or the keychain in plaintext', async () => {
    expectNoCanary(JSON.stringify(seen), canaries, 'an IPC answer');
    expectNoCanary(JSON.stringify(h.shell.events), canaries, 'an event');
    expectNoCanary(h.dataFiles(), canaries, 'the data folder');
    expectNoCanary(await h.rawKeychain(), canaries, 'the raw keychain');
  });
});
