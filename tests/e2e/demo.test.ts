// `npm run demo` as a newcomer meets it: the one-time link opens the production renderer
// with the app's CSP, the band on every screen, the first-run screen, then three ready
// profiles (Odoo account, two-factor, JWT) that work against the bundled Odoo test server.
// Screenshots go to test-results/e2e/demo-*.png.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoCore, type DemoCore } from '../../scripts/demo/demo-core.js';
import { bundlePageBridge, serveDemo, type DemoServer } from '../../scripts/demo/demo-server.js';
import { RENDERER_CSP } from '../../main/core/shell/window-policy.js';
import { launchChromium } from '../support/chromium.js';
import { rendererDist, resultsDir } from '../support/e2e-harness.js';

let core: DemoCore;
let server: DemoServer;
let browser: Browser;
const said: string[] = [];

beforeAll(async () => {
  core = await startDemoCore({ say: (line) => said.push(line) });
  server = await serveDemo(core, rendererDist, await bundlePageBridge());
  browser = await launchChromium();
  mkdirSync(resultsDir, { recursive: true });
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await core?.close();
});

describe('the demo', () => {
  it('opens once from its link, with the app CSP, and walks first run → ready profiles → two-factor', async () => {
    const context = await browser.newContext({ viewport: { width: 1100, height: 760 } });
    const page = await context.newPage();
    const shot = (name: string) => page.screenshot({ path: path.join(resultsDir, `demo-${name}.png`), fullPage: true });
    const response = await page.goto(server.url);
    expect(response?.headers()['content-security-policy']).toBe(RENDERER_CSP);
    const band = page.getByTestId('demo-band');
    await expect.poll(() => band.textContent()).toContain('Demo — nothing is saved, the Odoo server is simulated.');

    // The link works once; without the browser's cookie nothing is served.
    expect((await fetch(server.url)).status).toBe(403);
    expect((await fetch(new URL('/index.html', server.url))).status).toBe(403);
    expect((await fetch(new URL('/__demo/call?id=1&channel=vault:status&input=%7B%7D', server.url))).status).toBe(403);

    // First run: the person chooses a passphrase; the ready profiles follow.
    await page.getByRole('textbox', { name: 'Vault passphrase' }).fill('demo passphrase for everyone');
    await page.getByRole('textbox', { name: 'Type it again' }).fill('demo passphrase for everyone');
    await shot('first-run');
    await page.locator('form button[type="submit"]').click();
    await page.getByRole('heading', { name: 'Profiles', level: 1 }).waitFor();
    for (const label of ['Marc — Odoo account', 'Tina — two-factor (TOTP)', 'Mitchell — odoo_jwt']) {
      await page.getByRole('button', { name: `Open in Odoo: ${label}` }).waitFor();
    }
    await expect.poll(() => band.textContent()).toContain('Three ready profiles');
    await shot('profiles');

    // The two-factor profile: the band shows the code the authenticator would.
    await page.getByRole('button', { name: 'Open in Odoo: Tina — two-factor (TOTP)' }).click();
    const totp = page.getByRole('dialog', { name: 'Two-factor code' });
    await totp.waitFor();
    await shot('totp');
    await page.getByLabel('Authentication code').fill(core.server.totpCode('totp'));
    await page.getByRole('button', { name: 'Verify' }).click();
    await totp.waitFor({ state: 'detached' });
    await expect.poll(() => said.join('\n')).toContain('Tina — two-factor (TOTP)');

    // A profile's home: identity and activities from the test server's demo data.
    await page.getByRole('button', { name: 'Profiles' }).click();
    await page.getByRole('button', { name: 'Marc — Odoo account', exact: true }).click();
    await page.getByRole('heading', { name: 'Marc — Odoo account', level: 1 }).waitFor();
    await page.getByTestId('identity').getByText(/Marc Demo/).waitFor();
    await shot('profile-home');

    // Settings, the profile wizard on the test server, the lock screen: the band on each.
    await page.getByRole('button', { name: 'Settings' }).click();
    await page.getByRole('heading', { name: 'Settings', level: 1 }).waitFor();
    await shot('settings');
    await page.getByRole('button', { name: 'Profiles' }).click();
    await page.getByRole('button', { name: 'Add profile' }).click();
    await page.getByLabel('Odoo address', { exact: true }).fill(core.server.origin);
    await page.getByRole('button', { name: 'Check server' }).click();
    await page.getByText('Continue only if your administrator confirmed this exact fingerprint.').waitFor();
    await shot('add-profile');
    await page.getByRole('button', { name: 'Lock now' }).click();
    await page.getByRole('heading', { name: 'Odoo Companion is locked' }).waitFor();
    await shot('lock');
    await expect(band.isVisible()).resolves.toBe(true);
    await context.close();
  });
});
