// "All my Odoos at once", followed as a person does it, on the real core against three
// Odoo test servers (one answers with a proxy's 502 page): the environment labels on the
// profile cards, the global shortcut landing in All profiles with the search focused, a
// search grouped by profile (with labels) then model, the failing profile saying why, the
// activities of every profile merged by due date, Done with a feedback line (the row
// leaves; the server has the activity done with the note) and "Tomorrow" (the row moves
// to Upcoming). Then what main does with the same profiles: the Odoo window's title and
// band for a labelled profile, and the tray's menu with its overdue counts, both through
// the core's own functions main/app uses. Light and dark, axe, the canary sweep.
import { afterAll, describe, expect, it } from 'vitest';
import type { Profile } from '../../contract/index.js';
import { watchOverdueCounts } from '../../main/app/tray-counts.js';
import { environmentBandCss, environmentMark, withEnvironmentTag } from '../../main/core/shell/environment-label.js';
import { trayMenuTemplate } from '../../main/core/shell/tray-menu.js';
import { closeBrowser, openRenderer, type E2E } from '../support/e2e-harness.js';
import { FakeClock } from '../support/fakes.js';
import type { OdooTestServer } from '../support/odoo-server/index.js';
import { checkScreen, expectNoCanary } from './support/checks.js';
import { startRealCore, type RealCore } from './support/real-core.js';

afterAll(closeBrowser);

const PASSPHRASE = 'canary-vault-Passphrase-Juniper-Beacon-17';

async function saveProfile(core: RealCore, server: OdooTestServer, label: string, environment?: Profile['environment']): Promise<Profile> {
  const probe = await core.call('profiles:probe', { url: server.origin });
  return core.call('profiles:save', {
    label,
    url: server.origin,
    database: server.database,
    login: 'demo',
    authMethod: 'api-key',
    transport: 'auto',
    pins: probe.tls?.chain.map((c) => c.pin) ?? [],
    trustSelfSigned: probe.tls !== null && !probe.tls.trustedByOs,
    secret: server.user('demo').apiKey,
    ...(environment === undefined ? {} : { environment }),
  });
}

describe('all profiles at once', () => {
  for (const scheme of ['light', 'dark'] as const) {
    it(`labels, the shortcut, grouped search, merged activities, Done and Tomorrow, window title and tray counts (${scheme})`, async () => {
      const core = await startRealCore();
      core.plant(PASSPHRASE);
      const [prodServer, stagingServer, testServer] = await Promise.all([core.startServer({ version: 17 }), core.startServer({ version: 17 }), core.startServer({ version: 17 })]);
      await core.call('vault:create', { passphrase: PASSPHRASE, enablePresence: false });
      const prod = await saveProfile(core, prodServer!, 'Acme production', { kind: 'production', colour: 'red' });
      const staging = await saveProfile(core, stagingServer!, 'Acme staging', { kind: 'custom', text: 'Training', colour: 'yellow' });
      await saveProfile(core, testServer!, 'Acme test');
      core.harness.core.lock('quit');

      const e2e: E2E = await openRenderer(core.dispatch, { colorScheme: scheme });
      const off = core.onEvent((event, payload) => void e2e.emit(event, payload));
      const { page } = e2e;
      try {
        await page.getByLabel('Vault passphrase', { exact: true }).fill(PASSPHRASE);
        await page.keyboard.press('Enter');
        await page.getByRole('heading', { name: 'Profiles', level: 1 }).waitFor();

        // The person labels the test copy in its Edit form (the kind brings its usual colour).
        const card = (label: string) => page.getByRole('article', { name: label });
        expect(await card('Acme test').getByTestId('env-chip').count()).toBe(0);
        await page.getByRole('button', { name: 'Edit: Acme test' }).click();
        await page.getByLabel('Environment', { exact: true }).selectOption({ label: 'Test' });
        expect(await page.getByLabel('Colour', { exact: true }).inputValue()).toBe('green');
        await checkScreen(e2e, 'all-profiles-edit-label', scheme);
        await page.getByRole('button', { name: 'Save', exact: true }).click();
        await page.getByRole('heading', { name: 'Acme test', level: 1 }).waitFor();
        expect((await core.call('profiles:list', {})).find((p) => p.label === 'Acme test')?.environment).toEqual({ kind: 'test', colour: 'green' });
        await page.getByRole('button', { name: 'Profiles', exact: true }).click();
        // From here on, the test copy's proxy answers every request with its own HTML error page.
        testServer!.setFault({ kind: 'html-502' });

        // Each card carries its environment label.
        await card('Acme production').getByTestId('env-chip').filter({ hasText: 'PRODUCTION' }).waitFor();
        await card('Acme staging').getByTestId('env-chip').filter({ hasText: 'TRAINING' }).waitFor();
        await card('Acme test').getByTestId('env-chip').filter({ hasText: 'TEST' }).waitFor();
        await checkScreen(e2e, 'all-profiles-cards', scheme);

        // From the profiles list, and back.
        await page.getByRole('button', { name: 'All my Odoos' }).click();
        await page.getByRole('heading', { name: 'All profiles', level: 1 }).waitFor();
        await page.getByRole('button', { name: 'Back to profiles' }).click();
        await page.getByRole('heading', { name: 'Profiles', level: 1 }).waitFor();

        // The global shortcut: main sends ui:navigate; All profiles opens with its search focused.
        await e2e.emit('ui:navigate', { to: 'all-profiles-search' });
        await page.getByRole('heading', { name: 'All profiles', level: 1 }).waitFor();
        const search = page.getByLabel('Search all profiles at once');
        await search.waitFor();
        expect(await search.evaluate((el) => el === (globalThis as unknown as { document: { activeElement: unknown } }).document.activeElement)).toBe(true);
        await page.keyboard.type('Azure');

        // Grouped by profile (with its label), then by model; the failing one says why.
        const group = (label: string) => page.getByTestId('all-search-profile').filter({ has: page.getByRole('heading', { name: label, level: 3 }) });
        await group('Acme production').getByRole('heading', { name: 'Contacts', level: 4 }).waitFor();
        await group('Acme staging').getByRole('heading', { name: 'Contacts', level: 4 }).waitFor();
        await group('Acme production').getByTestId('env-chip').filter({ hasText: 'PRODUCTION' }).waitFor();
        await group('Acme staging').getByTestId('env-chip').filter({ hasText: 'TRAINING' }).waitFor();
        const failure = group('Acme test').getByText(/^Acme test did not answer: /);
        await failure.waitFor();
        const code = await group('Acme test').locator('[data-error-code]').getAttribute('data-error-code');
        expect(code === null || code === 'internal').toBe(false);

        // Activities: every healthy profile's, merged and in date order, each labelled with its profile.
        const overdue = page.getByRole('list', { name: /^Overdue/ });
        const rows = overdue.getByTestId('all-activity');
        await rows.first().waitFor();
        expect(await rows.count()).toBe(6);
        const fromProd = rows.filter({ hasText: 'in Acme production' });
        const fromStaging = rows.filter({ hasText: 'in Acme staging' });
        expect([await fromProd.count(), await fromStaging.count()]).toEqual([3, 3]);
        await page.getByText('Acme test did not answer:', { exact: false }).nth(1).waitFor();
        await checkScreen(e2e, 'all-profiles-home', scheme);

        // Done, with a feedback line: the row leaves and the server has it done with the note.
        const first = fromProd.first();
        const summary = (await first.locator('.activity__summary').textContent()) ?? '';
        await first.getByRole('button', { name: `Mark “${summary}” done` }).click();
        await first.getByLabel('Feedback (optional)').fill('Called, all settled');
        await checkScreen(e2e, 'all-profiles-done', scheme);
        await first.getByRole('button', { name: 'Mark as done' }).click();
        await page.getByRole('status').filter({ hasText: `“${summary}” marked done.` }).waitFor();
        expect(await rows.filter({ hasText: 'in Acme production' }).count()).toBe(2);
        expect(prodServer!.registry.data.doneActivities.at(-1)).toMatchObject({ feedback: 'Called, all settled' });

        // Reschedule to tomorrow: the row moves from Overdue to Upcoming, without a reload.
        const next = rows.filter({ hasText: 'in Acme staging' }).first();
        const moving = (await next.locator('.activity__summary').textContent()) ?? '';
        await next.getByRole('button', { name: `Reschedule “${moving}”` }).first().click();
        await next.getByRole('button', { name: 'Tomorrow' }).click();
        const upcoming = page.getByRole('list', { name: /^Upcoming/ });
        await upcoming.getByTestId('all-activity').filter({ hasText: moving }).filter({ hasText: 'in Acme staging' }).waitFor();
        expect(await rows.filter({ hasText: 'in Acme staging' }).count()).toBe(2);
        await checkScreen(e2e, 'all-profiles-moved', scheme);

        // Odoo refuses (the person may not change activities there): Odoo's words next to that activity; it stays.
        const activityModel = prodServer!.registry.data.models.get('mail.activity')!;
        activityModel.adminWriteOnly = { group: 'Administration/Settings' };
        const refused = rows.filter({ hasText: 'in Acme production' }).first();
        const refusedName = (await refused.locator('.activity__summary').textContent()) ?? '';
        await refused.getByRole('button', { name: `Reschedule “${refusedName}”` }).first().click();
        await refused.getByRole('button', { name: 'Next week' }).click();
        await refused.getByText(/^You are not allowed to modify 'Activity' \(mail\.activity\) records/).waitFor();
        expect(await rows.filter({ hasText: 'in Acme production' }).count()).toBe(2);
        await checkScreen(e2e, 'all-profiles-refused', scheme);
        delete activityModel.adminWriteOnly;

        // Opening a result: main's Odoo window for a labelled profile has the tag in its title and the band.
        await search.focus();
        await page.keyboard.press('Enter');
        await expect.poll(() => core.harness.shell.opened.length).toBeGreaterThan(0);
        const request = core.harness.shell.opened.at(-1)!;
        expect(request.profileId).toBe(prod.id);
        expect(withEnvironmentTag(request.title, request.environment ?? null)).toBe('[PRODUCTION] Acme production');
        expect(environmentBandCss(request.environment!.colour)).toContain('#c62828');

        // The tray: main/app's refresh of the overdue counts and the core's tray menu model.
        const counts = watchOverdueCounts({ core: core.harness.core, clock: new FakeClock(Date.now()), onError: (where, e) => { throw new Error(`${where}: ${String(e)}`); } });
        await new Promise<void>((resolve) => counts.onChange(resolve));
        const profiles = core.harness.core.profileMenu().map((p) => ({ id: p.id, label: p.label, environment: environmentMark(p.environment), overdue: counts.counts().get(p.id) ?? null }));
        counts.dispose();
        const labels = trayMenuTemplate({ state: 'unlocked', profiles, quickSearchShortcut: null }).map((i) => i.label);
        expect(labels).toContain('[PRODUCTION] Acme production — 2 overdue');
        expect(labels).toContain('[TRAINING] Acme staging — 2 overdue');
        expect(labels).toContain('[TEST] Acme test');
        expect(staging.environment).toEqual({ kind: 'custom', text: 'Training', colour: 'yellow' });

        // The shortcut pressed while locked (the person was on Profiles): the lock screen first,
        // then All profiles with its search focused — not back on Profiles.
        await page.getByRole('button', { name: 'Profiles', exact: true }).click();
        await page.getByRole('heading', { name: 'Profiles', level: 1 }).waitFor();
        await page.getByRole('button', { name: 'Lock now' }).click();
        await e2e.emit('ui:navigate', { to: 'all-profiles-search' });
        await page.getByLabel('Vault passphrase', { exact: true }).fill(PASSPHRASE);
        await page.getByRole('button', { name: 'Unlock', exact: true }).click();
        await page.getByRole('heading', { name: 'All profiles', level: 1 }).waitFor();
        await expect.poll(() => search.evaluate((el) => el === (globalThis as unknown as { document: { activeElement: unknown } }).document.activeElement)).toBe(true);

        await expectNoCanary(e2e, core.canaries, core.dataDir);
      } finally {
        off();
        await e2e.close();
        await core.close();
      }
    });
  }
});
