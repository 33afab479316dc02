// Why: a certificate is judged by people who do not read X.509. Every refusal code the core
// can report becomes a plain sentence in their language (the code itself is shown only in a
// folded "technical details"), a distinguished name becomes the authority's name as people
// know it ("Let's Encrypt"), and a pin is named by the certificate it belongs to when the
// chain at hand has it.
import type { CertificateInfo } from '../contract';
import type { CertificateReason } from '../contract/certificate-reasons';
import { t, type MessageKey } from './i18n';

/** Plain words for every code the core can report (typed by the shared list: none is missing). */
const REASON_WORDS: Record<CertificateReason, MessageKey> = {
  DEPTH_ZERO_SELF_SIGNED_CERT: 'certWords.selfSigned',
  SELF_SIGNED_CERT_IN_CHAIN: 'certWords.unknownRoot',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'certWords.unknownIssuer',
  UNABLE_TO_GET_ISSUER_CERT: 'certWords.unknownIssuer',
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: 'certWords.unknownIssuer',
  CERT_UNTRUSTED: 'certWords.unknownIssuer',
  CERT_HAS_EXPIRED: 'certWords.expired',
  CERT_NOT_YET_VALID: 'certWords.notYetValid',
  ERROR_IN_CERT_NOT_BEFORE_FIELD: 'certWords.badDates',
  ERROR_IN_CERT_NOT_AFTER_FIELD: 'certWords.badDates',
  ERR_TLS_CERT_ALTNAME_INVALID: 'certWords.wrongHost',
  HOSTNAME_MISMATCH: 'certWords.wrongHost',
  CERT_REVOKED: 'certWords.revoked',
  CERT_REJECTED: 'certWords.revoked',
  NO_PEER_CERTIFICATE: 'certWords.noCertificate',
  CERT_SIGNATURE_FAILURE: 'certWords.badSignature',
  UNABLE_TO_DECODE_ISSUER_PUBLIC_KEY: 'certWords.badSignature',
  UNABLE_TO_DECRYPT_CERT_SIGNATURE: 'certWords.badSignature',
  CERT_CHAIN_TOO_LONG: 'certWords.badChain',
  INVALID_CA: 'certWords.badChain',
  PATH_LENGTH_EXCEEDED: 'certWords.badChain',
  INVALID_PURPOSE: 'certWords.wrongPurpose',
  EE_KEY_TOO_SMALL: 'certWords.weak',
  CA_KEY_TOO_SMALL: 'certWords.weak',
  CA_MD_TOO_WEAK: 'certWords.weak',
};

/** Why a certificate was not trusted, in a sentence; a general one for a code not in the list. */
export function reasonWords(code: string | null | undefined): string {
  // Own keys only: a code such as `toString` must not find Object's method.
  const known = typeof code === 'string' && Object.hasOwn(REASON_WORDS, code);
  return t(known ? REASON_WORDS[code as CertificateReason] : 'certWords.unverified');
}

/** The parts of a name as the core formats it (`CN=R11, O=Let's Encrypt, C=US`); `\,` stays inside a value. */
function nameParts(dn: string): Map<string, string> {
  const parts = new Map<string, string>();
  for (const part of dn.split(/,\s*(?=[A-Za-z][A-Za-z0-9.]*=)/)) {
    const eq = part.indexOf('=');
    if (eq > 0) parts.set(part.slice(0, eq).trim().toUpperCase(), part.slice(eq + 1).trim().replaceAll('\\,', ','));
  }
  return parts;
}

/** An authority as people know it: its organisation ("Let's Encrypt"), else its common name, else the name as given. */
export function authorityName(dn: string): string {
  const parts = nameParts(dn);
  return parts.get('O') ?? parts.get('CN') ?? dn;
}

/** A certificate's own short name: its common name, else its organisation, else the name as given. */
export function commonName(dn: string): string {
  const parts = nameParts(dn);
  return parts.get('CN') ?? parts.get('O') ?? dn;
}

/** "Let's Encrypt (R11)": the organisation and, when it says more, the common name. */
export function authorityLabel(dn: string): string {
  const org = authorityName(dn);
  const cn = commonName(dn);
  return org === cn ? org : `${org} (${cn})`;
}

/** The certificate of `chain` that holds the key `pin`, named; null when the chain does not have it. */
export function pinOwner(pin: string, chain: readonly CertificateInfo[]): string | null {
  const owner = chain.find((c) => c.pin === pin);
  return owner === undefined ? null : commonName(owner.subject);
}
