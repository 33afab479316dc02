// What an e2e test needs from "the core": the dispatcher the page is bound to, its events,
// the account the whole path types in, the canary secrets that must never reach the page,
// and a way to let the OS idle time pass the auto-lock threshold. The whole path runs on
// the real createCompanionCore (startCore below); screen-by-screen tests use the scripted
// core, which can put the UI in states a real server reaches rarely (throttling, expiry).
import type { EventName, EventPayload } from '../../../preload/contract.js';
import type { Dispatch } from '../../../main/core/ipc/dispatch.js';
import { startRealCore } from './real-core.js';
import { startScriptedCore } from './scripted-core.js';

export type CoreListener = <E extends EventName>(event: E, payload: EventPayload<E>) => void;

export interface TestCore {
  dispatch: Dispatch;
  onEvent(listener: CoreListener): () => void;
  /** What the whole path types into the add-profile wizard (password sign-in). */
  account: { url: string; database: string; login: string; password: string; label: string };
  /** A query, the group label and one hit name it must find. */
  search: { query: string; group: string; hit: string };
  /** Every secret this core holds or planted (password, API key, session id, tokens, cookies). */
  canaries: string[];
  /** Lets the OS idle time pass the auto-lock threshold (fake clock): the vault locks. */
  idle(): Promise<void>;
  /** Odoo windows the shell was asked to open. */
  opened: { profileId: string; url: string }[];
  /** The app-data folder (profiles.json, settings.json...) whose files must hold no canary, or null. */
  dataDir: string | null;
  close(): Promise<void>;
}

/** The whole path runs on the real core against the TLS Odoo test server. */
export async function startCore(): Promise<TestCore> {
  return startRealCore();
}

export { startScriptedCore };
