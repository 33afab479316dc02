import { X509Certificate } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CERTIFICATE_REASONS } from '../../../../contract/certificate-reasons.js';
import { AppError } from '../../../../main/core/errors.js';
import { linkedChain, spkiPin } from '../../../../main/core/net/certificates.js';
import { mapTlsConnectError, pinMismatchError, untrustedError, verifyPeer, type PeerFacts } from '../../../../main/core/net/pin-check.js';
import { createAuthorityCertificates, type AuthorityCertificates } from '../../../support/pki-authorities.js';
import { createTestPki, type TestCert, type TestPki } from '../../../support/pki.js';

let pki: TestPki;
let auth: AuthorityCertificates;
beforeAll(async () => {
  pki = await createTestPki();
  auth = await createAuthorityCertificates(pki);
});
afterAll(async () => {
  await pki.dispose();
});

const chainOf = (...certs: TestCert[]) => linkedChain(certs.map((c) => new X509Certificate(c.certPem)));
const facts = (over: Partial<PeerFacts> & Pick<PeerFacts, 'chain'>): PeerFacts => ({
  authorized: true,
  authorizationError: null,
  host: 'localhost',
  port: 8443,
  now: new Date(),
  ...over,
});
const pin = (c: TestCert) => spkiPin(c.certPem);
const LEAF = 'CN=localhost, O=Companion Tests';
const INTERMEDIATE = 'CN=Companion Test Intermediate CA, O=Companion Tests';
const ROOT = 'CN=Companion Test Root CA, O=Companion Tests';

function thrown(fn: () => unknown): AppError {
  try {
    fn();
  } catch (e) {
    if (e instanceof AppError) return e;
    throw e;
  }
  throw new Error('did not throw');
}

describe('verifyPeer', () => {
  it('needs OS validation AND a pin on the chain for a pinned profile', () => {
    const chain = chainOf(pki.leafEc, pki.intermediate, pki.root);
    expect(verifyPeer(facts({ chain }), { pins: [pin(pki.root)], trustSelfSigned: false })).toMatchObject({ matchedIndex: 2 });
    const e = thrown(() =>
      verifyPeer(facts({ chain, authorized: false, authorizationError: 'SELF_SIGNED_CERT_IN_CHAIN' }), {
        pins: [pin(pki.leafEc)],
        trustSelfSigned: false,
      }),
    );
    expect(e.code).toBe('tls_untrusted');
    expect(e.details).toMatchObject({ reason: 'SELF_SIGNED_CERT_IN_CHAIN', host: 'localhost' });
  });

  it('checks the host itself, on subjectAltName only', () => {
    const e = thrown(() =>
      verifyPeer(facts({ chain: chainOf(pki.leafEc, pki.intermediate), host: 'odoo.example.com' }), {
        pins: [pin(pki.leafEc)],
        trustSelfSigned: false,
      }),
    );
    expect(e.details?.reason).toBe('ERR_TLS_CERT_ALTNAME_INVALID');
  });

  it('self-signed trust: refuses a not-yet-valid leaf and reports a mismatch with pins and fingerprint', () => {
    const chain = chainOf(pki.selfSigned);
    const policy = { pins: [pin(pki.selfSigned)], trustSelfSigned: true };
    expect(thrown(() => verifyPeer(facts({ chain, authorized: false, now: new Date('2000-01-01') }), policy)).details?.reason).toBe(
      'CERT_NOT_YET_VALID',
    );
    const other = chainOf(pki.selfSignedOther);
    const e = thrown(() => verifyPeer(facts({ chain: other, authorized: false }), policy));
    expect(e.code).toBe('tls_pin_mismatch');
    expect(e.details).toEqual({
      host: 'localhost',
      port: 8443,
      presentedIssuer: 'CN=localhost, O=Self Signed Other',
      presentedNames: ['CN=localhost, O=Self Signed Other'],
      presentedPins: [pin(pki.selfSignedOther)],
      expectedPins: [pin(pki.selfSigned)],
      expectedIssuer: null,
      fingerprint: new X509Certificate(pki.selfSignedOther.certPem).fingerprint256,
    });
    expect(e.message).not.toMatch(/continue|anyway|ignore/i);
  });
});

describe('mapTlsConnectError', () => {
  it('types certificate failures and leaves network failures alone', () => {
    const expired = Object.assign(new Error('certificate has expired'), { code: 'CERT_HAS_EXPIRED' });
    const mapped = mapTlsConnectError(expired, 'odoo.example.com');
    expect(mapped).toBeInstanceOf(AppError);
    expect((mapped as AppError).code).toBe('tls_untrusted');
    expect((mapped as AppError).cause).toBe(expired);
    const refused = Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
    expect(mapTlsConnectError(refused, 'odoo.example.com')).toBe(refused);
  });
});

const fingerprint = (c: TestCert) => new X509Certificate(c.certPem).fingerprint256;

describe('verifyPeer accepts', () => {
  it('a pinned leaf on an OS-validated chain, and says what matched', () => {
    const chain = chainOf(pki.leafEc, pki.intermediate, pki.root);
    const verdict = verifyPeer(facts({ chain }), { pins: [pin(pki.leafEc)], trustSelfSigned: false });
    expect(verdict).toEqual({ leaf: chain[0], matchedPin: pin(pki.leafEc), matchedIndex: 0 });
    expect(verifyPeer(facts({ chain }), { pins: [pin(pki.intermediate)], trustSelfSigned: false })).toMatchObject({
      matchedPin: pin(pki.intermediate),
      matchedIndex: 1,
    });
  });

  it('a pinned self-signed leaf inside its dates, though the OS did not validate it', () => {
    const chain = chainOf(pki.selfSigned);
    const verdict = verifyPeer(facts({ chain, authorized: false, authorizationError: 'DEPTH_ZERO_SELF_SIGNED_CERT' }), {
      pins: [pin(pki.selfSignedOther), pin(pki.selfSigned)],
      trustSelfSigned: true,
    });
    expect(verdict).toEqual({ leaf: chain[0], matchedPin: pin(pki.selfSigned), matchedIndex: 0 });
  });
});

describe('verifyPeer refuses', () => {
  it('an empty chain, with the host and reason only', () => {
    for (const trustSelfSigned of [false, true]) {
      const e = thrown(() => verifyPeer(facts({ chain: [] }), { pins: [pin(pki.leafEc)], trustSelfSigned }));
      expect(e.code).toBe('tls_untrusted');
      expect(e.details).toEqual({ host: 'localhost', reason: 'NO_PEER_CERTIFICATE' });
      expect(e.message).toContain('the server sent no certificate');
    }
  });

  it('a chain the OS did not validate, with its reason or an unknown issuer, and what was presented', () => {
    const chain = chainOf(pki.leafEc, pki.intermediate);
    const e = thrown(() => verifyPeer(facts({ chain, authorized: false }), { pins: [pin(pki.leafEc)], trustSelfSigned: false }));
    expect(e.code).toBe('tls_untrusted');
    expect(e.details).toEqual({
      host: 'localhost',
      reason: 'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
      presentedPins: [pin(pki.leafEc), pin(pki.intermediate)],
      fingerprint: fingerprint(pki.leafEc),
    });
    expect(e.cause).toBeUndefined();
  });

  it('another host name, even on a self-signed trusted profile', () => {
    const e = thrown(() =>
      verifyPeer(facts({ chain: chainOf(pki.selfSigned), authorized: false, host: 'odoo.example.com' }), {
        pins: [pin(pki.selfSigned)],
        trustSelfSigned: true,
      }),
    );
    expect(e.details).toEqual({
      host: 'odoo.example.com',
      reason: 'ERR_TLS_CERT_ALTNAME_INVALID',
      presentedPins: [pin(pki.selfSigned)],
      fingerprint: fingerprint(pki.selfSigned),
    });
  });

  it('a self-signed leaf past its dates', () => {
    const e = thrown(() =>
      verifyPeer(facts({ chain: chainOf(pki.selfSigned), authorized: false, now: new Date('2200-01-01') }), {
        pins: [pin(pki.selfSigned)],
        trustSelfSigned: true,
      }),
    );
    expect(e.details).toMatchObject({ reason: 'CERT_HAS_EXPIRED', fingerprint: fingerprint(pki.selfSigned) });
  });

  it('on self-signed trust, an issuer pin: nothing validated the chain, so only the leaf counts', () => {
    const chain = chainOf(pki.leafEc, pki.intermediate);
    const e = thrown(() => verifyPeer(facts({ chain, authorized: false }), { pins: [pin(pki.intermediate)], trustSelfSigned: true }));
    expect(e.code).toBe('tls_pin_mismatch');
    expect(e.details).toEqual({
      host: 'localhost',
      port: 8443,
      presentedIssuer: INTERMEDIATE,
      presentedNames: [LEAF, INTERMEDIATE],
      presentedPins: [pin(pki.leafEc), pin(pki.intermediate)],
      expectedPins: [pin(pki.intermediate)],
      expectedIssuer: null,
      fingerprint: fingerprint(pki.leafEc),
    });
  });

  it('a validated chain none of whose keys is pinned, naming every presented pin and the leaf fingerprint', () => {
    const chain = chainOf(pki.leafMitm, pki.intermediate, pki.root);
    const e = thrown(() => verifyPeer(facts({ chain }), { pins: [pin(pki.leafEc), pin(pki.leafBackup)], trustSelfSigned: false }));
    expect(e.code).toBe('tls_pin_mismatch');
    expect(e.details).toEqual({
      host: 'localhost',
      port: 8443,
      presentedIssuer: INTERMEDIATE,
      presentedNames: [LEAF, INTERMEDIATE, ROOT],
      presentedPins: [pin(pki.leafMitm), pin(pki.intermediate), pin(pki.root)],
      expectedPins: [pin(pki.leafEc), pin(pki.leafBackup)],
      expectedIssuer: null,
      fingerprint: fingerprint(pki.leafMitm),
    });
    expect(e.message).toContain('localhost:8443');
  });
});

describe("verifyPeer with the authorities' keys pinned", () => {
  const authorities = () => ({ pins: [pin(pki.intermediate), pin(pki.root)], trustSelfSigned: false });

  it('passes a renewal: a new leaf key signed by another intermediate of the same root', () => {
    const chain = chainOf(auth.renewedLeaf, auth.otherIntermediate, pki.root);
    expect(chain).toHaveLength(3);
    expect(verifyPeer(facts({ chain }), authorities())).toMatchObject({ matchedPin: pin(pki.root), matchedIndex: 2 });
  });

  it('refuses a chain from another root, naming who presents it and what was expected', () => {
    const chain = chainOf(auth.proxyLeaf, auth.proxyIntermediate, auth.proxyRoot);
    const e = thrown(() => verifyPeer(facts({ chain }), authorities()));
    expect(e.code).toBe('tls_pin_mismatch');
    expect(e.details).toMatchObject({
      port: 8443,
      presentedIssuer: 'CN=Inspecting Proxy Intermediate CA, O=Inspecting Proxy',
      expectedPins: [pin(pki.intermediate), pin(pki.root)],
      expectedIssuer: null,
    });
  });

  it('does not count an authority appended without signing the chain (the real root after a proxy chain)', () => {
    const chain = chainOf(auth.proxyLeaf, auth.proxyIntermediate, pki.root);
    expect(chain).toHaveLength(2);
    expect(thrown(() => verifyPeer(facts({ chain }), authorities())).code).toBe('tls_pin_mismatch');
  });

  it('says who was expected when the profile knows who signed the certificate it last accepted', () => {
    const chain = chainOf(auth.proxyLeaf, auth.proxyIntermediate, auth.proxyRoot);
    const e = thrown(() => verifyPeer(facts({ chain }), { ...authorities(), expectedIssuer: INTERMEDIATE }));
    expect(e.details).toMatchObject({ expectedIssuer: INTERMEDIATE, expectedPins: [pin(pki.intermediate), pin(pki.root)] });
  });

  it('still needs the system to have verified the chain', () => {
    const chain = chainOf(auth.renewedLeaf, auth.otherIntermediate, pki.root);
    const e = thrown(() => verifyPeer(facts({ chain, authorized: false, authorizationError: 'CERT_REVOKED' }), authorities()));
    expect(e.details).toMatchObject({ reason: 'CERT_REVOKED' });
  });
});

describe('refusal errors', () => {
  it('a pin mismatch without a chain names no pins and no fingerprint', () => {
    expect(pinMismatchError({ host: 'h.example', port: 443 }, [], { pins: [] }).details).toEqual({
      host: 'h.example',
      port: 443,
      presentedIssuer: '',
      presentedNames: [],
      presentedPins: [],
      expectedPins: [],
      expectedIssuer: null,
      fingerprint: '',
    });
  });

  it('an untrusted refusal carries the chain only when there is one, and its cause only when given', () => {
    expect(untrustedError('h.example', 'CERT_REVOKED', []).details).toEqual({ host: 'h.example', reason: 'CERT_REVOKED' });
    const cause = new Error('x');
    expect(untrustedError('h.example', 'CERT_REVOKED', undefined, cause).cause).toBe(cause);
    expect('cause' in untrustedError('h.example', 'CERT_REVOKED')).toBe(false);
  });

  it('says why in words for each known reason, and generically otherwise', () => {
    const why: Record<string, string> = {
      CERT_HAS_EXPIRED: 'the certificate has expired',
      CERT_NOT_YET_VALID: 'the certificate is not valid yet',
      DEPTH_ZERO_SELF_SIGNED_CERT: 'the certificate is self-signed',
      SELF_SIGNED_CERT_IN_CHAIN: 'the certificate chain ends in an unknown root',
      UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'the certificate’s issuer is unknown',
      UNABLE_TO_GET_ISSUER_CERT: 'the certificate’s issuer is unknown',
      UNABLE_TO_GET_ISSUER_CERT_LOCALLY: 'the certificate’s issuer is unknown',
      ERR_TLS_CERT_ALTNAME_INVALID: 'the certificate is for another host name',
      HOSTNAME_MISMATCH: 'the certificate is for another host name',
      CERT_REVOKED: 'the certificate was revoked',
      NO_PEER_CERTIFICATE: 'the server sent no certificate',
      CERT_UNTRUSTED: 'the certificate could not be verified',
    };
    for (const [reason, text] of Object.entries(why)) {
      expect(untrustedError('h.example', reason).message).toBe(`Odoo Companion did not connect to h.example: ${text}.`);
    }
  });
});

describe('mapTlsConnectError, every verification code', () => {
  const codes = [
    'CERT_HAS_EXPIRED',
    'CERT_NOT_YET_VALID',
    'DEPTH_ZERO_SELF_SIGNED_CERT',
    'SELF_SIGNED_CERT_IN_CHAIN',
    'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
    'UNABLE_TO_GET_ISSUER_CERT',
    'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
    'ERR_TLS_CERT_ALTNAME_INVALID',
    'HOSTNAME_MISMATCH',
    'CERT_REVOKED',
    'NO_PEER_CERTIFICATE',
    'CERT_SIGNATURE_FAILURE',
    'CERT_UNTRUSTED',
    'CERT_REJECTED',
    'CERT_CHAIN_TOO_LONG',
    'INVALID_CA',
    'INVALID_PURPOSE',
    'PATH_LENGTH_EXCEEDED',
    'UNABLE_TO_DECODE_ISSUER_PUBLIC_KEY',
    'UNABLE_TO_DECRYPT_CERT_SIGNATURE',
    'ERROR_IN_CERT_NOT_BEFORE_FIELD',
    'ERROR_IN_CERT_NOT_AFTER_FIELD',
    'EE_KEY_TOO_SMALL',
    'CA_KEY_TOO_SMALL',
    'CA_MD_TOO_WEAK',
  ];

  it('is the shared list the renderer has words for', () => {
    expect(codes).toEqual([...CERTIFICATE_REASONS]);
  });

  it.each(codes)('%s becomes tls_untrusted with that reason', (code) => {
    const err = Object.assign(new Error(code), { code });
    const mapped = mapTlsConnectError(err, 'odoo.example.com');
    expect(mapped).toBeInstanceOf(AppError);
    expect((mapped as AppError).code).toBe('tls_untrusted');
    expect((mapped as AppError).details).toEqual({ host: 'odoo.example.com', reason: code });
    expect((mapped as AppError).cause).toBe(err);
  });

  it('leaves AppErrors, network faults, code-less and non-error values as they are', () => {
    const app = new AppError('tls_pin_mismatch', 'x');
    expect(mapTlsConnectError(app, 'h')).toBe(app);
    for (const other of [
      Object.assign(new Error('reset'), { code: 'ECONNRESET' }),
      Object.assign(new Error('odd'), { code: 42 }),
      Object.assign(new Error('proto'), { code: 'toString' }),
      new Error('no code'),
      null,
      undefined,
      'text',
    ]) {
      expect(mapTlsConnectError(other, 'h')).toBe(other);
    }
  });
});
