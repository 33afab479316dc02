// A person adds Odoo profiles with the keyboard alone, in the production build in Chromium
// on the real core against real Odoo test servers: a wrong address is explained under the
// address field, which keeps the focus; the certificate is described in plain words; the
// database step is skipped for a one-database server and kept when there is a choice; Save
// has the focus right after the connection test, and Enter saves. Each step is checked in
// light and dark (screenshot, axe), and no secret reaches the page.
import { afterAll, describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { closeBrowser, openRenderer, type E2E } from '../support/e2e-harness.js';
import { checkScreen, expectNoCanary } from './support/checks.js';
import { pinOf, startRealCore, testPki, type RealCore } from './support/real-core.js';

afterAll(closeBrowser);

const PASSPHRASE = 'canary-vault-Passphrase-Meadow-Copper-19';

/** The page's document, as far as these checks need it (this project has no DOM types). */
interface PageDocument {
  activeElement: unknown;
  getElementById(id: string): { contains(node: unknown): boolean } | null;
}

/** Whether the element has the keyboard focus. */
const focused = (l: Locator): Promise<boolean> =>
  l.evaluate((el) => el === (globalThis as unknown as { document: PageDocument }).document.activeElement);

/** The element an input is described by (aria-describedby) contains `inner`. */
async function describes(input: Locator, inner: Locator): Promise<boolean> {
  const ids = ((await input.getAttribute('aria-describedby')) ?? '').split(' ');
  return inner.evaluate(
    (target, list) => list.some((id) => (globalThis as unknown as { document: PageDocument }).document.getElementById(id)?.contains(target) ?? false),
    ids,
  );
}

/** The names in the step list, in order. */
const stepNames = (page: Page): Promise<string[]> => page.getByRole('list', { name: 'Steps' }).getByRole('listitem').allTextContents();

async function start(scheme: 'light' | 'dark'): Promise<{ core: RealCore; e2e: E2E }> {
  const core = await startRealCore();
  core.plant(PASSPHRASE);
  await core.call('vault:create', { passphrase: PASSPHRASE, enablePresence: false });
  const e2e = await openRenderer(core.dispatch, { colorScheme: scheme });
  core.onEvent((event, payload) => void e2e.emit(event, payload));
  await e2e.page.getByRole('heading', { name: 'Profiles', level: 1 }).waitFor();
  // The person goes to "Add profile" with the keyboard.
  await e2e.page.getByRole('button', { name: 'Add profile' }).focus();
  await e2e.page.keyboard.press('Enter');
  await e2e.page.getByRole('heading', { name: 'Add an Odoo profile', level: 1 }).waitFor();
  return { core, e2e };
}

describe('the profile wizard, keyboard only', () => {
  for (const scheme of ['light', 'dark'] as const) {
    it(`a CA-issued server with one database: wrong address → certificate in plain words → no database step → Save right after the test (${scheme})`, async () => {
      const pki = await testPki();
      const { core, e2e } = await start(scheme);
      const { page } = e2e;
      const server = await core.startServer({ version: 17, certificate: { key: pki.leafRsa.keyPem, chain: pki.leafRsa.chainPem } });
      const admin = server.user('admin');
      try {
        // The address field has the focus. A plain-http address beyond this computer is
        // refused under the field, which keeps the focus to correct it.
        const url = page.getByLabel('Odoo address', { exact: true });
        expect(await focused(url)).toBe(true);
        await checkScreen(e2e, 'wizard-keyboard-server', scheme);
        await page.keyboard.type('http://odoo.example.com');
        await page.keyboard.press('Enter');
        const refused = page.locator('.field', { has: url }).locator('[data-error-code=insecure_url]');
        await refused.waitFor();
        expect(await refused.getAttribute('role')).toBe('alert');
        expect(await describes(url, refused)).toBe(true);
        expect(await url.getAttribute('aria-invalid')).toBe('true');
        expect(await focused(url)).toBe(true);
        await checkScreen(e2e, 'wizard-keyboard-server-error', scheme);

        await page.keyboard.press('ControlOrMeta+A');
        await page.keyboard.type(server.origin);
        await page.keyboard.press('Tab');
        await page.keyboard.type('Acme production');
        await page.keyboard.press('Enter');

        // The certificate, in words: who vouches for it; the certificates are folded away.
        await page.getByRole('heading', { name: 'Check the server’s certificate' }).waitFor();
        await page.getByText('Verified by Companion Tests: your system trusts this certificate.').waitFor();
        expect(await page.getByTestId('cert-0').isVisible()).toBe(false);
        const pinButton = page.getByRole('button', { name: 'Trust and pin 2 keys' });
        expect(await focused(pinButton)).toBe(true);
        await checkScreen(e2e, 'wizard-keyboard-certificate-trusted', scheme);
        await page.keyboard.press('Enter');

        // One database on the server: no database step, straight to the sign-in method.
        await page.getByRole('heading', { name: 'How do you sign in?' }).waitFor();
        expect(await stepNames(page)).toEqual(['✓Server', '✓Check the certificate', '3How you sign in', '4Your credentials', '5Review and save']);
        const account = page.getByRole('radio', { name: /My Odoo password \(with two-factor\)/ });
        expect(await account.isChecked()).toBe(true);
        expect(await focused(account)).toBe(true);
        await page.getByText('An API key from my Odoo preferences').waitFor();
        await checkScreen(e2e, 'wizard-keyboard-method', scheme);
        await page.keyboard.press('Enter');

        // Credentials: the login has the focus. A refused password is explained under it.
        await page.getByRole('heading', { name: 'Your credentials' }).waitFor();
        expect(await focused(page.getByLabel('Login', { exact: true }))).toBe(true);
        await page.keyboard.type(admin.login);
        await page.keyboard.press('Tab');
        await page.keyboard.type('not-the-password');
        await page.keyboard.press('Enter');
        const password = page.getByLabel('Password', { exact: true });
        const wrong = page.locator('.field', { has: password }).locator('[data-error-code=auth_failed]');
        await wrong.waitFor();
        expect(await describes(password, wrong)).toBe(true);
        expect(await focused(password)).toBe(true);
        await checkScreen(e2e, 'wizard-keyboard-credentials-error', scheme);
        await page.keyboard.type(admin.password);
        await page.keyboard.press('Enter');

        // Right after the test: what will be saved, and Save has the focus.
        await page.getByRole('heading', { name: 'The connection works — review and save' }).waitFor();
        const facts = await page.locator('.wizard dl.facts').textContent();
        expect(facts).toContain(`${server.database} (the server’s only one)`);
        expect(facts).toContain('My Odoo password (with two-factor)');
        const save = page.getByRole('button', { name: 'Save profile' });
        expect(await focused(save)).toBe(true);
        await checkScreen(e2e, 'wizard-keyboard-review', scheme);
        await expectNoCanary(e2e, [...core.canaries, admin.password], core.dataDir);
        await page.keyboard.press('Enter');

        // The new profile's home; it is pinned to the keys of the authorities, not the server's.
        await page.getByRole('heading', { name: 'Acme production', level: 1 }).waitFor();
        await page.getByTestId('identity').waitFor();
        const [saved] = await core.call('profiles:list', {});
        expect(saved).toMatchObject({ label: 'Acme production', database: server.database, authMethod: 'account', trustSelfSigned: false });
        expect(new Set(saved!.pins)).toEqual(new Set([await pinOf(pki.intermediate.certPem), await pinOf(pki.root.certPem)]));
        await expectNoCanary(e2e, [...core.canaries, admin.password], core.dataDir);
      } finally {
        await e2e.close();
        await core.close();
      }
    });

    it(`a self-signed server with several databases: plain words, one key after the warning, the database chosen, Enter on the review saves (${scheme})`, async () => {
      const { core, e2e } = await start(scheme);
      const { page } = e2e;
      const server = await core.startServer({ version: 17, databases: ['sales', 'warehouse'] });
      const admin = server.user('admin');
      try {
        await page.keyboard.type(server.origin);
        await page.keyboard.press('Enter');

        // Why the system does not trust it, in words; the OS code only in the folded details.
        await page.getByRole('heading', { name: 'Check the server’s certificate' }).waitFor();
        await page.getByText('No authority your system trusts vouches for it: it was made by the server (or its administrator) itself.', { exact: false }).waitFor();
        await page.getByText(/Only this server’s own key will be pinned/).waitFor();
        const panel = page.locator('.wizard .panel');
        expect(await panel.innerText()).not.toMatch(/[A-Z]+_[A-Z_]+/);
        await page.getByText('Technical details').waitFor();
        const trust = page.getByLabel('I checked the fingerprint and trust this certificate');
        expect(await focused(trust)).toBe(true);
        // Going on without the confirmation: the message is next to the checkbox, which gets the focus.
        await page.keyboard.press('Tab');
        await page.keyboard.press('Enter');
        const confirm = page.getByText('Confirm that you checked the fingerprint before trusting this certificate.');
        await confirm.waitFor();
        expect(await describes(trust, confirm)).toBe(true);
        expect(await focused(trust)).toBe(true);
        await checkScreen(e2e, 'wizard-keyboard-certificate-self-signed', scheme);
        await page.keyboard.press('Space');
        expect(await page.getByRole('button', { name: 'Trust and pin 1 key' }).count()).toBe(1);
        await page.keyboard.press('Tab');
        await page.keyboard.press('Enter');

        // Two databases: the step is there; arrows choose, Enter goes on.
        await page.getByRole('heading', { name: 'Which database?' }).waitFor();
        expect(await stepNames(page)).toContain('3Database');
        expect(await focused(page.getByRole('radio', { name: 'sales' }))).toBe(true);
        await page.keyboard.press('ArrowDown');
        expect(await page.getByRole('radio', { name: 'warehouse' }).isChecked()).toBe(true);
        await checkScreen(e2e, 'wizard-keyboard-database', scheme);
        await page.keyboard.press('Enter');

        // An API key this time.
        await page.getByRole('heading', { name: 'How do you sign in?' }).waitFor();
        await page.keyboard.press('ArrowDown');
        expect(await page.getByRole('radio', { name: /An API key from my Odoo preferences/ }).isChecked()).toBe(true);
        await page.keyboard.press('Enter');
        await page.getByRole('heading', { name: 'Your credentials' }).waitFor();
        await page.keyboard.type(admin.login);
        await page.keyboard.press('Tab');
        await page.keyboard.type(admin.apiKey);
        await checkScreen(e2e, 'wizard-keyboard-credentials', scheme);
        await page.keyboard.press('Enter');

        await page.getByRole('heading', { name: 'The connection works — review and save' }).waitFor();
        const facts = await page.locator('.wizard dl.facts').textContent();
        expect(facts).toContain('warehouse');
        expect(facts).toContain('1, trusted as self-signed');
        await page.keyboard.press('Enter');

        const host = new URL(server.origin).host;
        await page.getByRole('heading', { name: host, level: 1 }).waitFor();
        const [saved] = await core.call('profiles:list', {});
        expect(saved).toMatchObject({ database: 'warehouse', authMethod: 'api-key', trustSelfSigned: true, pins: [await pinOf(server.cert!)] });
        await expectNoCanary(e2e, [...core.canaries, admin.apiKey], core.dataDir);
      } finally {
        await e2e.close();
        await core.close();
      }
    });
  }
});
