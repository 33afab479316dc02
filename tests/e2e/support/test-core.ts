// What an e2e test needs from "the core": the dispatcher the page is bound to, its events,
// the canary secrets that must never reach the page, and a way to let the OS idle time
// pass the auto-lock threshold. Every e2e test runs on the real createCompanionCore
// (real-core.ts); whole-path-core.ts is the whole path's setup on it.
import type { EventName, EventPayload } from '../../../contract/index.js';
import type { Dispatch } from '../../../main/core/ipc/dispatch.js';

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
