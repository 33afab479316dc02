// The whole path's setup on the real core (real-core.ts): a TLS Odoo test server
// presenting a CA-issued chain, and the account the person types into the wizard.
import { startRealCore, testPki } from './real-core.js';
import type { TestCore } from './test-core.js';

export interface WholePathCore extends TestCore {
  /** What the whole path types into the add-profile wizard (password sign-in). */
  account: { url: string; database: string; login: string; password: string; label: string };
  /** A query, the group label and one hit name it must find. */
  search: { query: string; group: string; hit: string };
}

/** The whole path: the real core with a fake clock, against a TLS Odoo with a CA-issued chain. */
export async function startCore(): Promise<WholePathCore> {
  const core = await startRealCore({ fakeTime: true });
  const pki = await testPki();
  const odoo = await core.startServer({
    version: 17,
    certificate: { key: pki.leafRsa.keyPem, chain: pki.leafRsa.chainPem },
  });
  const admin = odoo.user('admin');
  return Object.assign(core, {
    account: { url: odoo.origin, database: odoo.database, login: admin.login, password: admin.password, label: 'Companion production' },
    search: { query: 'Azure Interior', group: 'Contacts', hit: 'Azure Interior' },
  });
}
