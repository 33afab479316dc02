// The real core for the e2e whole path: createCompanionCore on a temporary data folder,
// the real keychain (a fresh service in the test keyring session), a fake clock and idle
// source so "walking away" is a clock step, and the TLS Odoo test server presenting a
// CA-issued chain (leaf + intermediate), as a production Odoo does.
import { createTestPki, type TestPki } from '../../support/pki.js';
import { startCore as startCoreHarness } from '../../support/core-harness.js';
import { startOdooServer } from '../../support/odoo-server/index.js';
import { FakeClock, FakeIdleSource } from '../../../main/core/vault/fakes.js';
import type { CoreListener, TestCore } from './test-core.js';

let pki: TestPki | null = null;

export async function startRealCore(): Promise<TestCore> {
  pki ??= await createTestPki();
  const odoo = await startOdooServer({
    version: 17,
    certificate: { key: pki.leafRsa.keyPem, chain: pki.leafRsa.chainPem },
  });
  const clock = new FakeClock(Date.now());
  const idle = new FakeIdleSource(clock);
  const h = await startCoreHarness({ keychain: 'os', network: { ca: pki.root.certPem }, clock, idle });
  const admin = odoo.user('admin');
  const canaries = [...odoo.users.flatMap((u) => [u.password, u.apiKey])];
  const opened: { profileId: string; url: string }[] = [];
  const listeners = new Set<CoreListener>();
  const offForward = h.shell.forward((event, payload) => {
    for (const l of listeners) (l as (e: string, p: unknown) => void)(event, payload);
  });

  return {
    dispatch: async (channel, input) => {
      // A request from the page means the person is at the keyboard: OS idle time restarts.
      idle.input();
      const result = await h.core.dispatch(channel, input);
      // Cookie values handed to Odoo windows are secrets too.
      for (const w of h.shell.opened.slice(opened.length)) {
        opened.push({ profileId: w.profileId, url: w.url });
        canaries.push(...w.cookies.map((c) => c.value));
      }
      return result;
    },
    onEvent(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    account: { url: odoo.origin, database: odoo.database, login: admin.login, password: admin.password, label: 'Companion production' },
    search: { query: 'Azure Interior', group: 'Contacts', hit: 'Azure Interior' },
    canaries,
    async idle() {
      // The person walks away: no input for longer than the 15-minute default.
      clock.advance(16 * 60_000);
    },
    opened,
    dataDir: h.dataDir,
    async close() {
      offForward();
      await h.close();
      await odoo.stop();
    },
  };
}
