// The pinning policy for Odoo web windows. Chromium, not Node, makes those connections, so
// main/app installs this with `session.setCertificateVerifyProc` on each profile's
// partition. It is a pure function of Electron's request shape (declared here: this module
// must not import 'electron') and the profile's PinPolicy, answering Chromium's codes.
import type { X509Certificate } from 'node:crypto';
import { hostMatches, isCurrentlyValid, linkedChain, spkiPin, toX509 } from './certificates.js';
import { findPinnedMember } from './pins.js';
import type { PinPolicy } from './types.js';
import { normalizeServerUrl } from './url-policy.js';

/** Accept the certificate. */
export const CERT_ACCEPT = 0;
/** Reject it (the page load fails with a certificate error; no interstitial bypass). */
export const CERT_REJECT = -2;
/** Use Chromium's own verification result. */
export const CERT_USE_CHROMIUM = -3;
export type CertificateVerdict = typeof CERT_ACCEPT | typeof CERT_REJECT | typeof CERT_USE_CHROMIUM;

/** The parts of Electron's `Certificate` this policy reads. */
export interface ElectronCertificate {
  /** PEM. */
  data: string;
  issuerCert?: ElectronCertificate | null;
  fingerprint?: string;
  subjectName?: string;
  issuerName?: string;
  serialNumber?: string;
  validStart?: number;
  validExpiry?: number;
}

/** The request `setCertificateVerifyProc` passes. */
export interface ElectronVerifyRequest {
  hostname: string;
  certificate: ElectronCertificate;
  /** The chain Chromium built and verified (when it did). */
  validatedCertificate?: ElectronCertificate | null;
  /** `net::OK` or a net error name such as `net::ERR_CERT_AUTHORITY_INVALID`. */
  verificationResult: string;
  errorCode: number;
  isIssuedByKnownRoot?: boolean;
}

export type PolicyLookup = (hostname: string) => PinPolicy | null | undefined;

/** The only Chromium failure a self-signed trust may overrule: "issuer unknown". */
const AUTHORITY_INVALID = 'net::ERR_CERT_AUTHORITY_INVALID';
const MAX_CHAIN = 10;

/** The certificates of Electron's issuerCert chain, at most MAX_CHAIN (which also ends a loop). */
function certificatesOf(first: ElectronCertificate | null | undefined): X509Certificate[] {
  const out: X509Certificate[] = [];
  for (let c = first; c && out.length < MAX_CHAIN; c = c.issuerCert) out.push(toX509(c.data));
  return out;
}

/**
 * Rules, mirroring the RPC path (pin-check.ts):
 *  - a host with no policy (not the profile's host) → -3, Chromium decides as usual;
 *  - an unreadable or out-of-date leaf, or one that does not name the host → -2;
 *  - pinned profile: Chromium verified the chain (`net::OK`) AND a member of the chain,
 *    linked by signature to the leaf, matches a pin → 0; anything else → -2;
 *  - self-signed trust: the leaf matches a pin and names the host → 0 even when Chromium
 *    only objects that the issuer is unknown; any other Chromium error, or no leaf pin → -2.
 */
export function verifyElectronCertificate(
  request: ElectronVerifyRequest,
  policy: PinPolicy | null | undefined,
  now: Date = new Date(),
): CertificateVerdict {
  if (policy === null || policy === undefined) return CERT_USE_CHROMIUM;
  let presented: X509Certificate[];
  try {
    presented = linkedChain(certificatesOf(request.certificate));
  } catch {
    return CERT_REJECT;
  }
  const leaf = presented[0];
  if (leaf === undefined) return CERT_REJECT;
  if (!isCurrentlyValid(leaf, now)) return CERT_REJECT;
  if (!hostMatches(leaf, request.hostname)) return CERT_REJECT;

  const chromiumOk = request.verificationResult === 'net::OK' && request.errorCode === 0;

  if (policy.trustSelfSigned) {
    if (!chromiumOk && request.verificationResult !== AUTHORITY_INVALID) return CERT_REJECT;
    return policy.pins.includes(spkiPin(leaf)) ? CERT_ACCEPT : CERT_REJECT;
  }

  if (!chromiumOk) return CERT_REJECT;
  let verified = presented;
  if (request.validatedCertificate) {
    try {
      verified = linkedChain(certificatesOf(request.validatedCertificate));
    } catch {
      return CERT_REJECT;
    }
    // The verified chain must be about the same leaf.
    // (certificatesOf of a certificate has at least that certificate, or throws.)
    if (!verified[0]!.raw.equals(leaf.raw)) return CERT_REJECT;
  }
  return findPinnedMember(verified, policy.pins) !== null ? CERT_ACCEPT : CERT_REJECT;
}

/** What `session.setCertificateVerifyProc` takes, built from a policy lookup. */
export function createCertificateVerifyProc(
  policyLookup: PolicyLookup,
  /** Clock for the validity checks (tests); the current time by default. */
  now?: () => Date,
): (request: ElectronVerifyRequest, callback: (verdict: number) => void) => void {
  return (request, callback) => {
    let verdict: CertificateVerdict;
    try {
      verdict = verifyElectronCertificate(request, policyLookup(request.hostname), now?.());
    } catch {
      // Fail closed for our hosts; a lookup that throws is a bug, not a reason to accept.
      verdict = CERT_REJECT;
    }
    callback(verdict);
  };
}

/**
 * The lookup for one profile's partition: its own host gets its PinPolicy (every port:
 * Chromium's request carries no port); every other host is left to Chromium.
 */
export function policyLookupForProfile(profile: { origin: string } & PinPolicy): PolicyLookup {
  const host = normalizeServerUrl(profile.origin).host.toLowerCase();
  const policy: PinPolicy = { pins: [...profile.pins], trustSelfSigned: profile.trustSelfSigned };
  return (hostname) => (hostname.replace(/^\[|\]$/g, '').replace(/\.$/, '').toLowerCase() === host ? policy : null);
}
