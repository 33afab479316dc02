// Trust on first use against real TLS servers on loopback: what inspectServer reports, and
// that the pins it yields are the ones the pinned dispatcher then accepts.
import { X509Certificate } from 'node:crypto';
import { getEventListeners, once } from 'node:events';
import { createServer, type AddressInfo } from 'node:net';
import { request } from 'undici';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { tlsInspectionSchema } from '../../../contract/index.js';
import { isAppError, type AppError } from '../../../main/core/errors.js';
import { spkiPin } from '../../../main/core/net/certificates.js';
import { inspectServer, pinsFromInspection } from '../../../main/core/net/inspect.js';
import { createPinnedDispatcherFactory } from '../../../main/core/net/pinned-agent.js';
import type { TestPki } from '../../support/pki.js';
import { createDeepChain } from './odd-certificates.js';
import { startRecordingServer, startTlsServer, usePkiFixture } from './tls-server.js';

let pki: TestPki;
const cleanups: (() => Promise<void>)[] = [];
usePkiFixture((p) => (pki = p), cleanups);
afterEach(() => {
  vi.useRealTimers();
});

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

    // Not trusted by the system: its own key is the pin, and a pasted backup joins it.
    expect(pinsFromInspection(result!)).toEqual([spkiPin(pki.selfSigned.certPem)]);
    const pins = pinsFromInspection(result!, [spkiPin(pki.selfSignedOther.certPem)]);
    expect(pins).toEqual([spkiPin(pki.selfSigned.certPem), spkiPin(pki.selfSignedOther.certPem)]);

    const f = createPinnedDispatcherFactory({ pins, trustSelfSigned: true });
    cleanups.push(() => f.closeAll());
    const res = await request(s.url('localhost'), { dispatcher: f.get(s.url('localhost')) });
    expect(await res.body.text()).toBe('hello from self');
  });

  it("pins from a trusted inspection (the authorities' keys) are accepted by the pinned dispatcher", async () => {
    const s = await server(pki.leafEc, 'ec');
    const result = await inspectServer(s.url(), { ca: pki.root.certPem });
    const pins = pinsFromInspection(result!);
    expect(pins).toEqual([spkiPin(pki.intermediate.certPem), spkiPin(pki.root.certPem)]);
    expect(() => pinsFromInspection(result!, ['not a pin'])).toThrow(/SPKI/);
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

  it('times out after 10 s by default on a server that never answers the handshake, and closes the connection', async () => {
    const silent = await startRecordingServer();
    cleanups.push(() => silent.close());
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const signal = new AbortController().signal;
    let settled = false;
    const outcome = inspectServer(`https://127.0.0.1:${silent.port}`, { signal }).then(
      () => null,
      (e: unknown) => e,
    );
    void outcome.then(() => (settled = true));
    const socket = await silent.firstConnection;
    const closed = once(socket, 'close');
    vi.advanceTimersByTime(9_999);
    await new Promise(setImmediate);
    expect(settled).toBe(false);
    vi.advanceTimersByTime(1);
    const thrown = await outcome;
    expect(isAppError(thrown, 'timeout')).toBe(true);
    expect((thrown as AppError).details).toEqual({ host: '127.0.0.1' });
    await closed;
    expect(getEventListeners(signal, 'abort')).toEqual([]);
  });

  it('is aborted by its signal during the handshake: the connection closes, nothing is left behind', async () => {
    const silent = await startRecordingServer();
    cleanups.push(() => silent.close());
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const controller = new AbortController();
    const outcome = inspectServer(`https://127.0.0.1:${silent.port}`, { signal: controller.signal });
    const socket = await silent.firstConnection;
    const closed = once(socket, 'close');
    controller.abort();
    await expect(outcome).rejects.toMatchObject({ code: 'aborted' });
    await closed;
    expect(vi.getTimerCount()).toBe(0);
  });

  it('does not connect at all for a signal already aborted', async () => {
    const s = await server(pki.leafEc, 'ec');
    const controller = new AbortController();
    controller.abort();
    await expect(inspectServer(s.url('localhost'), { ca: pki.root.certPem, signal: controller.signal })).rejects.toMatchObject({
      code: 'aborted',
    });
    // A later inspection is the first ClientHello the server sees.
    await inspectServer(s.url('localhost'), { ca: pki.root.certPem });
    expect(s.hellos).toHaveLength(1);
  });

  it('leaves no timer and no abort listener behind after a successful inspection', async () => {
    const s = await server(pki.leafEc, 'ec');
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const signal = new AbortController().signal;
    const result = await inspectServer(s.url(), { ca: pki.root.certPem, signal });
    expect(result?.trustedByOs).toBe(true);
    expect(vi.getTimerCount()).toBe(0);
    expect(getEventListeners(signal, 'abort')).toEqual([]);
  });

  it('names the host in SNI (never an IP address) and offers http/1.1', async () => {
    const s = await server(pki.leafEc, 'ec');
    await inspectServer(s.url('localhost'), { ca: pki.root.certPem });
    await inspectServer(s.url('127.0.0.1'), { ca: pki.root.certPem });
    expect(s.hellos).toEqual([
      { servername: 'localhost', alpn: ['http/1.1'] },
      { servername: false, alpn: ['http/1.1'] },
    ]);
  });

  it('reports the chain as sent when the store lacks its root', async () => {
    const s = await server(pki.leafEc, 'ec');
    const result = await inspectServer(s.url());
    expect(result?.trustedByOs).toBe(false);
    expect(result?.osError).toBe('UNABLE_TO_GET_ISSUER_CERT_LOCALLY');
    expect(result?.chain.map((c) => c.pin)).toEqual([spkiPin(pki.leafEc.certPem), spkiPin(pki.intermediate.certPem)]);
  });

  it('reports at most 10 certificates of a longer chain', async () => {
    const chain = await createDeepChain(pki);
    const s = await server(chain[0]!, 'deep');
    const result = await inspectServer(s.url(), { ca: chain.at(-1)!.certPem });
    expect(result?.chain.map((c) => c.pin)).toEqual(chain.slice(0, 10).map((c) => spkiPin(c.certPem)));
  });

  it('is a network error when nothing listens, and null for plain-http loopback', async () => {
    const probe = createServer();
    probe.listen(0, '127.0.0.1');
    await once(probe, 'listening');
    const port = (probe.address() as AddressInfo).port;
    probe.close();
    await once(probe, 'close');
    await expect(inspectServer(`https://127.0.0.1:${port}`)).rejects.toMatchObject({
      code: 'network',
      details: { host: '127.0.0.1', reason: 'ECONNREFUSED' },
      cause: { code: 'ECONNREFUSED' },
    });
    await expect(inspectServer(`http://127.0.0.1:${port}`)).resolves.toBeNull();
    await expect(inspectServer('http://odoo.example')).rejects.toMatchObject({ code: 'insecure_url' });
  });
});
