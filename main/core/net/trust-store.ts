// Which roots "normal chain validation" trusts. Production trusts what the person's OS
// trusts: Node's bundled Mozilla roots plus the operating system's store. Tests add their
// own root through `extraCa`; production passes none.
//
// Node facts this relies on (checked on Node 24): `tls.getCACertificates(type)` exists
// since Node 22.15 / 23.10 with types 'default' (bundled + NODE_EXTRA_CA_CERTS, + system
// only when Node runs with --use-system-ca), 'bundled', 'system' (the OS store: Keychain on
// macOS, the Windows store, the usual PEM bundle on Linux) and 'extra'. Without it we fall
// back to `tls.rootCertificates` (bundled roots only). Passing `ca` to Node replaces its
// defaults, so the union is built here once and compiled into one SecureContext per
// factory instead of re-parsing hundreds of roots on every connection.
import tls from 'node:tls';

let cachedRoots: readonly string[] | undefined;

/** Bundled + system roots as PEM strings, deduplicated; computed once per process. */
export function osTrustRoots(): readonly string[] {
  if (cachedRoots !== undefined) return cachedRoots;
  const getCACertificates = (tls as { getCACertificates?: (type?: string) => string[] }).getCACertificates;
  let roots: string[];
  if (typeof getCACertificates === 'function') {
    roots = [...getCACertificates('default')];
    try {
      roots.push(...getCACertificates('system'));
    } catch {
      // No readable OS store (some minimal Linux images): the bundled roots still apply.
    }
  } else {
    roots = [...tls.rootCertificates];
  }
  cachedRoots = [...new Set(roots.map((pem) => pem.trim()))];
  return cachedRoots;
}

export type ExtraCa = string | Buffer | readonly (string | Buffer)[];

/** A client SecureContext that trusts the OS roots plus `extraCa`. */
export function createTrustContext(extraCa?: ExtraCa): tls.SecureContext {
  const extra = extraCa === undefined ? [] : Array.isArray(extraCa) ? [...extraCa] : [extraCa as string | Buffer];
  return tls.createSecureContext({ ca: [...osTrustRoots(), ...extra] });
}
