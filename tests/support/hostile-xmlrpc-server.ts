// Why: a server that answers XML-RPC the way an attacker would (deep nesting, invalid code
// points, huge bodies, secrets echoed in faults) must be a real HTTP server on loopback so
// the client's whole path (transport, cap, streaming decoder, error mapping) runs as in use.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { encodeMethodResponse } from '../../main/core/odoo/xmlrpc-codec.js';

export interface XmlRpcCall {
  path: string;
  /** The `execute_kw` model method, else the service method. */
  method: string;
}

/** What to send: a whole body, or chunks written one after the other (back-pressure kept). */
export type HostileAnswer = string | Buffer | { chunks: Iterable<Buffer>; contentLength?: number };

export interface HostileXmlRpcServer {
  origin: string;
  /** The answer for every XML-RPC call that is not `authenticate` (which answers uid 2). */
  answer: (call: XmlRpcCall) => HostileAnswer;
  stop(): Promise<void>;
}

const VERSION_17 = {
  server_version: '17.0',
  server_version_info: [17, 0, 0, 'final', 0, ''],
  server_serie: '17.0',
  protocol_version: 1,
};

function methodOf(body: string): string {
  const names = [...body.matchAll(/<string>([^<]*)<\/string>/g)].map((m) => m[1] ?? '');
  const service = /<methodName>([^<]*)<\/methodName>/.exec(body)?.[1] ?? '';
  return service === 'execute_kw' ? (names[2] ?? '') : service;
}

async function readBody(req: IncomingMessage): Promise<string> {
  const parts: Buffer[] = [];
  for await (const c of req) parts.push(c as Buffer);
  return Buffer.concat(parts).toString('utf8');
}

export async function startHostileXmlRpcServer(answer: HostileXmlRpcServer['answer']): Promise<HostileXmlRpcServer> {
  const server: Server = createServer((req, res) => {
    void readBody(req).then((body) => {
      if (req.url === '/web/webclient/version_info') {
        // The client asks the version over JSON-RPC before reading an identity.
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ jsonrpc: '2.0', id: null, result: VERSION_17 }));
        return;
      }
      const call: XmlRpcCall = { path: req.url ?? '', method: methodOf(body) };
      const reply: HostileAnswer = call.method === 'authenticate' ? encodeMethodResponse(2) : handle.answer(call);
      if (typeof reply === 'string' || Buffer.isBuffer(reply)) {
        const bytes = Buffer.isBuffer(reply) ? reply : Buffer.from(reply);
        res.writeHead(200, { 'content-type': 'text/xml', 'content-length': bytes.length });
        res.end(bytes);
        return;
      }
      res.writeHead(200, {
        'content-type': 'text/xml',
        ...(reply.contentLength === undefined ? {} : { 'content-length': reply.contentLength }),
      });
      const it = reply.chunks[Symbol.iterator]();
      const pump = (): void => {
        for (;;) {
          const next = it.next();
          if (next.done) {
            res.end();
            return;
          }
          if (!res.write(next.value)) {
            res.once('drain', pump);
            return;
          }
        }
      };
      res.on('close', () => it.return?.());
      pump();
    });
  });
  server.keepAliveTimeout = 1_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const handle: HostileXmlRpcServer = {
    origin: `http://127.0.0.1:${port}`,
    answer,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  return handle;
}

/** A `search_read`-shaped answer of about `bytes` bytes, produced in 64 KB chunks. */
export function* bigRecordsAnswer(bytes: number): Generator<Buffer> {
  yield Buffer.from('<?xml version="1.0"?>\n<methodResponse><params><param><value><array><data>');
  const record = (id: number): string =>
    `<value><struct><member><name>id</name><value><int>${id}</int></value></member>` +
    `<member><name>name</name><value><string>Partner ${id} &amp; Co</string></value></member>` +
    `<member><name>active</name><value><boolean>1</boolean></value></member></struct></value>`;
  let sent = 0;
  let id = 1;
  while (sent < bytes) {
    let chunk = '';
    while (chunk.length < 64 * 1024) chunk += record(id++);
    sent += chunk.length;
    yield Buffer.from(chunk);
  }
  yield Buffer.from('</data></array></value></param></params></methodResponse>');
}
