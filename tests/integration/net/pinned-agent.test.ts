// The pinned dispatcher against real TLS servers on loopback (docs/security.md).
import { X509Certificate, randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { createServer as createHttpServer } from 'node:http';
import type { AddressInfo, LookupFunction } from 'node:net';
import { Agent, fetch, request, type Dispatcher } from 'undici';
import { describe, expect, it } from 'vitest';
import { AppError, isAppError } from '../../../main/core/errors.js';
import { spkiPin } from '../../../main/core/net/certificates.js';
import {
  createLoopbackDispatcherFactory,
  createPinnedDispatcherFactory,
  type LeafCertificateEvent,
  type PinnedDispatcherOptions,
} from '../../../main/core/net/pinned-agent.js';
import type { DispatcherFactory } from '../../../main/core/net/types.js';
import type { TestCert, TestPki } from '../../support/pki.js';
import { startRecordingServer, startTlsServer, usePkiFixture } from './tls-server.js';
import { refusal } from './refusal.js';

let pki: TestPki;
const cleanups: (() => Promise<void>)[] = [];
usePkiFixture((p) => (pki = p), cleanups);

const pin = (c: TestCert) => spkiPin(c.certPem);
const fingerprint = (c: TestCert) => new X509Certificate(c.certPem).fingerprint256;

async function server(cert: TestCert, name: string, options?: Parameters<typeof startTlsServer>[2]) {
  const s = await startTlsServer(cert, name, options);
  cleanups.push(() => s.close());
  return s;
}

function factory(options: Omit<PinnedDispatcherOptions, 'ca'> & { ca?: PinnedDispatcherOptions['ca'] | null }) {
  const { ca, ...rest } = options;
  const f = createPinnedDispatcherFactory({ ...rest, ...(ca === null ? {} : { ca: ca ?? pki.root.certPem }) });
  cleanups.push(() => f.closeAll());
  return f;
}

async function get(f: DispatcherFactory, url: string, opts: { reset?: boolean } = {}) {
  const origin = new URL(url).origin;
  const res = await request(url, { dispatcher: f.get(origin), ...opts });
  return { status: res.statusCode, text: await res.body.text() };
}

/** A plain http server on loopback answering 'plain'; returns its port. */
async function plainLoopbackServer(): Promise<number> {
  const plain = createHttpServer((_req, res) => res.end('plain'));
  plain.listen(0, '127.0.0.1');
  await once(plain, 'listening');
  cleanups.push(async () => {
    plain.closeAllConnections();
    plain.close();
    await once(plain, 'close');
  });
  return (plain.address() as AddressInfo).port;
}

describe('pinned dispatcher', () => {
  it('pinned leaf OK (RSA and EC leaves, by IP and by name)', async () => {
    const rsa = await server(pki.leafRsa, 'rsa');
    const ec = await server(pki.leafEc, 'ec');
    const f = factory({ pins: [pin(pki.leafRsa), pin(pki.leafEc)], trustSelfSigned: false });

    expect(await get(f, `${rsa.url()}/web/webclient/version_info`)).toEqual({ status: 200, text: 'hello from rsa' });
    expect(await get(f, `${rsa.url('localhost')}/`)).toEqual({ status: 200, text: 'hello from rsa' });
    expect(await get(f, `${ec.url()}/`)).toEqual({ status: 200, text: 'hello from ec' });
    expect(rsa.requests.every((r) => !r.resumed)).toBe(true);
  });

  it('pinned intermediate OK (any leaf the pinned CA issues)', async () => {
    const s = await server(pki.leafEc, 'ec');
    const f = factory({ pins: [pin(pki.intermediate)], trustSelfSigned: false });
    expect(await get(f, s.url())).toEqual({ status: 200, text: 'hello from ec' });
    s.use(pki.leafBackup, 'backup');
    expect(await get(factory({ pins: [pin(pki.intermediate)], trustSelfSigned: false }), s.url())).toEqual({
      status: 200,
      text: 'hello from backup',
    });
  });

  it('same CA, other key (MITM) refused with tls_pin_mismatch, through request() and fetch()', async () => {
    const s = await server(pki.leafMitm, 'mitm');
    const f = factory({ pins: [pin(pki.leafRsa), pin(pki.leafBackup)], trustSelfSigned: false });

    const e = await refusal(get(f, `${s.url()}/web/session/authenticate`));
    expect(e.code).toBe('tls_pin_mismatch');
    expect(e.details).toEqual({
      host: '127.0.0.1',
      port: s.port,
      presentedIssuer: 'CN=Companion Test Intermediate CA, O=Companion Tests',
      presentedNames: ['CN=localhost, O=Companion Tests', 'CN=Companion Test Intermediate CA, O=Companion Tests', 'CN=Companion Test Root CA, O=Companion Tests'],
      presentedPins: [pin(pki.leafMitm), pin(pki.intermediate), pin(pki.root)],
      expectedPins: [pin(pki.leafRsa), pin(pki.leafBackup)],
      expectedIssuer: null,
      fingerprint: fingerprint(pki.leafMitm),
    });
    // undici's fetch() wraps dispatcher errors in TypeError('fetch failed'); the typed error is its cause.
    const viaFetch = await fetch(s.url(), { dispatcher: f.get(s.url()) }).then(
      () => null,
      (err: unknown) => err,
    );
    expect(viaFetch).toBeInstanceOf(TypeError);
    expect(isAppError((viaFetch as TypeError).cause, 'tls_pin_mismatch')).toBe(true);
    // The handshake happened, but not one HTTP byte reached the server.
    expect(s.requests).toHaveLength(0);
  });

  it('self-signed trusted leaf OK (leaf pin replaces chain validation)', async () => {
    const s = await server(pki.selfSigned, 'self');
    const f = factory({ pins: [pin(pki.selfSigned)], trustSelfSigned: true, ca: null });
    expect(await get(f, s.url())).toEqual({ status: 200, text: 'hello from self' });
    expect(await get(f, s.url('localhost'))).toEqual({ status: 200, text: 'hello from self' });
  });

  it('self-signed unknown refused (pinned profile: untrusted; self-signed profile: pin mismatch)', async () => {
    const s = await server(pki.selfSignedOther, 'other-self');
    const pinned = factory({ pins: [pin(pki.leafRsa), pin(pki.intermediate)], trustSelfSigned: false });
    const e1 = await refusal(get(pinned, s.url()));
    expect(e1.code).toBe('tls_untrusted');
    expect(e1.details?.reason).toBe('DEPTH_ZERO_SELF_SIGNED_CERT');

    const selfTrust = factory({ pins: [pin(pki.selfSigned)], trustSelfSigned: true, ca: null });
    const e2 = await refusal(get(selfTrust, s.url()));
    expect(e2.code).toBe('tls_pin_mismatch');
    expect(e2.details?.presentedPins).toEqual([pin(pki.selfSignedOther)]);
    expect(e2.details?.fingerprint).toBe(fingerprint(pki.selfSignedOther));

    // An issuer pin does not make a self-signed trust accept a CA-issued leaf it did not pin.
    const t = await server(pki.leafMitm, 'mitm');
    const selfTrustIssuer = factory({ pins: [pin(pki.intermediate)], trustSelfSigned: true });
    expect((await refusal(get(selfTrustIssuer, t.url()))).code).toBe('tls_pin_mismatch');
    expect(s.requests).toHaveLength(0);
    expect(t.requests).toHaveLength(0);
  });

  it('expired refused, even when its key is pinned (pinned and self-signed profiles)', async () => {
    const s = await server(pki.leafExpired, 'expired');
    const pinned = factory({ pins: [pin(pki.leafExpired), pin(pki.intermediate)], trustSelfSigned: false });
    const e1 = await refusal(get(pinned, s.url()));
    expect(e1.code).toBe('tls_untrusted');
    expect(e1.details?.reason).toBe('CERT_HAS_EXPIRED');

    const selfTrust = factory({ pins: [pin(pki.leafExpired)], trustSelfSigned: true });
    const e2 = await refusal(get(selfTrust, s.url()));
    expect(e2.code).toBe('tls_untrusted');
    expect(e2.details?.reason).toBe('CERT_HAS_EXPIRED');
    expect(s.requests).toHaveLength(0);
  });

  it('wrong hostname refused, even when its key is pinned (pinned and self-signed profiles)', async () => {
    const s = await server(pki.leafWrongHost, 'wrong-host');
    for (const trustSelfSigned of [false, true]) {
      const f = factory({ pins: [pin(pki.leafWrongHost), pin(pki.intermediate)], trustSelfSigned });
      for (const host of ['127.0.0.1', 'localhost']) {
        const e = await refusal(get(f, s.url(host)));
        expect(e.code).toBe('tls_untrusted');
        expect(e.details?.reason).toBe('ERR_TLS_CERT_ALTNAME_INVALID');
        expect(e.details?.host).toBe(host);
      }
    }
    expect(s.requests).toHaveLength(0);
  });

  it('rotation to a backup-pinned key OK, and a renewal with the same key OK, on the same dispatcher', async () => {
    const s = await server(pki.leafRsa, 'current', { closeAfterResponse: true });
    const f = factory({ pins: [pin(pki.leafRsa), pin(pki.leafBackup)], trustSelfSigned: false });
    expect(await get(f, s.url())).toEqual({ status: 200, text: 'hello from current' });

    s.use(pki.leafBackup, 'rotated');
    expect(await get(f, s.url())).toEqual({ status: 200, text: 'hello from rotated' });

    s.use(pki.leafRsaRenewed, 'renewed');
    expect(await get(f, s.url())).toEqual({ status: 200, text: 'hello from renewed' });

    // And a key nobody pinned is still refused on that same dispatcher.
    s.use(pki.leafMitm, 'mitm');
    expect((await refusal(get(f, s.url()))).code).toBe('tls_pin_mismatch');
    expect(s.handshakes).toBeGreaterThanOrEqual(3);
    expect(s.requests.map((r) => r.served)).toEqual(['current', 'rotated', 'renewed']);
  });

  it('resumption cannot bypass: server changes key between connections, session tickets on', async () => {
    const ticketKeys = randomBytes(48);
    const pins = [pin(pki.leafRsa), pin(pki.leafBackup)];

    // Control: a naive pin check in checkServerIdentity on a default undici Agent (session
    // cache on). The second connection resumes, Node skips checkServerIdentity, and the
    // un-pinned key gets through — this is the hole the pinned dispatcher must not have.
    const control = await server(pki.leafRsa, 'pinned-key', { closeAfterResponse: true, ticketKeys });
    const naive = new Agent({
      connect: {
        ca: pki.root.certPem,
        checkServerIdentity: (_host, cert) =>
          pins.includes(spkiPin(cert.raw)) ? undefined : new Error('pin mismatch (naive)'),
      },
    });
    cleanups.push(() => naive.close());
    const naiveGet = async () => (await request(control.url(), { dispatcher: naive })).body.text();
    expect(await naiveGet()).toBe('hello from pinned-key');
    control.use(pki.leafMitm, 'other-key');
    expect(await naiveGet()).toBe('hello from other-key');
    expect(control.requests.map((r) => r.resumed)).toEqual([false, true]);

    // The pinned dispatcher against the same setup: no session is offered, the new key is
    // seen and refused.
    const s = await server(pki.leafRsa, 'pinned-key', { closeAfterResponse: true, ticketKeys });
    const f = factory({ pins, trustSelfSigned: false });
    expect(await get(f, s.url())).toEqual({ status: 200, text: 'hello from pinned-key' });
    expect(await get(f, s.url())).toEqual({ status: 200, text: 'hello from pinned-key' });
    s.use(pki.leafMitm, 'other-key');
    const e = await refusal(get(f, s.url()));
    expect(e.code).toBe('tls_pin_mismatch');
    expect(e.details?.fingerprint).toBe(fingerprint(pki.leafMitm));
    expect(s.requests.map((r) => [r.served, r.resumed])).toEqual([
      ['pinned-key', false],
      ['pinned-key', false],
    ]);
  });

  it('HTTP/1.1 keep-alive reuse of a verified connection OK (one handshake, one check)', async () => {
    const s = await server(pki.leafEc, 'ec');
    const seen: LeafCertificateEvent[] = [];
    const f = factory({
      pins: [pin(pki.leafEc), pin(pki.intermediate)],
      trustSelfSigned: false,
      connections: 1,
      onLeafCertificate: (event) => seen.push(event),
    });
    for (let i = 0; i < 5; i++) expect(await get(f, `${s.url()}/call/${i}`)).toEqual({ status: 200, text: 'hello from ec' });

    expect(s.handshakes).toBe(1);
    expect(new Set(s.requests.map((r) => r.remotePort)).size).toBe(1);
    expect(seen).toHaveLength(1);
    expect(seen[0]?.origin).toBe(s.url());
    expect(seen[0]?.certificate.pin).toBe(pin(pki.leafEc));
    expect(seen[0]?.daysLeft).toBeNull();
    // The factory hands out the same dispatcher for the same origin, however it is spelled.
    expect(f.get(`${s.url()}/`)).toBe(f.get(s.url()));
  });

  it('keep-alive with the default pool: connections are reused, each one checked once', async () => {
    const s = await server(pki.leafEc, 'ec');
    let checks = 0;
    const f = factory({
      pins: [pin(pki.leafEc), pin(pki.intermediate)],
      trustSelfSigned: false,
      onLeafCertificate: () => checks++,
    });
    for (let i = 0; i < 10; i++) expect((await get(f, s.url())).status).toBe(200);
    expect(s.handshakes).toBeLessThanOrEqual(4);
    expect(new Set(s.requests.map((r) => r.remotePort)).size).toBe(s.handshakes);
    expect(checks).toBe(s.handshakes);
  });

  it('reports a pinned leaf that expires within 30 days', async () => {
    const s = await server(pki.leafExpiringSoon, 'soon');
    const seen: LeafCertificateEvent[] = [];
    const f = factory({
      pins: [pin(pki.leafExpiringSoon), pin(pki.intermediate)],
      trustSelfSigned: false,
      onLeafCertificate: (event) => seen.push(event),
    });
    expect((await get(f, s.url())).status).toBe(200);
    expect(seen).toHaveLength(1);
    expect(seen[0]?.daysLeft).toBeGreaterThanOrEqual(9);
    expect(seen[0]?.daysLeft).toBeLessThanOrEqual(10);
  });

  it('http to a non-loopback host refused before any byte is sent', async () => {
    const rec = await startRecordingServer();
    cleanups.push(() => rec.close());
    // Every name resolves to the recording server, so a connection attempt WOULD land there.
    const toRecorder: LookupFunction = (_host, opts, cb) => {
      if (opts.all) (cb as unknown as (e: null, a: { address: string; family: number }[]) => void)(null, [{ address: '127.0.0.1', family: 4 }]);
      else cb(null, '127.0.0.1', 4);
    };
    const target = `http://odoo.example:${rec.port}`;

    const f = factory({ pins: [pin(pki.leafRsa), pin(pki.intermediate)], trustSelfSigned: false, lookup: toRecorder });
    let thrown: unknown;
    try {
      f.get(target);
    } catch (e) {
      thrown = e;
    }
    expect(isAppError(thrown, 'insecure_url')).toBe(true);

    // A pinned dispatcher for the https origin of the same host will not carry a request
    // for the http origin either.
    const httpsDispatcher: Dispatcher = f.get(`https://odoo.example:${rec.port}`);
    const e = await refusal(request(`${target}/web/session/authenticate`, { dispatcher: httpsDispatcher }));
    expect(e.code).toBe('invalid_url');
    expect(rec.connections).toBe(0);
    expect(rec.bytes).toBe(0);

    // Control: the same lookup with a plain agent does reach the recorder.
    const plain = new Agent({ connect: { lookup: toRecorder } });
    cleanups.push(() => plain.destroy());
    const connected = new Promise<void>((resolve) => plain.once('connect', () => resolve()));
    void request(target, { dispatcher: plain, headersTimeout: 60_000 }).catch(() => {});
    await connected;
    expect(rec.connections).toBe(1);
  });

  it('http to a loopback host is allowed and needs no pins on the wire', async () => {
    const port = await plainLoopbackServer();
    const f = factory({ pins: [pin(pki.leafRsa), pin(pki.intermediate)], trustSelfSigned: false });
    expect(await get(f, `http://127.0.0.1:${port}/x`)).toEqual({ status: 200, text: 'plain' });
    expect(await get(f, `http://localhost:${port}/x`)).toEqual({ status: 200, text: 'plain' });
  });

  it('the loopback factory serves plain http to loopback and refuses every https connection', async () => {
    const port = await plainLoopbackServer();
    const f = createLoopbackDispatcherFactory();
    cleanups.push(() => f.closeAll());
    expect(await get(f, `http://127.0.0.1:${port}/x`)).toEqual({ status: 200, text: 'plain' });
    const tlsServer = await server(pki.leafRsa, 'tls');
    const err = await refusal(get(f, `${tlsServer.url()}/`));
    expect(err.code).toBe('tls_untrusted');
    expect(tlsServer.handshakes).toBe(0);
    expect(tlsServer.requests).toEqual([]);
  });

  it('refuses to build a factory without a valid pin', () => {
    expect(() => createPinnedDispatcherFactory({ pins: [], trustSelfSigned: false })).toThrow(AppError);
    expect(() => createPinnedDispatcherFactory({ pins: ['sha256/short='], trustSelfSigned: false })).toThrow(AppError);
  });
});
