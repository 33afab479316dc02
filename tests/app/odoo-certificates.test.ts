// The pins of an Odoo partition, with electron faked: enforced through the verify proc
// (other hosts left to Chromium), a new pin set taking effect at once (Chromium caches
// verdicts per partition: electron/electron#41448), and a refusal told as such though
// Chromium reports only ERR_FAILED.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { installPinnedVerifier } from '../../main/app/odoo-certificates.js';
import type { OdooWindowRequest } from '../../main/core/shell/ports.js';
import type { Session } from 'electron';
import { fake, FakeNotification, session, type FakeVerifyProc } from '../support/fake-electron.js';
import { createTestPki, opensslSpkiPin, type TestCert, type TestPki } from '../support/pki.js';
import { odooRequest as request, odooWindow, ORIGIN, PIN, startShell, type StartedShell } from './harness.js';

beforeEach(() => fake.reset());

/** Chromium asks the proc about a handshake it found fine; returns the proc's verdicts. */
const ask = (proc: FakeVerifyProc | null, hostname: string, data: string): number[] => {
  const verdicts: number[] = [];
  proc?.({ hostname, certificate: { data }, verificationResult: 'net::OK', errorCode: 0 }, (v) => verdicts.push(v));
  return verdicts;
};

describe('the verify proc', () => {
  it('enforces the pins: other hosts are left to Chromium, a bad chain is refused', async () => {
    const s = await startShell();
    await s.ports.shell.openOdooWindow(request());
    const proc = odooWindow(s).webContents.session.certificateVerifyProc;
    expect([...ask(proc, 'cdn.example.net', 'x'), ...ask(proc, 'odoo.example.com', 'not a certificate')]).toEqual([-3, -2]);
  });

  it("remembers what it refused, so a failed load is known as the certificate's fault", () => {
    const ses = session.fromPartition('odoo-acme-1');
    const verifier = installPinnedVerifier(ses as unknown as Session, { origin: ORIGIN, pins: [PIN], trustSelfSigned: false });
    const url = `${ORIGIN}/web`;
    expect(verifier.refused(-2, url)).toBe(false); // nothing refused yet
    ask(ses.certificateVerifyProc, 'cdn.example.net', 'x'); // left to Chromium: not ours to remember
    expect(verifier.refused(-2, 'https://cdn.example.net/')).toBe(false);
    expect(ask(ses.certificateVerifyProc, 'ODOO.example.com', 'not a certificate')).toEqual([-2]);
    expect(verifier.refused(-2, url)).toBe(true); // ERR_FAILED, what Chromium says then
    expect(verifier.refused(-202, url)).toBe(true); // a certificate error
    expect(verifier.refused(-200, 'https://Odoo.Example.com/odoo')).toBe(true);
    expect(verifier.refused(-102, url)).toBe(false); // connection refused: not the certificate
    expect(verifier.refused(-300, url)).toBe(false);
    expect(verifier.refused(-2, 'https://other.example.com/web')).toBe(false);
    expect(verifier.refused(-2, 'not a url')).toBe(false);
  });
});

describe('pins on an open partition', () => {
  // Chromium caches certificate verdicts per network context for 30 minutes, and neither a
  // new verify proc nor any clear-storage call empties that cache (electron/electron#41448).
  const TLS = 'https://localhost:8443';
  let pki: TestPki;
  const pinOf = new Map<TestCert, string>();
  beforeAll(async () => {
    pki = await createTestPki();
    for (const cert of [pki.leafRsa, pki.leafMitm, pki.leafBackup]) pinOf.set(cert, await opensslSpkiPin(cert.certPem));
  }, 60_000);
  afterAll(() => pki.dispose());

  const presenting = (leaf: TestCert): void => {
    fake.serve(TLS, { certificate: { data: leaf.certPem, issuerCert: { data: pki.intermediate.certPem, issuerCert: { data: pki.root.certPem } } } });
  };
  const tls = (...keys: TestCert[]): OdooWindowRequest =>
    request({ origin: TLS, url: `${TLS}/web`, pins: keys.map((k) => pinOf.get(k) ?? '') });
  const outcome = (s: StartedShell): unknown => odooWindow(s).webContents.outcomes.at(-1);

  it('opens the window once the profile is re-pinned to the key the server shows', async () => {
    presenting(pki.leafRsa);
    const s = await startShell();
    await s.ports.shell.openOdooWindow(tls(pki.leafMitm));
    await fake.settled();
    expect(outcome(s)).toEqual({ url: `${TLS}/web`, error: 'ERR_FAILED' });

    // What a re-pin does: the profile's windows are closed, the next open carries the new pins.
    await s.ports.shell.closeOdooWindows('acme');
    await s.ports.shell.openOdooWindow(tls(pki.leafRsa));
    await fake.settled();
    expect(outcome(s)).toEqual({ url: `${TLS}/web`, error: null });
  });

  it('refuses at once a key just removed from the pins, even with the window still open', async () => {
    presenting(pki.leafRsa);
    const s = await startShell();
    await s.ports.shell.openOdooWindow(tls(pki.leafRsa, pki.leafBackup));
    await fake.settled();
    expect(outcome(s)).toEqual({ url: `${TLS}/web`, error: null });

    await s.ports.shell.openOdooWindow(tls(pki.leafBackup));
    await fake.settled();
    expect(s.shell.odooWindows.windowsOf('acme')).toHaveLength(1);
    expect(outcome(s)).toEqual({ url: `${TLS}/web`, error: 'ERR_FAILED' });
  });

  it('says the certificate was refused, though Chromium reports only ERR_FAILED', async () => {
    presenting(pki.leafMitm);
    const s = await startShell();
    await s.ports.shell.openOdooWindow(tls(pki.leafRsa));
    await fake.settled();
    expect(FakeNotification.shown.at(-1)).toMatchObject({ body: expect.stringMatching(/certificate/i) });
  });

  it('says the server could not be reached when it could not', async () => {
    fake.serve(TLS, { unreachable: true });
    const s = await startShell();
    await s.ports.shell.openOdooWindow(tls(pki.leafRsa));
    await fake.settled();
    const body = String(FakeNotification.shown.at(-1)?.body);
    expect(body).toMatch(/could not be reached/);
    expect(body).not.toMatch(/certificate/i);
  });
});
