// Real HTTPS servers on loopback for the pinning tests: ephemeral port, swappable
// certificate, and a record of every TLS handshake and request they saw, so tests can
// assert on what actually reached the server instead of sleeping.
import { EventEmitter, once } from 'node:events';
import { createServer as createHttpsServer, type Server } from 'node:https';
import { createServer as createNetServer, type AddressInfo, type Socket } from 'node:net';
import type { TLSSocket } from 'node:tls';
import type { TestCert } from '../../support/pki.js';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { createTestPki, type TestPki } from '../../support/pki.js';

export interface RequestRecord {
  /** Client port: tells connections apart. */
  remotePort: number;
  /** Whether this request's TLS session was resumed from an earlier one. */
  resumed: boolean;
  /** Which certificate the server was serving when the request arrived. */
  served: string;
}

export interface TestTlsServer {
  port: number;
  url(host?: string): string;
  /** Server 'secureConnection' events (completed handshakes, seen from the server). */
  handshakes: number;
  /**
   * For each ClientHello that offered ALPN (recorded as it arrives, before the handshake
   * can fail or be cut short): the SNI name sent (false: none) and the protocols offered.
   */
  hellos: { servername: string | false; alpn: string[] }[];
  requests: RequestRecord[];
  /** Resolves once `count` connections in all have closed (seen from the server). */
  closedConnections(count: number): Promise<void>;
  /** Serve another certificate (and key) to new connections from now on. */
  use(cert: TestCert, name: string): void;
  close(): Promise<void>;
}

export async function startTlsServer(
  cert: TestCert,
  name: string,
  options: {
    closeAfterResponse?: boolean;
    ticketKeys?: Buffer;
    /** false: send no `Keep-Alive: timeout=…` hint and never close an idle connection. */
    keepAliveHint?: false;
  } = {},
): Promise<TestTlsServer> {
  let served = name;
  const requests: RequestRecord[] = [];
  const hellos: TestTlsServer['hellos'] = [];
  const closes = new EventEmitter();
  let closed = 0;
  const server: Server = createHttpsServer(
    {
      key: cert.keyPem,
      cert: cert.chainPem,
      ...(options.ticketKeys ? { ticketKeys: options.ticketKeys } : {}),
      ALPNCallback: ({ servername, protocols }) => {
        hellos.push({ servername: servername || false, alpn: protocols });
        return protocols.includes('http/1.1') ? 'http/1.1' : undefined;
      },
    },
    (req, res) => {
      const socket = req.socket as TLSSocket;
      requests.push({ remotePort: socket.remotePort ?? 0, resumed: socket.isSessionReused(), served });
      // `/stall-headers` never answers; `/stall-body` sends its headers and part of a body.
      if (req.url === '/stall-headers') return;
      if (req.url === '/stall-body') {
        res.writeHead(200, { 'content-type': 'text/plain', 'content-length': '100' });
        res.write('partial');
        return;
      }
      if (options.closeAfterResponse) res.setHeader('connection', 'close');
      res.setHeader('content-type', 'text/plain');
      res.end(`hello from ${served}`);
    },
  );
  if (options.keepAliveHint === false) server.keepAliveTimeout = 0;
  server.on('connection', (socket: Socket) => {
    socket.once('close', () => {
      closed += 1;
      closes.emit('close');
    });
  });
  const state = { handshakes: 0 };
  server.on('secureConnection', () => {
    state.handshakes += 1;
  });
  // A refused handshake is expected in these tests; keep it off the console.
  server.on('tlsClientError', () => {});
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const port = (server.address() as AddressInfo).port;

  return {
    port,
    url: (host = '127.0.0.1') => `https://${host}:${port}`,
    get handshakes() {
      return state.handshakes;
    },
    hellos,
    requests,
    async closedConnections(count) {
      while (closed < count) await once(closes, 'close');
    },
    use(next, nextName) {
      served = nextName;
      server.setSecureContext({
        key: next.keyPem,
        cert: next.chainPem,
        ...(options.ticketKeys ? { ticketKeys: options.ticketKeys } : {}),
      });
    },
    async close() {
      server.closeAllConnections();
      server.close();
      await once(server, 'close');
    },
  };
}

/** A plain TCP server that records every connection and every byte, and answers nothing. */
export async function startRecordingServer(): Promise<{
  port: number;
  connections: number;
  bytes: number;
  /** The first connection, as soon as it is accepted. */
  firstConnection: Promise<Socket>;
  close(): Promise<void>;
}> {
  const sockets = new Set<Socket>();
  const state = { connections: 0, bytes: 0 };
  let accepted: (socket: Socket) => void = () => {};
  const firstConnection = new Promise<Socket>((resolve) => (accepted = resolve));
  const server = createNetServer((socket) => {
    state.connections += 1;
    accepted(socket);
    sockets.add(socket);
    socket.on('data', (b: Buffer) => {
      state.bytes += b.length;
    });
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => {});
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return {
    port: (server.address() as AddressInfo).port,
    get connections() {
      return state.connections;
    },
    get bytes() {
      return state.bytes;
    },
    firstConnection,
    async close() {
      for (const s of sockets) s.destroy();
      server.close();
      await once(server, 'close');
    },
  };
}

/**
 * The per-file fixture of the net tests: one test PKI for the file (handed over through
 * `setPki`), and cleanups run after each test, last registered first.
 */
export function usePkiFixture(setPki: (pki: TestPki) => void, cleanups: (() => Promise<void>)[]): void {
  let pki: TestPki | null = null;
  beforeAll(async () => {
    pki = await createTestPki();
    setPki(pki);
  });
  afterAll(async () => {
    await pki?.dispose();
  });
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });
}
