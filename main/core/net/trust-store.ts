// Which roots "normal chain validation" trusts. Production trusts what the person's OS
// trusts: Node's default roots plus the operating system's store. Tests add their own root
// through `extraCa`; production passes none.
//
// Node facts this relies on (Node 24, in Electron too): `tls.getCACertificates(type)` with
// types 'default' (bundled + NODE_EXTRA_CA_CERTS, + system only when Node runs with
// --use-system-ca, or what `tls.setDefaultCACertificates` set), 'system' (the OS store:
// Keychain on macOS, the Windows store, the usual PEM bundle on Linux), 'bundled' and
// 'extra'. Passing `ca` to Node replaces its defaults, so the union is built here once and
// compiled into one SecureContext per factory instead of re-parsing hundreds of roots on
// every connection.
import tls from 'node:tls';

let cachedRoots: readonly string[] | undefined;

/** Default + system roots as PEM strings, each certificate once; computed once per process. */
export function osTrustRoots(): readonly string[] {
  if (cachedRoots !== undefined) return cachedRoots;
  const roots = [...tls.getCACertificates('default')];
  try {
    roots.push(...tls.getCACertificates('system'));
  } catch {
    // No readable OS store (some minimal Linux images): the default roots still apply.
  }
  // The same root comes wrapped at 64 or at 72 columns depending on its source: one entry
  // per certificate, keyed by its base64 text without line breaks.
  cachedRoots = [...new Map(roots.map((pem) => [pem.replace(/\s/g, ''), pem])).values()];
  return cachedRoots;
}

export type ExtraCa = string | Buffer | readonly (string | Buffer)[];

/** A client SecureContext that trusts the OS roots plus `extraCa`. */
export function createTrustContext(extraCa?: ExtraCa): tls.SecureContext {
  const roots = osTrustRoots() as string[];
  return tls.createSecureContext({ ca: extraCa === undefined ? roots : [...roots, ...[extraCa].flat()] });
}
