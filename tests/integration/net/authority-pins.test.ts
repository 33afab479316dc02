// Pins that survive renewals (docs/security.md): a profile pinned by default to the keys of
// the authorities that issued its server's certificate keeps working when the server gets a
// new key signed by another intermediate of the same root, as Let's Encrypt renewals do,
// and refuses a chain from any other authority — here a TLS-inspecting proxy whose root the
// system trusts — before a single byte of a credential leaves this process. Real TLS on
// loopback, a hierarchy made by openssl, and a server that records every byte it decrypts.
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import tls from 'node:tls';
import { request } from 'undici';
import { describe, expect, it } from 'vitest';
import { defaultPins, authorityPinsOffer } from '../../../contract/default-pins.js';
import { spkiPin } from '../../../main/core/net/certificates.js';
import { inspectServer } from '../../../main/core/net/inspect.js';
import { createPinnedDispatcherFactory } from '../../../main/core/net/pinned-agent.js';
import { createAuthorityCertificates, type AuthorityCertificates } from '../../support/pki-authorities.js';
import type { TestCert, TestPki } from '../../support/pki.js';
import { usePkiFixture } from './tls-server.js';
import { refusal } from './refusal.js';

let pki: TestPki;
let auth: AuthorityCertificates;
const cleanups: (() => Promise<void>)[] = [];
usePkiFixture((p) => (pki = p), cleanups);

const pin = (c: TestCert) => spkiPin(c.certPem);
const CREDENTIAL = 'canary-Password-Renewal-7Q';

/**
 * An HTTPS-ish server that answers every request with 200 and keeps every decrypted byte it
 * receives, per served certificate. `use` swaps the certificate for new connections.
 */
async function recordingTlsServer(first: TestCert, name: string) {
  let served = name;
  const received = new Map<string, Buffer[]>();
  const server = tls.createServer({ key: first.keyPem, cert: first.chainPem, ALPNProtocols: ['http/1.1'] }, (socket) => {
    const label = served;
    socket.on('data', (chunk: Buffer) => {
      received.set(label, [...(received.get(label) ?? []), chunk]);
      if (chunk.includes('\r\n\r\n')) socket.end(`HTTP/1.1 200 OK\r\ncontent-length: ${label.length}\r\nconnection: close\r\n\r\n${label}`);
    });
    socket.on('error', () => {});
  });
  server.on('tlsClientError', () => {});
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  cleanups.push(async () => {
    server.close();
    await once(server, 'close');
  });
  return {
    url: `https://127.0.0.1:${(server.address() as AddressInfo).port}`,
    port: (server.address() as AddressInfo).port,
    /** Everything decrypted on connections served with `label`, as text. */
    bytes: (label: string) => Buffer.concat(received.get(label) ?? []).toString('latin1'),
    use(next: TestCert, label: string) {
      served = label;
      server.setSecureContext({ key: next.keyPem, cert: next.chainPem });
    },
  };
}

/** Signs in: a POST whose body carries the credential; resolves with the answer's text or rejects. */
async function signIn(f: ReturnType<typeof createPinnedDispatcherFactory>, url: string): Promise<string> {
  const res = await request(`${url}/web/session/authenticate`, {
    method: 'POST',
    dispatcher: f.get(url),
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ params: { login: 'admin', password: CREDENTIAL } }),
  });
  return res.body.text();
}

describe("the authorities' keys as pins", () => {
  it('a renewal with a new key and another intermediate of the same root passes; another root is refused, no credential byte sent', async () => {
    auth = await createAuthorityCertificates(pki);
    // The system trusts both roots: ours, and the proxy's CA (installed by IT, say).
    const ca = [pki.root.certPem, auth.proxyRoot.certPem];
    const s = await recordingTlsServer(pki.leafEc, 'original');

    // The default for a chain the system trusts: the intermediate and the root, not the leaf.
    const inspection = await inspectServer(s.url, { ca });
    expect(inspection?.trustedByOs).toBe(true);
    const pins = defaultPins(inspection!);
    expect(pins).toEqual([pin(pki.intermediate), pin(pki.root)]);
    expect(pins).not.toContain(pin(pki.leafEc));

    const lastIssuer = 'CN=Companion Test Intermediate CA, O=Companion Tests';
    const f = createPinnedDispatcherFactory({ pins, trustSelfSigned: false, ca, expectedIssuer: lastIssuer });
    cleanups.push(() => f.closeAll());
    expect(await signIn(f, s.url)).toBe('original');
    expect(s.bytes('original')).toContain(CREDENTIAL);

    // Renewal: a new server key, signed by another intermediate of the same root.
    s.use(auth.renewedLeaf, 'renewed');
    expect(pin(auth.renewedLeaf)).not.toBe(pin(pki.leafEc));
    expect(await signIn(f, s.url)).toBe('renewed');
    expect(s.bytes('renewed')).toContain(CREDENTIAL);

    // A chain from another authority the system trusts: refused after the handshake, before any byte.
    s.use(auth.proxyLeaf, 'proxy');
    const e = await refusal(signIn(f, s.url));
    expect(e.code).toBe('tls_pin_mismatch');
    expect(e.details).toEqual({
      host: '127.0.0.1',
      port: s.port,
      presentedIssuer: 'CN=Inspecting Proxy Intermediate CA, O=Inspecting Proxy',
      presentedNames: ['CN=localhost, O=Inspecting Proxy', 'CN=Inspecting Proxy Intermediate CA, O=Inspecting Proxy', 'CN=Inspecting Proxy Root CA, O=Inspecting Proxy'],
      presentedPins: [pin(auth.proxyLeaf), pin(auth.proxyIntermediate), pin(auth.proxyRoot)],
      expectedPins: pins,
      expectedIssuer: lastIssuer,
      fingerprint: expect.stringMatching(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/),
    });
    // The proxy's chain was presented (its keys above), and not one byte reached that server.
    expect(s.bytes('proxy')).toBe('');
  });

  it("a profile pinned to its server's own key (as before) fails that renewal, and is offered the authorities' keys", async () => {
    auth ??= await createAuthorityCertificates(pki);
    const ca = pki.root.certPem;
    const s = await recordingTlsServer(pki.leafEc, 'original');
    const legacy = { pins: [pin(pki.leafEc), pin(pki.intermediate)], trustSelfSigned: false };
    const f = createPinnedDispatcherFactory({ ...legacy, ca });
    cleanups.push(() => f.closeAll());
    expect(await signIn(f, s.url)).toBe('original');

    // Offered while the live chain still matches a saved pin: the default pins of that chain.
    const live = await inspectServer(s.url, { ca });
    expect(authorityPinsOffer(legacy, live!)).toEqual([pin(pki.intermediate), pin(pki.root)]);

    s.use(auth.renewedLeaf, 'renewed');
    expect((await refusal(signIn(f, s.url))).code).toBe('tls_pin_mismatch');
    expect(s.bytes('renewed')).toBe('');
    // Once the chain matches no saved pin, nothing is offered in one click: that takes a re-pin.
    expect(authorityPinsOffer(legacy, (await inspectServer(s.url, { ca }))!)).toBeNull();
  });
});
