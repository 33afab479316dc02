// The decision "may we talk to this server?" for one TLS connection, as a pure function of
// what the handshake showed (chain, OS verdict, host) and the profile's PinPolicy, plus the
// typed errors a refusal becomes. The dispatcher runs it on every connection.
import type { X509Certificate } from 'node:crypto';
import { CERTIFICATE_REASONS } from '../../../contract/certificate-reasons.js';
import { AppError } from '../errors.js';
import { formatName, hostMatches, isCurrentlyValid, spkiPin, validFrom } from './certificates.js';
import { findPinnedMember } from './pins.js';
import type { PinPolicy } from './types.js';

export interface PeerFacts {
  /** Leaf first, each member linked by signature to the one before (see linkedChain). */
  chain: readonly X509Certificate[];
  /** Whether OpenSSL validated the chain against the trust store. */
  authorized: boolean;
  /** OpenSSL's reason when it did not (e.g. `SELF_SIGNED_CERT_IN_CHAIN`). */
  authorizationError: string | null;
  /** The host we meant to reach (URL host name, IPv6 without brackets). */
  host: string;
  /** Its port (a refusal names both: two servers on one host are two servers). */
  port: number;
  now: Date;
}

/** What a passing connection was accepted on. */
export interface PeerVerdict {
  leaf: X509Certificate;
  matchedPin: string;
  matchedIndex: number;
}

/**
 * Throws `tls_untrusted` or `tls_pin_mismatch`, or returns what matched.
 * Rules:
 *  - the host name is checked here on every connection, resumed or not (Node skips its own
 *    check on a resumed session);
 *  - pinned profile: OS chain validation must have passed AND a pin must match a member of
 *    the presented chain as far as it is linked by signature to the leaf (the leaf, its
 *    intermediates, the root) — so pinning the authorities' keys (contract/default-pins.ts)
 *    lets a renewal with a new leaf key or another intermediate of the same root through,
 *    and refuses a chain from any other authority;
 *  - self-signed trust: the LEAF must match a pin (issuer pins do not count: nothing
 *    validated the chain), and the leaf must be inside its validity dates;
 *  - there is no override: a refusal is final for this connection.
 */
export function verifyPeer(facts: PeerFacts, policy: PinPolicy): PeerVerdict {
  const { chain, host } = facts;
  const leaf = chain[0];
  if (leaf === undefined) throw untrustedError(host, 'NO_PEER_CERTIFICATE');

  if (!policy.trustSelfSigned && !facts.authorized) {
    throw untrustedError(host, facts.authorizationError ?? 'UNABLE_TO_VERIFY_LEAF_SIGNATURE', chain);
  }
  if (!hostMatches(leaf, host)) throw untrustedError(host, 'ERR_TLS_CERT_ALTNAME_INVALID', chain);

  if (policy.trustSelfSigned) {
    if (!isCurrentlyValid(leaf, facts.now)) {
      throw untrustedError(host, facts.now < validFrom(leaf) ? 'CERT_NOT_YET_VALID' : 'CERT_HAS_EXPIRED', chain);
    }
    const pin = spkiPin(leaf);
    if (!policy.pins.includes(pin)) throw pinMismatchError(facts, chain, policy);
    return { leaf, matchedPin: pin, matchedIndex: 0 };
  }

  const match = findPinnedMember(chain, policy.pins);
  if (match === null) throw pinMismatchError(facts, chain, policy);
  return { leaf, matchedPin: match.pin, matchedIndex: match.index };
}

/**
 * The hard failure: no "continue anyway", only an explicit re-pin behind an unlock. Its
 * details say what the person needs to judge it: which server (host and port), who presents
 * the certificate NOW (the leaf's issuer, the names and keys of the linked chain, the leaf's
 * fingerprint) and what was EXPECTED (the profile's pins, and who signed the certificate it
 * last accepted, when known).
 */
export function pinMismatchError(
  server: Pick<PeerFacts, 'host' | 'port'>,
  chain: readonly X509Certificate[],
  expected: Pick<PinPolicy, 'pins' | 'expectedIssuer'>,
): AppError {
  const { host, port } = server;
  const leaf = chain[0];
  return new AppError(
    'tls_pin_mismatch',
    `The certificate of ${host}:${port} does not match the one saved for this profile. Someone may be intercepting the connection. ` +
      'If your administrator replaced the certificate, unlock and re-pin the profile after checking its fingerprint with them.',
    {
      host,
      port,
      presentedIssuer: leaf === undefined ? '' : formatName(leaf.issuer),
      presentedNames: chain.map((c) => formatName(c.subject)),
      presentedPins: chain.map((c) => spkiPin(c)),
      expectedPins: [...expected.pins],
      expectedIssuer: expected.expectedIssuer ?? null,
      fingerprint: leaf?.fingerprint256 ?? '',
    },
  );
}

const REASONS: Record<string, string> = {
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
};

/** Codes Node/OpenSSL use for a failed certificate verification (not for network faults). */
const VERIFY_CODES: ReadonlySet<string> = new Set(CERTIFICATE_REASONS);

export function untrustedError(
  host: string,
  reason: string,
  chain?: readonly X509Certificate[],
  cause?: unknown,
): AppError {
  const why = REASONS[reason] ?? 'the certificate could not be verified';
  const details: Record<string, string | string[]> = { host, reason };
  if (chain !== undefined && chain.length > 0) {
    details.presentedPins = chain.map((c) => spkiPin(c));
    details.fingerprint = chain[0]!.fingerprint256;
  }
  return new AppError(
    'tls_untrusted',
    `Odoo Companion did not connect to ${host}: ${why}.`,
    details,
    cause === undefined ? undefined : { cause },
  );
}

/**
 * Maps an error raised by Node's TLS layer during connect. Certificate verification
 * failures become `tls_untrusted`; anything else (refused, reset, DNS, timeout) is returned
 * unchanged for the caller to classify as a network failure.
 */
export function mapTlsConnectError(err: unknown, host: string): unknown {
  if (err instanceof AppError) return err;
  const code = (err as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && VERIFY_CODES.has(code)) return untrustedError(host, code, undefined, err);
  return err;
}
