// Certificates in one shape. Node hands us peer-certificate objects, Electron hands us PEM,
// tests hand us files; everything becomes a node:crypto X509Certificate here, and from
// there the contract's CertificateInfo, the SPKI pin and the fingerprint the UI shows.
import { X509Certificate, createHash } from 'node:crypto';
import { isIP } from 'node:net';
import type { DetailedPeerCertificate } from 'node:tls';
import type { CertificateInfo } from '../../../contract/index.js';

export type CertificateInput = X509Certificate | string | Buffer | Uint8Array;

/** Longest chain we walk; real chains have 2–4 members. */
const MAX_CHAIN = 10;

export function toX509(input: CertificateInput): X509Certificate {
  return input instanceof X509Certificate ? input : new X509Certificate(input);
}

/**
 * The SPKI pin: `sha256/` + base64(SHA-256(DER SubjectPublicKeyInfo)). It names the key,
 * not the certificate, so a renewal with the same key keeps it.
 */
export function spkiPin(cert: CertificateInput): string {
  const der = toX509(cert).publicKey.export({ type: 'spki', format: 'der' });
  return `sha256/${createHash('sha256').update(der).digest('base64')}`;
}

/** SHA-256 of the whole certificate, colon hex (`AB:CD:…`), as browsers show it. */
export function fingerprintSha256(cert: CertificateInput): string {
  return toX509(cert).fingerprint256;
}

/** Issued by itself: same name and its own key verifies its signature. */
export function isSelfSigned(cert: X509Certificate): boolean {
  if (cert.subject !== cert.issuer) return false;
  try {
    return cert.verify(cert.publicKey);
  } catch {
    // `publicKey` throws for a key algorithm Node cannot load: not self-signed.
    return false;
  }
}

/**
 * `child` names `parent` as issuer and `parent`'s key verifies `child`'s signature.
 * (checkIssued is false for a parent whose key OpenSSL cannot load, so `publicKey` is only
 * read when it loads; verify() throws only for an argument of the wrong type.)
 */
export function isIssuedBy(child: X509Certificate, parent: X509Certificate): boolean {
  return child.checkIssued(parent) && child.verify(parent.publicKey);
}

/**
 * The leaf followed by each certificate that really signed the one before it.
 * Rule: a pin only counts on a certificate cryptographically linked to the leaf — a server
 * can append any certificate it likes to what it sends (a MITM could append the real
 * intermediate), and Node's chain walk links by name, not by signature. The walk stops at
 * the first certificate that did not sign its predecessor, and at a self-signed root.
 */
export function linkedChain(presented: readonly X509Certificate[]): X509Certificate[] {
  const [leaf, ...rest] = presented;
  if (leaf === undefined) return [];
  const chain = [leaf];
  for (const next of rest) {
    if (chain.length >= MAX_CHAIN) break;
    const last = chain[chain.length - 1]!;
    if (isSelfSigned(last)) break;
    if (!isIssuedBy(last, next)) break;
    chain.push(next);
  }
  return chain;
}

/** The chain Node reports for a TLS socket (`getPeerCertificate(true)`), linked as above. */
export function peerChain(peer: DetailedPeerCertificate | undefined | null): X509Certificate[] {
  const presented: X509Certificate[] = [];
  let current: DetailedPeerCertificate | undefined = peer ?? undefined;
  let previous: DetailedPeerCertificate | undefined;
  while (current?.raw !== undefined && current !== previous && presented.length < MAX_CHAIN) {
    presented.push(new X509Certificate(current.raw));
    previous = current;
    current = current.issuerCertificate;
  }
  return linkedChain(presented);
}

/** `CN=a\nO=b` → `CN=a, O=b` (Node keeps escaped commas as `\,`). */
export function formatName(name: string): string {
  return name.split('\n').join(', ');
}

/**
 * Node's `DNS:a, IP Address:1.2.3.4` string as a list. An entry holding a comma, a quote
 * or a backslash comes as a JSON-style quoted string whose commas are escaped (`\u002c`),
 * so `, ` only ever separates entries.
 */
export function subjectAltNames(cert: X509Certificate): string[] {
  const text = cert.subjectAltName;
  return text === undefined || text === '' ? [] : text.split(', ');
}

// `validFromDate` / `validToDate` exist since Node 22.10 (Node 24 here, in Electron too).
export function validFrom(cert: X509Certificate): Date {
  return cert.validFromDate;
}

export function validTo(cert: X509Certificate): Date {
  return cert.validToDate;
}

/** Inside its validity window at `now`. */
export function isCurrentlyValid(cert: X509Certificate, now: Date): boolean {
  const t = now.getTime();
  return validFrom(cert).getTime() <= t && t <= validTo(cert).getTime();
}

/** The contract's CertificateInfo for one certificate. */
export function certificateInfo(input: CertificateInput): CertificateInfo {
  const cert = toX509(input);
  return {
    subject: formatName(cert.subject),
    issuer: formatName(cert.issuer),
    subjectAltNames: subjectAltNames(cert),
    validFrom: validFrom(cert).toISOString(),
    validTo: validTo(cert).toISOString(),
    fingerprintSha256: cert.fingerprint256,
    pin: spkiPin(cert),
    selfSigned: isSelfSigned(cert),
  };
}

/**
 * Whether the certificate names `host` in its subjectAltName (DNS names with the usual
 * single-label wildcard, or IP addresses). Rule: the subject CN is never consulted — the
 * CA/Browser rules and Chromium ignore it, so the RPC path and the web window agree.
 */
export function hostMatches(cert: X509Certificate, host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '').replace(/\.$/, '');
  // (An empty name matches nothing: checkHost answers undefined.)
  if (isIP(h) !== 0) return cert.checkIP(h) !== undefined;
  return cert.checkHost(h, { subject: 'never', wildcards: true, partialWildcards: false }) !== undefined;
}
