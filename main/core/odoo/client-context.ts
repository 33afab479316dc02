// Why: what every part of one Odoo client shares — the wire to the server, the vault's
// port, the clock, the server's version and who Odoo says is signed in — built once per
// client, so the sign-in methods, the session state and the calls each receive one value
// instead of a dozen closures, and read the same version and the same identity.
import type { AuthMethod, Identity, ServerVersion } from '../../../contract/index.js';
import { systemClock, type Clock } from '../clock.js';
import { AppError } from '../errors.js';
import { normalizeServerUrl } from '../net/url-policy.js';
import type { ProfileSecrets, SecretKind } from '../secrets/types.js';
import type { OdooClientOptions } from './client-types.js';
import { createHttpChannel, type HttpChannel } from './http.js';
import { SingleFlight } from './single-flight.js';
import { createOdooTransport, type OdooTransport } from './transport.js';
import { parseVersionInfo } from './version.js';

/** The wire an API key travels on. */
export type KeyTransport = 'jsonrpc' | 'xmlrpc' | 'json2';

export interface ClientContext {
  readonly origin: string;
  readonly database: string;
  readonly login: string;
  readonly authMethod: AuthMethod;
  readonly options: OdooClientOptions;
  readonly secrets: ProfileSecrets;
  readonly clock: Pick<Clock, 'now'>;
  readonly http: HttpChannel;
  readonly t: OdooTransport;
  /** Who Odoo last said is signed in (dropped on lock). */
  readonly who: { uid: number | null; identity: Identity | null };
  /** Keeps `identity` as who is signed in, and returns it. */
  signedInAs(identity: Identity): Identity;
  /** A secret of the profile, or null; a locked vault throws `locked`. */
  secret(kind: SecretKind): Promise<string | null>;
  /** A secret that must be there: `auth_failed` (with the missing kind) when it is not. */
  requireSecret(kind: SecretKind): Promise<string>;
  /** The server's version when known (from the profile or the probe). */
  knownVersion(): ServerVersion | null;
  /** The server's version: known, or asked once for every concurrent caller. */
  ensureVersion(signal?: AbortSignal): Promise<ServerVersion>;
  /** The wire for an API key: the one the profile fixed, else JSON-2 from Odoo 19 on, JSON-RPC before. */
  keyTransport(signal?: AbortSignal): Promise<KeyTransport>;
}

export function createClientContext(options: OdooClientOptions): ClientContext {
  const { origin } = normalizeServerUrl(options.origin);
  const { database, login, authMethod, secrets } = options;
  const http = createHttpChannel({
    origin,
    dispatchers: options.dispatchers,
    timeouts: options.timeouts,
    maxResponseBytes: options.maxResponseBytes,
  });
  const t = createOdooTransport(http, database);
  let version: ServerVersion | null = options.serverVersion ?? null;
  const versionFlight = new SingleFlight<ServerVersion>();
  const fixedTransport = options.transport && options.transport !== 'auto' ? options.transport : null;
  const who: ClientContext['who'] = { uid: null, identity: null };

  async function ensureVersion(signal?: AbortSignal): Promise<ServerVersion> {
    if (version) return version;
    return versionFlight.run(async () => {
      const { result } = await t.jsonRpc('/web/webclient/version_info', {}, undefined);
      const learned = parseVersionInfo(result);
      version = learned;
      options.onVersion?.(learned);
      return learned;
    }, signal);
  }

  return {
    origin,
    database,
    login,
    authMethod,
    options,
    secrets,
    clock: options.clock ?? systemClock,
    http,
    t,
    who,
    signedInAs(identity) {
      who.identity = identity;
      who.uid = identity.uid;
      return identity;
    },
    secret: (kind) => secrets.get(kind), // AppError('locked') passes through unchanged
    async requireSecret(kind) {
      const v = await secrets.get(kind);
      if (v === null || v === '') {
        throw new AppError('auth_failed', 'No credential is stored for this profile. Enter it again.', { missing: kind });
      }
      return v;
    },
    knownVersion: () => version,
    ensureVersion,
    async keyTransport(signal) {
      if (fixedTransport) return fixedTransport;
      const v = await ensureVersion(signal);
      return v.major >= 19 ? 'json2' : 'jsonrpc';
    },
  };
}
