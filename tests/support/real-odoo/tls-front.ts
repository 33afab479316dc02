// Why: the product only talks to Odoo over pinned TLS, and Odoo serves plain http, so the
// tier puts a small TLS reverse proxy in front of it, as nginx would be in production:
// a CA-issued certificate, keep-alive towards the client even though Odoo closes after
// each answer, and the X-Forwarded-Host/Proto/For headers that Odoo's --proxy-mode reads.
// It counts TLS handshakes (for the bench) and passes websocket upgrades through.
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import type { Duplex } from 'node:stream';

/** `GET` here (on the front only) answers the list of requests it passed on, as JSON. */
export const REQUEST_LOG_PATH = '/.companion-test/requests';

export interface TlsFront {
  origin: string;
  port: number;
  /** TLS handshakes completed since the start. */
  readonly handshakes: number;
  stop(): Promise<void>;
}

const HOP_BY_HOP = new Set([
  'connection', 'keep-alive', 'proxy-connection', 'transfer-encoding', 'te', 'trailer', 'upgrade', 'proxy-authorization', 'proxy-authenticate',
]);

function forwardedHeaders(req: http.IncomingMessage): http.OutgoingHttpHeaders {
  const headers: http.OutgoingHttpHeaders = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (!HOP_BY_HOP.has(name) && value !== undefined) headers[name] = value;
  }
  headers['x-forwarded-host'] = req.headers.host ?? '';
  headers['x-forwarded-proto'] = 'https';
  headers['x-forwarded-for'] = req.socket.remoteAddress ?? '127.0.0.1';
  return headers;
}

export async function startTlsFront(options: { upstream: string; keyPem: string; chainPem: string }): Promise<TlsFront> {
  const upstream = new URL(options.upstream);
  const agent = new http.Agent({ keepAlive: true, maxSockets: 16 });
  const sockets = new Set<Duplex>();
  let handshakes = 0;

  const seen: string[] = [];
  /** The same, noted when Odoo's answer has been passed back in full. */
  const answered: string[] = [];
  const server = https.createServer({ key: options.keyPem, cert: options.chainPem, keepAliveTimeout: 30_000 }, (req, res) => {
    if (req.url === `${REQUEST_LOG_PATH}?answered=1`) {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(answered));
      return;
    }
    if (req.url === REQUEST_LOG_PATH) {
      // Requests per action are counted here, at the server's door: every request is
      // noted as it arrives, so it is on the list before its answer reaches the client.
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(seen));
      return;
    }
    const line = `${req.method ?? 'GET'} ${(req.url ?? '/').split('?')[0]}`;
    seen.push(line);
    if (seen.length > 20_000) seen.splice(0, 10_000);
    res.once('finish', () => {
      answered.push(line);
      if (answered.length > 20_000) answered.splice(0, 10_000);
    });
    const out = http.request(
      {
        host: upstream.hostname,
        port: upstream.port,
        method: req.method,
        path: req.url,
        headers: forwardedHeaders(req),
        agent,
      },
      (answer) => {
        const headers: http.OutgoingHttpHeaders = {};
        for (const [name, value] of Object.entries(answer.headers)) {
          if (!HOP_BY_HOP.has(name) && value !== undefined) headers[name] = value;
        }
        res.writeHead(answer.statusCode ?? 502, answer.statusMessage, headers);
        answer.pipe(res);
      },
    );
    out.on('error', () => {
      if (!res.headersSent) res.writeHead(502, { 'content-type': 'text/plain' });
      res.end('Bad gateway: Odoo did not answer');
    });
    req.pipe(out);
  });
  server.on('secureConnection', (socket) => {
    handshakes++;
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  server.on('upgrade', (req, socket, head) => {
    const up = net.connect(Number(upstream.port), upstream.hostname, () => {
      const headers = forwardedHeaders(req);
      const lines = [`${req.method} ${req.url} HTTP/1.1`];
      for (const [name, value] of Object.entries(headers)) lines.push(`${name}: ${String(value)}`);
      lines.push(`connection: Upgrade`, `upgrade: ${req.headers.upgrade ?? 'websocket'}`, '', '');
      up.write(lines.join('\r\n'));
      if (head.length > 0) up.write(head);
      up.pipe(socket);
      socket.pipe(up);
    });
    up.on('error', () => socket.destroy());
    socket.on('error', () => up.destroy());
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  return {
    origin: `https://127.0.0.1:${port}`,
    port,
    get handshakes() {
      return handshakes;
    },
    async stop() {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      for (const s of sockets) s.destroy();
      server.closeAllConnections();
      agent.destroy();
      await closed;
    },
  };
}
