// Which keys a new profile pins by default (renderer/screens/wizard/default-pins.ts), and
// the plain words for why a system does not trust a certificate (trust-words.ts).
import { describe, expect, it } from 'vitest';
import type { CertificateInfo, TlsInspection } from '../../../../contract/index.js';
import { defaultPins } from '../../../../renderer/screens/wizard/default-pins.js';
import { authorityName, distrustReason } from '../../../../renderer/screens/wizard/trust-words.js';

const cert = (name: string, selfSigned = false): CertificateInfo => ({
  subject: `CN=${name}`,
  issuer: 'CN=R11, O=Let’s Encrypt, C=US',
  subjectAltNames: [],
  validFrom: '2026-01-01T00:00:00Z',
  validTo: '2027-01-01T00:00:00Z',
  fingerprintSha256: 'AA',
  pin: `sha256/${name.padEnd(43, 'A')}=`,
  selfSigned,
});
const tls = (trustedByOs: boolean, ...chain: CertificateInfo[]): TlsInspection => ({ protocol: 'TLSv1.3', trustedByOs, osError: null, chain });
const [leaf, inter, root] = [cert('leaf'), cert('inter'), cert('root', true)];

describe('default pins', () => {
  it('a certificate the system trusts: the keys of the authorities that issued it, not the server’s', () => {
    expect(defaultPins(tls(true, leaf, inter, root))).toEqual([inter.pin, root.pin]);
    expect(defaultPins(tls(true, leaf, inter, cert('inter2'), root))).toEqual([inter.pin, cert('inter2').pin, root.pin]);
  });

  it('a single authority in a trusted chain: the server’s key as well, so two keys are kept', () => {
    expect(defaultPins(tls(true, leaf, root))).toEqual([root.pin, leaf.pin]);
    expect(defaultPins(tls(true, leaf))).toEqual([leaf.pin]);
  });

  it('a certificate the system does not trust (self-signed): its own key alone', () => {
    const self = cert('self', true);
    expect(defaultPins(tls(false, self))).toEqual([self.pin]);
    expect(defaultPins(tls(false, leaf, inter, root))).toEqual([leaf.pin]);
  });

  it('plain http or no certificate: nothing to pin', () => {
    expect(defaultPins(null)).toEqual([]);
    expect(defaultPins(tls(true))).toEqual([]);
  });
});

describe('trust words', () => {
  it('says why in words for every reason the system reports, never the code', () => {
    expect(distrustReason('DEPTH_ZERO_SELF_SIGNED_CERT', leaf)).toBe('wizard.why.selfSigned');
    for (const code of ['SELF_SIGNED_CERT_IN_CHAIN', 'UNABLE_TO_GET_ISSUER_CERT', 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY', 'UNABLE_TO_VERIFY_LEAF_SIGNATURE']) {
      expect(distrustReason(code, leaf)).toBe('wizard.why.unknownAuthority');
    }
    expect(distrustReason('CERT_HAS_EXPIRED', leaf)).toBe('wizard.why.expired');
    expect(distrustReason('CERT_NOT_YET_VALID', leaf)).toBe('wizard.why.notYetValid');
    expect(distrustReason('ERR_TLS_CERT_ALTNAME_INVALID', leaf)).toBe('wizard.why.wrongHost');
    expect(distrustReason('HOSTNAME_MISMATCH', leaf)).toBe('wizard.why.wrongHost');
    expect(distrustReason('CERT_REVOKED', leaf)).toBe('wizard.why.revoked');
    expect(distrustReason('SOMETHING_NEW', leaf)).toBe('wizard.why.other');
    expect(distrustReason(null, cert('self', true))).toBe('wizard.why.selfSigned');
    expect(distrustReason(null, null)).toBe('wizard.why.other');
  });

  it('names the authority by its organisation, else its common name', () => {
    expect(authorityName('CN=R11, O=Let’s Encrypt, C=US')).toBe('Let’s Encrypt');
    expect(authorityName('CN=Companion Test Intermediate')).toBe('Companion Test Intermediate');
    expect(authorityName('')).toBe('');
  });
});
