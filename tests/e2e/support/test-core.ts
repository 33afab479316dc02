// What an e2e test needs from "the core": the dispatcher the page is bound to, its events,
// the canary secrets that must never reach the page, and a way to let the OS idle time
// pass the auto-lock threshold. Every e2e test runs on the real createCompanionCore
// (real-core.ts); startCore below is the whole path's setup on it: a TLS Odoo test server
// presenting a CA-issued chain and the account the person types into the wizard.
import type { EventName, EventPayload } from '../../../contract/index.js';
import type { Dispatch } from '../../../main/core/ipc/dispatch.js';
import { startRealCore, testPki } from './real-core.js';

export type CoreListener = <E extends EventName>(event: E, payload: EventPayload<E>) => void;

export interface TestCore {
  dispatch: Dispatch;
  onEvent(listener: CoreListener): () => void;
  /** Every secret this core holds or planted (passwords, API keys, session ids, tokens, cookies), read at each check. */
  readonly canaries: string[];
  /** Lets the OS idle time pass the auto-lock threshold (fake clock): the vault locks. */
  idle(): Promise<void>;
  /** Odoo windows the shell was asked to open. */
  readonly opened: { profileId: string; url: string }[];
  /** The app-data folder (profiles.json, settings.json...) whose files must hold no canary. */
  dataDir: string;
  close(): Promise<void>;
}

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
