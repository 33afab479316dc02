// Why: the Odoo test server answers like a well-behaved Odoo, but the sign-in code must
// also hold when an answer is odd — a token without an expiry, a refusal hundreds of
// characters long, a form that never comes, a key that does not look like one. This
// loopback proxy forwards every request to a (plain-http) test server, lets a test replace
// the answer of the requests it picks, and records every request with its body, so a test
// can check exactly what went on the wire.
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { OdooTestServer } from '../../support/odoo-server/index.js';

export interface ProxiedRequest {
  method: string;
  path: string;
  headers: Record<string, string | string[] | undefined>;
  body: string;
  /** The body parsed as JSON, or null. */
  json: Record<string, unknown> | null;
}

export interface ProxyReply {
  status?: number;
  headers?: Record<string, string | string[]>;
  body: string;
}

/**
 * An answer of its own for the request, or undefined to let the test server answer; a
 * promise holds the request until it settles (how a test catches a request in flight).
 */
export type Override = (req: ProxiedRequest) => ProxyReply | undefined | Promise<ProxyReply | undefined>;

/** The test server's answer, changed (or undefined to pass it on as it is). */
export type Rewrite = (req: ProxiedRequest, answer: { status: number; headers: Record<string, string | string[] | undefined>; json: Record<string, unknown> | null }) => ProxyReply | undefined;

export interface OdooProxy {
  origin: string;
  readonly requests: ProxiedRequest[];
  /** The paths requested since `from` (an index into `requests`). */
  pathsSince(from: number): string[];
  override: Override | null;
  rewrite: Rewrite | null;
  stop(): Promise<void>;
}

/** A JSON-RPC answer with `result`. */
export function rpcResult(result: unknown, headers: Record<string, string | string[]> = {}): ProxyReply {
  return { headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ jsonrpc: '2.0', id: null, result }) };
}

/** A JSON-RPC error as Odoo sends it (`data.name`, `data.message`). */
export function rpcError(name: string, message: string): ProxyReply {
  return {
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ jsonrpc: '2.0', id: null, error: { code: 200, message: 'Odoo Server Error', data: { name, message, arguments: [message] } } }),
  };
}

/**
 * Holds the next request that `matches` until `release()`; `arrived` resolves once it is
 * held. The request then goes on to the test server.
 */
export function holdNext(proxy: OdooProxy, matches: (req: ProxiedRequest) => boolean): { arrived: Promise<void>; release: () => void } {
  let arrive!: () => void;
  let release!: () => void;
  const arrived = new Promise<void>((resolve) => (arrive = resolve));
  const released = new Promise<undefined>((resolve) => (release = () => resolve(undefined)));
  const before = proxy.override;
  proxy.override = (req) => {
    if (!matches(req)) return before?.(req);
    proxy.override = before;
    arrive();
    return released;
  };
  return { arrived, release };
}

/** A `call_kw` request for `model`.`method`. */
export function isCallKw(req: ProxiedRequest, model: string, method: string): boolean {
  return req.path === `/web/dataset/call_kw/${model}/${method}`;
}

function parse(body: string): Record<string, unknown> | null {
  try {
    const v: unknown = JSON.parse(body);
    return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

function send(res: ServerResponse, reply: ProxyReply): void {
  res.writeHead(reply.status ?? 200, reply.headers ?? {});
  res.end(reply.body);
}

async function readAll(stream: IncomingMessage): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const c of stream) parts.push(c as Buffer);
  return Buffer.concat(parts);
}

export async function startOdooProxy(upstream: OdooTestServer): Promise<OdooProxy> {
  if (upstream.cert !== null) throw new Error('the proxy forwards to a plain-http test server (tls: false)');
  const target = new URL(upstream.origin);
  const requests: ProxiedRequest[] = [];

  function forward(req: ProxiedRequest, res: ServerResponse): void {
    const headers = { ...req.headers, host: target.host };
    const out = http.request({ host: target.hostname, port: target.port, method: req.method, path: req.path, headers }, (answer) => {
      void readAll(answer).then((body) => {
        const status = answer.statusCode ?? 502;
        const changed = proxy.rewrite?.(req, { status, headers: answer.headers, json: parse(body.toString('utf8')) });
        if (changed !== undefined) return send(res, changed);
        res.writeHead(status, answer.headers);
        res.end(body);
      });
    });
    out.on('error', () => res.destroy());
    out.end(req.body);
  }

  const server = http.createServer((raw, res) => {
    void readAll(raw).then((buf) => {
      const body = buf.toString('utf8');
      const req: ProxiedRequest = { method: raw.method ?? 'GET', path: raw.url ?? '/', headers: { ...raw.headers }, body, json: parse(body) };
      requests.push(req);
      return Promise.resolve(proxy.override?.(req)).then((mine) => (mine === undefined ? forward(req, res) : send(res, mine)));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const proxy: OdooProxy = {
    origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    pathsSince: (from) => requests.slice(from).map((r) => r.path),
    override: null,
    rewrite: null,
    async stop() {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
    },
  };
  return proxy;
}
