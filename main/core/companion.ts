// The composition root of the core: builds every service from the ports the host gives
// (Electron adapters in main/app; memory or real keychains, fake clocks and recorders in
// tests and the e2e harness) and returns the IPC dispatcher plus what the shell drives
// (lock, quick-login, the tray's profile list, events).
//
// Rules wired here:
// - the app starts locked (the vault reads its state from the keychain, nothing more);
// - locking closes every Odoo window and clears their partitions (through the shell) and
//   drops every client with its session ids and tokens (the vault's lock hook);
// - a certificate that expires within 30 days is announced once per unlock.
import { hostname } from 'node:os';
import { resolveLocale, type AppLocale } from '../../i18n/locales.js';
import type {
  Environment,
  EventName,
  EventPayload,
  LockReason,
  Settings,
  VaultState,
} from '../../contract/index.js';
import { TypedEmitter } from './emitter.js';
import { createDispatch, type Dispatch } from './ipc/dispatch.js';
import { createHandlers, type AppMeta } from './ipc/handlers.js';
import type { LeafCertificateEvent } from './net/index.js';
import { ProfileStore } from './profiles/profile-store.js';
import type { Keychain } from './secrets/keychain.js';
import { overdueActivityCount } from './services/all-profiles.js';
import { OdooSessions, type NetworkOptions } from './services/odoo-sessions.js';
import { addPresetProfiles } from './profiles/profile-import.js';
import { applyPolicy, presenceUnlockAllowed, type AdminPolicy } from './settings/admin-policy.js';
import { ProfileService } from './services/profile-service.js';
import type { OdooCookie, ShellPort } from './shell/ports.js';
import { environmentMark } from './shell/environment-label.js';
import { translator } from './i18n/translator.js';
import { createQuickLogin, type QuickLogin, type QuickLoginProfile } from './shell/quick-login.js';
import { SettingsStore } from './settings/settings-store.js';
import { attachAutoLock } from './vault/auto-lock.js';
import type { ScryptParams } from './vault/kdf.js';
import { systemClock, type Clock } from './clock.js';
import { noUserPresence, type IdleSource, type UserPresence } from './vault/ports.js';
import { createFileThrottleStore } from './vault/throttle.js';
import { Vault } from './vault/vault.js';

export type { AppMeta };

export interface CompanionPorts {
  app: AppMeta;
  /** The app's userData folder: profiles.json, settings.json, vault-state.json. */
  dataDir: string;
  keychain: Keychain;
  shell: ShellPort;
  presence?: UserPresence;
  /** OS idle time and power events; without it nothing auto-locks (tests, CLI). */
  idle?: IdleSource;
  clock?: Clock;
  /** Extra trust roots and name resolution (tests); production passes none. */
  network?: NetworkOptions;
  /** scrypt cost for a new vault (tests pass cheap parameters). */
  scryptParams?: ScryptParams;
  /** Applies the settings the shell owns (shortcut, launch at login); may refuse. */
  applySettings?: (next: Settings, previous: Settings) => Promise<void>;
  /** This computer's name, as device API keys are named in Odoo (default: the host name). */
  deviceName?: string;
  /** Told about failures that are bugs (never forwarded to the renderer). */
  onUnexpectedError?: (where: string, error: unknown) => void;
  /** The OS's preferred languages, best first (BCP 47 tags); none means English. */
  systemLanguages?: () => readonly string[];
  /** The administrator's policy as read at start (settings/admin-policy.ts); none: no limits. */
  policy?: AdminPolicy;
  /** Main's save dialog for profile files: asks where, writes the text; false when cancelled. */
  saveProfileFile?: (suggestedName: string, text: string) => Promise<boolean>;
}

type CoreEvents = { [E in EventName]: EventPayload<E> };

export interface CompanionCore {
  dispatch: Dispatch;
  vault: Vault;
  settings: SettingsStore;
  profiles: ProfileStore;
  quickLogin: QuickLogin;
  vaultState(): VaultState;
  /** The language the app speaks now: the setting, else the first OS language we have, else English. */
  locale(): AppLocale;
  /** Locks now (tray, shortcut, power events, quit). */
  lock(reason: LockReason): void;
  /** Profiles for the tray menu: id, label, auth method and environment label only. */
  profileMenu(): { id: string; label: string; authMethod: string; environment: Environment | null }[];
  /** The person's overdue activities on one profile (one search_count once the identity is known); for the tray. */
  overdueCount(profileId: string, signal?: AbortSignal): Promise<number>;
  /** Subscribes to one core event (the shell forwards them to the renderer and tray). */
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
  shutdown(): Promise<void>;
}

/** "17.0", "saas~17.2", "19.0+e" → 17, 17, 19. */
export function majorOf(serverVersion: string | null): number | null {
  if (serverVersion === null) return null;
  const m = /(\d+)\.\d+/.exec(serverVersion);
  return m === null ? null : Number(m[1]);
}

const TD_ID_LIFETIME_S = 90 * 24 * 3600;
/** A web session Odoo confirmed this recently is reused without asking again. */
const FRESH_SESSION_MS = 60_000;

export async function createCompanionCore(ports: CompanionPorts): Promise<CompanionCore> {
  const clock = ports.clock ?? systemClock;
  const events = new TypedEmitter<CoreEvents>();
  const emit = <E extends EventName>(event: E, payload: EventPayload<E>): void => {
    events.emit(event, payload as CoreEvents[E]);
    ports.shell.emit(event, payload);
  };

  const [profiles, settings] = await Promise.all([ProfileStore.open(ports.dataDir), SettingsStore.open(ports.dataDir)]);
  const policy: AdminPolicy = ports.policy ?? { state: 'none', path: '', problem: null, limits: {}, profiles: [] };
  // Settings kept from before the policy (a longer auto-lock, no lock on sleep) are brought within it.
  const bounded = applyPolicy(settings.get(), policy.limits);
  if (JSON.stringify(bounded) !== JSON.stringify(settings.get())) await settings.update(bounded).catch(() => {});
  // The profiles the policy pre-sets and the person has not saved yet. A profiles file that
  // cannot be written now leaves them for the next start; the app itself still starts.
  await addPresetProfiles(policy.profiles, { profiles, clock }).catch(() => {});
  const vault = new Vault({
    keychain: ports.keychain,
    presence: ports.presence ?? noUserPresence,
    throttle: createFileThrottleStore(ports.dataDir),
    clock,
    profiles,
    ...(ports.scryptParams === undefined ? {} : { scryptParams: ports.scryptParams }),
  });
  await vault.init().catch(() => {
    // The keychain may be unavailable at start; the app stays locked and every vault
    // request answers keychain_unavailable until it is back.
  });

  // Certificate facts seen on every new connection: keep the leaf's validity and issuer on
  // the profile, and warn once per unlock when it ends within 30 days.
  const warned = new Set<string>();
  const onCertificate = (profileId: string, event: LeafCertificateEvent): void => {
    const profile = profiles.get(profileId);
    const { validTo, issuer } = event.certificate;
    if (profile !== null && (profile.certificateValidTo !== validTo || profile.certificateIssuer !== issuer)) {
      void profiles.update(profileId, { certificateValidTo: validTo, certificateIssuer: issuer }).catch(() => {});
    }
    if (event.daysLeft !== null && !warned.has(profileId)) {
      warned.add(profileId);
      emit('tls:certificateExpiring', { profileId, validTo: event.certificate.validTo, daysLeft: event.daysLeft });
    }
  };

  const sessions = new OdooSessions({
    profiles,
    vault,
    clock,
    onCertificate,
    deviceLabel: { product: ports.app.name, device: ports.deviceName ?? hostname() },
    // Signed in or out: the screens' "Signed in" / "Signed out" follows.
    onSessionChange: () => emit('profiles:changed', {}),
    ...(ports.network === undefined ? {} : { network: ports.network }),
  });
  const closeWindows = (profileId?: string): Promise<void> => ports.shell.closeOdooWindows(profileId);
  const profileService = new ProfileService({
    profiles,
    vault,
    sessions,
    clock,
    closeWindows,
    ...(ports.network === undefined ? {} : { network: ports.network }),
  });

  const cookiesOf = async (profileId: string): Promise<OdooCookie[]> => {
    const web = await sessions.client(profileId).webSession();
    const cookies: OdooCookie[] = [{ name: 'session_id', value: web.sessionId }];
    if (web.tdId !== null) {
      cookies.push({ name: 'td_id', value: web.tdId, expirationDate: Math.floor(clock.now() / 1000) + TD_ID_LIFETIME_S });
    }
    return cookies;
  };

  const noteLogin = async (profileId: string, serverVersion: string): Promise<void> => {
    sessions.markActive(profileId);
    // The odoo_jwt module never asks the second factor: once seen, the profile says so.
    const skipsTotp = profiles.get(profileId)?.authMethod === 'jwt' && sessions.client(profileId).jwtSkipsTotp;
    await profiles
      .update(profileId, { lastUsedAt: clock.now(), serverVersion, ...(skipsTotp ? { jwtSkipsTwoFactor: true } : {}) })
      .catch(() => {});
  };

  const quickLogin = createQuickLogin({
    async profile(profileId): Promise<QuickLoginProfile | null> {
      const p = profiles.get(profileId);
      if (p === null) return null;
      return {
        id: p.id,
        label: p.label,
        origin: p.origin,
        authMethod: p.authMethod,
        pins: p.pins,
        trustSelfSigned: p.trustSelfSigned,
        serverMajor: majorOf(p.serverVersion),
        environment: environmentMark(p.environment, translator(locale())),
      };
    },
    vault: {
      state: () => vault.state,
      unlockWithPresence: async () => {
        if (!presenceUnlockAllowed(policy.limits)) return false;
        if (!(await vault.status()).presence.enabled) return false;
        try {
          await vault.unlockWithPresence();
          return vault.isUnlocked();
        } catch {
          return false;
        }
      },
    },
    sessions: {
      async confirmStored(profileId) {
        const client = sessions.client(profileId);
        // A session Odoo confirmed moments ago is reused without a round trip.
        if (sessions.confirmedWithin(profileId, FRESH_SESSION_MS)) return cookiesOf(profileId);
        if (!(await client.checkSession())) return null;
        sessions.markActive(profileId);
        return cookiesOf(profileId);
      },
      async authenticate(profileId) {
        const result = await sessions.client(profileId).login();
        if (result.status === 'totp_required') return result;
        await noteLogin(profileId, result.identity.serverVersion);
        return { status: 'ok', cookies: await cookiesOf(profileId) };
      },
    },
    shell: ports.shell,
    now: () => clock.now(),
  });

  vault.on('locked', ({ reason }) => {
    warned.clear();
    quickLogin.onLocked();
    // Rule: locked means no Odoo window stays open and no partition keeps a cookie.
    void closeWindows().catch((e: unknown) => ports.onUnexpectedError?.('closeOdooWindows', e));
    emit('vault:locked', { reason });
  });
  vault.on('unlocked', () => emit('vault:unlocked', {}));
  const offProfiles = profiles.onChanged(() => emit('profiles:changed', {}));

  const autoLock =
    ports.idle === undefined ? null : attachAutoLock({ vault, idle: ports.idle, clock, settings });

  const locale = (): AppLocale => resolveLocale(settings.get().language, ports.systemLanguages?.() ?? []);

  const handlers = createHandlers({
    app: ports.app,
    locale,
    vault,
    settings,
    applySettings: ports.applySettings ?? (async () => {}),
    profiles: profileService,
    sessions,
    quickLogin,
    noteLogin,
    closeWindows,
    rendererReady: () => ports.shell.rendererReady(),
    clock,
    confirm: (request) => ports.shell.confirm(request),
    allProfiles: {
      profiles,
      vault,
      clock,
      policy: () => policy,
      ...(ports.saveProfileFile === undefined ? {} : { saveProfileFile: ports.saveProfileFile }),
      ...(ports.network?.ca === undefined ? {} : { ca: ports.network.ca }),
    },
  });
  const dispatch = createDispatch(handlers, {
    onUnexpectedError: (channel, error) => ports.onUnexpectedError?.(channel, error),
    heldSecrets: () => vault.heldSecrets(),
  });

  return {
    dispatch,
    vault,
    settings,
    profiles,
    quickLogin,
    vaultState: () => vault.state,
    locale,
    lock: (reason) => {
      vault.lock(reason);
    },
    profileMenu: () =>
      profiles.list().map((p) => ({ id: p.id, label: p.label, authMethod: p.authMethod, environment: p.environment ?? null })),
    async overdueCount(profileId, signal) {
      const count = await overdueActivityCount(sessions.client(profileId), { now: clock.now(), ...(signal === undefined ? {} : { signal }) });
      sessions.markActive(profileId);
      return count;
    },
    on: (event, listener) => events.on(event, listener),
    async shutdown() {
      autoLock?.dispose();
      offProfiles();
      vault.lock('quit');
      sessions.dropAll();
    },
  };
}
