import { X509Certificate } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../../../main/core/errors.js';
import { linkedChain, spkiPin } from '../../../../main/core/net/certificates.js';
import { mapTlsConnectError, verifyPeer, type PeerFacts } from '../../../../main/core/net/pin-check.js';
import { createTestPki, type TestCert, type TestPki } from '../../../support/pki.js';

let pki: TestPki;
beforeAll(async () => {
  pki = await createTestPki();
});
afterAll(async () => {
  await pki.dispose();
});

const chainOf = (...certs: TestCert[]) => linkedChain(certs.map((c) => new X509Certificate(c.certPem)));
const facts = (over: Partial<PeerFacts> & Pick<PeerFacts, 'chain'>): PeerFacts => ({
  authorized: true,
  authorizationError: null,
  host: 'localhost',
  now: new Date(),
  ...over,
});
const pin = (c: TestCert) => spkiPin(c.certPem);

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
      presentedPins: [pin(pki.selfSignedOther)],
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
