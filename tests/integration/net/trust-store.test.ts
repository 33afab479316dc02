// The SecureContext of normal chain validation against a real TLS server on loopback:
// which roots it trusts decides whether OpenSSL authorizes the server's chain.
import tls from 'node:tls';
import { describe, expect, it, vi } from 'vitest';
import { createTrustContext } from '../../../main/core/net/trust-store.js';
import type { TestPki } from '../../support/pki.js';
import { startTlsServer, usePkiFixture } from './tls-server.js';

let pki: TestPki;
const cleanups: (() => Promise<void>)[] = [];
usePkiFixture((p) => (pki = p), cleanups);

/** Handshakes with 127.0.0.1:port (name `localhost`) and reports OpenSSL's verdict. */
function verdict(port: number, secureContext: tls.SecureContext): Promise<{ authorized: boolean; error: string | null }> {
  return new Promise((resolve, reject) => {
    const socket = tls.connect({ host: '127.0.0.1', port, servername: 'localhost', secureContext, rejectUnauthorized: false });
    socket.once('secureConnect', () => {
      resolve({ authorized: socket.authorized, error: socket.authorizationError ? String(socket.authorizationError) : null });
      socket.destroy();
    });
    socket.once('error', reject);
  });
}

async function caIssuedServer() {
  const s = await startTlsServer(pki.leafEc, 'ec');
  cleanups.push(() => s.close());
  return s;
}

describe('createTrustContext', () => {
  it('does not trust a private root it was not given', async () => {
    const s = await caIssuedServer();
    expect(await verdict(s.port, createTrustContext())).toEqual({ authorized: false, error: 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY' });
  });

  it('trusts an extra root given as PEM text, as a Buffer, or in a list', async () => {
    const s = await caIssuedServer();
    expect(await verdict(s.port, createTrustContext(pki.root.certPem))).toEqual({ authorized: true, error: null });
    expect(await verdict(s.port, createTrustContext(Buffer.from(pki.root.certPem)))).toEqual({ authorized: true, error: null });
    const list = [pki.selfSignedOther.certPem, Buffer.from(pki.root.certPem)];
    expect(await verdict(s.port, createTrustContext(list))).toEqual({ authorized: true, error: null });
    expect(await verdict(s.port, createTrustContext([pki.selfSignedOther.certPem]))).toMatchObject({ authorized: false });
  });

  it('trusts the roots Node trusts by default', async () => {
    const s = await caIssuedServer();
    const saved = tls.getCACertificates('default');
    tls.setDefaultCACertificates([...saved, pki.root.certPem]);
    try {
      // A fresh module: the roots are read once per process.
      vi.resetModules();
      const fresh = await import('../../../main/core/net/trust-store.js');
      expect(await verdict(s.port, fresh.createTrustContext())).toEqual({ authorized: true, error: null });
      expect(await verdict(s.port, fresh.createTrustContext(pki.selfSignedOther.certPem))).toEqual({ authorized: true, error: null });
    } finally {
      tls.setDefaultCACertificates(saved);
    }
  });
});
