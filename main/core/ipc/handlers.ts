// Binds every contract channel to the core services. Handlers stay thin: they translate a
// parsed request into one service call. Validation happened in the dispatcher; output
// stripping and error mapping happen there too.
import type { Settings, VaultState } from '../../../contract/index.js';
import { directionOf, type AppLocale } from '../../../i18n/locales.js';
import { AppError, isAppError } from '../errors.js';
import type { OdooClient } from '../odoo/index.js';
import type { OdooTarget } from '../shell/odoo-urls.js';
import { isValidShortcut } from '../shell/shortcut.js';
import type { QuickLogin } from '../shell/quick-login.js';
import { allProfilesHandlers, policyGuards, type AllProfilesChannel, type AllProfilesDeps } from '../services/all-profiles-channels.js';
import { userAvatar } from '../services/avatar.js';
import { myActivities, quickSearch, SEARCH_MODELS } from '../services/companion-search.js';
import { RecentRecords } from '../services/recent-records.js';
import type { OdooSessions } from '../services/odoo-sessions.js';
import type { ProfileService } from '../services/profile-service.js';
import type { SettingsStore } from '../settings/settings-store.js';
import type { Vault } from '../vault/vault.js';
import type { Handlers } from './dispatch.js';
import { translator } from '../i18n/translator.js';
import { confirmationFor, notConfirmedError, type ConfirmAction, type ConfirmRequest } from '../shell/confirmations.js';

export interface AppMeta {
  name: string;
  version: string;
  platform: string;
  /** Hints for the demo band, read at each app:info; absent in the app. */
  demoHints?: () => string[];
}

export interface HandlerDeps {
  app: AppMeta;
  /** The language the UI speaks now (setting, else the OS language, else English). */
  locale: () => AppLocale;
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
  /** The renderer listens for events now (ShellPort.rendererReady). */
  rendererReady: () => void;
  clock: { now(): number };
  /** The person's own answer to a native dialog owned by main (ShellPort.confirm). */
  confirm: (request: ConfirmRequest) => Promise<boolean>;
  /** Every profile at once, profile files, the administrator's policy (services/all-profiles-channels.ts). */
  allProfiles: AllProfilesDeps;
}

function presenceLabel(kind: string): string {
  return kind === 'touch-id' ? 'Touch ID' : kind === 'windows-hello' ? 'Windows Hello' : 'presence';
}

export function platformOf(p: string): 'darwin' | 'win32' | 'linux' | 'other' {
  return p === 'darwin' || p === 'win32' || p === 'linux' ? p : 'other';
}

export function createHandlers(deps: HandlerDeps): Handlers {
  const { vault, sessions, profiles } = deps;
  const vaultState = (): VaultState => vault.state;
  // What was opened stays in memory while unlocked only.
  const recent = new RecentRecords();
  vault.onLock(() => recent.clear());

  /**
   * Irreversible actions go ahead only when the person confirms in main's own dialog: a
   * request from the renderer alone (whatever flag it carries) changes nothing.
   */
  async function confirmed(action: ConfirmAction, facts: Parameters<typeof confirmationFor>[1] = {}): Promise<void> {
    if (!(await deps.confirm(confirmationFor(action, facts, translator(deps.locale()))))) throw notConfirmedError();
  }
  const labelOf = async (id: string): Promise<string> => (await profiles.list()).find((p) => p.id === id)?.label ?? id;

  /**
   * Runs a call on the profile's client. Odoo answering is a confirmation that the session
   * (or key) is alive; a session or credential Odoo no longer accepts stops being shown so.
   */
  async function withClient<T>(profileId: string, fn: (client: OdooClient) => Promise<T>): Promise<T> {
    try {
      const result = await fn(sessions.client(profileId));
      sessions.markActive(profileId);
      return result;
    } catch (e) {
      if (isAppError(e, 'session_expired') || isAppError(e, 'auth_failed') || isAppError(e, 'totp_required')) {
        sessions.markActive(profileId, false);
      }
      throw e;
    }
  }

  const base: Omit<Handlers, AllProfilesChannel> = {
    'app:info': async () => {
      await vault.init();
      return {
        name: deps.app.name,
        version: deps.app.version,
        platform: platformOf(deps.app.platform),
        vaultState: vaultState(),
        ...(deps.app.demoHints === undefined ? {} : { demo: { hints: deps.app.demoHints() } }),
      };
    },

    'app:locale': () => {
      const locale = deps.locale();
      return { locale, direction: directionOf(locale) };
    },

    'ui:ready': () => {
      deps.rendererReady();
      return { done: true as const };
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
    'vault:setPresence': async (input) => {
      if (!input.enabled) {
        const status = await vault.status();
        if (status.presence.enabled) await confirmed('presence-off', { presenceName: presenceLabel(status.presence.kind) });
      }
      return vault.setPresence(input.enabled);
    },
    'vault:reset': async () => {
      await confirmed('reset-vault');
      await deps.closeWindows();
      sessions.dropAll();
      return vault.reset();
    },

    'settings:get': () => deps.settings.get(),
    'settings:update': async (patch) => {
      if (patch.shortcut !== undefined && !isValidShortcut(patch.shortcut)) {
        throw new AppError('invalid_input', 'This is not a keyboard shortcut (for example Ctrl+Shift+Space).', {
          field: 'shortcut',
        });
      }
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
      await confirmed('forget-profile', { profileLabel: await labelOf(input.id) });
      const { revoked } = await profiles.forget(input.id, input.password);
      recent.drop(input.id);
      return { done: true as const, revoked };
    },
    'profiles:migrate': async ({ id }) => {
      const migrated = await profiles.migrate(id);
      sessions.markActive(id, migrated.session !== 'none');
      return migrated;
    },
    'profiles:repin': async (input) => {
      await confirmed('repin', { profileLabel: await labelOf(input.id), pinCount: input.pins.length });
      return profiles.repin(input.id, input.pins, input.trustSelfSigned);
    },
    'profiles:useAuthorityPins': (input) => profiles.useAuthorityPins(input.id),
    'profiles:inspectTls': (input) => profiles.inspectTls(input.id),

    'odoo:login': async ({ profileId }) => {
      const result = await withClient(profileId, (c) => c.login());
      if (result.status === 'ok') await deps.noteLogin(profileId, result.identity.serverVersion);
      else sessions.markActive(profileId, false); // half-way: the TOTP code is still to come
      return result;
    },
    'odoo:signIn': async ({ profileId, password }) => {
      const result = await withClient(profileId, (c) => c.signIn(password));
      if (result.status === 'ok') {
        await deps.noteLogin(profileId, result.identity.serverVersion);
        // A quick-login that was waiting for this password opens its window now.
        void deps.quickLogin.onSignedIn(profileId).catch(() => {});
      } else sessions.markActive(profileId, false);
      return result;
    },
    'odoo:submitTotp': async ({ profileId, code, trustDevice }) => {
      const result = await withClient(profileId, (c) => c.submitTotp(code, trustDevice));
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
      const identity = await withClient(profileId, (c) => c.identity());
      await deps.noteLogin(profileId, identity.serverVersion);
      return identity;
    },
    'odoo:avatar': async ({ profileId }) => ({ dataUrl: await withClient(profileId, (c) => userAvatar(c)) }),
    'odoo:search': ({ profileId, query, limitPerModel }) =>
      withClient(profileId, (c) => quickSearch(c, query, limitPerModel === undefined ? {} : { limitPerModel })),
    'odoo:activities': ({ profileId }) => withClient(profileId, (c) => myActivities(c, { now: deps.clock.now() })),
    'odoo:open': async ({ profileId, record }) => {
      const ref: OdooTarget | undefined = record === undefined ? undefined : { model: record.model, id: record.id };
      const outcome = await deps.quickLogin.run(profileId, ref);
      if (record !== undefined && outcome.status !== 'setup_required') {
        recent.add(profileId, { model: record.model, id: record.id, name: record.name ?? `#${record.id}`, modelName: record.modelName ?? null });
      }
      return outcome;
    },
    'odoo:openList': async ({ profileId, model }) => {
      if (!SEARCH_MODELS.some((m) => m.model === model)) {
        throw new AppError('invalid_input', 'Only the quick search’s models open as a list.', { field: 'model' });
      }
      return deps.quickLogin.run(profileId, { model, view: 'list' });
    },
    'odoo:recent': ({ profileId }) => recent.list(profileId),
  };
  return {
    ...base,
    ...policyGuards(base, () => deps.allProfiles.policy().limits),
    ...allProfilesHandlers(deps.allProfiles, withClient),
  };
}
