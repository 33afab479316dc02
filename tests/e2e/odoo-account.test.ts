// A person with an "Odoo account" profile, in the production build in Chromium on the real
// core: Odoo ends the session, "Open in Odoo" asks for the password only and the window
// opens; an older profile that keeps its password is offered the move and takes it; a
// profile is forgotten on this computer only, another with its key removed in Odoo. After
// each step, no secret (the password, the device key, the session) reached the page.
import { afterAll, describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import type { Profile } from '../../contract/index.js';
import { closeBrowser, openRenderer } from '../support/e2e-harness.js';
import { checkScreen, expectNoCanary } from './support/checks.js';
import { coreWithOdoo } from './support/real-core.js';

afterAll(closeBrowser);

const PASSPHRASE = 'canary-vault-Passphrase-Orchid-Harbour-7';

describe('“Odoo account” profiles', () => {
  it('password prompt on quick-login → migration consent → forget with and without removing the key', async () => {
    const { core, odoo, probe } = await coreWithOdoo(PASSPHRASE);
    const pins = [probe.tls!.chain[0]!.pin, `sha256/${randomBytes(32).toString('base64')}`];
    const base = { url: odoo.origin, database: odoo.database, transport: 'auto' as const, pins, trustSelfSigned: false };
    const demo = odoo.user('demo');
    const admin = odoo.user('admin');
    const account = await core.call('profiles:save', { ...base, label: 'Sales (account)', login: 'demo', authMethod: 'account', secret: demo.password });
    const legacy = await core.call('profiles:save', { ...base, label: 'Old profile', login: 'admin', authMethod: 'password', secret: admin.password });
    const e2e = await openRenderer(core.dispatch, { colorScheme: 'light' });
    const off = core.onEvent((event, payload) => void e2e.emit(event, payload));
    const { page } = e2e;
    const canaries = (): string[] => [...core.canaries, ...odoo.deviceKeys('demo').map((k) => k.key), ...odoo.deviceKeys('admin').map((k) => k.key)];
    try {
      // The vault was created (and so unlocked) just before: the profiles list shows.
      await page.getByRole('heading', { name: 'Profiles', level: 1 }).waitFor();

      // Odoo ends the session; the person clicks "Open in Odoo": one prompt, the password only.
      odoo.expireSessions();
      await page.getByRole('button', { name: 'Sales (account)', exact: true }).click();
      await page.getByRole('heading', { name: 'Sales (account)', level: 1 }).waitFor();
      await page.getByTestId('identity').waitFor(); // still signed in to data: through the device key
      await page.getByRole('button', { name: 'Open in Odoo' }).click();
      const dialog = page.getByRole('dialog', { name: 'Sign in to Odoo' });
      await dialog.waitFor();
      await checkScreen(e2e, 'password-prompt', 'light');
      await dialog.getByLabel('Odoo password').fill('not the password');
      await dialog.getByRole('button', { name: 'Sign in' }).click();
      await dialog.getByText('Odoo did not accept the login or the credential.').waitFor();
      await dialog.getByLabel('Odoo password').fill(demo.password);
      await dialog.getByRole('button', { name: 'Sign in' }).click();
      await expect.poll(() => core.opened.filter((w) => w.profileId === account.id).length).toBe(1);
      await dialog.waitFor({ state: 'detached' });
      await expectNoCanary(e2e, canaries(), core.dataDir);

      // The device key shows on the Security page (its name, never the key).
      await page.getByRole('button', { name: 'Security' }).click();
      await page.getByTestId('device-key').waitFor();
      expect(await page.getByTestId('device-key').textContent()).toMatch(/Odoo Companion — .+ — \d{4}-\d\d-\d\d/);
      await checkScreen(e2e, 'security-account', 'light');

      // Forget on this computer only: the key stays in Odoo, and the dialog said so.
      await page.getByRole('button', { name: 'Forget Sales (account)…' }).click();
      const forget = page.getByRole('dialog', { name: 'Forget Sales (account)?' });
      await forget.getByText(/leaves the key valid in Odoo/).waitFor();
      await checkScreen(e2e, 'forget-account', 'light');
      await forget.getByRole('button', { name: 'Forget on this computer only' }).click();
      await page.getByRole('heading', { name: 'Profiles', level: 1 }).waitFor();
      expect(odoo.deviceKeys('demo')).toHaveLength(1);

      // The old profile keeps its password: after a sign-in, the move is offered in one sentence.
      await page.getByRole('button', { name: 'Old profile', exact: true }).click();
      await page.getByRole('heading', { name: 'Old profile', level: 1 }).waitFor();
      const offer = page.getByTestId('migration-offer');
      await offer.waitFor();
      await checkScreen(e2e, 'migration-offer', 'light');
      await offer.getByRole('button', { name: 'Switch to “Odoo account”' }).click();
      await page.getByText('Done: this computer now has its own key in Odoo, and your password is no longer kept.').waitFor();
      expect(odoo.deviceKeys('admin')).toHaveLength(1);
      const moved = (await core.call('profiles:list', {})).find((p: Profile) => p.id === legacy.id)!;
      expect(moved.authMethod).toBe('account');

      // Forget with the key removed in Odoo too.
      await page.getByRole('button', { name: 'Security' }).click();
      await page.getByRole('button', { name: 'Forget Old profile…' }).click();
      const forget2 = page.getByRole('dialog', { name: 'Forget Old profile?' });
      await forget2.getByLabel('Odoo password (to remove the key in Odoo)').fill(admin.password);
      await forget2.getByRole('button', { name: 'Remove the key in Odoo and forget' }).click();
      await page.getByRole('heading', { name: 'Profiles', level: 1 }).waitFor();
      expect(odoo.deviceKeys('admin')).toHaveLength(0);
      await expectNoCanary(e2e, canaries(), core.dataDir);
    } finally {
      off();
      await e2e.close();
      await core.close();
    }
  });
});
