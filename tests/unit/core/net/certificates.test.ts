// Certificate handling against certificates made by openssl: which chain members count as
// linked to the leaf, what the UI is shown, validity bounds and host matching.
import { X509Certificate } from 'node:crypto';
import type { DetailedPeerCertificate } from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  certificateInfo,
  hostMatches,
  isCurrentlyValid,
  isSelfSigned,
  linkedChain,
  peerChain,
  spkiPin,
  subjectAltNames,
} from '../../../../main/core/net/certificates.js';
import { createDeepChain, createOddCertificates, type OddCertificates } from '../../../integration/net/odd-certificates.js';
import { createTestPki, type TestCert, type TestPki } from '../../../support/pki.js';

let pki: TestPki;
let odd: OddCertificates;
beforeAll(async () => {
  pki = await createTestPki();
  odd = await createOddCertificates(pki);
}, 60_000);
/** Made on first use only: twelve certificates one after another take a while. */
let deep: Promise<TestCert[]> | undefined;
const deepChain = () => (deep ??= createDeepChain(pki));
afterAll(async () => {
  await pki.dispose();
});

const x509 = (c: TestCert) => new X509Certificate(c.certPem);

/** `c` (an EC certificate) with its key algorithm changed to an OID no one knows. */
function withUnknownKeyAlgorithm(c: TestCert): X509Certificate {
  const der = Buffer.from(x509(c).raw);
  const ecPublicKey = Buffer.from('06072a8648ce3d0201', 'hex'); // 1.2.840.10045.2.1
  const at = der.indexOf(ecPublicKey);
  if (at < 0) throw new Error('not an EC certificate');
  der[at + ecPublicKey.length - 1] = 0x7f;
  return new X509Certificate(der);
}
const subjects = (chain: readonly X509Certificate[]) => chain.map((c) => c.subject.split('\n')[0]);

/** Node's getPeerCertificate(true) shape for `certs` (leaf first), each pointing at the next. */
function peerOf(certs: readonly TestCert[], end?: Partial<DetailedPeerCertificate>): DetailedPeerCertificate {
  let next = end as DetailedPeerCertificate | undefined;
  for (const c of [...certs].reverse()) {
    next = { raw: x509(c).raw, ...(next === undefined ? {} : { issuerCertificate: next }) } as DetailedPeerCertificate;
  }
  return next!;
}

describe('isSelfSigned', () => {
  it('is true for a certificate that names itself as issuer and carries its own signature', () => {
    expect(isSelfSigned(x509(pki.root))).toBe(true);
    expect(isSelfSigned(x509(pki.selfSigned))).toBe(true);
    expect(isSelfSigned(x509(odd.impostorIntermediate))).toBe(true);
  });

  it('is false for a certificate whose key Node cannot load', () => {
    const unknown = withUnknownKeyAlgorithm(pki.selfSigned);
    expect(unknown.subject).toBe(unknown.issuer);
    expect(() => unknown.publicKey).toThrow();
    expect(isSelfSigned(unknown)).toBe(false);
  });

  it('is false for an issued certificate, even one signed with its own key under another issuer name', () => {
    expect(isSelfSigned(x509(pki.leafRsa))).toBe(false);
    expect(isSelfSigned(x509(pki.intermediate))).toBe(false);
    expect(isSelfSigned(x509(odd.ownKeyOtherIssuer))).toBe(false);
    expect(certificateInfo(odd.ownKeyOtherIssuer.certPem).selfSigned).toBe(false);
  });
});

describe('linkedChain', () => {
  it('is empty for nothing presented', () => {
    expect(linkedChain([])).toEqual([]);
  });

  it('keeps a chain in which each member signed the one before', () => {
    const chain = [pki.leafEc, pki.intermediate, pki.root].map(x509);
    expect(linkedChain(chain)).toEqual(chain);
  });

  it('stops at the self-signed root: nothing after it counts', () => {
    const chain = [pki.leafEc, pki.intermediate, pki.root, pki.root].map(x509);
    expect(subjects(linkedChain(chain))).toEqual([
      'CN=localhost',
      'CN=Companion Test Intermediate CA',
      'CN=Companion Test Root CA',
    ]);
  });

  it('drops a member that has the issuer name but did not sign (an appended real intermediate)', () => {
    const chain = linkedChain([odd.leafOfImpostor, pki.intermediate].map(x509));
    expect(chain.map((c) => spkiPin(c))).toEqual([spkiPin(odd.leafOfImpostor.certPem)]);
  });

  it('drops a member whose key signed but whose name is not the issuer named', () => {
    expect(linkedChain([odd.leafMisnamedIssuer, pki.intermediate].map(x509))).toHaveLength(1);
  });

  it('walks on past a member signed with its own key under another issuer name', () => {
    expect(subjects(linkedChain([odd.ownKeyOtherIssuer, odd.someoneElse].map(x509)))).toEqual(['CN=Own Key', 'CN=Someone Else']);
  });

  it('stops at a member whose key Node cannot load', () => {
    const leaf = x509(pki.leafEc);
    const unknownIssuer = withUnknownKeyAlgorithm(pki.intermediate);
    expect(unknownIssuer.subject).toBe(leaf.issuer);
    expect(linkedChain([leaf, unknownIssuer])).toEqual([leaf]);
  });

  it('walks at most 10 members', async () => {
    const chain = (await deepChain()).map(x509);
    expect(chain.every((c, i) => i === 0 || chain[i - 1]!.verify(c.publicKey))).toBe(true);
    expect(linkedChain(chain)).toEqual(chain.slice(0, 10));
  });
});

describe('peerChain', () => {
  it('is empty when the peer showed no certificate', () => {
    expect(peerChain(null)).toEqual([]);
    expect(peerChain(undefined)).toEqual([]);
    // What getPeerCertificate() returns without a certificate.
    expect(peerChain({} as DetailedPeerCertificate)).toEqual([]);
  });

  it('follows issuerCertificate to its end, or to the root that points at itself', () => {
    expect(subjects(peerChain(peerOf([pki.leafEc, pki.intermediate])))).toEqual(['CN=localhost', 'CN=Companion Test Intermediate CA']);
    const root = peerOf([pki.root]);
    root.issuerCertificate = root;
    expect(subjects(peerChain(peerOf([pki.leafEc, pki.intermediate], root)))).toEqual([
      'CN=localhost',
      'CN=Companion Test Intermediate CA',
      'CN=Companion Test Root CA',
    ]);
  });

  it('ends on an issuer loop', () => {
    const leaf = peerOf([pki.leafEc]);
    const intermediate = peerOf([pki.intermediate]);
    leaf.issuerCertificate = intermediate;
    intermediate.issuerCertificate = leaf;
    expect(subjects(peerChain(leaf))).toEqual(['CN=localhost', 'CN=Companion Test Intermediate CA']);
  });

  it('reads no more than 10 certificates of what the peer reports', async () => {
    const ten = (await deepChain()).slice(0, 10);
    const unreadable = { raw: Buffer.from('not a certificate') } as Partial<DetailedPeerCertificate>;
    expect(() => new X509Certificate(unreadable.raw!)).toThrow();
    expect(peerChain(peerOf(ten, unreadable)).map((c) => c.fingerprint256)).toEqual(ten.map((c) => x509(c).fingerprint256));
  });
});

describe('certificateInfo / subjectAltNames', () => {
  it('describes a root with no alternative names', () => {
    const root = x509(pki.root);
    expect(certificateInfo(pki.root.certPem)).toStrictEqual({
      subject: 'CN=Companion Test Root CA, O=Companion Tests',
      issuer: 'CN=Companion Test Root CA, O=Companion Tests',
      subjectAltNames: [],
      validFrom: root.validFromDate.toISOString(),
      validTo: root.validToDate.toISOString(),
      fingerprintSha256: root.fingerprint256,
      pin: spkiPin(root),
      selfSigned: true,
    });
  });

  it('lists nothing for an empty subjectAltName extension', () => {
    expect(x509(odd.emptyAltName).subjectAltName).toBe('');
    expect(subjectAltNames(x509(odd.emptyAltName))).toEqual([]);
  });

  it('keeps an entry holding commas, quotes and a backslash whole, as Node prints it (commas escaped)', () => {
    expect(subjectAltNames(x509(odd.quotedAltName))).toEqual([
      String.raw`URI:"https://a.example/say\"hi\"\u002c\\x\u002c y"`,
      'DNS:odoo.test',
      String.raw`DirName:"O=Org\u002cCN=My\\\u002c Name"`,
    ]);
    expect(subjectAltNames(x509(pki.leafEc))).toEqual(['DNS:localhost', 'IP Address:127.0.0.1', 'IP Address:0:0:0:0:0:0:0:1']);
  });
});

describe('isCurrentlyValid', () => {
  it('includes both ends of the validity window, to the millisecond', () => {
    const cert = x509(pki.leafEc);
    const from = cert.validFromDate.getTime();
    const to = cert.validToDate.getTime();
    expect(isCurrentlyValid(cert, new Date(from))).toBe(true);
    expect(isCurrentlyValid(cert, new Date(to))).toBe(true);
    expect(isCurrentlyValid(cert, new Date(from - 1))).toBe(false);
    expect(isCurrentlyValid(cert, new Date(to + 1))).toBe(false);
  });
});

describe('hostMatches', () => {
  it('matches the DNS names and IP addresses of subjectAltName, in any case, with a trailing dot or IPv6 brackets', () => {
    const leaf = x509(pki.leafEc);
    for (const host of ['localhost', 'LOCALHOST', 'localhost.', '127.0.0.1', '::1', '[::1]', '0:0:0:0:0:0:0:1']) {
      expect(hostMatches(leaf, host), host).toBe(true);
    }
    for (const host of ['127.0.0.2', 'other.localhost', 'odoo.test']) expect(hostMatches(leaf, host), host).toBe(false);
  });

  it('matches nothing for an empty host', () => {
    const leaf = x509(pki.leafEc);
    for (const host of ['', '.', '[]']) expect(hostMatches(leaf, host), JSON.stringify(host)).toBe(false);
  });

  it('strips only the brackets around the host, not brackets inside it', () => {
    const leaf = x509(pki.leafEc);
    for (const host of ['local[host', 'local]host', 'local[]host']) expect(hostMatches(leaf, host), host).toBe(false);
  });

  it('accepts a wildcard for exactly one whole label, and no partial wildcard', () => {
    const wildcard = x509(odd.wildcard);
    expect(hostMatches(wildcard, 'erp.odoo.test')).toBe(true);
    expect(hostMatches(wildcard, 'ERP.odoo.test.')).toBe(true);
    expect(hostMatches(wildcard, 'odoo.test')).toBe(false);
    expect(hostMatches(wildcard, 'a.erp.odoo.test')).toBe(false);
    const partial = x509(odd.partialWildcard);
    expect(hostMatches(partial, 'www.odoo.test')).toBe(false);
    expect(hostMatches(partial, 'w.odoo.test')).toBe(false);
  });

  it('never reads the subject common name', () => {
    const commonNameOnly = x509(odd.commonNameOnly);
    expect(commonNameOnly.subject).toContain('CN=localhost');
    expect(commonNameOnly.subjectAltName).toBeUndefined();
    expect(hostMatches(commonNameOnly, 'localhost')).toBe(false);
  });
});
