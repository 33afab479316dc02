// Places where a person used to be left stranded, followed as they happen, in the
// production build in Chromium on the real core against the Odoo test server: saving a
// profile flashed "This profile no longer exists" and dropped the focus; signing out left
// the page saying "Signed in"; a refusal appeared far from the control that caused it; the
// two-factor dialog jumped when its error appeared. Each screen reached is screenshot in
// light and dark and scanned by axe.
import { afterAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { closeBrowser, openRenderer, type E2E } from '../support/e2e-harness.js';
import { bothSchemes, expectNoCanary } from './support/checks.js';
import { coreWithOdoo, startRealCore, testPki, type RealCore } from './support/real-core.js';

afterAll(closeBrowser);

const PASSPHRASE = 'canary-vault-Passphrase-Meadow-Compass-19';

async function open(core: RealCore): Promise<E2E> {
  const e2e = await openRenderer(core.dispatch, { colorScheme: 'light' });
  core.onEvent((event, payload) => void e2e.emit(event, payload));
  return e2e;
}

/** Runs in the page: the focused element's visible text (its aria-label when it has none). */
const FOCUSED = `(() => {
  const el = document.activeElement;
  return el === null ? '' : (el.textContent || '').trim() || (el.getAttribute('aria-label') || '');
})()`;
const focused = (page: Page) => page.evaluate<string>(FOCUSED);

/**
 * Whether `field` names, in its aria-describedby, an element saying `text`; whether that
 * is announced (an alert); and how far below the field it starts (px).
 */
function describedNearby(page: Page, field: string, text: string): Promise<{ described: boolean; announced: boolean; gap: number }> {
  return page.evaluate(`((selector, wanted) => {
    const el = document.querySelector(selector);
    if (el === null) return { described: false, announced: false, gap: 1e9 };
    const ids = (el.getAttribute('aria-describedby') || '').split(/\\s+/).filter(Boolean);
    const target = ids.map((id) => document.getElementById(id)).find((d) => d !== null && (d.textContent || '').includes(wanted));
    if (!target) return { described: false, announced: false, gap: 1e9 };
    const announced = target.closest('[role="alert"]') !== null || target.querySelector('[role="alert"]') !== null;
    return { described: true, announced, gap: target.getBoundingClientRect().top - el.getBoundingClientRect().bottom };
  })(${JSON.stringify(field)}, ${JSON.stringify(text)})`);
}

/** Runs in the page: from now on, every first-level heading the page shows, however briefly. */
const WATCH_HEADINGS = `(() => {
  const seen = (window.__shown = []);
  new MutationObserver(() => {
    const h1 = (document.querySelector('h1') || {}).textContent || '';
    if (seen[seen.length - 1] !== h1) seen.push(h1);
  }).observe(document.body, { childList: true, subtree: true, characterData: true });
})()`;

describe('dead ends', () => {
  it('save a profile → its page at once, focus on “Open in Odoo” → sign out → the page says “Signed out”', async () => {
    const core = await startRealCore();
    core.plant(PASSPHRASE);
    const pki = await testPki();
    const odoo = await core.startServer({ version: 17, certificate: { key: pki.leafRsa.keyPem, chain: pki.leafRsa.chainPem } });
    const admin = odoo.user('admin');
    await core.call('vault:create', { passphrase: PASSPHRASE, enablePresence: false });
    const e2e = await open(core);
    const { page } = e2e;
    try {
      await page.getByRole('heading', { name: 'Profiles', level: 1 }).waitFor();
      await page.getByRole('button', { name: 'Add profile' }).click();
      await page.getByLabel('Odoo address', { exact: true }).fill(odoo.origin);
      await page.getByLabel('Name for this profile (optional)').fill('Warehouse');
      await page.getByRole('button', { name: 'Check server' }).click();
      await page.getByRole('button', { name: /^Trust and pin \d keys?$/ }).click();
      // A server with one database skips the database step.
      const next = page.getByRole('heading', { name: /^(Which database\?|How do you sign in\?)$/ });
      await next.waitFor();
      if ((await next.textContent()) === 'Which database?') {
        await page.getByRole('radio', { name: odoo.database }).check();
        await page.getByRole('button', { name: 'Continue' }).click();
        await page.getByRole('heading', { name: 'How do you sign in?' }).waitFor();
      }
      // A pasted API key: saving is one quick write, so the answer comes before the list is read again.
      await page.getByRole('radio', { name: /An API key from my Odoo preferences/ }).check();
      await page.getByRole('button', { name: 'Continue' }).click();
      await page.getByLabel('Login', { exact: true }).fill(admin.login);
      await page.getByLabel('API key', { exact: true }).fill(admin.apiKey);
      await page.getByRole('button', { name: 'Test connection' }).click();
      await page.getByRole('heading', { name: 'The connection works — review and save' }).waitFor();

      // Anything the page shows from now on is noted, however briefly.
      await page.evaluate(WATCH_HEADINGS);
      await page.getByRole('button', { name: 'Save profile' }).click();
      await page.getByRole('heading', { name: 'Warehouse', level: 1 }).waitFor();
      // Straight to its page: never "This profile no longer exists" on the way.
      const shown = await page.evaluate<string[]>('window.__shown');
      expect(shown).not.toContain('This profile no longer exists');
      expect(shown.at(-1)).toBe('Warehouse');
      // …with the focus on its main control, ready for Enter.
      await expect.poll(() => focused(page)).toBe('Open in Odoo');
      // Signed in: the header names who (the identity line) and offers to sign out.
      await page.getByTestId('identity').waitFor();
      await bothSchemes(e2e, 'saved-profile-home');

      // Sign out: the page follows main at once — no identity line left in the header.
      await page.getByRole('button', { name: 'Sign out' }).click();
      await page.getByText('Signed out of Odoo.').waitFor();
      await page.getByTestId('identity').waitFor({ state: 'detached' });
      await page.getByRole('button', { name: 'Sign out' }).waitFor({ state: 'detached' });
      // And so does the list.
      await page.getByRole('button', { name: 'Profiles' }).click();
      await page.locator('.profile-card .state').filter({ hasText: 'Signed out' }).waitFor();
      await expectNoCanary(e2e, core.canaries, core.dataDir);
    } finally {
      await e2e.close();
      await core.close();
    }
  }, 120_000);

  it('first run says the minimum first; refusals are said next to the field, the shortcut and the code, and the dialog does not jump', async () => {
    const core = await startRealCore();
    core.plant(PASSPHRASE);
    const pki = await testPki();
    const odoo = await core.startServer({ version: 17, certificate: { key: pki.leafRsa.keyPem, chain: pki.leafRsa.chainPem } });
    const e2e = await open(core);
    const { page } = e2e;
    try {
      // First run: the minimum length is there before anything is typed, and the field names it.
      await page.getByRole('heading', { name: 'Create your vault passphrase' }).waitFor();
      const pass = page.getByLabel('Vault passphrase', { exact: true });
      const minimum = page.getByText('At least 8 characters.', { exact: false });
      await minimum.waitFor();
      expect((await describedNearby(page, 'input[autocomplete="new-password"]', 'At least 8 characters.')).described).toBe(true);
      await bothSchemes(e2e, 'first-run-minimum');
      await pass.fill(PASSPHRASE);
      await page.getByLabel('Type it again', { exact: true }).fill(PASSPHRASE);
      await page.getByRole('button', { name: 'Create vault' }).click();
      await page.getByRole('heading', { name: 'Profiles', level: 1 }).waitFor();

      const probe = await core.call('profiles:probe', { url: odoo.origin });
      const pins = probe.tls!.chain.map((c) => c.pin);
      const base = { url: odoo.origin, database: odoo.database, transport: 'auto' as const, pins, trustSelfSigned: false };
      await core.call('profiles:save', { ...base, label: 'Two-factor', login: 'totp', authMethod: 'password', secret: odoo.user('totp').password });
      const kept = await core.call('profiles:save', { ...base, label: 'Accounting', login: 'admin', authMethod: 'password', secret: odoo.user('admin').password });

      // Settings: a shortcut another application owns. The refusal is right under the
      // recorder, which names it, and the recorder shows the shortcut still in effect.
      await page.getByRole('button', { name: 'Settings' }).click();
      const recorder = page.getByRole('button', { name: /^Quick search shortcut/ });
      await recorder.click();
      await page.keyboard.press('Control+Alt+KeyT');
      await page.getByText('That keyboard shortcut cannot be used.').waitFor();
      const near = await describedNearby(page, 'button.shortcut-recorder', 'That keyboard shortcut cannot be used.');
      expect([near.described, near.announced]).toEqual([true, true]);
      expect(near.gap).toBeGreaterThanOrEqual(0);
      expect(near.gap).toBeLessThan(80);
      expect(await recorder.textContent()).toBe('Ctrl+Shift+Space');
      await page.getByText('Still in effect: Ctrl+Shift+Space.').waitFor();
      await bothSchemes(e2e, 'settings-shortcut-refused');

      // Odoo no longer accepts the kept password: both parts of the page say so, in plain sentences.
      odoo.setPassword('admin', 'changed-in-odoo-Kq27');
      core.plant('changed-in-odoo-Kq27');
      await page.getByRole('button', { name: 'Profiles' }).click();
      await page.getByRole('button', { name: 'Accounting', exact: true }).click();
      await page.locator('.identity [data-error-code="auth_failed"]').waitFor();
      await page.getByText('Your activities could not be loaded either. Odoo did not accept the login or the credential.').waitFor();
      odoo.setPassword('admin', odoo.user('admin').password);
      expect(kept.id).not.toBe('');

      // Two-factor: the code's error takes room kept for it; nothing moves.
      await page.getByRole('button', { name: 'Profiles' }).click();
      await page.getByRole('button', { name: 'Open in Odoo: Two-factor' }).click();
      const dialog = page.getByRole('dialog', { name: 'Two-factor code' });
      await dialog.waitFor();
      const before = await dialog.boundingBox();
      const verify = await dialog.getByRole('button', { name: 'Verify' }).boundingBox();
      await page.keyboard.type('12');
      await page.keyboard.press('Enter');
      await dialog.getByText('Enter the 6 digits shown in your authenticator app.').waitFor();
      expect(await dialog.boundingBox()).toEqual(before);
      expect(await dialog.getByRole('button', { name: 'Verify' }).boundingBox()).toEqual(verify);
      const valid = new Set([-1, 0, 1].map((step) => odoo.totpCode('totp', step)));
      await page.getByLabel('Authentication code').fill(['000000', '111111', '222222', '333333'].find((c) => !valid.has(c))!);
      await page.keyboard.press('Enter');
      await dialog.getByText('That two-factor code was not accepted.').waitFor();
      expect(await dialog.boundingBox()).toEqual(before);
      const code = await describedNearby(page, 'input[autocomplete="one-time-code"]', 'That two-factor code was not accepted.');
      expect([code.described, code.announced]).toEqual([true, true]);
      await bothSchemes(e2e, 'totp-error');
      await page.keyboard.press('Escape');
      await dialog.waitFor({ state: 'detached' });

      // Lock screen: a wrong passphrase is said under the field, which names it.
      await page.getByRole('button', { name: 'Lock now' }).click();
      await page.getByLabel('Vault passphrase', { exact: true }).fill('not-the-passphrase');
      await page.keyboard.press('Enter');
      await page.getByText('That passphrase is not correct.').waitFor();
      const wrong = await describedNearby(page, 'input[autocomplete="current-password"]', 'That passphrase is not correct.');
      expect([wrong.described, wrong.announced]).toEqual([true, true]);
      expect(wrong.gap).toBeLessThan(60);
      await bothSchemes(e2e, 'lock-wrong');
      await expectNoCanary(e2e, core.canaries, core.dataDir);
    } finally {
      await e2e.close();
      await core.close();
    }
  }, 120_000);
  it('"Open in Odoo" says why beside the button that asked: on the profile’s page, in the card; a server that cannot be reached is not asked until Retry', async () => {
    const { core, odoo, probe } = await coreWithOdoo(PASSPHRASE);
    const admin = odoo.user('admin');
    const base = { url: odoo.origin, database: odoo.database, login: admin.login, authMethod: 'password', transport: 'auto', trustSelfSigned: false, secret: admin.password } as const;
    const pins = probe.tls!.chain.map((c) => c.pin);
    await core.call('profiles:save', { ...base, label: 'Depot', pins });
    await core.call('profiles:save', { ...base, label: 'Harbour', pins });
    const e2e = await open(core);
    const { page } = e2e;
    try {
      await page.getByRole('heading', { name: 'Profiles', level: 1 }).waitFor();
      const card = (label: string) => page.locator('.profile-card', { has: page.getByRole('heading', { name: label }) });
      // On a profile's page, signed in, when the system keychain stops answering: the refusal
      // comes right under the actions, above the rest of the page.
      await card('Depot').getByRole('button', { name: 'Depot', exact: true }).click();
      await page.getByTestId('identity').waitFor();
      core.keychain.down = true;
      await page.locator('.page-head').getByRole('button', { name: 'Open in Odoo', exact: true }).click();
      const onPage = page.locator('.home > [role="alert"][data-error-code="keychain_unavailable"]');
      await onPage.waitFor();
      const gap = await page.evaluate(`(() => {
        const head = document.querySelector('.page-head').getBoundingClientRect();
        const notice = document.querySelector('.home > [role="alert"][data-error-code="keychain_unavailable"]').getBoundingClientRect();
        return notice.top - head.bottom;
      })()`);
      expect(gap).toBeGreaterThanOrEqual(0);
      expect(gap).toBeLessThan(48);
      expect(await page.locator('main > [role="alert"]').count()).toBe(0);
      await bothSchemes(e2e, 'open-refused-home');
      await onPage.getByRole('button', { name: 'Dismiss' }).click();
      await onPage.waitFor({ state: 'detached' });
      core.keychain.down = false;
      await odoo.takeDown();

      // From the list: in the card of the profile that was asked for, announced; not in the
      // other card, not at the top.
      await page.getByRole('button', { name: 'Profiles' }).click();
      await card('Harbour').getByRole('button', { name: 'Open in Odoo: Harbour' }).click();
      const refusal = card('Harbour').locator('[role="alert"][data-error-code="network"]');
      await refusal.waitFor();
      expect(await card('Depot').locator('[role="alert"]').count()).toBe(0);
      expect(await page.locator('main > [role="alert"]').count()).toBe(0);
      await bothSchemes(e2e, 'open-refused-card');

      // A page that already says the server cannot be reached asks nothing of it until it can:
      // "Open in Odoo" and quick search are off, and say why.
      await card('Harbour').getByRole('button', { name: 'Harbour', exact: true }).click();
      await page.locator('.identity [data-error-code="network"]').waitFor();
      expect(await page.locator('.page-head').getByRole('button', { name: 'Open in Odoo', exact: true }).isDisabled()).toBe(true);
      expect(await page.getByRole('combobox').isDisabled()).toBe(true);
      await page.getByText('Search is off while the server cannot be reached.').waitFor();
      expect(await page.locator('[data-error-code="network"]').count()).toBe(1);
      // Back up: Retry, and both are on again.
      await odoo.bringUp();
      await page.locator('.identity').getByRole('button', { name: 'Retry' }).click();
      await page.getByTestId('identity').waitFor();
      expect(await page.locator('.page-head').getByRole('button', { name: 'Open in Odoo', exact: true }).isDisabled()).toBe(false);
      expect(await page.getByRole('combobox').isDisabled()).toBe(false);
    } finally {
      await e2e.close();
      await core.close();
    }
  }, 120_000);
});
