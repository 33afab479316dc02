// Why: the codes the core can report for a certificate it refused (`details.reason` of a
// `tls_untrusted` error, `osError` of an inspection) are one closed list, shared: the core
// recognises exactly these as verification failures, and the renderer must have plain words
// for each one — its table is typed by this list, so a code added here without words fails
// the renderer's typecheck. No import: the renderer takes it without zod.

/** OpenSSL's verification codes as Node reports them, plus Node's host-name and no-certificate codes. */
export const CERTIFICATE_REASONS = [
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
] as const;

export type CertificateReason = (typeof CERTIFICATE_REASONS)[number];
