// Certificates as a person meets them, on the real core against real Odoo test servers:
// a server the system trusts is "Verified by …" in one line, and a profile pinned to its
// server's own key takes the authorities' keys in one click — then survives a renewal with
// a new key from another intermediate; a self-signed server is explained in plain words
// (its code only in technical details); a certificate from another authority (a proxy
// whose root the system trusts) is a mismatch that says who presents now, who was expected,
// host and port, turns search and "Open in Odoo" off, and is resolved only by re-pinning
// after the passphrase, whose result is shown. Light and dark screenshots, axe, canaries.
import { afterAll, describe, expect, it } from 'vitest';
import { defaultPins } from '../../contract/default-pins.js';
import type { Profile } from '../../contract/index.js';
import { closeBrowser, openRenderer, type E2E } from '../support/e2e-harness.js';
import type { OdooTestServer } from '../support/odoo-server/index.js';
import { createAuthorityCertificates } from '../support/pki-authorities.js';
import { bothSchemes, expectNoCanary } from './support/checks.js';
import { pinOf, startRealCore, testPki, type RealCore } from './support/real-core.js';

afterAll(closeBrowser);

const PASSPHRASE = 'canary-vault-Passphrase-Certs-Harbour-73';

/** Saves a profile through the real channels with the given pins (default: the default rule). */
async function saveProfile(core: RealCore, server: OdooTestServer, label: string, pins?: string[]): Promise<Profile> {
  const probe = await core.call('profiles:probe', { url: server.origin });
  if (probe.tls === null) throw new Error('no certificate');
  return core.call('profiles:save', {
    label,
    url: server.origin,
    database: server.database,
    login: 'admin',
    authMethod: 'password',
    transport: 'auto',
    pins: pins ?? defaultPins(probe.tls),
    trustSelfSigned: !probe.tls.trustedByOs,
    secret: server.user('admin').password,
  });
}

/** Opens the page on a locked core and unlocks it with the keyboard. */
async function openUnlocked(core: RealCore): Promise<E2E> {
  core.harness.core.lock('quit');
  const e2e = await openRenderer(core.dispatch, { colorScheme: 'light' });
  core.onEvent((event, payload) => void e2e.emit(event, payload));
  await e2e.page.getByLabel('Vault passphrase', { exact: true }).fill(PASSPHRASE);
  await e2e.page.keyboard.press('Enter');
  await e2e.page.getByRole('heading', { name: 'Profiles', level: 1 }).waitFor();
  return e2e;
}

describe('certificates', () => {
  it("a trusted server is verified in one line; a profile pinned to its own key takes the authorities' keys, then survives a renewal", async () => {
    const pki = await testPki();
    const auth = await createAuthorityCertificates(pki);
    const core = await startRealCore();
    core.plant(PASSPHRASE);
    const server = await core.startServer({ version: 17, certificate: { key: pki.leafRsa.keyPem, chain: pki.leafRsa.chainPem } });
    await core.call('vault:create', { passphrase: PASSPHRASE, enablePresence: false });
    // Saved as profiles were until now: the server's own key and its issuer's.
    const legacyPins = [await pinOf(pki.leafRsa.certPem), await pinOf(pki.intermediate.certPem)];
    const acme = await saveProfile(core, server, 'Acme production', legacyPins);
    const e2e = await openUnlocked(core);
    const { page } = e2e;
    try {
      await page.getByRole('button', { name: 'Security: Acme production' }).click();
      await page.getByRole('heading', { name: 'Security of Acme production' }).waitFor();
      await page.getByTestId('verified-by').filter({ hasText: 'Verified by Companion Tests' }).waitFor();
      // The certificates themselves are folded away.
      expect(await page.getByTestId('cert-0').isVisible()).toBe(false);
      const offer = page.getByTestId('authority-offer');
      await offer.getByText('Keep working when this certificate is renewed').waitFor();
      await bothSchemes(e2e, 'certificates-verified-offer');

      await offer.getByRole('button', { name: 'Use the authorities’ keys' }).click();
      const result = page.getByTestId('pins-result');
      await result.getByText('New pins saved.').waitFor();
      expect(await result.getByRole('listitem').allTextContents()).toEqual([
        `Companion Test Intermediate CA ${await pinOf(pki.intermediate.certPem)}`,
        `Companion Test Root CA ${await pinOf(pki.root.certPem)}`,
      ]);
      await offer.waitFor({ state: 'detached' });
      await bothSchemes(e2e, 'certificates-authorities-saved');
      expect((await core.call('profiles:list', {})).find((p) => p.id === acme.id)?.pins).toEqual([
        await pinOf(pki.intermediate.certPem),
        await pinOf(pki.root.certPem),
      ]);

      // The server's certificate is renewed: a new key, signed by another intermediate of the same root.
      server.setCertificate({ key: auth.renewedLeaf.keyPem, chain: auth.renewedLeaf.chainPem });
      await page.getByRole('button', { name: 'Back to Acme production' }).click();
      await page.getByTestId('identity').waitFor();
      expect(await page.getByRole('button', { name: 'Open in Odoo' }).isEnabled()).toBe(true);
      await expectNoCanary(e2e, core.canaries, core.dataDir);
    } finally {
      await e2e.close();
      await core.close();
    }
  }, 90_000);

  it('a self-signed server is said in plain words, and so is an expired certificate later; codes only in the technical details', async () => {
    const pki = await testPki();
    const core = await startRealCore();
    core.plant(PASSPHRASE);
    const server = await core.startServer({ version: 18 });
    await core.call('vault:create', { passphrase: PASSPHRASE, enablePresence: false });
    const own = await saveProfile(core, server, 'Selfhosted ERP');
    // The default for a certificate the system does not trust: its own key, alone.
    expect(own.pins).toHaveLength(1);
    const e2e = await openUnlocked(core);
    const { page } = e2e;
    try {
      await page.getByRole('button', { name: 'Security: Selfhosted ERP' }).click();
      const notice = page.getByTestId('not-verified');
      await notice.getByText('This server signed its own certificate.').waitFor();
      await notice.getByText(/No authority your system trusts vouches for it/).waitFor();
      const code = page.getByText('DEPTH_ZERO_SELF_SIGNED_CERT');
      expect(await code.isVisible()).toBe(false);
      expect(await page.getByTestId('authority-offer').count()).toBe(0);
      await bothSchemes(e2e, 'certificates-self-signed');
      // Whoever needs the code opens the details.
      await page.getByText('Certificate presented now').click();
      await code.waitFor();
      await page.getByTestId('cert-0').getByText('Server certificate (self-signed)').waitFor();

      // Later the server presents an expired certificate: home says so in words.
      server.setCertificate({ key: pki.leafExpired.keyPem, chain: pki.leafExpired.chainPem });
      await page.getByRole('button', { name: 'Back to Selfhosted ERP' }).click();
      const refused = page.locator('.identity [data-error-code="tls_untrusted"]');
      await refused.getByText('The certificate has expired. The server’s administrator must renew it.').waitFor();
      const expiredCode = refused.getByText('CERT_HAS_EXPIRED');
      expect(await expiredCode.isVisible()).toBe(false);
      await bothSchemes(e2e, 'certificates-expired-home');
      await refused.getByText('Technical details').click();
      await expiredCode.waitFor();
      await expectNoCanary(e2e, core.canaries, core.dataDir);
    } finally {
      await e2e.close();
      await core.close();
    }
  }, 90_000);

  it('a certificate from another authority: who presents it and who was expected, search and Open in Odoo off, re-pin after the passphrase shows what it saved', async () => {
    const pki = await testPki();
    const auth = await createAuthorityCertificates(pki);
    // The system also trusts a TLS-inspecting proxy's root (installed by IT, say).
    const core = await startRealCore({ extraRoots: [auth.proxyRoot.certPem] });
    core.plant(PASSPHRASE);
    const server = await core.startServer({ version: 17, certificate: { key: pki.leafRsa.keyPem, chain: pki.leafRsa.chainPem } });
    const port = new URL(server.origin).port;
    await core.call('vault:create', { passphrase: PASSPHRASE, enablePresence: false });
    const acme = await saveProfile(core, server, 'Acme production');
    // A first sign-in: the profile learns who signs its server's certificate.
    await core.call('odoo:login', { profileId: acme.id });
    await expect
      .poll(async () => (await core.call('profiles:list', {})).find((p) => p.id === acme.id)?.certificateIssuer)
      .toBe('CN=Companion Test Intermediate CA, O=Companion Tests');
    const e2e = await openUnlocked(core);
    const { page } = e2e;
    const search = page.getByRole('combobox');
    const openInOdoo = page.getByRole('button', { name: 'Open in Odoo' });
    try {
      await page.getByRole('button', { name: 'Acme production', exact: true }).click();
      await page.getByTestId('identity').waitFor();
      expect(await search.isEnabled()).toBe(true);

      // Someone in the path now presents a certificate from another authority.
      server.setCertificate({ key: auth.proxyLeaf.keyPem, chain: auth.proxyLeaf.chainPem });
      const before = server.requests.length;
      await page.getByRole('button', { name: 'Profiles' }).click();
      await page.getByRole('button', { name: 'Acme production', exact: true }).click();
      // Whatever asks the server first (the activities; who I am may be known already) meets it.
      const notice = page.getByTestId('pin-mismatch').first();
      await notice.waitFor();
      expect(await notice.getByTestId('mismatch-server').textContent()).toBe(`127.0.0.1:${port}`);
      expect(await notice.getByTestId('mismatch-presenting').textContent()).toBe('Inspecting Proxy (Inspecting Proxy Intermediate CA)');
      expect(await notice.getByTestId('mismatch-expected').textContent()).toBe('Companion Tests (Companion Test Intermediate CA)');
      await notice.getByText(/did not send anything/).waitFor();
      expect(await openInOdoo.isDisabled()).toBe(true);
      expect(await search.isDisabled()).toBe(true);
      await page.getByText('Search is off while the server’s certificate does not match this profile.').waitFor();
      expect(server.requests.length).toBe(before);
      await bothSchemes(e2e, 'certificates-mismatch-home');

      // To the security page, from the notice; the same facts, and re-pinning is offered.
      await notice.getByRole('button', { name: 'Open the Security page' }).click();
      await page.getByRole('heading', { name: 'Security of Acme production' }).waitFor();
      const onSecurity = page.getByTestId('pin-mismatch');
      expect(await onSecurity.getByTestId('mismatch-presenting').textContent()).toBe('Inspecting Proxy (Inspecting Proxy Intermediate CA)');
      expect(await onSecurity.getByTestId('mismatch-server').textContent()).toBe(`127.0.0.1:${port}`);
      await bothSchemes(e2e, 'certificates-mismatch-security');
      await onSecurity.getByRole('button', { name: 'Re-pin to this certificate…' }).click();
      const repin = page.getByRole('dialog', { name: 'Re-pin Acme production' });
      await repin.waitFor();
      // Preselected: the keys of the authorities presenting now, not the server's own.
      expect(await repin.getByRole('checkbox', { checked: true }).count()).toBe(2);
      await bothSchemes(e2e, 'certificates-repin-dialog');
      await repin.getByLabel('Vault passphrase').fill(PASSPHRASE);
      await page.keyboard.press('Enter');
      await repin.waitFor({ state: 'detached' });
      const result = page.getByTestId('pins-result');
      await result.getByText('New pins saved.').waitFor();
      expect(await result.getByRole('listitem').allTextContents()).toEqual([
        `Inspecting Proxy Intermediate CA ${await pinOf(auth.proxyIntermediate.certPem)}`,
        `Inspecting Proxy Root CA ${await pinOf(auth.proxyRoot.certPem)}`,
      ]);
      await page.getByText('The certificate the server presents matches a saved pin.').waitFor();
      await bothSchemes(e2e, 'certificates-repinned');

      // Home again: it connects, search and Open in Odoo are back.
      await page.getByRole('button', { name: 'Back to Acme production' }).click();
      await page.getByTestId('identity').waitFor();
      expect(await search.isEnabled()).toBe(true);
      expect(await openInOdoo.isEnabled()).toBe(true);
      await expectNoCanary(e2e, core.canaries, core.dataDir);
    } finally {
      await e2e.close();
      await core.close();
    }
  }, 90_000);
});
