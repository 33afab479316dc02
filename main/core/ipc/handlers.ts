// Binds every contract channel to the core services. Handlers stay thin: they translate a
// parsed request into one service call. Validation happened in the dispatcher; output
// stripping and error mapping happen there too.
import type { Settings, VaultState } from '../../../preload/contract.js';
import type { OdooRecordRef } from '../shell/odoo-urls.js';
import type { QuickLogin } from '../shell/quick-login.js';
import { myActivities, quickSearch } from '../services/companion-search.js';
import type { OdooSessions } from '../services/odoo-sessions.js';
import type { ProfileService } from '../services/profile-service.js';
import type { SettingsStore } from '../settings/settings-store.js';
import type { Vault } from '../vault/vault.js';
import type { Handlers } from './dispatch.js';

export interface AppMeta {
  name: string;
  version: string;
  platform: string;
}

export interface HandlerDeps {
  app: AppMeta;
  vault: Vault;
  settings: SettingsStore;
  /** Applies settings the shell owns (shortcut, launch at login) before they are saved. */
  applySettings: (next: Settings, previous: Settings) => Promise<void>;
  profiles: ProfileService;
  sessions: OdooSessions;
  quickLogin: QuickLogin;
  /** After a successful login: last used, server version, session state. */
  noteLogin: (profileId: string, serverVersion: string) => Promise<void>;
  closeWindows: (profileId?: string) => Promise<void>;
  clock: { now(): number };
}

export function platformOf(p: string): 'darwin' | 'win32' | 'linux' | 'other' {
  return p === 'darwin' || p === 'win32' || p === 'linux' ? p : 'other';
}

export function createHandlers(deps: HandlerDeps): Handlers {
  const { vault, sessions, profiles } = deps;
  const vaultState = (): VaultState => vault.state;

  return {
    'app:info': async () => {
      await vault.init();
      return {
        name: deps.app.name,
        version: deps.app.version,
        platform: platformOf(deps.app.platform),
        vaultState: vaultState(),
      };
    },

    'vault:status': () => vault.status(),
    'vault:create': (input) => vault.create(input),
    'vault:unlock': async (input) => {
      const status =
        input.method === 'passphrase' ? await vault.unlockWithPassphrase(input.passphrase) : await vault.unlockWithPresence();
      // A tray quick-login that was waiting for this unlock goes on by itself.
      void deps.quickLogin.onUnlocked().catch(() => {});
      return status;
    },
    'vault:lock': async () => {
      vault.lock('manual');
      return vault.status();
    },
    'vault:changePassphrase': async (input) => {
      await vault.changePassphrase(input);
      return { done: true as const };
    },
    'vault:setPresence': (input) => vault.setPresence(input.enabled),
    'vault:reset': async () => {
      await deps.closeWindows();
      sessions.dropAll();
      return vault.reset();
    },

    'settings:get': () => deps.settings.get(),
    'settings:update': async (patch) => {
      const previous = deps.settings.get();
      const next = { ...previous, ...patch };
      await deps.applySettings(next, previous);
      return deps.settings.update(patch);
    },

    'profiles:list': () => profiles.list(),
    'profiles:probe': (input) => profiles.probe(input.url),
    'profiles:testConnection': (input) => profiles.testConnection(input),
    'profiles:save': (input) => profiles.save(input),
    'profiles:forget': async (input) => {
      await profiles.forget(input.id);
      return { done: true as const };
    },
    'profiles:repin': (input) => profiles.repin(input.id, input.pins, input.trustSelfSigned),
    'profiles:inspectTls': (input) => profiles.inspectTls(input.id),

    'odoo:login': async ({ profileId }) => {
      const result = await sessions.client(profileId).login();
      if (result.status === 'ok') await deps.noteLogin(profileId, result.identity.serverVersion);
      return result;
    },
    'odoo:submitTotp': async ({ profileId, code, trustDevice }) => {
      const result = await sessions.client(profileId).submitTotp(code, trustDevice);
      if (result.status === 'ok') {
        await deps.noteLogin(profileId, result.identity.serverVersion);
        // A quick-login that was waiting for this code opens its window now.
        void deps.quickLogin.onTotpAccepted(profileId).catch(() => {});
      }
      return result;
    },
    'odoo:logout': async ({ profileId }) => {
      await deps.closeWindows(profileId);
      await sessions.client(profileId).logout();
      sessions.markActive(profileId, false);
      return { done: true as const };
    },
    'odoo:identity': async ({ profileId }) => {
      const identity = await sessions.client(profileId).identity();
      await deps.noteLogin(profileId, identity.serverVersion);
      return identity;
    },
    'odoo:search': ({ profileId, query, limitPerModel }) =>
      quickSearch(sessions.client(profileId), query, limitPerModel === undefined ? {} : { limitPerModel }),
    'odoo:activities': ({ profileId }) => myActivities(sessions.client(profileId), { now: deps.clock.now() }),
    'odoo:open': async ({ profileId, record }) => {
      const ref: OdooRecordRef | undefined = record === undefined ? undefined : { model: record.model, id: record.id };
      return deps.quickLogin.run(profileId, ref);
    },
  };
}
