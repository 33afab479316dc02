// Trust on first use against real TLS servers on loopback: what inspectServer reports, and
// that the pins it yields are the ones the pinned dispatcher then accepts.
import { X509Certificate } from 'node:crypto';
import { once } from 'node:events';
import { createServer, type AddressInfo, type Socket } from 'node:net';
import { request } from 'undici';
import { describe, expect, it } from 'vitest';
import { tlsInspectionSchema } from '../../../contract/index.js';
import { isAppError } from '../../../main/core/errors.js';
import { spkiPin } from '../../../main/core/net/certificates.js';
import { inspectServer, pinsFromInspection } from '../../../main/core/net/inspect.js';
import { createPinnedDispatcherFactory } from '../../../main/core/net/pinned-agent.js';
import type { TestPki } from '../../support/pki.js';
import { startTlsServer, usePkiFixture } from './tls-server.js';

let pki: TestPki;
const cleanups: (() => Promise<void>)[] = [];
usePkiFixture((p) => (pki = p), cleanups);

async function server(...args: Parameters<typeof startTlsServer>) {
  const s = await startTlsServer(...args);
  cleanups.push(() => s.close());
  return s;
}

describe('inspectServer', () => {
  it('reports a CA-issued chain the store trusts, and sends no HTTP request', async () => {
    const s = await server(pki.leafRsa, 'rsa');
    const result = await inspectServer(`${s.url()}/odoo/action-12?debug=1`, { ca: pki.root.certPem, timeoutMs: 5_000 });
    expect(tlsInspectionSchema.parse(result)).toEqual(result);
    expect(result?.trustedByOs).toBe(true);
    expect(result?.osError).toBeNull();
    expect(result?.protocol).toMatch(/^TLSv1\.[23]$/);
    const leafX = new X509Certificate(pki.leafRsa.certPem);
    expect(result?.chain.map((c) => c.pin)).toEqual([spkiPin(pki.leafRsa.certPem), spkiPin(pki.intermediate.certPem), spkiPin(pki.root.certPem)]);
    expect(result?.chain[0]).toEqual({
      subject: 'CN=localhost, O=Companion Tests',
      issuer: 'CN=Companion Test Intermediate CA, O=Companion Tests',
      subjectAltNames: ['DNS:localhost', 'IP Address:127.0.0.1', 'IP Address:0:0:0:0:0:0:0:1'],
      validFrom: leafX.validFromDate.toISOString(),
      validTo: leafX.validToDate.toISOString(),
      fingerprintSha256: leafX.fingerprint256,
      pin: spkiPin(leafX),
      selfSigned: false,
    });
    expect(result?.chain[2]?.selfSigned).toBe(true);
    expect(s.requests).toHaveLength(0);
  });

  it('reports the OS verdict for an untrusted self-signed server, then its pins work with self-signed trust', async () => {
    const s = await server(pki.selfSigned, 'self');
    const result = await inspectServer(s.url('localhost'), { timeoutMs: 5_000 });
    expect(result?.trustedByOs).toBe(false);
    expect(result?.osError).toBe('DEPTH_ZERO_SELF_SIGNED_CERT');
    expect(result?.chain).toHaveLength(1);
    expect(result?.chain[0]?.selfSigned).toBe(true);

    // No issuer to keep as a backup: the person must paste one.
    let thrown: unknown;
    try {
      pinsFromInspection(result!);
    } catch (e) {
      thrown = e;
    }
    expect(isAppError(thrown, 'invalid_input')).toBe(true);
    const pins = pinsFromInspection(result!, [spkiPin(pki.selfSignedOther.certPem)]);
    expect(pins).toEqual([spkiPin(pki.selfSigned.certPem), spkiPin(pki.selfSignedOther.certPem)]);

    const f = createPinnedDispatcherFactory({ pins, trustSelfSigned: true });
    cleanups.push(() => f.closeAll());
    const res = await request(s.url('localhost'), { dispatcher: f.get(s.url('localhost')) });
    expect(await res.body.text()).toBe('hello from self');
  });

  it('pins from a trusted inspection (leaf + issuer) are accepted by the pinned dispatcher', async () => {
    const s = await server(pki.leafEc, 'ec');
    const result = await inspectServer(s.url(), { ca: pki.root.certPem });
    const pins = pinsFromInspection(result!);
    expect(pins).toEqual([spkiPin(pki.leafEc.certPem), spkiPin(pki.intermediate.certPem)]);
    const f = createPinnedDispatcherFactory({ pins, trustSelfSigned: false, ca: pki.root.certPem });
    cleanups.push(() => f.closeAll());
    const res = await request(s.url(), { dispatcher: f.get(s.url()) });
    expect(res.statusCode).toBe(200);
    await res.body.dump();
  });

  it('reports a host name mismatch as not trusted', async () => {
    const s = await server(pki.leafWrongHost, 'wrong');
    const result = await inspectServer(s.url(), { ca: pki.root.certPem });
    expect(result?.trustedByOs).toBe(false);
    expect(result?.osError).toBe('ERR_TLS_CERT_ALTNAME_INVALID');
    expect(result?.chain[0]?.subjectAltNames).toEqual(['DNS:wrong.example']);
  });

  it('reports an expired certificate as not trusted', async () => {
    const s = await server(pki.leafExpired, 'expired');
    const result = await inspectServer(s.url(), { ca: pki.root.certPem });
    expect(result?.trustedByOs).toBe(false);
    expect(result?.osError).toBe('CERT_HAS_EXPIRED');
    expect(result?.chain[0]?.validTo).toBe('2020-03-01T00:00:00.000Z');
  });

  it('times out on a server that never answers the handshake', async () => {
    const sockets = new Set<Socket>();
    const silent = createServer((socket) => {
      sockets.add(socket);
      socket.on('error', () => {});
    });
    silent.listen(0, '127.0.0.1');
    await once(silent, 'listening');
    cleanups.push(async () => {
      for (const sock of sockets) sock.destroy();
      silent.close();
      await once(silent, 'close');
    });
    const port = (silent.address() as AddressInfo).port;
    let thrown: unknown;
    try {
      await inspectServer(`https://127.0.0.1:${port}`, { timeoutMs: 150 });
    } catch (e) {
      thrown = e;
    }
    expect(isAppError(thrown, 'timeout')).toBe(true);
  });

  it('is a network error when nothing listens, and null for plain-http loopback', async () => {
    const probe = createServer();
    probe.listen(0, '127.0.0.1');
    await once(probe, 'listening');
    const port = (probe.address() as AddressInfo).port;
    probe.close();
    await once(probe, 'close');
    await expect(inspectServer(`https://127.0.0.1:${port}`)).rejects.toMatchObject({ code: 'network' });
    await expect(inspectServer(`http://127.0.0.1:${port}`)).resolves.toBeNull();
    await expect(inspectServer('http://odoo.example')).rejects.toMatchObject({ code: 'insecure_url' });
  });
});
