// Every screen and failure state beyond the whole path, on the real core against real Odoo
// test servers: a CA-issued chain, a self-signed certificate, plain http on this computer,
// a certificate about to expire; throttling by real wrong passphrases, TOTP with real
// codes, a real pin mismatch (the server presents an interceptor's certificate), a server
// that is down or answers with a proxy's error page, a password changed in Odoo, a session
// that ended. Screenshots in light and dark, an axe scan of each, and the canary sweep.
import { afterAll, describe, expect, it } from 'vitest';
import type { Profile } from '../../contract/index.js';
import { closeBrowser, openRenderer, type E2E } from '../support/e2e-harness.js';
import type { OdooTestServer } from '../support/odoo-server/index.js';
import { checkScreen, expectNoCanary } from './support/checks.js';
import { pinOf, startRealCore, testPki, type RealCore } from './support/real-core.js';

afterAll(closeBrowser);

const PASSPHRASE = 'canary-vault-Passphrase-Quartz-Lantern-42';

/** Runs in the page: the focused element's text, flagged when its focus is not visible. */
const FOCUS_PROBE = `(() => {
  const el = document.activeElement;
  const visible = el.matches(':focus-visible') && getComputedStyle(el).outlineStyle !== 'none';
  return (el.textContent || '').trim() + (visible ? '' : ' (no visible focus)');
})()`;

async function open(core: RealCore, scheme: 'light' | 'dark'): Promise<E2E> {
  const e2e = await openRenderer(core.dispatch, { colorScheme: scheme });
  core.onEvent((event, payload) => void e2e.emit(event, payload));
  return e2e;
}

/** Saves a profile through the real channels, pinning what the server presents (plus `backupPin`). */
async function saveProfile(
  core: RealCore,
  server: OdooTestServer,
  p: { label: string; login: string; authMethod: Profile['authMethod']; secret?: string; backupPin?: string },
): Promise<Profile> {
  const probe = await core.call('profiles:probe', { url: server.origin });
  const presented = probe.tls?.chain.map((c) => c.pin) ?? [];
  const trustSelfSigned = probe.tls !== null && !probe.tls.trustedByOs;
  // A self-signed server's only pin that counts is its own key; a CA-issued one keeps the leaf and a backup.
  const pins = probe.tls === null ? [] : p.backupPin !== undefined ? [presented[0]!, p.backupPin] : presented;
  return core.call('profiles:save', {
    label: p.label,
    url: server.origin,
    database: server.database,
    login: p.login,
    authMethod: p.authMethod,
    transport: 'auto',
    pins,
    trustSelfSigned,
    ...(p.secret === undefined ? {} : { secret: p.secret }),
  });
}

/** A six-digit code the server does not accept now (none of the codes of the last, this or the next step). */
function wrongTotp(server: OdooTestServer, login: string): string {
  const valid = new Set([-1, 0, 1].map((s) => server.totpCode(login, s)));
  return ['000000', '111111', '222222', '333333'].find((c) => !valid.has(c))!;
}

describe('screens', () => {
  for (const scheme of ['light', 'dark'] as const) {
    it(`lock, profiles, TOTP, settings, security, errors (${scheme})`, async () => {
      const pki = await testPki();
      const core = await startRealCore({ presence: true });
      core.plant(PASSPHRASE);
      // Acme: a production Odoo with a CA-issued chain; pinned to its key and a backup key
      // prepared in advance (not the issuer), so an interceptor's certificate from the same CA fails.
      const acmeServer = await core.startServer({ version: 17, jwtModule: false, certificate: { key: pki.leafRsa.keyPem, chain: pki.leafRsa.chainPem } });
      // A self-hosted Odoo with its own self-signed certificate, no database list, the JWT module.
      const selfServer = await core.startServer({ version: 18, listDb: false, jwtModule: true });
      // A plain-http Odoo on this computer.
      const localServer = await core.startServer({ version: 'saas~18.3', tls: false });
      // Odoo 19 whose certificate expires in 10 days.
      const stagingServer = await core.startServer({
        version: 19,
        jwtModule: true,
        certificate: { key: pki.leafExpiringSoon.keyPem, chain: pki.leafExpiringSoon.chainPem },
      });
      const admin = { ...acmeServer.user('admin') };
      const backupPin = await pinOf(pki.leafBackup.certPem);

      await core.call('vault:create', { passphrase: PASSPHRASE, enablePresence: true });
      const acme = await saveProfile(core, acmeServer, { label: 'Acme production', login: 'admin', authMethod: 'password', secret: admin.password, backupPin });
      const selfhosted = await saveProfile(core, selfServer, {
        label: 'Selfhosted ERP', login: 'totp', authMethod: 'password', secret: selfServer.user('totp').password, backupPin,
      });
      // Its password is not saved (as after a vault reset): "Credentials missing".
      const local = await saveProfile(core, localServer, { label: 'Local dev', login: 'admin', authMethod: 'password' });
      const staging = await saveProfile(core, stagingServer, { label: 'Staging 19', login: 'demo', authMethod: 'jwt', secret: stagingServer.user('demo').password });
      // Real logins leave a saved web session (Acme) and a JWT refresh token (Staging, whose
      // handshake also records the certificate's end date).
      await core.call('odoo:login', { profileId: acme.id });
      await core.call('odoo:login', { profileId: staging.id });
      core.harness.core.lock('quit');

      const e2e = await open(core, scheme);
      const { page } = e2e;
      const home = async (label: string) => {
        await page.getByRole('button', { name: 'Profiles' }).click();
        await page.getByRole('button', { name: label, exact: true }).click();
        await page.getByRole('heading', { name: label, level: 1 }).waitFor();
      };
      try {
        // Lock screen with presence unlock (the platform check is the stand-in).
        await page.getByRole('button', { name: 'Unlock with Touch ID' }).waitFor();
        await checkScreen(e2e, 'lock-presence', scheme);
        await page.getByRole('button', { name: 'Unlock with Touch ID' }).click();

        // Profiles in every state.
        await page.getByRole('heading', { name: 'Profiles', level: 1 }).waitFor();
        for (const text of ['Not encrypted (this computer only)', 'Own certificate, checked', 'Needs your password', 'Certificate checked', 'Session saved']) {
          await page.getByText(text, { exact: true }).first().waitFor();
        }
        await page.getByText(/Certificate expires/).waitFor();
        await checkScreen(e2e, 'profiles-states', scheme);

        // TOTP: opening a 2FA profile shows our code step (ui:show from main).
        await page.getByRole('button', { name: 'Open in Odoo: Selfhosted ERP' }).click();
        const totp = page.getByRole('dialog', { name: 'Two-factor code' });
        await totp.waitFor();
        await checkScreen(e2e, 'totp', scheme);
        await page.getByLabel('Authentication code').fill(wrongTotp(selfServer, 'totp'));
        await page.getByRole('button', { name: 'Verify' }).click();
        await totp.getByText('That two-factor code was not accepted.').waitFor();
        await page.getByLabel('Authentication code').fill(selfServer.totpCode('totp'));
        await page.getByLabel(/Trust this device/).check();
        await page.getByRole('button', { name: 'Verify' }).click();
        await totp.waitFor({ state: 'detached' });
        await page.getByRole('status').filter({ hasText: 'Code accepted. Opening Odoo…' }).waitFor();
        // Main opens the window by itself once the code was accepted.
        await expect.poll(() => core.opened.map((o) => o.profileId)).toEqual([selfhosted.id]);

        // A profile whose password is not saved cannot sign in to Odoo: the UI says what to do.
        await page.getByRole('button', { name: 'Local dev', exact: true }).click();
        await page.getByRole('heading', { name: 'Local dev', level: 1 }).waitFor();
        await page.getByRole('button', { name: 'Open in Odoo', exact: true }).click();
        await page.getByText('Local dev cannot open Odoo windows as it is set up.').waitFor();
        await checkScreen(e2e, 'open-setup-required', scheme);

        // Settings, including the "never" warning and a shortcut another application owns.
        await page.getByRole('button', { name: 'Settings' }).click();
        await page.getByRole('heading', { name: 'Settings', level: 1 }).waitFor();
        await checkScreen(e2e, 'settings', scheme);
        await page.getByLabel('Lock after this much inactivity').selectOption('never');
        await page.getByText('Odoo Companion will stay unlocked while you are away').waitFor();
        await page.getByRole('button', { name: /^Quick search shortcut/ }).click();
        await page.keyboard.press('Control+Alt+KeyT');
        await page.getByText('That keyboard shortcut cannot be used.').waitFor();
        await checkScreen(e2e, 'settings-never', scheme);

        // Edit keeps server and pins; the credential field is write-only.
        await page.getByRole('button', { name: 'Profiles' }).click();
        await page.getByRole('button', { name: 'Edit: Acme production' }).click();
        await page.getByRole('heading', { name: 'Edit Acme production' }).waitFor();
        expect(await page.getByLabel('New password (optional)').inputValue()).toBe('');
        await checkScreen(e2e, 'edit-profile', scheme);

        // Failures on a profile's home: each says what happened and what to do.
        const expectFailure = async (code: string, sentence: string, where: '.identity' | '.activities') => {
          await home('Acme production');
          const notice = page.locator(`${where} [data-error-code="${code}"]`);
          await notice.waitFor();
          expect(await notice.textContent()).toContain(sentence);
          await checkScreen(e2e, `error-${code.replaceAll('_', '-')}`, scheme);
        };
        // Session expired: with a saved password the session is renewed without a word; here the
        // person deleted the password from their keyring, and Odoo ended the session meanwhile.
        await home('Acme production');
        await page.getByTestId('identity').waitFor();
        await page.locator('.activity-group').first().waitFor();
        await core.deleteKeychainItem(acme.id, 'password');
        acmeServer.expireSessions();
        await expectFailure('session_expired', 'Your Odoo session has expired.', '.identity');
        await core.call('profiles:save', { ...draftOf(acme), secret: admin.password });
        // The server is down.
        await acmeServer.takeDown();
        await expectFailure('network', 'The Odoo server could not be reached.', '.identity');
        await acmeServer.bringUp();
        // A proxy answers with its own error page.
        acmeServer.setFault({ kind: 'html-502' });
        await expectFailure('bad_response', 'The server answered, but not like Odoo.', '.identity');
        acmeServer.setFault(null);
        // The password was changed in Odoo (which ends the sessions): the saved one is refused.
        acmeServer.setPassword('admin', 'changed-in-odoo-Bq81');
        core.plant('changed-in-odoo-Bq81');
        await expectFailure('auth_failed', 'Odoo did not accept the login or the credential.', '.identity');
        acmeServer.setPassword('admin', admin.password);
        // The system keychain is unreachable.
        core.keychain.down = true;
        await expectFailure('keychain_unavailable', 'The system keychain could not be reached.', '.identity');
        core.keychain.down = false;
        // Someone in the path presents a certificate from the same CA for another key.
        acmeServer.setCertificate({ key: pki.leafMitm.keyPem, chain: pki.leafMitm.chainPem });
        await expectFailure('tls_pin_mismatch', 'The server presented a different certificate than the one saved for this profile.', '.identity');
        // Pin mismatch: the presented fingerprint, and no way around it.
        const fingerprint = await page.locator('.identity').getByTestId('presented-fingerprint').textContent();
        expect(fingerprint).toMatch(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
        const buttons = await page.getByRole('button').allTextContents();
        expect(buttons.filter((b) => /anyway|bypass|ignore|continue/i.test(b))).toEqual([]);

        // Security page: the mismatch, re-pin behind the passphrase, forget.
        await page.locator('.identity').getByRole('button', { name: 'Open the Security page' }).click();
        await page.getByRole('heading', { name: 'Security of Acme production' }).waitFor();
        await page.getByText('The server now presents a certificate that matches none of the saved pins.').waitFor();
        await checkScreen(e2e, 'security-mismatch', scheme);
        await page.getByRole('button', { name: 'Re-pin to this certificate…' }).click();
        const repin = page.getByRole('dialog', { name: 'Re-pin Acme production' });
        await repin.waitFor();
        await checkScreen(e2e, 'repin', scheme);
        await repin.getByLabel('Vault passphrase').fill('not-the-passphrase');
        await repin.getByRole('button', { name: 'Confirm and re-pin' }).click();
        await repin.getByText('That passphrase is not correct.').waitFor();
        await repin.getByLabel('Vault passphrase').fill(PASSPHRASE);
        await repin.getByRole('button', { name: 'Confirm and re-pin' }).click();
        await repin.waitFor({ state: 'detached' });
        await page.getByRole('status').filter({ hasText: 'New pins saved.' }).waitFor();
        await page.getByText('The certificate the server presents matches a saved pin.').waitFor();
        await checkScreen(e2e, 'security', scheme);

        await page.getByRole('button', { name: 'Profiles' }).click();
        await page.getByRole('button', { name: 'Security: Local dev' }).click();
        await page.getByRole('button', { name: 'Forget Local dev…' }).click();
        const forget = page.getByRole('dialog', { name: 'Forget Local dev?' });
        await forget.waitFor();
        await checkScreen(e2e, 'forget', scheme);
        await forget.getByRole('button', { name: 'Forget Local dev' }).click();
        await page.getByRole('heading', { name: 'Profiles', level: 1 }).waitFor();
        await page.getByRole('heading', { name: 'Local dev' }).waitFor({ state: 'detached' });
        expect((await core.call('profiles:list', {})).map((p) => p.id)).not.toContain(local.id);

        // Self-signed server in the wizard: an explicit trust confirmation is required.
        await page.getByRole('button', { name: 'Add profile' }).click();
        await page.getByLabel('Odoo address', { exact: true }).fill(selfServer.origin);
        await page.getByRole('button', { name: 'Check server' }).click();
        await page.getByText('Continue only if your administrator confirmed this exact fingerprint.').waitFor();
        await page.getByRole('button', { name: /^Trust and pin/ }).click();
        await page.getByText('Confirm that you checked the fingerprint before trusting this certificate.').waitFor();
        await checkScreen(e2e, 'wizard-certificate-self-signed', scheme);
        await page.getByLabel('I checked the fingerprint and trust this certificate').check();
        // Its own key is enough once confirmed; a backup pin prepared in advance is kept too.
        await page.getByLabel('Backup pin (optional)', { exact: true }).fill(backupPin);
        await page.getByRole('button', { name: /^Trust and pin 2 keys$/ }).click();
        // The server hides its database list: the name is typed.
        await page.getByLabel('Database name').waitFor();
        await page.getByLabel('Database name').fill(selfServer.database);
        await checkScreen(e2e, 'wizard-database-typed', scheme);
        await page.getByRole('button', { name: 'Continue' }).click();
        // The server has the JWT module: it is offered.
        await page.getByRole('radio', { name: /odoo_jwt module/ }).waitFor();
        await page.getByRole('button', { name: 'Back' }).click();
        await page.getByRole('button', { name: 'Back' }).click();
        await page.getByRole('button', { name: 'Back' }).click();
        await page.getByRole('button', { name: 'Cancel' }).click();

        // A request answered `locked` (the event was missed) still brings the lock screen.
        core.lockSilently();
        await page.getByRole('button', { name: 'Acme production', exact: true }).click();
        await page.getByRole('heading', { name: 'Odoo Companion is locked' }).waitFor();

        // Throttling: the first three wrong passphrases are free, then 1 s, 2 s… (the real
        // vault's delays on the system clock). Nothing is waited for but the page itself.
        const unlockButton = page.getByRole('button', { name: 'Unlock', exact: true });
        for (let i = 1; i <= 5; i += 1) {
          await expect.poll(() => unlockButton.isEnabled(), { timeout: 5_000 }).toBe(true);
          await page.getByLabel('Vault passphrase', { exact: true }).fill(`wrong-${i}`);
          await unlockButton.click();
          await page.getByText(i <= 3 ? `${i} wrong` : `Too many wrong passphrases (${i}). You can try again in`).waitFor();
        }
        expect(await unlockButton.isDisabled()).toBe(true);
        await checkScreen(e2e, 'lock-throttled', scheme);
        // The countdown is driven by time alone: the button comes back when it ends.
        await expect.poll(() => unlockButton.isEnabled(), { timeout: 5_000 }).toBe(true);
        await page.getByRole('button', { name: 'Forgot your passphrase?' }).click();
        await page.getByRole('dialog', { name: 'Reset the vault?' }).waitFor();
        await checkScreen(e2e, 'reset-dialog', scheme);
        await page.keyboard.press('Escape');
        await page.getByRole('dialog').waitFor({ state: 'detached' });

        // Quick-login from the tray while locked, the person cancels Touch ID: the lock screen is the prompt.
        core.presence.answers.push(false);
        expect(await core.harness.core.quickLogin.run(acme.id)).toEqual({ status: 'unlock_prompted' });
        await page.getByRole('heading', { name: 'Unlock to open Odoo' }).waitFor();
        await checkScreen(e2e, 'unlock-prompt', scheme);
        await page.getByLabel('Vault passphrase', { exact: true }).fill(PASSPHRASE);
        await page.getByRole('button', { name: 'Unlock', exact: true }).click();
        await page.getByRole('heading', { name: 'Acme production', level: 1 }).waitFor();
        // The login that waited for the unlock goes on by itself: Acme's window opens.
        await expect.poll(() => core.opened.map((o) => o.profileId)).toEqual([selfhosted.id, acme.id]);
        await expectNoCanary(e2e, core.canaries, core.dataDir);
      } finally {
        await e2e.close();
        await core.close();
      }
    }, 120_000);
  }

  it('search: debounced, stale answers ignored, keyboard only with visible focus', async () => {
    const pki = await testPki();
    const core = await startRealCore();
    core.plant(PASSPHRASE);
    const server = await core.startServer({ version: 17, certificate: { key: pki.leafRsa.keyPem, chain: pki.leafRsa.chainPem } });
    await core.call('vault:create', { passphrase: PASSPHRASE, enablePresence: false });
    await saveProfile(core, server, { label: 'Acme production', login: 'admin', authMethod: 'password', secret: server.user('admin').password });
    core.harness.core.lock('quit');
    const e2e = await open(core, 'light');
    const { page } = e2e;
    try {
      // Keyboard only: the passphrase field has focus on the lock screen.
      await page.getByLabel('Vault passphrase', { exact: true }).waitFor();
      expect(await page.locator(':focus').getAttribute('type')).toBe('password');
      await page.keyboard.type(PASSPHRASE);
      await page.keyboard.press('Enter');
      await page.getByRole('heading', { name: 'Profiles', level: 1 }).waitFor();
      // The focus starts on the list's main control (Add profile): the profile and its three actions follow.
      const focusTrail: string[] = [];
      for (let i = 0; i < 4; i += 1) {
        await page.keyboard.press('Tab');
        focusTrail.push(await page.evaluate<string>(FOCUS_PROBE));
      }
      expect(focusTrail.filter((f) => f.endsWith('(no visible focus)'))).toEqual([]);
      expect(focusTrail).toContain('Acme production');
      const focused = () => page.evaluate<string>(`((document.activeElement && document.activeElement.textContent) || '').trim()`);
      for (let i = 0; i < 40 && (await focused()) !== 'Acme production'; i += 1) await page.keyboard.press('Shift+Tab');
      expect(await focused()).toBe('Acme production');
      await page.keyboard.press('Enter');
      await page.getByRole('heading', { name: 'Acme production', level: 1 }).waitFor();
      await page.getByTestId('identity').waitFor();
      await page.locator('.activity-group').first().waitFor();

      // Stale: the server is slow to answer "azu" (its five model searches), so its answer
      // arrives after the answer to "azure" — and is ignored.
      const searchCalls = () => server.requests.filter((r) => r.path.startsWith('/web/dataset/call_kw/')).length;
      const before = searchCalls();
      server.setFault({ fault: { kind: 'delay', ms: 1_000 }, path: '/web/dataset/call_kw/', times: 5 });
      const search = page.getByRole('combobox');
      await search.focus();
      await page.keyboard.type('azu');
      // The client's connections to the server are few: the slow answers hold them, so "azure"
      // queues behind "azu"; the fifth "azu" call is slowed as well and finishes last.
      await expect.poll(searchCalls).toBeGreaterThan(before);
      await page.keyboard.type('re');
      const status = page.getByRole('status').filter({ hasText: /results for/ });
      await status.filter({ hasText: /^\d+ results for azure$/ }).waitFor();
      const shown = await status.textContent();
      const received = e2e.received.length;
      expect(core.searches.find((s) => s.query === 'azu')?.settled).toBe(false);
      await expect.poll(() => core.searches.every((s) => s.settled), { timeout: 10_000 }).toBe(true);
      await expect.poll(() => e2e.received.length).toBeGreaterThan(received);
      await page.getByRole('option').first().waitFor();
      expect(await status.textContent()).toBe(shown);
      // Debounced: keystrokes typed together make one request.
      expect(core.searches.map((s) => s.query)).toEqual(['azu', 'azure']);

      await page.keyboard.press('ArrowDown');
      await page.keyboard.press('ArrowDown');
      expect(await page.getByRole('option').nth(2).getAttribute('aria-selected')).toBe('true');
      await page.keyboard.press('Escape');
      expect(await search.inputValue()).toBe('');
      await expectNoCanary(e2e, core.canaries, core.dataDir);
    } finally {
      await e2e.close();
      await core.close();
    }
  });
});

/** A saved profile as the save channel takes it back (same server, same pins). */
function draftOf(p: Profile) {
  return {
    id: p.id,
    label: p.label,
    url: p.origin,
    database: p.database,
    login: p.login,
    authMethod: p.authMethod,
    transport: p.transport,
    pins: p.pins,
    trustSelfSigned: p.trustSelfSigned,
  };
}
