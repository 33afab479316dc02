// Every screen and failure state beyond the whole path, against the scripted core (the
// states it reaches at will: throttling, presence, TOTP, certificate mismatch, keychain
// down): screenshots in light and dark, an axe scan of each, and the canary sweep.
import { afterAll, describe, expect, it } from 'vitest';
import { closeBrowser, openRenderer, type E2E } from '../support/e2e-harness.js';
import { checkScreen, expectNoCanary } from './support/checks.js';
import { CANARY, startScriptedCore, TOTP_CODE, type ScriptedCore } from './support/scripted-core.js';

afterAll(closeBrowser);

/** Runs in the page: the focused element's text, flagged when its focus is not visible. */
const FOCUS_PROBE = `(() => {
  const el = document.activeElement;
  const visible = el.matches(':focus-visible') && getComputedStyle(el).outlineStyle !== 'none';
  return (el.textContent || '').trim() + (visible ? '' : ' (no visible focus)');
})()`;

async function open(core: ScriptedCore, scheme: 'light' | 'dark'): Promise<E2E> {
  const e2e = await openRenderer(core.dispatch, { colorScheme: scheme });
  core.onEvent((event, payload) => void e2e.emit(event, payload));
  return e2e;
}

async function unlockWithPassphrase(e2e: E2E) {
  await e2e.page.getByLabel('Vault passphrase', { exact: true }).fill(CANARY.passphrase);
  await e2e.page.getByRole('button', { name: 'Unlock', exact: true }).click();
}

describe('screens', () => {
  for (const scheme of ['light', 'dark'] as const) {
    it(`lock, profiles, TOTP, settings, security, errors (${scheme})`, async () => {
      const core = await startScriptedCore({ vault: 'locked', presence: true, seedProfiles: true, throttleMs: 1_500 });
      const e2e = await open(core, scheme);
      const { page } = e2e;
      const [acme, selfhosted, local] = core.profileIds() as [string, string, string];
      try {
        // Lock screen: presence, then throttling after three wrong passphrases.
        await page.getByRole('button', { name: 'Unlock with Touch ID' }).waitFor();
        await checkScreen(e2e, 'lock-presence', scheme);
        for (let i = 1; i <= 3; i += 1) {
          await page.getByLabel('Vault passphrase', { exact: true }).fill(`wrong-${i}`);
          await page.getByRole('button', { name: 'Unlock', exact: true }).click();
          await page.getByText(i < 3 ? `${i} wrong` : 'You can try again in').waitFor();
        }
        expect(await page.getByRole('button', { name: 'Unlock', exact: true }).isDisabled()).toBe(true);
        await checkScreen(e2e, 'lock-throttled', scheme);
        // The countdown is driven by time alone: the button comes back when it ends.
        await expect.poll(() => page.getByRole('button', { name: 'Unlock', exact: true }).isEnabled(), { timeout: 5_000 }).toBe(true);
        await page.getByRole('button', { name: 'Forgot your passphrase?' }).click();
        await page.getByRole('dialog', { name: 'Reset the vault?' }).waitFor();
        await checkScreen(e2e, 'reset-dialog', scheme);
        await page.keyboard.press('Escape');
        await page.getByRole('dialog').waitFor({ state: 'detached' });
        await page.getByRole('button', { name: 'Unlock with Touch ID' }).click();

        // Profiles in every state.
        await page.getByRole('heading', { name: 'Profiles', level: 1 }).waitFor();
        for (const text of ['Unencrypted http (this computer only)', 'Self-signed, pinned', 'Credentials missing', 'Pinned (2 keys)', 'Session saved']) {
          await page.getByText(text, { exact: true }).first().waitFor();
        }
        await page.getByText(/Certificate expires/).waitFor();
        await checkScreen(e2e, 'profiles-states', scheme);

        // TOTP: opening a 2FA profile shows our code step (ui:show from main).
        await page.getByRole('button', { name: 'Open in Odoo: Selfhosted ERP' }).click();
        const totp = page.getByRole('dialog', { name: 'Two-factor code' });
        await totp.waitFor();
        await checkScreen(e2e, 'totp', scheme);
        await page.getByLabel('Authentication code').fill('000000');
        await page.getByRole('button', { name: 'Verify' }).click();
        await totp.getByText('That two-factor code was not accepted.').waitFor();
        await page.getByLabel('Authentication code').fill(TOTP_CODE);
        await page.getByLabel(/Trust this device/).check();
        await page.getByRole('button', { name: 'Verify' }).click();
        await totp.waitFor({ state: 'detached' });
        await page.getByRole('status').filter({ hasText: 'Code accepted. Opening Odoo…' }).waitFor();
        expect(core.opened.map((o) => o.profileId)).toEqual([selfhosted]);

        // An API-key profile cannot open Odoo windows: main says so, the UI says what to do.
        await page.getByRole('button', { name: 'Open in Odoo: Local dev' }).click();
        await page.getByText('Local dev cannot open Odoo windows as it is set up.').waitFor();
        await checkScreen(e2e, 'open-setup-required', scheme);

        // Settings, including the "never" warning and a refused shortcut.
        await page.getByRole('button', { name: 'Settings' }).click();
        await page.getByRole('heading', { name: 'Settings', level: 1 }).waitFor();
        await checkScreen(e2e, 'settings', scheme);
        await page.getByLabel('Lock after this much inactivity').selectOption('never');
        await page.getByText('Odoo Companion will stay unlocked while you are away').waitFor();
        await page.getByLabel('Quick search shortcut').fill('Ctrl');
        await page.getByRole('button', { name: 'Save shortcut' }).click();
        await page.getByText('That keyboard shortcut cannot be used.').waitFor();
        await checkScreen(e2e, 'settings-never', scheme);

        // Edit keeps server and pins; the credential field is write-only.
        await page.getByRole('button', { name: 'Profiles' }).click();
        await page.getByRole('button', { name: 'Edit: Acme production' }).click();
        await page.getByRole('heading', { name: 'Edit Acme production' }).waitFor();
        expect(await page.getByLabel('New password (optional)').inputValue()).toBe('');
        await checkScreen(e2e, 'edit-profile', scheme);

        // Failures on a profile's home: each says what happened and what to do.
        const failures = [
          ['network', 'The Odoo server could not be reached.'],
          ['auth_failed', 'Odoo did not accept the login or the credential.'],
          ['keychain_unavailable', 'The system keychain could not be reached.'],
          ['session_expired', 'Your Odoo session has expired.'],
          ['tls_pin_mismatch', 'The server presented a different certificate than the one saved for this profile.'],
        ] as const;
        for (const [code, sentence] of failures) {
          core.control.fail.set(acme, code);
          await page.getByRole('button', { name: 'Profiles' }).click();
          await page.getByRole('button', { name: 'Acme production', exact: true }).click();
          const notice = page.locator(`.identity [data-error-code="${code}"]`);
          await notice.waitFor();
          expect(await notice.textContent()).toContain(sentence);
          await checkScreen(e2e, `error-${code.replaceAll('_', '-')}`, scheme);
        }
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
        await repin.getByLabel('Vault passphrase').fill(CANARY.passphrase);
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
        expect(core.profileIds()).not.toContain(local);

        // Self-signed server in the wizard: an explicit trust confirmation is required.
        await page.getByRole('button', { name: 'Add profile' }).click();
        await page.getByLabel('Odoo address', { exact: true }).fill('https://erp.selfhosted.example');
        await page.getByRole('button', { name: 'Check server' }).click();
        await page.getByText(/Your system does not trust this certificate/).waitFor();
        await page.getByRole('button', { name: /^Trust and pin/ }).click();
        await page.getByText('Confirm that you checked the fingerprint before trusting this certificate.').waitFor();
        await checkScreen(e2e, 'wizard-certificate-self-signed', scheme);
        await page.getByLabel('I checked the fingerprint and trust this certificate').check();
        await page.getByRole('button', { name: /^Trust and pin/ }).click();
        // A self-signed certificate has no issuer to keep as a backup: a pasted one is required.
        await page.getByText(/has no issuer to keep as a backup/).waitFor();
        await page.getByLabel('Backup pin', { exact: true }).fill(`sha256/${'A'.repeat(43)}=`);
        await page.getByRole('button', { name: /^Trust and pin 2 keys$/ }).click();
        await page.getByLabel('Database name').waitFor();
        await page.getByLabel('Database name').fill('erp');
        await checkScreen(e2e, 'wizard-database-typed', scheme);
        await page.getByRole('button', { name: 'Continue' }).click();
        await page.getByRole('radio', { name: /JWT module/ }).waitFor();
        await page.getByRole('button', { name: 'Back' }).click();
        await page.getByRole('button', { name: 'Back' }).click();
        await page.getByRole('button', { name: 'Back' }).click();
        await page.getByRole('button', { name: 'Cancel' }).click();

        // A request answered `locked` (the event was missed) still brings the lock screen.
        core.control.fail.clear();
        core.lockSilently();
        await page.getByRole('button', { name: 'Acme production', exact: true }).click();
        await page.getByRole('heading', { name: 'Odoo Companion is locked' }).waitFor();

        // Quick-login from the tray while locked: the lock screen is the prompt.
        await core.emit('ui:show', { screen: 'unlock-prompt', profileId: acme });
        await page.getByRole('heading', { name: 'Unlock to open Odoo' }).waitFor();
        await checkScreen(e2e, 'unlock-prompt', scheme);
        await unlockWithPassphrase(e2e);
        await page.getByRole('heading', { name: 'Acme production', level: 1 }).waitFor();
        await expectNoCanary(e2e, core.canaries, core.dataDir);
      } finally {
        await e2e.close();
      }
    });
  }

  it('search: debounced, stale answers ignored, keyboard only with visible focus', async () => {
    const core = await startScriptedCore({ vault: 'locked', seedProfiles: true });
    const e2e = await open(core, 'light');
    const { page } = e2e;
    try {
      // Keyboard only: the passphrase field has focus on the lock screen.
      await page.getByLabel('Vault passphrase', { exact: true }).waitFor();
      expect(await page.locator(':focus').getAttribute('type')).toBe('password');
      await page.keyboard.type(CANARY.passphrase);
      await page.keyboard.press('Enter');
      await page.getByRole('heading', { name: 'Profiles', level: 1 }).waitFor();
      const focusTrail: string[] = [];
      for (let i = 0; i < 6; i += 1) {
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

      // Stale: the answer to "azu" arrives after the answer to "azure" and is ignored.
      core.control.hold.set('azu', () => {});
      const search = page.getByRole('combobox');
      await search.focus();
      await page.keyboard.type('azu');
      await expect.poll(() => core.control.searches).toContain('azu');
      await page.keyboard.type('re');
      await page.getByRole('status').filter({ hasText: '6 results for azure' }).waitFor();
      const before = e2e.received.length;
      core.control.hold.get('azu')?.();
      await expect.poll(() => e2e.received.length).toBeGreaterThan(before);
      await page.getByRole('option').first().waitFor();
      expect(await page.getByRole('status').filter({ hasText: 'results for' }).textContent()).toBe('6 results for azure');
      // Debounced: keystrokes typed together make one request.
      expect(core.control.searches).toEqual(['azu', 'azure']);

      await page.keyboard.press('ArrowDown');
      await page.keyboard.press('ArrowDown');
      expect(await page.getByRole('option').nth(2).getAttribute('aria-selected')).toBe('true');
      await page.keyboard.press('Escape');
      expect(await search.inputValue()).toBe('');
      await expectNoCanary(e2e, core.canaries, core.dataDir);
    } finally {
      await e2e.close();
    }
  });
});
