// The demo (scripts/demo/) binds `window.companion` to a loopback server and seeds a test
// Odoo's users; none of it may reach the packaged app. This builds main and preload as
// `npm run build` does (in memory, so never a stale dist/) and looks for every piece.
import { fileURLToPath } from 'node:url';
import { build, type Rollup } from 'vite';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../../', import.meta.url));

async function bundle(mode: 'main' | 'preload'): Promise<string> {
  const out = await build({ configFile: `${root}vite.config.ts`, mode, logLevel: 'silent', build: { write: false } });
  const outputs = (Array.isArray(out) ? out : [out]) as Rollup.RollupOutput[];
  return outputs.flatMap((o) => o.output.map((c) => (c.type === 'chunk' ? c.code : String(c.source)))).join('\n');
}

const DEMO_MARKERS = [
  '__companionDemo', // the page bridge's reply hook
  '__demo/', // the bridge routes
  'companion_demo', // the session cookie
  'startDemoCore',
  'serveDemo',
  'odoo-companion-demo', // the demo's in-memory keychain service
  // (The band's words live in the shared catalogues main also carries; the demo's own code
  // is what must be absent.)
  'Tina', // the test server's two-factor user
  'demo-password-8f2a', // a test server password
  'JBSWY3DPEHPK3PXP', // the test server's TOTP secret
  'startOdooServer',
];

describe('the packaged app has no demo in it', () => {
  for (const mode of ['main', 'preload'] as const) {
    it(`dist/${mode}`, async () => {
      const code = await bundle(mode);
      expect(code.length).toBeGreaterThan(1000);
      for (const marker of DEMO_MARKERS) expect(code.includes(marker), marker).toBe(false);
    }, 60_000);
  }
});
