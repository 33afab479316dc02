// Why: what callers of the Odoo client see — its options, its calls and the events it
// reports — kept apart from the modules that implement it, so the services, the shell and
// the tests depend on this one shape and not on how sign-in and calls are split inside.
import type { AuthMethod, Identity, LoginResult, ServerVersion, Transport } from '../../../contract/index.js';
import type { Clock } from '../clock.js';
import type { DispatcherFactory } from '../net/types.js';
import type { ProfileSecrets } from '../secrets/types.js';
import type { HttpTimeouts } from './http.js';

export type Domain = readonly unknown[];

export interface OdooClientOptions {
  origin: string;
  database: string;
  login: string;
  authMethod: AuthMethod;
  /** API-key profiles only; 'auto' = JSON-2 on 19+, else JSON-RPC. */
  transport?: Transport;
  secrets: ProfileSecrets;
  dispatchers: DispatcherFactory;
  timeouts?: Partial<HttpTimeouts>;
  maxResponseBytes?: number;
  clock?: Pick<Clock, 'now'>;
  /** The version already known from the profile, to skip the probe. */
  serverVersion?: ServerVersion | null;
  /** Told when the probe learns the server's version (the profile keeps it). */
  onVersion?: (version: ServerVersion) => void;
  /** 'account' profiles: keep the password after sign-in (off by default: it is dropped). */
  keepPassword?: boolean;
  /** 'account' profiles: the device key's expiry as the profile knows it (renewed within 14 days of it). */
  deviceKeyExpiresAt?: string | null;
  /** 'account' profiles: names the device key ("<product> — <device> — <date>"). */
  deviceKeyLabel?: { product: string; device: string };
  /** 'account' profiles: the name of the key this device created (to revoke it). */
  deviceKeyName?: string | null;
  /** 'account' profiles: told when a device key was created (or Odoo refused one, with why), or removed. */
  onDeviceKey?: (event: DeviceKeyEvent) => void | Promise<void>;
}

export type DeviceKeyEvent =
  | { kind: 'created'; name: string; createdAt: number; expiresAt: string | null }
  | { kind: 'refused'; reason: string }
  | { kind: 'removed' };

export interface CallOptions {
  signal?: AbortSignal;
}

export interface SearchReadOptions extends CallOptions {
  offset?: number;
  limit?: number;
  order?: string;
  context?: Record<string, unknown>;
}

/** What an Odoo web window needs: cookie values for the profile's origin (set by the shell). */
export interface WebSession {
  origin: string;
  sessionId: string;
  tdId: string | null;
}

export interface OdooClient {
  readonly origin: string;
  readonly authMethod: AuthMethod;
  /** The server version (asks the server once, then remembers). */
  probe(options?: CallOptions): Promise<ServerVersion>;
  /** The database names, or null when the server hides its list. */
  listDatabases(options?: CallOptions): Promise<string[] | null>;
  /** Authenticates with the stored secret. Password users with 2FA get `totp_required`. */
  login(options?: CallOptions): Promise<LoginResult>;
  /** Finishes a `totp_required` login; `trustDevice` stores Odoo's trusted-device cookie. */
  submitTotp(code: string, trustDevice: boolean, options?: CallOptions): Promise<LoginResult>;
  call<T = unknown>(
    model: string,
    method: string,
    args?: readonly unknown[],
    kwargs?: Record<string, unknown>,
    options?: CallOptions,
  ): Promise<T>;
  searchRead<T = Record<string, unknown>>(
    model: string,
    domain: Domain,
    fields: readonly string[],
    options?: SearchReadOptions,
  ): Promise<T[]>;
  searchCount(model: string, domain: Domain, options?: CallOptions): Promise<number>;
  nameSearch(
    model: string,
    name: string,
    options?: CallOptions & { domain?: Domain; operator?: string; limit?: number },
  ): Promise<Array<[number, string]>>;
  read<T = Record<string, unknown>>(
    model: string,
    ids: readonly number[],
    fields: readonly string[],
    options?: CallOptions,
  ): Promise<T[]>;
  fieldsGet(
    model: string,
    attributes?: readonly string[],
    options?: CallOptions,
  ): Promise<Record<string, Record<string, unknown>>>;
  /** Who is logged in (logs in when needed). */
  identity(options?: CallOptions): Promise<Identity>;
  /** One request: is the stored session (or key, or refresh token) still accepted? */
  checkSession(options?: CallOptions): Promise<boolean>;
  /** Ends the session on the server (best effort) and forgets it in the vault. */
  logout(options?: CallOptions): Promise<void>;
  /** The cookies a web window needs (password profiles). Reuses a stored session without a round trip. */
  webSession(options?: CallOptions): Promise<WebSession>;
  /** Drops everything held in memory (on lock). Stored secrets stay in the vault. */
  forget(): void;
  /** On lock: forgets like `forget()`, and ends in Odoo a web session kept in memory only (JWT). */
  endVolatileSession(): Promise<void>;
  /** True once the odoo_jwt module handed tokens to a two-factor user for the password alone. */
  readonly jwtSkipsTotp: boolean;
  /**
   * 'account' profiles: signs in with the password the person just typed; creates this
   * device's API key when there is none (or it ends within 14 days); drops the password
   * unless the profile keeps it. A two-factor user without a trusted device gets
   * `totp_required`, then `submitTotp`.
   */
  signIn(password: string, options?: CallOptions): Promise<LoginResult>;
  /** 'account' profiles: removes this device's key in Odoo (identity check with `password`) and ends the session. */
  revokeDeviceKey(password: string, options?: CallOptions): Promise<void>;
}
