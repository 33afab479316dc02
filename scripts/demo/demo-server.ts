// The demo's loopback web server: the production renderer (dist/renderer) with the app's
// own CSP, the page bridge, and the two bridge routes (a call, the event long poll). Only
// a browser that opened the one-time link gets in: the link's token is exchanged once for
// an HttpOnly, SameSite=Strict cookie; every other request needs that cookie, our Host
// header and (where the browser says) a same-origin fetch.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';
import { resolveRendererAsset } from '../../main/core/shell/renderer-assets.js';
import { RENDERER_CSP, RENDERER_ORIGIN } from '../../main/core/shell/window-policy.js';
import type { DemoCore } from './demo-core.js';

export interface DemoServer {
  /** The one-time link: http://127.0.0.1:<port>/?token=… */
  url: string;
  close(): Promise<void>;
}

const COOKIE = 'companion_demo';
const POLL_MS = 20_000;

const root = fileURLToPath(new URL('../../', import.meta.url));

const same = (a: string, b: string): boolean => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

export async function serveDemo(core: DemoCore, rendererDir: string, bridgeSource: string): Promise<DemoServer> {
  let token: string | null = randomBytes(24).toString('base64url');
  const session = randomBytes(24).toString('base64url');
  const events: [string, unknown][] = [];
  const waiting = new Set<() => void>();
  const offEvents = core.onEvent((event, payload) => {
    events.push([event, payload]);
    for (const wake of [...waiting]) wake();
  });

  const headers = (contentType: string): Record<string, string> => ({
    'Content-Type': contentType,
    'Content-Security-Policy': RENDERER_CSP,
    'X-Content-Type-Options': 'nosniff',
    'Cache-Control': 'no-store',
    'Referrer-Policy': 'no-referrer',
  });
  const script = (res: ServerResponse, body: string): void => {
    res.writeHead(200, headers('text/javascript; charset=utf-8')).end(body);
  };

  async function handle(req: IncomingMessage, res: ServerResponse, host: string): Promise<void> {
    if (req.method !== 'GET' || req.headers.host !== host) return void res.writeHead(403).end();
    const url = new URL(req.url ?? '/', `http://${host}`);
    const offered = url.searchParams.get('token');
    if (offered !== null && (url.pathname === '/' || url.pathname === '/index.html')) {
      if (token === null || !same(offered, token)) return void res.writeHead(403).end('This demo link was used already: start the demo again for a new one.');
      token = null;
      res.writeHead(302, { 'Set-Cookie': `${COOKIE}=${session}; HttpOnly; SameSite=Strict; Path=/`, Location: '/index.html' }).end();
      return;
    }
    const cookie = (req.headers.cookie ?? '').split(/;\s*/).find((c) => c.startsWith(`${COOKIE}=`))?.slice(COOKIE.length + 1) ?? '';
    const site = req.headers['sec-fetch-site'];
    if (!same(cookie, session) || (site !== undefined && site !== 'same-origin' && site !== 'none')) return void res.writeHead(403).end();

    if (url.pathname === '/__demo/bridge.js') return script(res, bridgeSource);
    if (url.pathname === '/__demo/call') {
      const id = Number(url.searchParams.get('id'));
      let input: unknown;
      try {
        input = JSON.parse(url.searchParams.get('input') ?? '{}');
      } catch {
        input = null;
      }
      const envelope = await core.dispatch(url.searchParams.get('channel'), input);
      return script(res, `__companionDemo.reply(${JSON.stringify(Number.isSafeInteger(id) ? id : 0)}, ${JSON.stringify(envelope)});`);
    }
    if (url.pathname === '/__demo/events') {
      const after = Number(url.searchParams.get('after'));
      const from = Number.isSafeInteger(after) && after >= 0 ? Math.min(after, events.length) : events.length;
      if (from === events.length && after >= 0) {
        await new Promise<void>((resolve) => {
          const wake = (): void => {
            waiting.delete(wake);
            clearTimeout(timer);
            resolve();
          };
          const timer = setTimeout(wake, POLL_MS);
          waiting.add(wake);
          req.on('close', wake);
        });
      }
      return script(res, `__companionDemo.events(${events.length}, ${JSON.stringify(events.slice(from))});`);
    }

    const asset = resolveRendererAsset(`${RENDERER_ORIGIN}${url.pathname}`, rendererDir);
    if (asset === null) return void res.writeHead(404).end();
    let body: string | Buffer = await readFile(asset.file);
    if (url.pathname === '/' || url.pathname === '/index.html') {
      // The bridge runs before the renderer's module script, as the preload does.
      body = body.toString('utf8').replace('<script', '<script src="./__demo/bridge.js"></script>\n    <script');
    }
    res.writeHead(200, headers(asset.contentType)).end(body);
  }

  const server = createServer({ maxHeaderSize: 256 * 1024 });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const host = `127.0.0.1:${port}`;
  server.on('request', (req, res) => {
    handle(req, res, host).catch(() => {
      if (!res.headersSent) res.writeHead(500);
      res.end();
    });
  });
  return {
    url: `http://${host}/?token=${token}`,
    async close() {
      offEvents();
      for (const wake of [...waiting]) wake();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** The page bridge as one classic script (it runs before the renderer's module). */
export async function bundlePageBridge(): Promise<string> {
  const out = await build({
    configFile: false,
    logLevel: 'silent',
    root,
    build: { write: false, minify: false, lib: { entry: fileURLToPath(new URL('./page-bridge.ts', import.meta.url)), formats: ['iife'], name: 'companionDemoBridge' } },
  });
  for (const o of Array.isArray(out) ? out : [out]) {
    if ('output' in o) {
      const chunk = o.output.find((c) => c.type === 'chunk');
      if (chunk !== undefined && chunk.type === 'chunk') return chunk.code;
    }
  }
  throw new Error('the page bridge bundle produced no code');
}
