// The agents the dispatcher factories hand out, against real servers on loopback: the one
// origin each serves, the options they honour, closing, and how the loopback factory
// resolves `localhost`.
import { once } from 'node:events';
import { createServer as createHttpServer } from 'node:http';
import net, { type AddressInfo } from 'node:net';
import { request, type Dispatcher } from 'undici';
import { describe, expect, it } from 'vitest';
import { AppError, isAppError } from '../../../main/core/errors.js';
import { spkiPin } from '../../../main/core/net/certificates.js';
import { createLoopbackDispatcherFactory, createPinnedDispatcherFactory, type PinnedDispatcherOptions } from '../../../main/core/net/pinned-agent.js';
import type { TestPki } from '../../support/pki.js';
import { startTlsServer, usePkiFixture } from './tls-server.js';

let pki: TestPki;
const cleanups: (() => Promise<void>)[] = [];
usePkiFixture((p) => (pki = p), cleanups);

async function server(options?: Parameters<typeof startTlsServer>[2]) {
  const s = await startTlsServer(pki.leafEc, 'ec', options);
  cleanups.push(() => s.close());
  return s;
}

function pinned(options: Partial<PinnedDispatcherOptions> = {}) {
  const f = createPinnedDispatcherFactory({
    pins: [spkiPin(pki.leafEc.certPem), spkiPin(pki.intermediate.certPem)],
    trustSelfSigned: false,
    ca: pki.root.certPem,
    ...options,
  });
  cleanups.push(() => f.closeAll());
  return f;
}

/** A plain http server answering 'plain' on `host`; returns its port. */
async function plainServer(host: string): Promise<number> {
  const plain = createHttpServer((_req, res) => res.end('plain'));
  plain.listen(0, host);
  await once(plain, 'listening');
  cleanups.push(async () => {
    plain.closeAllConnections();
    plain.close();
    await once(plain, 'close');
  });
  return (plain.address() as AddressInfo).port;
}

async function text(url: string, dispatcher: Dispatcher): Promise<string> {
  return (await request(url, { dispatcher })).body.text();
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => new Error('expected a rejection'),
    (e: unknown) => e,
  );
}

describe('an agent of the pinned factory', () => {
  it('serves its origin however the request spells it, and refuses any other, naming it', async () => {
    const s = await server();
    const d = pinned().get(s.url());
    const viaUrl = await d.request({ origin: new URL(s.url()), path: '/', method: 'GET' });
    expect(await viaUrl.body.text()).toBe('hello from ec');

    const other = await rejection(d.request({ origin: s.url('localhost'), path: '/', method: 'GET' }));
    expect(isAppError(other, 'invalid_url')).toBe(true);
    expect((other as AppError).details).toEqual({ requested: s.url('localhost') });
    const garbage = await rejection(d.request({ origin: 'not an origin', path: '/', method: 'GET' }));
    expect((garbage as AppError).details).toEqual({ requested: '' });
    expect(s.requests).toHaveLength(1);
  });

  it('tells a refusal to a handler that hears errors (nothing queued), and throws it to one that does not', async () => {
    const s = await server();
    const d = pinned().get(s.url());
    const heard: unknown[] = [];
    const handler = { onResponseError: (_controller: unknown, error: Error) => heard.push(error) } as Dispatcher.DispatchHandler;
    expect(d.dispatch({ origin: s.url('localhost'), path: '/', method: 'GET' }, handler)).toBe(true);
    expect(heard).toHaveLength(1);
    expect(isAppError(heard[0], 'invalid_url')).toBe(true);

    const deaf = {} as Dispatcher.DispatchHandler;
    expect(() => d.dispatch({ origin: s.url('localhost'), path: '/', method: 'GET' }, deaf)).toThrow(AppError);
  });

  it('is one agent per origin, whichever spelling is asked for first', async () => {
    const s = await server();
    const f = pinned();
    const first = f.get(s.url());
    expect(f.get(`${s.url()}/`)).toBe(first);
    expect(f.get(s.url().toUpperCase())).toBe(first);
  });

  it('offers http/1.1 only, and sends SNI for a host name only', async () => {
    const s = await server();
    const f = pinned();
    await text(s.url(), f.get(s.url()));
    await text(s.url('localhost'), f.get(s.url('localhost')));
    expect(s.hellos).toEqual([
      { servername: false, alpn: ['http/1.1'] },
      { servername: 'localhost', alpn: ['http/1.1'] },
    ]);
  });

  it('keeps an accepted connection when the certificate listener throws', async () => {
    const s = await server();
    let calls = 0;
    const f = pinned({
      onLeafCertificate: () => {
        calls += 1;
        throw new Error('listener bug');
      },
    });
    expect(await text(s.url(), f.get(s.url()))).toBe('hello from ec');
    expect(calls).toBe(1);
  });

  it('gives up on headers and on a body after the times it is given', async () => {
    const s = await server();
    const d = pinned({ headersTimeoutMs: 100, bodyTimeoutMs: 100 }).get(s.url());
    expect(await rejection(request(`${s.url()}/stall-headers`, { dispatcher: d }))).toMatchObject({ code: 'UND_ERR_HEADERS_TIMEOUT' });
    const res = await request(`${s.url()}/stall-body`, { dispatcher: d });
    expect(await rejection(res.body.text())).toMatchObject({ code: 'UND_ERR_BODY_TIMEOUT' });
  });

  it('closes a connection left idle for the keep-alive time it is given', async () => {
    const s = await server({ keepAliveHint: false });
    const d = pinned({ keepAliveTimeoutMs: 100 }).get(s.url());
    expect(await text(s.url(), d)).toBe('hello from ec');
    await s.closedConnections(1);
  });
});

describe('closeAll', () => {
  it('closes the agents and their connections; the factory then serves with new agents', async () => {
    // Neither side would close the idle connection on its own.
    const s = await server({ keepAliveHint: false });
    const f = pinned();
    const before = f.get(s.url());
    expect(await text(s.url(), before)).toBe('hello from ec');
    await f.closeAll();
    await s.closedConnections(1);
    expect(await rejection(text(s.url(), before))).toMatchObject({ code: expect.stringMatching(/^UND_ERR_(CLOSED|DESTROYED)$/) });
    const after = f.get(s.url());
    expect(after).not.toBe(before);
    expect(await text(s.url(), after)).toBe('hello from ec');
  });

  it('settles even when an agent was destroyed already', async () => {
    const s = await server();
    const f = pinned();
    await f.get(s.url()).destroy();
    await expect(f.closeAll()).resolves.toBeUndefined();
  });
});

describe('the loopback factory', () => {
  it('refuses https, naming the host, without a handshake', async () => {
    const s = await server();
    const f = createLoopbackDispatcherFactory();
    cleanups.push(() => f.closeAll());
    const e = await rejection(text(s.url(), f.get(s.url())));
    expect(isAppError(e, 'tls_untrusted')).toBe(true);
    expect((e as AppError).details).toEqual({ host: '127.0.0.1' });
    expect(s.hellos).toEqual([]);
  });

  it('resolves localhost itself, final dot included, IPv4 first then ::1', async () => {
    const f = createLoopbackDispatcherFactory();
    cleanups.push(() => f.closeAll());
    const v4 = await plainServer('127.0.0.1');
    expect(await text(`http://localhost.:${v4}/`, f.get(`http://localhost.:${v4}`))).toBe('plain');
    // Nothing on 127.0.0.1 at this port: the second address is tried.
    const v6 = await plainServer('::1');
    expect(await text(`http://localhost:${v6}/`, f.get(`http://localhost:${v6}`))).toBe('plain');
  });

  it('resolves localhost when Node asks for a single address', async () => {
    const port = await plainServer('127.0.0.1');
    const f = createLoopbackDispatcherFactory();
    cleanups.push(() => f.closeAll());
    const saved = net.getDefaultAutoSelectFamily();
    net.setDefaultAutoSelectFamily(false);
    try {
      expect(await text(`http://localhost:${port}/`, f.get(`http://localhost:${port}`))).toBe('plain');
    } finally {
      net.setDefaultAutoSelectFamily(saved);
    }
  });
});
