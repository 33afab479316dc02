// One Odoo client per profile, built on demand while the vault is unlocked and dropped on
// lock, on forget, and whenever the profile's connection facts change (URL, pins). Each
// client gets its own dispatcher factory: pinned to the profile's pins over https, or
// loopback-only for a plain-http local server. Rule: no client outlives the vault key —
// the vault's lock hook drops them all, with the session ids and tokens they hold.
import { lockedError, profileNotFound } from '../errors.js';
import {
  createLoopbackDispatcherFactory,
  createPinnedDispatcherFactory,
  type LeafCertificateEvent,
  type PinnedDispatcherOptions,
} from '../net/index.js';
import type { DispatcherFactory } from '../net/types.js';
import { createOdooClient, parseVersionInfo, type OdooClient } from '../odoo/index.js';
import type { ServerVersion } from '../../../contract/index.js';
import type { ProfileRecord, ProfileStore } from '../profiles/profile-store.js';
import type { ProfileSecrets } from '../secrets/types.js';

/** Network knobs the host may set: extra roots and name resolution in tests, timeouts. */
export type NetworkOptions = Pick<
  PinnedDispatcherOptions,
  'ca' | 'lookup' | 'connectTimeoutMs' | 'headersTimeoutMs' | 'bodyTimeoutMs' | 'now'
>;

export interface SessionVault {
  isUnlocked(): boolean;
  secretsFor(profileId: string): ProfileSecrets;
  onLock(drop: () => void): () => void;
}

export interface OdooSessionsOptions {
  profiles: Pick<ProfileStore, 'get' | 'update'>;
  vault: SessionVault;
  network?: NetworkOptions;
  clock?: { now(): number };
  /** Told about each accepted TLS handshake (certificate expiry, last seen validity). */
  onCertificate?: (profileId: string, event: LeafCertificateEvent) => void;
  /** Names device API keys: "<product> — <device> — <date>". */
  deviceLabel?: { product: string; device: string };
  /**
   * Told when what the screens show of a profile's session may have changed: it became
   * live, or it ended (sign-out, Odoo refused it) — so the host can say `profiles:changed`.
   */
  onSessionChange?: (profileId: string) => void;
}

interface Entry {
  client: OdooClient;
  dispatchers: DispatcherFactory;
  /** The connection facts the client was built from; a change rebuilds it. */
  key: string;
  active: boolean;
  /** When Odoo last confirmed the session (epoch ms), or null. */
  confirmedAt: number | null;
}

/** A profile's stored version string as the client's typed version, or null when unknown or unreadable. */
function knownVersion(serverVersion: string | null): ServerVersion | null {
  if (serverVersion === null) return null;
  try {
    return parseVersionInfo({ server_version: serverVersion });
  } catch {
    return null;
  }
}

function connectionKey(p: ProfileRecord): string {
  return JSON.stringify([p.origin, p.database, p.login, p.authMethod, p.transport, p.pins, p.trustSelfSigned, p.keepPassword === true]);
}

export function dispatchersFor(
  profile: Pick<ProfileRecord, 'insecure' | 'pins' | 'trustSelfSigned'> & Partial<Pick<ProfileRecord, 'certificateIssuer'>>,
  network: NetworkOptions = {},
  onLeafCertificate?: (event: LeafCertificateEvent) => void,
): DispatcherFactory {
  if (profile.insecure) return createLoopbackDispatcherFactory(network);
  return createPinnedDispatcherFactory({
    ...network,
    pins: profile.pins,
    trustSelfSigned: profile.trustSelfSigned,
    expectedIssuer: profile.certificateIssuer ?? null,
    ...(onLeafCertificate === undefined ? {} : { onLeafCertificate }),
  });
}

export class OdooSessions {
  private readonly entries = new Map<string, Entry>();
  private readonly options: OdooSessionsOptions;

  constructor(options: OdooSessionsOptions) {
    this.options = options;
    options.vault.onLock(() => this.dropAll());
  }

  /** The profile's client. Throws `locked` while the vault is locked, `profile_not_found`. */
  client(profileId: string): OdooClient {
    if (!this.options.vault.isUnlocked()) {
      throw lockedError();
    }
    const profile = this.options.profiles.get(profileId);
    if (profile === null) throw profileNotFound(profileId);
    const key = connectionKey(profile);
    const existing = this.entries.get(profileId);
    if (existing !== undefined && existing.key === key) return existing.client;
    if (existing !== undefined) this.drop(profileId);

    const onCertificate = this.options.onCertificate;
    const dispatchers = dispatchersFor(
      profile,
      this.options.network,
      onCertificate === undefined ? undefined : (event) => onCertificate(profileId, event),
    );
    const client = createOdooClient({
      origin: profile.origin,
      database: profile.database,
      login: profile.login,
      authMethod: profile.authMethod,
      transport: profile.transport,
      secrets: this.options.vault.secretsFor(profileId),
      dispatchers,
      // The version Odoo reported last time: no probe before the first call.
      serverVersion: knownVersion(profile.serverVersion),
      onVersion: (v) => {
        if (this.options.profiles.get(profileId)?.serverVersion !== v.serverVersion) {
          void this.options.profiles.update(profileId, { serverVersion: v.serverVersion }).catch(() => {});
        }
      },
      keepPassword: profile.keepPassword === true,
      deviceKeyExpiresAt: profile.deviceKey?.expiresAt ?? null,
      deviceKeyName: profile.deviceKey?.name ?? null,
      ...(this.options.deviceLabel === undefined ? {} : { deviceKeyLabel: this.options.deviceLabel }),
      // The device key's name and expiry (never the key) are kept on the profile.
      onDeviceKey: (event) => {
        const patch =
          event.kind === 'created'
            ? { deviceKey: { name: event.name, createdAt: event.createdAt, expiresAt: event.expiresAt }, deviceKeyRefused: null }
            : event.kind === 'refused'
              ? { deviceKeyRefused: event.reason }
              : { deviceKey: null };
        return this.options.profiles.update(profileId, patch).then(
          () => undefined,
          () => undefined,
        );
      },
      ...(this.options.clock === undefined ? {} : { clock: this.options.clock }),
    });
    this.entries.set(profileId, { client, dispatchers, key, active: false, confirmedAt: null });
    return client;
  }

  /** Notes that the profile has a live session in memory, confirmed by Odoo just now. */
  markActive(profileId: string, active = true): void {
    const entry = this.entries.get(profileId);
    if (entry === undefined) return;
    const was = entry.active;
    entry.active = active;
    entry.confirmedAt = active ? (this.options.clock ?? Date).now() : null;
    // An end is always told: the stored session may be gone even when none was live.
    if (!active || !was) this.options.onSessionChange?.(profileId);
  }

  /** True when Odoo confirmed the profile's session less than `ms` ago. */
  confirmedWithin(profileId: string, ms: number): boolean {
    const at = this.entries.get(profileId)?.confirmedAt ?? null;
    return at !== null && (this.options.clock ?? Date).now() - at <= ms;
  }

  isActive(profileId: string): boolean {
    return this.entries.get(profileId)?.active ?? false;
  }

  /** Forgets the profile's client: its session id and tokens in memory, its connections. */
  drop(profileId: string): void {
    const entry = this.entries.get(profileId);
    if (entry === undefined) return;
    this.entries.delete(profileId);
    // A web session kept in memory only (JWT) is ended in Odoo before the connections close.
    void entry.client
      .endVolatileSession()
      .catch(() => {})
      .finally(() => entry.dispatchers.closeAll().catch(() => {}));
  }

  dropAll(): void {
    for (const id of [...this.entries.keys()]) this.drop(id);
  }
}
