// Why: a person deciding whether to trust a server reads why their system does not trust
// it in plain words, never an OpenSSL code (the code stays for "technical details"). Also
// the name of the authority that vouches for a trusted certificate, from its issuer name.
import type { CertificateInfo } from '../../../contract';
import type { MessageKey } from '../../i18n';

const REASONS: Record<string, MessageKey> = {
  DEPTH_ZERO_SELF_SIGNED_CERT: 'wizard.why.selfSigned',
  SELF_SIGNED_CERT_IN_CHAIN: 'wizard.why.unknownAuthority',
  UNABLE_TO_GET_ISSUER_CERT: 'wizard.why.unknownAuthority',
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: 'wizard.why.unknownAuthority',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'wizard.why.unknownAuthority',
  CERT_HAS_EXPIRED: 'wizard.why.expired',
  CERT_NOT_YET_VALID: 'wizard.why.notYetValid',
  ERR_TLS_CERT_ALTNAME_INVALID: 'wizard.why.wrongHost',
  HOSTNAME_MISMATCH: 'wizard.why.wrongHost',
  CERT_REVOKED: 'wizard.why.revoked',
};

/** Why the system refused the certificate, as a sentence key. */
export function distrustReason(osError: string | null, leaf: CertificateInfo | null): MessageKey {
  if (osError !== null && osError in REASONS) return REASONS[osError]!;
  return leaf?.selfSigned ? 'wizard.why.selfSigned' : 'wizard.why.other';
}

/** The organisation (else the common name) in an issuer name such as `CN=R11, O=Let's Encrypt, C=US`. */
export function authorityName(issuer: string): string {
  const part = (attr: string) => issuer.split(/,\s*/).find((p) => p.startsWith(`${attr}=`))?.slice(attr.length + 1) ?? null;
  return part('O') ?? part('CN') ?? issuer;
}
