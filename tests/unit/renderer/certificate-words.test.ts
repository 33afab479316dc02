// Certificates in plain words (renderer/certificate-words.ts): every refusal code the core
// can report has a sentence of its own, which never shows a code; names of authorities are
// read from the distinguished names the core sends.
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { CERTIFICATE_REASONS } from '../../../contract/certificate-reasons.js';
import en from '../../../i18n/en.json';
import { authorityLabel, authorityName, commonName, pinOwner, reasonWords } from '../../../renderer/certificate-words.js';

// No catalogue is loaded here, so t() answers with the key: the test reads the English text itself.
const english = (key: string): string | undefined => (en as Record<string, string>)[key];
// …and @formatjs reports each key it answers with; that report is expected here.
beforeAll(() => {
  vi.spyOn(console, 'error').mockImplementation(() => {});
});

describe('reasonWords', () => {
  it('has a sentence for every code the core can report, none of them showing a code', () => {
    for (const code of CERTIFICATE_REASONS) {
      const key = reasonWords(code);
      expect(key, code).not.toBe('certWords.unverified');
      expect(english(key), code).toBeDefined();
      expect(english(key), code).not.toMatch(/[A-Z]{2,}_[A-Z_]+/);
    }
  });

  it('says the usual cases in their own words', () => {
    expect(english(reasonWords('DEPTH_ZERO_SELF_SIGNED_CERT'))).toMatch(/made by the server/);
    expect(english(reasonWords('CERT_HAS_EXPIRED'))).toMatch(/expired/);
    expect(english(reasonWords('CERT_NOT_YET_VALID'))).toMatch(/not valid yet/);
    expect(english(reasonWords('ERR_TLS_CERT_ALTNAME_INVALID'))).toMatch(/another address/);
    expect(english(reasonWords('CERT_REVOKED'))).toMatch(/withdrawn/);
    expect(english(reasonWords('UNABLE_TO_GET_ISSUER_CERT_LOCALLY'))).toMatch(/does not know who issued/);
  });

  it('falls back to a general sentence for a code it does not know, or none', () => {
    for (const code of ['SOMETHING_NEW', 'toString', '', null, undefined]) expect(reasonWords(code)).toBe('certWords.unverified');
  });
});

describe('names of authorities', () => {
  const le = "CN=R11, O=Let's Encrypt, C=US";
  it('reads the organisation first, then the common name', () => {
    expect(authorityName(le)).toBe("Let's Encrypt");
    expect(commonName(le)).toBe('R11');
    expect(authorityLabel(le)).toBe("Let's Encrypt (R11)");
    expect(authorityName('CN=Company Root CA')).toBe('Company Root CA');
    expect(authorityLabel('CN=Company Root CA')).toBe('Company Root CA');
    expect(commonName('O=Only Org, C=BE')).toBe('Only Org');
  });

  it('keeps an escaped comma inside a value, and gives back a name it cannot read', () => {
    expect(authorityName('CN=R1, O=Acme\\, Inc., C=US')).toBe('Acme, Inc.');
    expect(authorityName('not a name')).toBe('not a name');
  });

  it('names a pin by the certificate that holds it, when the chain has it', () => {
    const chain = [
      { subject: 'CN=odoo.example.com', pin: 'sha256/LEAF' },
      { subject: "CN=R11, O=Let's Encrypt", pin: 'sha256/R11' },
    ].map((c) => ({ ...c, issuer: '', subjectAltNames: [], validFrom: '', validTo: '', fingerprintSha256: '', selfSigned: false }));
    expect(pinOwner('sha256/R11', chain)).toBe('R11');
    expect(pinOwner('sha256/OTHER', chain)).toBeNull();
  });
});
