// The production-built renderer in real Chromium, bound to the real core: the app starts
// locked, so the first screen is the lock screen; and the page has no network at all.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { axeViolations, closeBrowser, openRenderer } from '../support/e2e-harness.js';
import { startRealCore } from './support/real-core.js';

// The real core with a vault that exists and is locked, as at every start after the first.
const core = await startRealCore();
await core.call('vault:create', { passphrase: 'canary-vault-Passphrase-Quartz-Lantern-42', enablePresence: false });
core.harness.core.lock('quit');
const { dispatch } = core;

afterAll(async () => {
  await closeBrowser();
  await core.close();
});

describe('first screen', () => {
  for (const scheme of ['light', 'dark'] as const) {
    it(`renders from the production build (${scheme})`, async () => {
      const e2e = await openRenderer(dispatch, { colorScheme: scheme });
      try {
        await e2e.page.getByRole('heading', { level: 1, name: 'Odoo Companion is locked' }).waitFor({ timeout: 10_000 });
        await e2e.page.getByLabel('Vault passphrase', { exact: true }).waitFor();
        expect(e2e.staticRequests.some((r) => r.startsWith('/assets/') && r.endsWith('.js'))).toBe(true);
        await e2e.screenshot(`first-screen-${scheme}`);
        const serious = (await axeViolations(e2e.page)).filter((v) => v.impact === 'serious' || v.impact === 'critical');
        expect(serious).toEqual([]);
        expect(e2e.consoleLines.filter((l) => l.startsWith('error') || l.startsWith('pageerror'))).toEqual([]);
      } finally {
        await e2e.close();
      }
    });
  }

  it('has no network: the CSP blocks fetch to any server', async () => {
    let hits = 0;
    const server = createServer((_req, res) => {
      hits += 1;
      res.end('reached');
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const { port } = server.address() as AddressInfo;
    const e2e = await openRenderer(dispatch);
    try {
      const outcome = await e2e.page.evaluate(
        (u) => fetch(u).then(() => 'reached', () => 'blocked'),
        `http://127.0.0.1:${port}/`,
      );
      expect(outcome).toBe('blocked');
      expect(hits).toBe(0);
    } finally {
      await e2e.close();
      server.close();
    }
  });
});
