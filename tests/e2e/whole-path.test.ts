// The whole path a new user takes, in the production build in Chromium: first run → add a
// profile (trust-on-first-use pin confirmation) → quick search → open a record in Odoo →
// auto-lock by idle → unlock, on the real core against the TLS Odoo test server; after
// every flow, no canary secret has reached the page, its payloads, its console or the
// app-data folder.
import { afterAll, describe, expect, it } from 'vitest';
import { closeBrowser, openRenderer } from '../support/e2e-harness.js';
import { checkScreen, expectNoCanary } from './support/checks.js';
import { startCore } from './support/whole-path-core.js';

afterAll(closeBrowser);

const PASSPHRASE = 'canary-vault-Passphrase-Quartz-Lantern-42';

describe('whole path', () => {
  for (const scheme of ['light', 'dark'] as const) {
    it(`first run → add profile → search → open → idle lock → unlock (${scheme})`, async () => {
      const core = await startCore();
      const e2e = await openRenderer(core.dispatch, { colorScheme: scheme });
      const off = core.onEvent((event, payload) => void e2e.emit(event, payload));
      const { page } = e2e;
      // Read at every check: the core adds the session cookies it issues as they appear.
      const canaries = (): string[] => [...core.canaries, PASSPHRASE];
      try {
        // First run: strength feedback, confirmation, create.
        await page.getByRole('heading', { name: 'Create your vault passphrase' }).waitFor();
        const pass = page.getByLabel('Vault passphrase', { exact: true });
        await pass.fill('odoo');
        await expect.poll(() => page.locator('.strength__label').textContent()).toBe('Too short');
        await pass.fill('password123');
        await expect.poll(() => page.locator('.strength__label').textContent()).toBe('Weak');
        await checkScreen(e2e, 'first-run', scheme);
        await pass.fill(PASSPHRASE);
        await page.getByLabel('Type it again', { exact: true }).fill(`${PASSPHRASE}x`);
        await page.getByRole('button', { name: 'Create vault' }).click();
        await page.getByText('The two passphrases are different.').waitFor();
        await pass.fill(PASSPHRASE);
        await page.getByLabel('Type it again', { exact: true }).fill(PASSPHRASE);
        await page.getByRole('button', { name: 'Create vault' }).click();

        // No profile yet.
        await page.getByRole('heading', { name: 'Profiles', level: 1 }).waitFor();
        await page.getByText('No Odoo yet.').waitFor();
        await checkScreen(e2e, 'profiles-empty', scheme);
        await expectNoCanary(e2e, canaries(), core.dataDir);

        // Add profile: server → certificate (TOFU) → method (the server's only database is
        // taken, no database step) → credentials → test → save.
        await page.getByRole('button', { name: 'Add profile' }).click();
        await page.getByLabel('Odoo address', { exact: true }).fill(core.account.url);
        await page.getByLabel('Name for this profile (optional)').fill(core.account.label);
        await checkScreen(e2e, 'wizard-server', scheme);
        await page.getByRole('button', { name: 'Check server' }).click();
        await page.getByRole('heading', { name: 'Check the server’s certificate' }).waitFor();
        await page.getByText('Show the certificates and the pinned keys').click();
        expect(await page.getByTestId('cert-0').textContent()).toMatch(/SHA-256 fingerprint([0-9A-F]{2}:){31}[0-9A-F]{2}/);
        expect(await page.getByTestId('cert-0').textContent()).toContain('Subject');
        await checkScreen(e2e, 'wizard-certificate', scheme);
        await page.getByRole('button', { name: /^Trust and pin \d keys?$/ }).click();
        await page.getByRole('heading', { name: 'How do you sign in?' }).waitFor();
        // The recommended method is chosen; the kept-password method is not offered any more.
        expect(await page.getByRole('radio', { name: /My Odoo password \(with two-factor\)/ }).isChecked()).toBe(true);
        expect(await page.getByRole('radio', { name: /kept on this computer/ }).count()).toBe(0);
        await checkScreen(e2e, 'wizard-method', scheme);
        await page.getByRole('button', { name: 'Continue' }).click();
        await page.getByLabel('Login', { exact: true }).fill(core.account.login);
        await page.getByLabel('Password', { exact: true }).fill(core.account.password);
        await checkScreen(e2e, 'wizard-credentials', scheme);
        await page.getByRole('button', { name: 'Test connection' }).click();
        await page.getByRole('heading', { name: 'The connection works — review and save' }).waitFor();
        await checkScreen(e2e, 'wizard-review', scheme);
        await expectNoCanary(e2e, canaries(), core.dataDir);
        await page.getByRole('button', { name: 'Save profile' }).click();

        // Home: identity, search by keyboard, open a record.
        await page.getByRole('heading', { name: core.account.label, level: 1 }).waitFor();
        await page.getByTestId('identity').waitFor();
        const who = (await page.getByTestId('identity').textContent()) ?? '';
        expect(who).toMatch(/^Signed in as \S/);
        // The user's picture came from Odoo through main, as a data URL (the page has no network).
        const avatar = page.getByTestId('avatar');
        await avatar.waitFor();
        expect(await avatar.getAttribute('src')).toMatch(/^data:image\/(png|jpeg|gif|webp|svg\+xml);base64,/);
        await checkScreen(e2e, 'home', scheme);
        const search = page.getByRole('combobox');
        await search.focus();
        await page.keyboard.type(core.search.query);
        const hit = page.getByRole('option', { name: new RegExp(core.search.hit) }).first();
        await hit.waitFor();
        await page.getByRole('group', { name: new RegExp(core.search.group) }).waitFor();
        await checkScreen(e2e, 'home-search', scheme);
        const options = page.getByRole('option');
        const target = (await options.allTextContents()).findIndex((t) => t.includes(core.search.hit));
        expect(target).toBeGreaterThanOrEqual(0);
        for (let i = 0; i < target; i += 1) await page.keyboard.press('ArrowDown');
        await page.keyboard.press('ArrowDown');
        await page.keyboard.press('ArrowUp');
        expect(await options.nth(target).getAttribute('aria-selected')).toBe('true');
        expect(await search.getAttribute('aria-activedescendant')).toBe(await options.nth(target).getAttribute('id'));
        await page.keyboard.press('Enter');
        await page.getByRole('status').filter({ hasText: /^Opened .* in Odoo\.$/ }).waitFor();
        expect(core.opened).toHaveLength(1);
        await expectNoCanary(e2e, canaries(), core.dataDir);

        await page.getByRole('button', { name: 'Profiles' }).click();
        await page.getByRole('heading', { name: core.account.label, level: 2 }).waitFor();
        await checkScreen(e2e, 'profiles', scheme);

        // Idle: the vault locks, the page drops every piece of profile data.
        await core.idle();
        await page.getByRole('heading', { name: 'Odoo Companion is locked' }).waitFor();
        await page.getByText('Locked because this computer was idle.').waitFor();
        const locked = await page.content();
        for (const dropped of [core.account.label, core.account.login, who, core.search.hit]) expect(locked).not.toContain(dropped);
        await checkScreen(e2e, 'lock', scheme);
        await expectNoCanary(e2e, canaries(), core.dataDir);

        // Unlock with the passphrase, keyboard only.
        await page.getByLabel('Vault passphrase', { exact: true }).focus();
        await page.keyboard.type(PASSPHRASE);
        await page.keyboard.press('Enter');
        await page.getByRole('heading', { name: 'Profiles', level: 1 }).waitFor();
        await page.getByRole('heading', { name: core.account.label, level: 2 }).waitFor();
        await expectNoCanary(e2e, canaries(), core.dataDir);
      } finally {
        off();
        await e2e.close();
        await core.close();
      }
    });
  }
});
