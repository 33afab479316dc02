// The tests mutation testing runs (stryker.config.mjs), a subset of `npm test`'s tiers:
// - the unit tier, whole;
// - of the integration tier, the keychain-backed tests (secrets, vault: the real
//   gnome-keyring of the keyring session), the TLS tests of main/core/net, and the Odoo
//   client's sign-in tests (main/core/odoo: its sign-in methods, the web session, the calls and the
//   re-login decision, the two-factor step, the odoo_jwt exchanges and the device key), each
//   against the Odoo test server on loopback — a few seconds per file.
// Left out: the other Odoo, companion and tooling integration tests, and the app and e2e
// tiers. They reach the security core only through what the tests above already check, and
// each of their files starts servers, Electron or Chromium: seconds for every mutant they cover.
import { defineConfig, type TestProjectInlineConfiguration } from 'vitest/config';
import base from './vitest.config.js';

const include: Record<string, string[]> = {
  unit: ['tests/unit/**/*.test.ts'],
  integration: [
    'tests/integration/{secrets,vault,net}/**/*.test.ts',
    'tests/integration/odoo/{auth,sign-in-account,sign-in-api-key,sign-in-jwt,sign-in-password,jwt-answers,web-session,calls}.test.ts',
  ],
};
const projects = (base.test?.projects ?? []) as TestProjectInlineConfiguration[];

export default defineConfig({
  test: {
    projects: projects
      .filter((p) => String(p.test?.name) in include)
      .map((p) => ({ ...p, test: { ...p.test, include: include[String(p.test?.name)] } })),
  },
});
