// The e2e harness: the production-built renderer (dist/renderer) served on loopback with
// the same CSP main sends, opened in real Chromium, with `window.companion` bound to the
// real core dispatcher running in this process. It records every payload the renderer
// received and every console line, so tests can prove no secret ever reached the page.
import { existsSync, mkdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { build } from 'vite';
import type { EventName, EventPayload } from '../../contract/index.js';
import type { Dispatch } from '../../main/core/ipc/dispatch.js';
import { resolveRendererAsset } from '../../main/core/shell/renderer-assets.js';
import { RENDERER_CSP, RENDERER_ORIGIN } from '../../main/core/shell/window-policy.js';
import { launchChromium } from './chromium.js';

export const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
export const rendererDist = path.join(repoRoot, 'dist', 'renderer');
export const resultsDir = path.join(repoRoot, 'test-results', 'e2e');

let shimSource: Promise<string> | null = null;

/** The page-side stand-in for the preload, bundled once per run with the real factory. */
function bundleShim(): Promise<string> {
  shimSource ??= (async () => {
    const out = await build({
      configFile: false,
      logLevel: 'silent',
      root: repoRoot,
      build: {
        write: false,
        minify: false,
        lib: { entry: path.join(repoRoot, 'tests/e2e/page/companion-shim.ts'), formats: ['iife'], name: 'companionShim' },
      },
    });
    const outputs = Array.isArray(out) ? out : [out];
    for (const o of outputs) {
      if ('output' in o) {
        const chunk = o.output.find((c) => c.type === 'chunk');
        if (chunk && chunk.type === 'chunk') return chunk.code;
      }
    }
    throw new Error('shim bundle produced no code');
  })();
  return shimSource;
}

/** Serves dist/renderer like the app:// protocol handler does (same resolver, same CSP). */
async function serveRenderer(): Promise<{ server: Server; url: string; requests: string[] }> {
  if (!existsSync(path.join(rendererDist, 'index.html'))) {
    throw new Error('dist/renderer is missing: run `npm run build` before the e2e tier');
  }
  const requests: string[] = [];
  const server = createServer((req, res) => {
    requests.push(req.url ?? '');
    const asset = resolveRendererAsset(`${RENDERER_ORIGIN}${req.url ?? '/'}`, rendererDist);
    if (asset === null) {
      res.writeHead(404).end();
      return;
    }
    readFile(asset.file).then(
      (body) => {
        res.writeHead(200, {
          'Content-Type': asset.contentType,
          'Content-Security-Policy': RENDERER_CSP,
          'X-Content-Type-Options': 'nosniff',
        });
        res.end(body);
      },
      () => res.writeHead(404).end(),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { server, url: `http://127.0.0.1:${port}/index.html`, requests };
}

export interface E2E {
  page: Page;
  context: BrowserContext;
  /** Everything the renderer was given: every invoke result and every event payload. */
  received: unknown[];
  /** Every console message and page error. */
  consoleLines: string[];
  /** Requests that reached the renderer's static server. */
  staticRequests: string[];
  emit<E extends EventName>(event: E, payload: EventPayload<E>): Promise<void>;
  screenshot(name: string): Promise<string>;
  close(): Promise<void>;
}

let browser: Browser | null = null;

export async function openRenderer(
  dispatch: Dispatch,
  options: { colorScheme?: 'light' | 'dark'; viewport?: { width: number; height: number } } = {},
): Promise<E2E> {
  browser ??= await launchChromium();
  const [{ server, url, requests }, shim] = await Promise.all([serveRenderer(), bundleShim()]);
  const context = await browser.newContext({
    colorScheme: options.colorScheme ?? 'light',
    viewport: options.viewport ?? { width: 1100, height: 760 },
    serviceWorkers: 'block',
    // The person's computer keeps the time zone of their Odoo user (the test servers' users
    // are in Brussels), so "today" is the same day on the screen and in Odoo at any hour.
    timezoneId: 'Europe/Brussels',
  });
  const received: unknown[] = [];
  const consoleLines: string[] = [];
  await context.exposeBinding('__companionInvoke', async (_source, channel: unknown, input: unknown) => {
    const result = await dispatch(channel, input);
    received.push(result);
    return result;
  });
  await context.addInitScript({ content: shim });
  const page = await context.newPage();
  page.on('console', (m) => consoleLines.push(`${m.type()}: ${m.text()}`));
  page.on('pageerror', (e) => consoleLines.push(`pageerror: ${e.message}`));
  await page.goto(url);
  mkdirSync(resultsDir, { recursive: true });
  return {
    page,
    context,
    received,
    consoleLines,
    staticRequests: requests,
    async emit(event, payload) {
      received.push(payload);
      try {
        await page.evaluate(
          ([e, p]) => (globalThis as unknown as { __companionEmit: (e: unknown, p: unknown) => void }).__companionEmit(e, p),
          [event, payload] as const,
        );
      } catch (error) {
        // An event the core sends while the test closes the page has no page to reach.
        if (!page.isClosed()) throw error;
      }
    },
    async screenshot(name) {
      const file = path.join(resultsDir, `${name}.png`);
      await page.screenshot({ path: file, fullPage: true });
      return file;
    },
    async close() {
      await context.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

export async function closeBrowser(): Promise<void> {
  await browser?.close();
  browser = null;
}

/** Runs axe-core in the page (evaluated, so the page's CSP does not apply to it). */
export async function axeViolations(page: Page): Promise<{ id: string; impact: string | null; nodes: number }[]> {
  const axePath = path.join(repoRoot, 'node_modules', 'axe-core', 'axe.min.js');
  const source = await readFile(axePath, 'utf8');
  await page.evaluate(source);
  return page.evaluate(async () => {
    const axe = (globalThis as unknown as { axe: { run: (o: unknown) => Promise<{ violations: { id: string; impact: string | null; nodes: unknown[] }[] }> } }).axe;
    const r = await axe.run({ resultTypes: ['violations'] });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.length }));
  });
}
