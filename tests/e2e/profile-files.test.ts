// Profiles IT hands out and the policy IT sets, followed as a person does it, on the real
// core against an Odoo test server. Export two profiles (main's save dialog gets a file
// with no secret in it), forget one, import the file: the preview shows what it holds,
// a copy whose pins do not match the live server is refused in plain words and nothing is
// saved, the real file brings the profile back asking for its credentials; a hostile file
// is refused with a clear message and changes nothing. Then a core started with an
// administrator's policy: the settings it fixes are disabled, with the value and why.
import { afterAll, describe, expect, it } from 'vitest';
import type { Profile } from '../../contract/index.js';
import { randomPin } from '../support/core-harness.js';
import { closeBrowser, openRenderer, type E2E } from '../support/e2e-harness.js';
import type { OdooTestServer } from '../support/odoo-server/index.js';
import { checkScreen, expectNoCanary } from './support/checks.js';
import { startRealCore, type RealCore } from './support/real-core.js';

afterAll(closeBrowser);

const PASSPHRASE = 'canary-vault-Passphrase-Harbour-Lattice-63';

async function saveProfile(core: RealCore, server: OdooTestServer, label: string, login: string, environment?: Profile['environment']): Promise<Profile> {
  const probe = await core.call('profiles:probe', { url: server.origin });
  return core.call('profiles:save', {
    label,
    url: server.origin,
    database: server.database,
    login,
    authMethod: 'api-key',
    transport: 'auto',
    pins: probe.tls?.chain.map((c) => c.pin) ?? [],
    trustSelfSigned: probe.tls !== null && !probe.tls.trustedByOs,
    secret: server.user(login).apiKey,
    ...(environment === undefined ? {} : { environment }),
  });
}

async function openUnlocked(core: RealCore, scheme: 'light' | 'dark'): Promise<{ e2e: E2E; off: () => void }> {
  const e2e = await openRenderer(core.dispatch, { colorScheme: scheme });
  const off = core.onEvent((event, payload) => void e2e.emit(event, payload));
  await e2e.page.getByLabel('Vault passphrase', { exact: true }).fill(PASSPHRASE);
  await e2e.page.keyboard.press('Enter');
  await e2e.page.getByRole('heading', { name: 'Profiles', level: 1 }).waitFor();
  return { e2e, off };
}

const asFile = (name: string, text: string) => ({ name, mimeType: 'application/json', buffer: Buffer.from(text, 'utf8') });

describe('profile files', () => {
  for (const scheme of ['light', 'dark'] as const) {
    it(`export two, forget one, import it back asking for credentials; a tampered and a hostile file change nothing (${scheme})`, async () => {
      const core = await startRealCore();
      core.plant(PASSPHRASE);
      const server = await core.startServer({ version: 17 });
      await core.call('vault:create', { passphrase: PASSPHRASE, enablePresence: false });
      await saveProfile(core, server, 'Acme production', 'demo', { kind: 'production', colour: 'red' });
      await saveProfile(core, server, 'Acme admin', 'admin', { kind: 'staging', colour: 'purple' });
      core.harness.core.lock('quit');
      const { e2e, off } = await openUnlocked(core, scheme);
      const { page } = e2e;
      const listed = async () => (await core.call('profiles:list', {})).map((p) => p.label).sort();
      try {
        // Export both: main's save dialog receives the file; it holds no secret.
        await page.getByRole('button', { name: 'Profile files' }).click();
        await page.getByRole('heading', { name: 'Profile files', level: 1 }).waitFor();
        await page.getByRole('checkbox', { name: /Acme production/ }).check();
        await page.getByRole('checkbox', { name: /Acme admin/ }).check();
        await page.getByRole('button', { name: 'Export 2 profiles' }).click();
        await page.getByText('2 profiles saved to the file.').waitFor();
        const exported = core.savedFiles.at(-1)!.text;
        for (const canary of core.canaries) expect(exported.includes(canary), 'canary in the exported file').toBe(false);
        await checkScreen(e2e, 'profile-files-export', scheme);

        // Forget "Acme admin" the usual way (Security page, confirmed).
        await page.getByRole('button', { name: 'Back to profiles' }).click();
        await page.getByRole('button', { name: 'Security: Acme admin' }).click();
        await page.getByRole('button', { name: 'Forget Acme admin…' }).click();
        await page.getByRole('dialog').getByRole('button', { name: 'Forget Acme admin' }).click();
        await page.getByRole('heading', { name: 'Profiles', level: 1 }).waitFor();
        expect(await listed()).toEqual(['Acme production']);

        // A copy whose pins name another key: previewed, then refused in plain words, nothing saved.
        await page.getByRole('button', { name: 'Profile files' }).click();
        const file = JSON.parse(exported) as { profiles: { label: string; pins: string[] }[] };
        const tampered = { ...file, profiles: file.profiles.map((p) => (p.label === 'Acme admin' ? { ...p, pins: [randomPin(), randomPin()] } : p)) };
        const picker = page.getByLabel('Profile file', { exact: true });
        await picker.setInputFiles(asFile('tampered.json', JSON.stringify(tampered)));
        const entry = (label: string) => page.getByTestId('import-entry').filter({ has: page.getByRole('heading', { name: label }) });
        await entry('Acme production').getByText('You already have this profile.').waitFor();
        await entry('Acme admin').getByRole('button', { name: 'Check the server and add Acme admin' }).click();
        await entry('Acme admin').getByText('Not added: The server presented a different certificate than the one saved for this profile.').waitFor();
        expect(await listed()).toEqual(['Acme production']);
        await checkScreen(e2e, 'profile-files-refused', scheme);

        // A hostile file: a clear message, nothing changed.
        await picker.setInputFiles(asFile('hostile.json', '{"format":"odoo-companion-profiles","version":1,"profiles":[{"__proto__":{"admin":true}}]}'));
        await page.getByText('This is not a profile file the app can read. Nothing was changed.').waitFor();
        expect(await page.getByTestId('import-entry').count()).toBe(0);
        expect(await listed()).toEqual(['Acme production']);
        await checkScreen(e2e, 'profile-files-hostile', scheme);

        // The real file: the preview shows what it holds; confirmed, the profile is back and asks for credentials.
        await picker.setInputFiles(asFile('acme.json', exported));
        const admin = entry('Acme admin');
        await admin.getByText(server.origin).waitFor();
        await admin.getByText('API key', { exact: true }).waitFor();
        await admin.getByTestId('env-chip').filter({ hasText: 'STAGING' }).waitFor();
        await checkScreen(e2e, 'profile-files-preview', scheme);
        await admin.getByRole('button', { name: 'Check the server and add Acme admin' }).click();
        await admin.getByText('Acme admin was added.').waitFor();
        expect(await listed()).toEqual(['Acme admin', 'Acme production']);
        await admin.getByRole('button', { name: 'Give your credentials' }).click();
        await page.getByRole('heading', { name: 'Edit Acme admin', level: 1 }).waitFor();
        await page.getByRole('button', { name: 'Profiles', exact: true }).click();
        const card = page.getByRole('article', { name: 'Acme admin' });
        await card.getByText('Needs its API key').waitFor();
        await card.getByRole('button', { name: /^Fix/ }).waitFor();
        await card.getByTestId('env-chip').filter({ hasText: 'STAGING' }).waitFor();

        await expectNoCanary(e2e, core.canaries, core.dataDir);
      } finally {
        off();
        await e2e.close();
        await core.close();
      }
    });
  }
});

describe("the administrator's policy", () => {
  for (const scheme of ['light', 'dark'] as const) {
    it(`settings it fixes are disabled with the value and why; presence unlock is off (${scheme})`, async () => {
      const policy = { version: 1, limits: { maxAutoLockMinutes: 10, lockOnSuspend: true, signInMethods: ['api-key'], presenceUnlock: 'disabled' } };
      const core = await startRealCore({ presence: true, policy: JSON.stringify(policy) });
      core.plant(PASSPHRASE);
      await core.call('vault:create', { passphrase: PASSPHRASE, enablePresence: false });
      core.harness.core.lock('quit');
      const { e2e, off } = await openUnlocked(core, scheme);
      const { page } = e2e;
      try {
        await page.getByRole('button', { name: 'Settings' }).click();
        const autoLock = page.getByLabel('Lock after this much inactivity');
        await autoLock.waitFor();
        expect(await autoLock.isDisabled()).toBe(true);
        expect(await autoLock.getAttribute('aria-describedby')).not.toBeNull();
        await page.getByTestId('policy-autoLockMinutes').filter({ hasText: 'Set by your administrator. At most: 10 minutes.' }).waitFor();
        const sleep = page.getByLabel('Lock when the computer sleeps');
        expect([await sleep.isDisabled(), await sleep.isChecked()]).toEqual([true, true]);
        await page.getByTestId('policy-lockOnSuspend').filter({ hasText: 'Set by your administrator. Value: on.' }).waitFor();
        // Not fixed by this policy: still the person's to change.
        expect(await page.getByLabel('Lock when the screen locks').isDisabled()).toBe(false);
        await page.getByText('Unlocking with your fingerprint or face is turned off by your administrator.').waitFor();
        await checkScreen(e2e, 'policy-settings', scheme);
        await expectNoCanary(e2e, core.canaries, core.dataDir);
      } finally {
        off();
        await e2e.close();
        await core.close();
      }
    });
  }
});
