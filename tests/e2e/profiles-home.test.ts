// A person with many Odoo databases, in the production build in Chromium on the real core
// against the Odoo test server: past six profiles they find one by typing and sort by last
// use, read each card in plain words, and fix the one whose password is gone; on a
// profile's home they read their activities as "12 days overdue" / "in 3 days" with each
// record's kind, open a model's whole list from "more in Odoo", find what they opened
// again under an empty search, and sign in again when Odoo ended the session and no
// credential was left. Screenshots in light and dark, axe on each, the canary sweep.
import { afterAll, describe, expect, it } from 'vitest';
import type { Profile } from '../../contract/index.js';
import { closeBrowser, openRenderer, type E2E } from '../support/e2e-harness.js';
import type { OdooTestServer } from '../support/odoo-server/index.js';
import { checkScreen, expectNoCanary } from './support/checks.js';
import { coreWithOdoo, type RealCore } from './support/real-core.js';

afterAll(closeBrowser);

const PASSPHRASE = 'canary-vault-Passphrase-Heron-Meadow-63';

async function setUp(): Promise<{ core: RealCore; odoo: OdooTestServer; save: (label: string, secret: boolean) => Promise<Profile> }> {
  const { core, odoo, probe } = await coreWithOdoo(PASSPHRASE);
  const pins = probe.tls!.chain.map((c) => c.pin);
  const admin = odoo.user('admin');
  const save = (label: string, secret: boolean) =>
    core.call('profiles:save', {
      label,
      url: odoo.origin,
      database: odoo.database,
      login: admin.login,
      authMethod: 'password',
      transport: 'auto',
      pins,
      trustSelfSigned: false,
      ...(secret ? { secret: admin.password } : {}),
    });
  return { core, odoo, save };
}

async function open(core: RealCore, scheme: 'light' | 'dark'): Promise<E2E> {
  const e2e = await openRenderer(core.dispatch, { colorScheme: scheme });
  core.onEvent((event, payload) => void e2e.emit(event, payload));
  return e2e;
}

describe('profiles list and profile home', () => {
  for (const scheme of ['light', 'dark'] as const) {
    it(`seven profiles: find, sort by last use, plain words, Fix where the password is gone (${scheme})`, async () => {
      const { core, save } = await setUp();
      const labels = ['Gamma payroll', 'Acme production', 'Fjord demo', 'Cedar archive', 'Echo training', 'Beta staging'];
      const saved = new Map<string, Profile>();
      for (const label of labels) saved.set(label, await save(label, label !== 'Cedar archive'));
      // Used today: Echo first, then Beta (the most recent).
      await core.call('odoo:login', { profileId: saved.get('Echo training')!.id });
      await core.call('odoo:login', { profileId: saved.get('Beta staging')!.id });
      const e2e = await open(core, scheme);
      const { page } = e2e;
      const titles = () => page.locator('.profile-card h2').allTextContents();
      try {
        await page.getByRole('heading', { name: 'Profiles', level: 1 }).waitFor();
        await page.getByRole('heading', { name: 'Beta staging' }).waitFor();
        // Six profiles read at a glance: no search field yet.
        expect(await page.getByLabel('Find a profile').count()).toBe(0);

        // Each card says its state in words, with one primary action.
        const beta = page.getByRole('article', { name: 'Beta staging' });
        await beta.getByText('Signed in', { exact: true }).waitFor();
        await beta.getByText('Certificate checked', { exact: true }).waitFor();
        expect(await page.getByText(/Pinned \(/).count()).toBe(0);
        const cedar = page.getByRole('article', { name: 'Cedar archive' });
        await cedar.getByText('Needs your password', { exact: true }).waitFor();
        for (const card of await page.locator('.profile-card').all()) expect(await card.locator('button.primary').count()).toBe(1);
        expect(await cedar.getByRole('button', { name: 'Open in Odoo: Cedar archive' }).count()).toBe(0);
        // Cards side by side are as tall as each other.
        const boxes = await Promise.all((await page.locator('.profile-card').all()).map((c) => c.boundingBox()));
        const rows = new Map<number, number[]>();
        for (const b of boxes) rows.set(Math.round(b!.y), [...(rows.get(Math.round(b!.y)) ?? []), Math.round(b!.height)]);
        for (const heights of rows.values()) expect(new Set(heights).size).toBe(1);

        // A seventh profile arrives: the list offers a search field and a sort.
        await save('Delta test', true);
        const find = page.getByLabel('Find a profile');
        await find.waitFor();
        expect(await titles()).toEqual(['Acme production', 'Beta staging', 'Cedar archive', 'Delta test', 'Echo training', 'Fjord demo', 'Gamma payroll']);
        await checkScreen(e2e, 'profiles-seven', scheme);
        await page.getByLabel('Sort by').selectOption({ label: 'Last used' });
        expect((await titles()).slice(0, 2)).toEqual(['Beta staging', 'Echo training']);
        await find.fill('payroll');
        expect(await titles()).toEqual(['Gamma payroll']);
        await find.fill('nothing like this');
        await page.getByText('No profile matches “nothing like this”.').waitFor();
        await checkScreen(e2e, 'profiles-no-match', scheme);
        await find.fill('');
        expect(await titles()).toHaveLength(7);

        // The card whose password is gone: Fix leads to its edit page, where it is entered again.
        await cedar.getByRole('button', { name: 'Fix Cedar archive' }).click();
        await page.getByRole('heading', { name: 'Edit Cedar archive' }).waitFor();
        // Its password is missing, so the field asks for it (not an optional new one).
        await page.getByLabel('Password', { exact: true }).waitFor();
        await expectNoCanary(e2e, core.canaries, core.dataDir);
      } finally {
        await e2e.close();
        await core.close();
      }
    }, 120_000);

    it(`home: due dates in words, "more in Odoo", recently opened, signing in again after the session ended (${scheme})`, async () => {
      const { core, odoo, save } = await setUp();
      const acme = await save('Acme production', true);
      const e2e = await open(core, scheme);
      const { page } = e2e;
      try {
        await page.getByRole('button', { name: 'Acme production', exact: true }).click();
        await page.getByRole('heading', { name: 'Acme production', level: 1 }).waitFor();
        // Who they are, once, under the server's facts: no second panel repeating them.
        const who = page.getByTestId('identity');
        await who.waitFor();
        expect(await who.textContent()).toBe('Signed in as Mitchell Admin at YourCompany');
        expect(await page.getByText('Database', { exact: true }).count()).toBe(0);

        // Activities: when, counted from today, and each record named with its kind.
        const activities = page.locator('.activities');
        await activities.getByText('12 days overdue').first().waitFor();
        await activities.getByText('in 3 days').first().waitFor();
        await activities.getByText('today', { exact: true }).first().waitFor();
        const records = await activities.locator('.activity__record').allTextContents();
        expect(records.length).toBeGreaterThan(0);
        for (const r of records) expect(r).toMatch(/^(Sales Order S\d{5}|Contact .+)$/);
        await checkScreen(e2e, 'home-activities', scheme);

        // A search with more orders than shown: "more in Odoo" opens the orders list in Odoo.
        const search = page.getByRole('combobox');
        await search.focus();
        await page.keyboard.type('S00');
        const orders = page.getByRole('group', { name: 'Sales orders (more in Odoo)' });
        await orders.waitFor();
        await checkScreen(e2e, 'home-search-more', scheme);
        // By keyboard: down past the six orders shown to the group's last option, then Enter.
        const more = orders.getByRole('option', { name: 'Open the Sales orders list in Odoo' });
        expect(await orders.getByRole('option').count()).toBe(7);
        for (let i = 0; i < 6; i += 1) await page.keyboard.press('ArrowDown');
        expect(await more.getAttribute('aria-selected')).toBe('true');
        await page.keyboard.press('Enter');
        await expect.poll(() => core.opened.at(-1)).toEqual({ profileId: acme.id, url: `${odoo.origin}/web#model=sale.order&view_type=list` });
        await page.getByRole('status').filter({ hasText: 'Opened Sales orders in Odoo.' }).waitFor();

        // Open one order, clear the search: it is there under "Recently opened".
        const first = (await orders.getByRole('option').first().locator('.results__name').textContent())!;
        await orders.getByRole('option').first().click();
        await expect.poll(() => core.opened.at(-1)?.url).toMatch(/\/web#model=sale\.order&id=\d+&view_type=form$/);
        const orderUrl = core.opened.at(-1)!.url;
        await search.focus();
        await page.keyboard.press('Escape');
        const recent = page.getByRole('region', { name: 'Recently opened' });
        await recent.getByRole('button', { name: `${first} Sales Order` }).waitFor();
        await checkScreen(e2e, 'home-recent', scheme);
        const before = core.opened.length;
        await recent.getByRole('button', { name: `${first} Sales Order` }).click();
        await expect.poll(() => core.opened.length).toBe(before + 1);
        expect(core.opened.at(-1)!.url).toBe(orderUrl);

        // While the app is locked, Odoo ends the session and the password leaves the keyring
        // (the person deleted it there): after unlocking, one state — the session ended — and
        // its only step is to sign in.
        await page.getByRole('button', { name: 'Lock now' }).click();
        await core.deleteKeychainItem(acme.id, 'password');
        odoo.expireSessions();
        await page.getByLabel('Vault passphrase', { exact: true }).fill(PASSPHRASE);
        await page.getByRole('button', { name: 'Unlock', exact: true }).click();
        // Back on the profile's page, where the lock found the person.
        await page.getByRole('heading', { name: 'Acme production', level: 1 }).waitFor();
        // Recently opened records went with the lock.
        expect(await core.call('odoo:recent', { profileId: acme.id })).toEqual([]);
        const ended = page.locator('.identity [data-error-code="session_expired"]');
        await ended.waitFor();
        await activities.getByText(/^Your activities could not be loaded either\./).waitFor();
        expect(await page.getByTestId('identity').count()).toBe(0);
        expect(await page.getByText(/Signed in as|Signed out/).count()).toBe(0);
        expect(await page.getByRole('button', { name: 'Retry' }).count()).toBe(0);
        await checkScreen(e2e, 'home-session-ended', scheme);
        await ended.getByRole('button', { name: 'Sign in' }).click();
        const dialog = page.getByRole('dialog', { name: 'Sign in to Odoo' });
        await dialog.getByLabel('Odoo password').fill(odoo.user('admin').password);
        await dialog.getByRole('button', { name: 'Sign in' }).click();
        await dialog.waitFor({ state: 'detached' });
        await who.waitFor();
        expect(await who.textContent()).toBe('Signed in as Mitchell Admin at YourCompany');
        await activities.locator('.activity-group').first().waitFor();
        expect(await ended.count()).toBe(0);

        // Signing out shows that one state too: no "Signed in as" left beside it.
        await page.getByRole('button', { name: 'Sign out' }).click();
        await page.getByText('Signed out of Odoo. The saved credential stays in your keychain.').waitFor();
        expect(await page.getByTestId('identity').count()).toBe(0);
        expect(await page.getByRole('button', { name: 'Sign out' }).count()).toBe(0);
        await expectNoCanary(e2e, core.canaries, core.dataDir);
      } finally {
        await e2e.close();
        await core.close();
      }
    }, 120_000);
  }
});
