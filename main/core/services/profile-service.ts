// Everything the profile screens ask of main: list, probe a URL (trust on first use),
// test a connection with a typed credential, save, re-pin, inspect, forget. Rules here:
// - managing profiles needs the vault unlocked (a locked app answers nothing about them);
// - a typed credential goes straight into the vault, encrypted; it is never echoed back;
// - an https profile keeps at least one pin (by default the authorities' keys, or a
//   self-signed server's own: contract/default-pins.ts); changing the pins of a saved
//   profile is only possible through `repin` (an explicit, confirmed action) or
//   `useAuthorityPins`, which only moves a profile to the default pins of the very chain
//   its saved pins accept now;
// - probing sends no credential: it reads the server's certificate, then asks the version
//   over a connection pinned to exactly the certificate the person is about to confirm.
import type {
  AuthMethod,
  ChannelInput,
  ChannelOutput,
  Environment,
  LoginResult,
  Profile,
  TlsInspection,
} from '../../../contract/index.js';
import { AppError, lockedError, profileNotFound } from '../errors.js';
import { authorityPinsOffer, inspectServer, normalizeServerUrl, validatePins } from '../net/index.js';
import { createOdooClient, probeServer } from '../odoo/index.js';
import { newProfileId, type ProfileRecord, type ProfileStore } from '../profiles/profile-store.js';
import type { SecretKind } from '../secrets/types.js';
import type { Vault } from '../vault/vault.js';
import { dispatchersFor, type NetworkOptions, type OdooSessions } from './odoo-sessions.js';

type Draft = ChannelInput<'profiles:testConnection'>;

/** How recent the passphrase or presence confirmation must be to re-pin a server. */
export const REPIN_CONFIRMATION_MS = 2 * 60_000;
type SaveInput = ChannelInput<'profiles:save'>;

/** Which vault item holds the credential a person types for each auth method. */
export function credentialKind(method: AuthMethod): SecretKind {
  return method === 'api-key' ? 'api-key' : 'password';
}

/** The label a save stores: the one sent, none when null was sent, else the one kept. */
function environmentOf(sent: Environment | null | undefined, kept: Environment | undefined): { environment?: Environment } {
  if (sent === null) return {};
  const chosen = sent ?? kept;
  return chosen === undefined ? {} : { environment: chosen };
}

/** Whether the vault holds what this method needs to reach Odoo without asking the person. */
function hasCredential(method: AuthMethod, kinds: readonly SecretKind[]): boolean {
  // 'account': the device key (or at least a session); the password is usually not kept.
  if (method === 'account') return kinds.includes('device-key') || kinds.includes('session') || kinds.includes('password');
  return kinds.includes(credentialKind(method));
}

export interface ProfileServiceDeps {
  profiles: ProfileStore;
  vault: Vault;
  sessions: OdooSessions;
  network?: NetworkOptions;
  clock: { now(): number };
  /** Closes a profile's Odoo windows (forget, re-pin). */
  closeWindows(profileId: string): Promise<void>;
  newId?: () => string;
}

function requireUnlocked(vault: Vault): void {
  if (!vault.isUnlocked()) throw lockedError();
}

/** In-memory secrets for a connection test: nothing is written to the vault. */
function scratchSecrets(kind: SecretKind, value: string) {
  const values = new Map<SecretKind, string>([[kind, value]]);
  return {
    get: async (k: SecretKind) => values.get(k) ?? null,
    set: async (k: SecretKind, v: string | null) => {
      if (v === null) values.delete(k);
      else values.set(k, v);
    },
  };
}

export class ProfileService {
  private readonly deps: ProfileServiceDeps;
  constructor(deps: ProfileServiceDeps) {
    this.deps = deps;
  }

  async list(): Promise<Profile[]> {
    const { profiles, vault, sessions } = this.deps;
    requireUnlocked(vault);
    const stored = await vault.storedKindsByProfile();
    return profiles.list().map((p) => {
      const kinds = stored.get(p.id) ?? [];
      const hasSession = kinds.includes('session') || kinds.includes('jwt-refresh');
      return {
        ...p,
        hasSecret: hasCredential(p.authMethod, kinds),
        session: sessions.isActive(p.id) ? 'active' : hasSession ? 'stored' : 'none',
      };
    });
  }

  private profile(id: string): ProfileRecord {
    const p = this.deps.profiles.get(id);
    if (p === null) throw profileNotFound(id);
    return p;
  }

  private async toProfile(record: ProfileRecord): Promise<Profile> {
    const found = (await this.list()).find((p) => p.id === record.id);
    if (found === undefined) throw profileNotFound(record.id);
    return found;
  }

  async probe(url: string): Promise<ChannelOutput<'profiles:probe'>> {
    requireUnlocked(this.deps.vault);
    const server = normalizeServerUrl(url);
    const network = this.deps.network ?? {};
    const tls = server.insecure ? null : await inspectServer(server.origin, { ...(network.ca ? { ca: network.ca } : {}) });
    const dispatchers = dispatchersFor(
      {
        insecure: server.insecure,
        // Trust on first use: exactly the chain just shown to the person, nothing else.
        pins: tls === null ? [] : tls.chain.map((c) => c.pin),
        trustSelfSigned: tls !== null && !tls.trustedByOs,
      },
      network,
    );
    try {
      const probed = await probeServer(server.origin, dispatchers);
      return { ...probed, tls };
    } finally {
      await dispatchers.closeAll();
    }
  }

  /** Logs in with the typed credential, on a scratch client that stores nothing. */
  async testConnection(draft: Draft): Promise<LoginResult> {
    requireUnlocked(this.deps.vault);
    const server = normalizeServerUrl(draft.url);
    const pins = server.insecure ? [] : validatePins(draft.pins);
    const dispatchers = dispatchersFor(
      { insecure: server.insecure, pins, trustSelfSigned: draft.trustSelfSigned },
      this.deps.network,
    );
    const client = createOdooClient({
      origin: server.origin,
      database: draft.database,
      login: draft.login,
      authMethod: draft.authMethod,
      transport: draft.transport,
      secrets: scratchSecrets(credentialKind(draft.authMethod), draft.secret),
      dispatchers,
      clock: this.deps.clock,
    });
    try {
      return await client.login();
    } finally {
      client.forget();
      await dispatchers.closeAll();
    }
  }

  async save(input: SaveInput): Promise<Profile> {
    const { vault, profiles, sessions } = this.deps;
    requireUnlocked(vault);
    const server = normalizeServerUrl(input.url);
    const pins = server.insecure ? [] : validatePins(input.pins);
    const existing = input.id === undefined ? null : this.profile(input.id);
    if (existing !== null) {
      const samePins =
        existing.pins.length === pins.length && existing.pins.every((p) => pins.includes(p)) &&
        existing.trustSelfSigned === input.trustSelfSigned;
      const sameOrigin = existing.origin === server.origin;
      if (!samePins || !sameOrigin) {
        throw new AppError(
          'invalid_input',
          'A saved profile keeps its server and certificate pins. Use “Re-pin” on its security page to change them.',
          { field: samePins ? 'url' : 'pins' },
        );
      }
    }
    const id = existing?.id ?? this.deps.newId?.() ?? newProfileId();
    const record: ProfileRecord = {
      id,
      label: input.label,
      origin: server.origin,
      insecure: server.insecure,
      database: input.database,
      login: input.login,
      authMethod: input.authMethod,
      transport: input.transport,
      pins,
      trustSelfSigned: server.insecure ? false : input.trustSelfSigned,
      serverVersion: existing?.serverVersion ?? null,
      createdAt: existing?.createdAt ?? this.deps.clock.now(),
      lastUsedAt: existing?.lastUsedAt ?? null,
      certificateValidTo: existing?.certificateValidTo ?? null,
      ...(existing?.certificateIssuer === undefined ? {} : { certificateIssuer: existing.certificateIssuer }),
      ...(existing?.jwtSkipsTwoFactor === undefined ? {} : { jwtSkipsTwoFactor: existing.jwtSkipsTwoFactor }),
      ...(input.keepPassword === undefined ? (existing?.keepPassword === undefined ? {} : { keepPassword: existing.keepPassword }) : { keepPassword: input.keepPassword }),
      ...(existing?.deviceKey === undefined ? {} : { deviceKey: existing.deviceKey }),
      ...(existing?.deviceKeyRefused === undefined ? {} : { deviceKeyRefused: existing.deviceKeyRefused }),
      // The environment label: as sent (null removes it); a save without one keeps the one the profile had.
      ...environmentOf(input.environment, existing?.environment),
    };
    const credentialsChanged =
      existing !== null &&
      (existing.login !== record.login || existing.database !== record.database || existing.authMethod !== record.authMethod);
    // Secrets first: if the keychain refuses, no half-made profile is listed.
    const secrets = vault.secretsFor(id);
    if (input.secret !== undefined && record.authMethod === 'account') {
      // 'Odoo account': the password is not kept (unless the person chose to): it signs in
      // once, right after the save, and the device key takes its place.
      await secrets.update({ password: record.keepPassword === true ? input.secret : null, session: null, 'jwt-refresh': null });
    } else if (input.secret !== undefined) {
      await secrets.update({
        [credentialKind(record.authMethod)]: input.secret,
        // A new credential ends the old web session and tokens.
        session: null,
        'jwt-refresh': null,
      });
    } else if (credentialsChanged) {
      await secrets.update({ session: null, 'jwt-refresh': null });
    }
    await profiles.save(record);
    sessions.drop(id);
    if (input.secret !== undefined && record.authMethod === 'account') {
      // Signs in and creates this device's key. A two-factor user without a trusted device
      // gets the code asked next (the password waits in memory until then).
      await sessions.client(id).signIn(input.secret);
    }
    return this.toProfile(this.profile(id));
  }

  /**
   * A 'password' profile becomes an 'account' profile, with the person's consent: it signs
   * in with the kept password, creates this device's key, then drops the password.
   */
  async migrate(id: string): Promise<Profile> {
    requireUnlocked(this.deps.vault);
    const existing = this.profile(id);
    if (existing.authMethod !== 'password') {
      throw new AppError('invalid_input', 'Only a profile that keeps its password can move to “Odoo account”.');
    }
    const password = await this.deps.vault.secretsFor(id).get('password');
    if (password === null) throw new AppError('auth_failed', 'No password is kept for this profile.', { missing: 'password' });
    await this.deps.profiles.update(id, { authMethod: 'account', keepPassword: false });
    this.deps.sessions.drop(id);
    // The vault's password item is dropped once the key exists (or Odoo refused one).
    await this.deps.sessions.client(id).signIn(password);
    return this.toProfile(this.profile(id));
  }

  async repin(id: string, pins: readonly string[], trustSelfSigned: boolean): Promise<Profile> {
    requireUnlocked(this.deps.vault);
    // Re-pinning changes which server is trusted: an unlocked app left on a desk is not
    // enough, the person proves it is them again just before.
    if (!this.deps.vault.confirmedWithin(REPIN_CONFIRMATION_MS)) {
      throw new AppError(
        'reauth_required',
        'Confirm it is you with your vault passphrase (or Touch ID / Windows Hello) to change the pins.',
      );
    }
    const existing = this.profile(id);
    if (existing.insecure) {
      throw new AppError('invalid_input', 'A plain-http local profile has no certificate to pin.', { field: 'pins' });
    }
    const valid = validatePins(pins);
    await this.deps.closeWindows(id);
    this.deps.sessions.drop(id);
    const saved = await this.deps.profiles.update(id, { pins: valid, trustSelfSigned });
    return this.toProfile(saved);
  }

  /**
   * "Use the authorities' keys": moves a profile pinned to its server's own key (as profiles
   * were pinned before) to the keys of the authorities that issued it, so a renewal with a
   * new key passes. The live chain is checked first: the system must trust it and it must
   * match a saved pin — the same server the person already confirmed — so this never moves
   * trust to another server and needs no second confirmation (a mismatch needs `repin`).
   */
  async useAuthorityPins(id: string): Promise<Profile> {
    const tls = await this.inspectTls(id);
    const offer = authorityPinsOffer(this.profile(id), tls);
    if (offer === null) {
      throw new AppError(
        'invalid_input',
        'The certificate the server presents now does not allow this change: it is not trusted by the system, does not match a saved pin, or already is.',
        { field: 'pins' },
      );
    }
    await this.deps.closeWindows(id);
    this.deps.sessions.drop(id);
    return this.toProfile(await this.deps.profiles.update(id, { pins: validatePins(offer) }));
  }

  async inspectTls(id: string): Promise<TlsInspection> {
    requireUnlocked(this.deps.vault);
    const p = this.profile(id);
    const network = this.deps.network ?? {};
    const tls = await inspectServer(p.origin, { ...(network.ca ? { ca: network.ca } : {}) });
    if (tls === null) {
      throw new AppError('insecure_url', 'This profile uses plain http on this computer: there is no certificate.');
    }
    return tls;
  }

  /**
   * Forgets a profile on this device. With the password, an 'account' profile's device key
   * is first revoked in Odoo and its session ended there; a failure there (wrong password,
   * server down) forgets nothing. Resolves with whether Odoo revoked a key.
   */
  async forget(id: string, password?: string): Promise<{ revoked: boolean }> {
    requireUnlocked(this.deps.vault);
    const p = this.profile(id);
    let revoked = false;
    const client = this.deps.sessions.client(id);
    if (password !== undefined && p.authMethod === 'account') {
      await client.revokeDeviceKey(password);
      await client.logout();
      revoked = true;
    } else {
      // Forgetting on this device only still ends the web session in Odoo, when it can.
      await client.logout().catch(() => undefined);
    }
    await this.deps.closeWindows(id);
    this.deps.sessions.drop(id);
    await this.deps.vault.forgetProfile(id);
    return { revoked };
  }

}
