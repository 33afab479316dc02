// Every main screen in French (the OS language) and in Arabic (the language setting, right
// to left), screenshots for a person to look at, an axe scan of each (0 serious or
// critical), and a pseudo-locale run (long, accented text) that fails on any clipped or
// overflowing text. Selectors here never depend on English: they are roles, ids and the
// catalogue's own sentences.
import { afterAll, describe, expect, it } from 'vitest';
import ar from '../../i18n/ar.json';
import fr from '../../i18n/fr.json';
import type { Profile } from '../../contract/index.js';
import { axeViolations, closeBrowser, openRenderer, type E2E } from '../support/e2e-harness.js';
import type { OdooTestServer } from '../support/odoo-server/index.js';
import { pinOf, startRealCore, testPki, type RealCore } from './support/real-core.js';

afterAll(closeBrowser);

const PASSPHRASE = 'canary-vault-Passphrase-Quartz-Lantern-42';

type Catalogue = Record<string, string>;
interface Run {
  name: 'fr' | 'ar' | 'pseudo';
  /** How the language is chosen: the OS's languages, or the setting. */
  systemLanguages: string[];
  setting: 'ar' | null;
  messages: Catalogue | null;
}

const RUNS: Run[] = [
  { name: 'fr', systemLanguages: ['fr-FR', 'en-US'], setting: null, messages: fr },
  { name: 'ar', systemLanguages: ['de-DE'], setting: 'ar', messages: ar },
  { name: 'pseudo', systemLanguages: ['en-XA'], setting: null, messages: null },
];

/**
 * Runs in the page: every visible element whose own text is wider or taller than its box
 * where the box clips (overflow other than visible), or wider than its box at all; and the
 * page itself scrolling sideways. Each is reported with its text.
 */
const OVERFLOW_PROBE = `(() => {
  const out = [];
  if (document.documentElement.scrollWidth > window.innerWidth + 1) out.push('page scrolls sideways: ' + document.documentElement.scrollWidth);
  for (const el of document.querySelectorAll('body *')) {
    const own = [...el.childNodes].filter((n) => n.nodeType === 3).map((n) => n.textContent.trim()).join(' ').trim();
    if (own === '' || el.getClientRects().length === 0) continue;
    const style = getComputedStyle(el);
    if (style.visibility === 'hidden' || el.closest('.visually-hidden, [hidden]')) continue;
    if (el.clientWidth === 0) continue;
    const wide = el.scrollWidth > el.clientWidth + 1;
    const clips = style.overflowX !== 'visible' || style.overflowY !== 'visible' || style.textOverflow === 'ellipsis';
    const tall = clips && el.scrollHeight > el.clientHeight + 1 && el.tagName !== 'SELECT';
    if (wide || tall) out.push(el.tagName.toLowerCase() + '.' + el.className + ': ' + own.slice(0, 60));
  }
  return out;
})()`;

async function check(e2e: E2E, run: Run, screen: string): Promise<void> {
  await e2e.screenshot(`lang-${run.name}-${screen}-light`);
  const serious = (await axeViolations(e2e.page)).filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(serious, `axe on ${screen} (${run.name})`).toEqual([]);
  if (run.name === 'pseudo') expect(await e2e.page.evaluate<string[]>(OVERFLOW_PROBE), `clipped or overflowing text on ${screen}`).toEqual([]);
}

/** The sentence the person must see: the catalogue's, or (pseudo) a bracketed, accented one. */
function text(run: Run, key: string): string | RegExp {
  return run.messages === null ? /^\[.+\]$/ : run.messages[key]!;
}

async function saveProfile(core: RealCore, server: OdooTestServer, label: string, backupPin: string): Promise<Profile> {
  const probe = await core.call('profiles:probe', { url: server.origin });
  const presented = probe.tls?.chain.map((c) => c.pin) ?? [];
  return core.call('profiles:save', {
    label,
    url: server.origin,
    database: server.database,
    login: 'admin',
    authMethod: 'password',
    transport: 'auto',
    pins: [presented[0]!, backupPin],
    trustSelfSigned: false,
    secret: server.user('admin').password,
  });
}

describe('languages', () => {
  for (const run of RUNS) {
    it(`every main screen in ${run.name}`, async () => {
      const pki = await testPki();
      // First run, in the OS language (the setting cannot be changed before a vault exists).
      const fresh = await startRealCore({ systemLanguages: run.setting === null ? run.systemLanguages : ['ar-EG'] });
      const first = await openRenderer(fresh.dispatch);
      try {
        await first.page.locator('#first-run-title').waitFor();
        expect(await first.page.locator('#first-run-title').textContent()).toMatch(text(run, 'firstRun.title'));
        await check(first, run, 'first-run');
      } finally {
        await first.close();
        await fresh.close();
      }

      const core = await startRealCore({ systemLanguages: run.systemLanguages });
      core.plant(PASSPHRASE);
      const server = await core.startServer({ version: 17, certificate: { key: pki.leafRsa.keyPem, chain: pki.leafRsa.chainPem } });
      await core.call('vault:create', { passphrase: PASSPHRASE, enablePresence: false });
      if (run.setting !== null) await core.call('settings:update', { language: run.setting });
      const acme = await saveProfile(core, server, 'Acme production', await pinOf(pki.leafBackup.certPem));
      await core.call('odoo:login', { profileId: acme.id });
      core.harness.core.lock('quit');

      const e2e = await openRenderer(core.dispatch);
      core.onEvent((event, payload) => void e2e.emit(event, payload));
      const { page } = e2e;
      try {
        // Lock screen, and its reset dialog.
        await page.locator('#lock-title').waitFor();
        if (run.name === 'pseudo') {
          // The probe catches clipping: a box too narrow for its text is reported, then removed.
          const seen = await page.evaluate<string[]>(
            `(() => { const d = document.createElement('div'); d.id = 'probe-check'; d.style.cssText = 'width:40px;overflow:hidden;white-space:nowrap'; d.textContent = 'Text much wider than its box'; document.body.append(d); const r = ${OVERFLOW_PROBE}; d.remove(); return r; })()`,
          );
          expect(seen).toEqual(['div.: Text much wider than its box']);
        }
        expect(await page.locator('#lock-title').textContent()).toMatch(text(run, 'lock.title'));
        const html = await page.evaluate<{ lang: string; dir: string }>(`({ lang: document.documentElement.lang, dir: document.documentElement.dir })`);
        expect(html).toEqual({ lang: run.name === 'pseudo' ? 'en-XA' : run.name, dir: run.name === 'ar' ? 'rtl' : 'ltr' });
        await check(e2e, run, 'lock');
        await page.locator('button.link').click();
        await page.getByRole('dialog').waitFor();
        await check(e2e, run, 'reset-dialog');
        await page.keyboard.press('Escape');
        await page.getByRole('dialog').waitFor({ state: 'detached' });
        // A wrong passphrase: the error and the attempt count, in the language.
        await page.locator('input[type=password]').fill('not-the-passphrase');
        await page.keyboard.press('Enter');
        await page.locator('[data-error-code=wrong_passphrase]').waitFor();
        expect(await page.locator('[data-error-code=wrong_passphrase] .notice__title').textContent()).toMatch(text(run, 'error.wrong_passphrase.title'));
        await check(e2e, run, 'lock-wrong');
        await page.locator('input[type=password]').fill(PASSPHRASE);
        await page.keyboard.press('Enter');

        // Profiles.
        await page.locator('#profiles-title').waitFor();
        expect(await page.locator('#profiles-title').textContent()).toMatch(text(run, 'nav.profiles'));
        await check(e2e, run, 'profiles');

        // Home: identity, activities, quick search with results.
        await page.locator('.title-link').first().click();
        await page.getByTestId('identity').waitFor();
        await page.locator('.activity-group').first().waitFor();
        await page.getByRole('combobox').fill('azure');
        await page.getByRole('option').first().waitFor();
        if (run.name !== 'pseudo') {
          // Odoo's user works in English: the app offers it, and "not now" puts the offer away.
          const offer = page.getByTestId('language-offer');
          await offer.waitFor();
          expect(await offer.textContent()).toContain(run.name === 'fr' ? 'anglais' : 'الإنجليزية');
        }
        await check(e2e, run, 'home-search');
        if (run.name !== 'pseudo') {
          await page.getByTestId('language-offer').locator('button').nth(1).click();
          await page.getByTestId('language-offer').waitFor({ state: 'detached' });
        }
        if (run.name === 'ar') {
          // Mirrored: the page reads from the right; the lock button sits at the start (right)
          // of the top bar's far end, i.e. on the left; fingerprints and addresses stay LTR.
          const box = await page.locator('.lock-button').boundingBox();
          expect(box!.x).toBeLessThan(200);
        }

        // Settings.
        await page.locator('.nav__item').nth(1).click();
        await page.locator('#settings-title').waitFor();
        expect(await page.locator('#settings-title').textContent()).toMatch(text(run, 'nav.settings'));
        await check(e2e, run, 'settings');

        // Security page with the certificate presented now.
        await page.locator('.nav__item').nth(0).click();
        await page.locator('.profile-card .actions button').nth(2).click();
        await page.locator('#security-title').waitFor();
        // The certificates are folded under their one-line summary: unfold them.
        await page.locator('.cert-summary summary').click();
        await page.locator('.cert').first().waitFor();
        if (run.name === 'ar') {
          const directions = await page.evaluate<string[]>(`[...document.querySelectorAll('.fingerprint')].map((el) => getComputedStyle(el).direction)`);
          expect(new Set(directions)).toEqual(new Set(['ltr']));
        }
        await check(e2e, run, 'security');

        // Wizard: an address refused (error notice), then the certificate step.
        await page.locator('.nav__item').nth(0).click();
        await page.locator('.page-head .primary').click();
        await page.locator('input[type=url]').fill('http://example.com');
        await page.locator('input[type=url]').press('Enter');
        await page.locator('[data-error-code=insecure_url]').waitFor();
        await check(e2e, run, 'wizard-error');
        await page.locator('input[type=url]').fill(server.origin);
        await page.locator('input[type=url]').press('Enter');
        // A certificate the system trusts: its chain is folded away, and opened here to be seen.
        await page.locator('.wizard details summary').click();
        await page.locator('.cert').first().waitFor();
        await check(e2e, run, 'wizard-certificate');

        if (run.name === 'fr') {
          // Accepting the offer switches every screen to Odoo's language and keeps it as the setting.
          await page.locator('.nav__item').nth(0).click();
          await page.locator('.title-link').first().click();
          await page.getByTestId('language-offer').locator('button').first().click();
          await page.locator('html[lang=en]').waitFor({ state: 'attached' });
          await page.getByRole('button', { name: 'Open in Odoo', exact: true }).waitFor();
          expect((await core.call('settings:get', {})).language).toBe('en');
        }
      } finally {
        await e2e.close();
        await core.close();
      }
    }, 120_000);
  }
});
