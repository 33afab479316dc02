// The roots normal chain validation trusts: Node's defaults and the OS store, read from
// Node itself (no list is faked), each root once.
import { X509Certificate } from 'node:crypto';
import tls from 'node:tls';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { osTrustRoots } from '../../../../main/core/net/trust-store.js';
import { createTestPki, type TestPki } from '../../../support/pki.js';

let pki: TestPki;
beforeAll(async () => {
  pki = await createTestPki();
});
afterAll(async () => {
  await pki.dispose();
});

const fingerprint = (pem: string) => new X509Certificate(pem).fingerprint256;
const missingFrom = (roots: readonly string[], wanted: readonly string[]) => {
  const have = new Set(roots.map(fingerprint));
  return wanted.filter((pem) => !have.has(fingerprint(pem)));
};

describe('osTrustRoots', () => {
  it("holds every root Node trusts by default and every root of the OS store, each once", () => {
    const roots = osTrustRoots();
    expect(roots.length).toBeGreaterThan(0);
    expect(missingFrom(roots, tls.getCACertificates('default'))).toEqual([]);
    expect(missingFrom(roots, tls.getCACertificates('system'))).toEqual([]);
    // Bundled roots come wrapped at 72 columns, the OS store's at 64: still one entry each.
    expect(new Set(roots.map(fingerprint)).size).toBe(roots.length);
  });

  it('is computed once per process', () => {
    const first = osTrustRoots();
    const saved = tls.getCACertificates('default');
    tls.setDefaultCACertificates([pki.root.certPem]);
    try {
      expect(osTrustRoots()).toBe(first);
      expect(missingFrom(first, [pki.root.certPem])).toEqual([pki.root.certPem]);
    } finally {
      tls.setDefaultCACertificates(saved);
    }
  });

  it("keeps the OS store's roots when Node's defaults leave them out, and Node's defaults beside them", async () => {
    const saved = tls.getCACertificates('default');
    tls.setDefaultCACertificates([pki.root.certPem]);
    try {
      vi.resetModules();
      const fresh = await import('../../../../main/core/net/trust-store.js');
      const roots = fresh.osTrustRoots();
      expect(missingFrom(roots, [pki.root.certPem])).toEqual([]);
      expect(missingFrom(roots, tls.getCACertificates('system'))).toEqual([]);
    } finally {
      tls.setDefaultCACertificates(saved);
    }
  });
});
