import { X509Certificate, createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spkiPin } from '../../../../main/core/net/certificates.js';
import {
  CERT_ACCEPT,
  CERT_REJECT,
  CERT_USE_CHROMIUM,
  createCertificateVerifyProc,
  policyLookupForProfile,
  verifyElectronCertificate,
  type ElectronCertificate,
  type ElectronVerifyRequest,
} from '../../../../main/core/net/electron-verify.js';
import type { PinPolicy } from '../../../../main/core/net/types.js';
import { createTestPki, type TestCert, type TestPki } from '../../../support/pki.js';
import { createAuthorityCertificates, type AuthorityCertificates } from '../../../support/pki-authorities.js';
import { createDeepChain } from '../../../integration/net/odd-certificates.js';

let pki: TestPki;
let auth: AuthorityCertificates;
beforeAll(async () => {
  pki = await createTestPki();
  auth = await createAuthorityCertificates(pki);
});
afterAll(async () => {
  await pki.dispose();
});

/** Electron's Certificate object for a chain, built from the real PEMs (leaf first). */
function electronCert(chain: readonly TestCert[]): ElectronCertificate {
  const [first, ...rest] = chain;
  if (first === undefined) throw new Error('empty chain');
  const cert = new X509Certificate(first.certPem);
  const cn = (dn: string) => /CN=([^\n]*)/.exec(dn)?.[1] ?? '';
  return {
    data: first.certPem,
    ...(rest.length > 0 ? { issuerCert: electronCert(rest) } : {}),
    fingerprint: `sha256/${createHash('sha256').update(cert.raw).digest('base64')}`,
    subjectName: cn(cert.subject),
    issuerName: cn(cert.issuer),
    serialNumber: cert.serialNumber,
    validStart: Math.floor(cert.validFromDate.getTime() / 1000),
    validExpiry: Math.floor(cert.validToDate.getTime() / 1000),
  };
}

const OK = { verificationResult: 'net::OK', errorCode: 0 };
const AUTHORITY_INVALID = { verificationResult: 'net::ERR_CERT_AUTHORITY_INVALID', errorCode: -202 };
const DATE_INVALID = { verificationResult: 'net::ERR_CERT_DATE_INVALID', errorCode: -201 };
const NAME_INVALID = { verificationResult: 'net::ERR_CERT_COMMON_NAME_INVALID', errorCode: -200 };
const REVOKED = { verificationResult: 'net::ERR_CERT_REVOKED', errorCode: -206 };

function req(
  hostname: string,
  chain: readonly TestCert[],
  result: { verificationResult: string; errorCode: number },
  validated?: readonly TestCert[],
): ElectronVerifyRequest {
  return {
    hostname,
    certificate: electronCert(chain),
    ...(validated ? { validatedCertificate: electronCert(validated) } : {}),
    isIssuedByKnownRoot: false,
    ...result,
  };
}

const pin = (c: TestCert) => spkiPin(c.certPem);
const pinned = (...certs: TestCert[]): PinPolicy => ({ pins: certs.map(pin), trustSelfSigned: false });
const selfTrust = (...certs: TestCert[]): PinPolicy => ({ pins: certs.map(pin), trustSelfSigned: true });

describe('verifyElectronCertificate', () => {
  it('leaves hosts outside any profile to Chromium (-3)', () => {
    const lookup = policyLookupForProfile({ origin: 'https://odoo.example.com', ...pinned(pki.leafRsa) });
    const proc = createCertificateVerifyProc(lookup);
    const verdicts: number[] = [];
    proc(req('cdn.example.net', [pki.leafMitm, pki.intermediate], AUTHORITY_INVALID), (v) => verdicts.push(v));
    expect(verdicts).toEqual([CERT_USE_CHROMIUM]);
    expect(verifyElectronCertificate(req('localhost', [pki.leafRsa], OK), null)).toBe(CERT_USE_CHROMIUM);
  });

  describe('pinned profile', () => {
    const chain = () => [pki.leafRsa, pki.intermediate];

    it('accepts when Chromium says OK and the leaf is pinned', () => {
      expect(verifyElectronCertificate(req('localhost', chain(), OK), pinned(pki.leafRsa, pki.leafBackup))).toBe(CERT_ACCEPT);
      expect(verifyElectronCertificate(req('127.0.0.1', chain(), OK), pinned(pki.leafRsa))).toBe(CERT_ACCEPT);
    });

    it('accepts when Chromium says OK and the intermediate or root (in the verified chain) is pinned', () => {
      expect(verifyElectronCertificate(req('localhost', chain(), OK), pinned(pki.intermediate))).toBe(CERT_ACCEPT);
      const verified = [pki.leafRsa, pki.intermediate, pki.root];
      expect(verifyElectronCertificate(req('localhost', chain(), OK, verified), pinned(pki.root))).toBe(CERT_ACCEPT);
    });

    it('accepts a renewal with the same key', () => {
      expect(verifyElectronCertificate(req('localhost', [pki.leafRsaRenewed, pki.intermediate], OK), pinned(pki.leafRsa))).toBe(
        CERT_ACCEPT,
      );
    });

    it('rejects a valid chain with no pinned member (same CA, other key)', () => {
      expect(verifyElectronCertificate(req('localhost', [pki.leafMitm, pki.intermediate], OK), pinned(pki.leafRsa, pki.leafBackup))).toBe(
        CERT_REJECT,
      );
    });

    it('rejects a pinned chain Chromium did not verify', () => {
      for (const result of [AUTHORITY_INVALID, DATE_INVALID, REVOKED, { verificationResult: 'net::OK', errorCode: -202 }]) {
        expect(verifyElectronCertificate(req('localhost', chain(), result), pinned(pki.leafRsa))).toBe(CERT_REJECT);
      }
    });

    it('rejects a pinned certificate appended to a chain it did not sign', () => {
      const forged = req('localhost', [pki.selfSignedOther, pki.intermediate], OK);
      expect(verifyElectronCertificate(forged, pinned(pki.intermediate))).toBe(CERT_REJECT);
    });

    it('rejects a verified chain that is about another leaf', () => {
      const r = req('localhost', chain(), OK, [pki.leafMitm, pki.intermediate, pki.root]);
      expect(verifyElectronCertificate(r, pinned(pki.intermediate))).toBe(CERT_REJECT);
    });

    it('rejects a wrong host name even with a pin', () => {
      expect(verifyElectronCertificate(req('localhost', [pki.leafWrongHost, pki.intermediate], OK), pinned(pki.leafWrongHost))).toBe(
        CERT_REJECT,
      );
    });

    it('rejects expired (whatever Chromium says) and unreadable certificates', () => {
      const expired = [pki.leafExpired, pki.intermediate];
      expect(verifyElectronCertificate(req('localhost', expired, DATE_INVALID), pinned(pki.leafExpired))).toBe(CERT_REJECT);
      expect(verifyElectronCertificate(req('localhost', expired, OK), pinned(pki.leafExpired))).toBe(CERT_REJECT);
      const soon = req('localhost', [pki.leafExpiringSoon, pki.intermediate], OK);
      expect(verifyElectronCertificate(soon, pinned(pki.leafExpiringSoon))).toBe(CERT_ACCEPT);
      expect(verifyElectronCertificate(soon, pinned(pki.leafExpiringSoon), new Date(Date.now() + 30 * 86_400_000))).toBe(CERT_REJECT);
      const garbage: ElectronVerifyRequest = { hostname: 'localhost', certificate: { data: 'not a pem' }, ...OK };
      expect(verifyElectronCertificate(garbage, pinned(pki.leafRsa))).toBe(CERT_REJECT);
    });
  });

  describe('requests out of the ordinary', () => {
    it('leaves Chromium to decide when the lookup answers undefined', () => {
      expect(verifyElectronCertificate(req('localhost', [pki.leafRsa, pki.intermediate], OK), undefined)).toBe(CERT_USE_CHROMIUM);
    });

    it('rejects a request that carries no certificate', () => {
      for (const certificate of [undefined, null]) {
        const r = { hostname: 'localhost', certificate: certificate as unknown as ElectronCertificate, ...OK };
        expect(verifyElectronCertificate(r, pinned(pki.leafRsa))).toBe(CERT_REJECT);
      }
    });

    it('rejects when either the result name or the error code reports a failure', () => {
      const chain = [pki.leafRsa, pki.intermediate];
      const revokedWithoutCode = { verificationResult: 'net::ERR_CERT_REVOKED', errorCode: 0 };
      expect(verifyElectronCertificate(req('localhost', chain, revokedWithoutCode), pinned(pki.leafRsa))).toBe(CERT_REJECT);
      const selfRevoked = req('localhost', [pki.selfSigned], revokedWithoutCode);
      expect(verifyElectronCertificate(selfRevoked, selfTrust(pki.selfSigned))).toBe(CERT_REJECT);
    });

    it('rejects an unreadable verified chain', () => {
      const r = { ...req('localhost', [pki.leafRsa, pki.intermediate], OK), validatedCertificate: { data: 'not a pem' } };
      expect(verifyElectronCertificate(r, pinned(pki.leafRsa))).toBe(CERT_REJECT);
    });

    it('reads at most 10 certificates of a chain, which also ends a loop', async () => {
      const deep = await createDeepChain(pki);
      // Ten readable certificates, then one that is not: never read.
      const ten = electronCert(deep.slice(0, 10));
      let last = ten;
      while (last.issuerCert) last = last.issuerCert;
      last.issuerCert = { data: 'not a pem' };
      expect(verifyElectronCertificate({ hostname: 'localhost', certificate: ten, ...OK }, pinned(deep[9]!))).toBe(CERT_ACCEPT);
      // A chain that points back at its leaf.
      const looped = electronCert([pki.leafRsa, pki.intermediate]);
      looped.issuerCert!.issuerCert = looped;
      expect(verifyElectronCertificate({ hostname: 'localhost', certificate: looped, ...OK }, pinned(pki.intermediate))).toBe(CERT_ACCEPT);
    });
  });

  describe('self-signed trust', () => {
    it('accepts the pinned leaf with a matching host even though Chromium says authority invalid', () => {
      for (const host of ['localhost', '127.0.0.1', '[::1]', '::1', 'LOCALHOST']) {
        expect(verifyElectronCertificate(req(host, [pki.selfSigned], AUTHORITY_INVALID), selfTrust(pki.selfSigned))).toBe(CERT_ACCEPT);
      }
    });

    it('rejects an unknown self-signed leaf', () => {
      expect(verifyElectronCertificate(req('localhost', [pki.selfSignedOther], AUTHORITY_INVALID), selfTrust(pki.selfSigned))).toBe(
        CERT_REJECT,
      );
    });

    it('counts only the leaf pin: an issuer pin does not accept', () => {
      const r = req('localhost', [pki.leafMitm, pki.intermediate], AUTHORITY_INVALID);
      expect(verifyElectronCertificate(r, selfTrust(pki.intermediate))).toBe(CERT_REJECT);
    });

    it('rejects a pinned leaf for another host', () => {
      expect(verifyElectronCertificate(req('odoo.example.com', [pki.selfSigned], AUTHORITY_INVALID), selfTrust(pki.selfSigned))).toBe(
        CERT_REJECT,
      );
    });

    it('does not overrule any other Chromium error', () => {
      for (const result of [DATE_INVALID, NAME_INVALID, REVOKED, { verificationResult: 'net::ERR_CERT_INVALID', errorCode: -207 }]) {
        expect(verifyElectronCertificate(req('localhost', [pki.selfSigned], result), selfTrust(pki.selfSigned))).toBe(CERT_REJECT);
      }
    });

    it('rejects an expired pinned leaf', () => {
      const r = req('localhost', [pki.leafExpired, pki.intermediate], AUTHORITY_INVALID);
      expect(verifyElectronCertificate(r, selfTrust(pki.leafExpired))).toBe(CERT_REJECT);
    });
  });
});

describe('createCertificateVerifyProc / policyLookupForProfile', () => {
  it('applies the profile policy to its host only, in any case and form', () => {
    const lookup = policyLookupForProfile({ origin: 'https://Bücher.example:8443', ...pinned(pki.leafRsa) });
    expect(lookup('xn--bcher-kva.example')).toEqual(pinned(pki.leafRsa));
    expect(lookup('XN--BCHER-KVA.EXAMPLE.')).toEqual(pinned(pki.leafRsa));
    expect(lookup('other.example')).toBeNull();
    const v6 = policyLookupForProfile({ origin: 'https://[::1]:8443', ...selfTrust(pki.selfSigned) });
    expect(v6('[::1]')).toEqual(selfTrust(pki.selfSigned));
    expect(v6('::1')).toEqual(selfTrust(pki.selfSigned));
  });

  it('strips only the brackets around the host name, not brackets inside it', () => {
    const lookup = policyLookupForProfile({ origin: 'https://localhost:8443', ...pinned(pki.leafRsa) });
    expect(lookup('localhost')).toEqual(pinned(pki.leafRsa));
    for (const hostname of ['local[host', 'local]host', 'local[]host']) expect(lookup(hostname), hostname).toBeNull();
  });

  it("answers with Chromium's own codes: 0 accept, -2 reject, -3 Chromium decides", () => {
    const verdicts: number[] = [];
    const proc = createCertificateVerifyProc(policyLookupForProfile({ origin: 'https://localhost', ...selfTrust(pki.selfSigned) }));
    proc(req('localhost', [pki.selfSigned], AUTHORITY_INVALID), (v) => verdicts.push(v));
    proc(req('localhost', [pki.selfSignedOther], AUTHORITY_INVALID), (v) => verdicts.push(v));
    proc(req('elsewhere.example', [pki.selfSignedOther], AUTHORITY_INVALID), (v) => verdicts.push(v));
    expect(verdicts).toEqual([0, -2, -3]);
  });

  it('checks validity against the clock it is given', () => {
    const lookup = policyLookupForProfile({ origin: 'https://localhost', ...pinned(pki.leafExpiringSoon) });
    const r = req('localhost', [pki.leafExpiringSoon, pki.intermediate], OK);
    const verdicts: number[] = [];
    createCertificateVerifyProc(lookup)(r, (v) => verdicts.push(v));
    createCertificateVerifyProc(lookup, () => new Date(Date.now() + 30 * 86_400_000))(r, (v) => verdicts.push(v));
    expect(verdicts).toEqual([CERT_ACCEPT, CERT_REJECT]);
  });

  it('answers through the callback, and fails closed when the lookup throws', () => {
    const verdicts: number[] = [];
    const proc = createCertificateVerifyProc(policyLookupForProfile({ origin: 'https://localhost:8443', ...selfTrust(pki.selfSigned) }));
    proc(req('localhost', [pki.selfSigned], AUTHORITY_INVALID), (v) => verdicts.push(v));
    proc(req('localhost', [pki.selfSignedOther], AUTHORITY_INVALID), (v) => verdicts.push(v));
    const broken = createCertificateVerifyProc(() => {
      throw new Error('lookup bug');
    });
    broken(req('localhost', [pki.selfSigned], AUTHORITY_INVALID), (v) => verdicts.push(v));
    expect(verdicts).toEqual([CERT_ACCEPT, CERT_REJECT, CERT_REJECT]);
  });
});

describe("Odoo windows with the authorities' keys pinned (the default)", () => {
  const authorities = (): PinPolicy => ({ pins: [spkiPin(pki.intermediate.certPem), spkiPin(pki.root.certPem)], trustSelfSigned: false });

  it('accept a renewal: a new server key from another intermediate of the same root', () => {
    const chain = [auth.renewedLeaf, auth.otherIntermediate, pki.root];
    expect(verifyElectronCertificate(req('localhost', chain, OK, chain), authorities())).toBe(CERT_ACCEPT);
  });

  it('refuse a chain from another root, though Chromium verified it (a proxy its system trusts)', () => {
    const chain = [auth.proxyLeaf, auth.proxyIntermediate, auth.proxyRoot];
    expect(verifyElectronCertificate(req('localhost', chain, OK, chain), authorities())).toBe(CERT_REJECT);
    // Nor does the real root appended after the proxy's chain count: it signed nothing in it.
    const appended = [auth.proxyLeaf, auth.proxyIntermediate, pki.root];
    expect(verifyElectronCertificate(req('localhost', appended, OK, appended), authorities())).toBe(CERT_REJECT);
  });
});
