// The composition root of the core: builds every service from the ports the host gives
// (Electron in main/app, recorders in tests and the e2e harness) and returns the IPC
// dispatcher plus what the shell needs to drive (lock, quick-login, events).
import type { EventName, EventPayload, LoginResult, VaultState } from '../../preload/contract.js';
import { createDispatch, type Dispatch } from './ipc/dispatch.js';
import { createHandlers, type AppMeta } from './ipc/handlers.js';
import type { ShellPort } from './shell/ports.js';

export interface CompanionPorts {
  app: AppMeta;
  /** The app's userData folder: profiles.json, settings.json. */
  dataDir: string;
  shell: ShellPort;
  /** Told about failures that are bugs (never forwarded to the renderer). */
  onUnexpectedError?: (where: string, error: unknown) => void;
}

export interface CompanionCore {
  dispatch: Dispatch;
  vaultState(): VaultState;
  /** Locks now (tray, shortcut, power events, quit). */
  lock(reason: EventPayload<'vault:locked'>['reason']): Promise<void>;
  /** Tray quick-login: session → Odoo window (the caller unlocks first when needed). */
  quickLogin(profileId: string): Promise<LoginResult>;
  /** Profiles for the tray menu: id and label only. */
  profileMenu(): Promise<{ id: string; label: string }[]>;
  /** Subscribes to core events (the shell forwards them to the renderer and the tray). */
  onEvent(listener: <E extends EventName>(event: E, payload: EventPayload<E>) => void): () => void;
  shutdown(): Promise<void>;
}

export async function createCompanionCore(ports: CompanionPorts): Promise<CompanionCore> {
  const state: VaultState = 'locked';
  const dispatch = createDispatch(createHandlers({ app: ports.app, vaultState: () => state }), {
    onUnexpectedError: (channel, error) => ports.onUnexpectedError?.(channel, error),
  });
  return {
    dispatch,
    vaultState: () => state,
    async lock() {},
    async quickLogin() {
      return { status: 'totp_required' };
    },
    async profileMenu() {
      return [];
    },
    onEvent() {
      return () => {};
    },
    async shutdown() {},
  };
}
