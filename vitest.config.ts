// Test tiers (docs/architecture.md, "Tests"). Each is a Vitest project; `npm test` runs them all in order.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const root = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          root,
          include: ['tests/unit/**/*.test.ts'],
          environment: 'node',
        },
      },
      {
        // main/app with the `electron` module replaced by a faithful fake.
        resolve: { alias: { electron: `${root}tests/support/fake-electron.ts` } },
        test: {
          name: 'app',
          root,
          include: ['tests/app/**/*.test.ts'],
          environment: 'node',
          // The fake's collectGarbage() runs a real GC: Electron holds notifications weakly.
          execArgv: ['--expose-gc'],
        },
      },
      {
        test: {
          name: 'integration',
          root,
          include: ['tests/integration/**/*.test.ts'],
          environment: 'node',
          testTimeout: 30_000,
          hookTimeout: 60_000,
          // One keychain, one set of loopback servers: files run one after another.
          fileParallelism: false,
        },
      },
      {
        // The core against a real Odoo 17 + odoo_jwt behind a TLS front, started once for
        // the whole tier by the global setup (skipped, saying so, without an Odoo source).
        test: {
          name: 'odoo',
          root,
          include: ['tests/odoo/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['tests/support/real-odoo/global-setup.ts'],
          testTimeout: 120_000,
          hookTimeout: 300_000,
          // One Odoo, one database: files run one after another.
          fileParallelism: false,
        },
      },
      {
        test: {
          name: 'e2e',
          root,
          include: ['tests/e2e/**/*.test.ts'],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
