// Why: the add-profile wizard needs to know what is behind a URL before any credential is
// typed: which Odoo version (it decides the transports), the database list (or that it is
// hidden), and whether the odoo_jwt module answers. Nothing here sends a credential.
import type { ServerVersion } from '../../../contract/index.js';
import { AppError, isAppError } from '../errors.js';
import type { DispatcherFactory } from '../net/types.js';
import { createOdooTransport } from './transport.js';
import { createHttpChannel, type HttpChannel, type HttpTimeouts } from './http.js';
import { jsonRpcBody, readJsonRpc } from './jsonrpc.js';
import { normalizeServerUrl } from '../net/url-policy.js';
import { parseVersionInfo } from './version.js';

export interface ProbeResult {
  origin: string;
  insecure: boolean;
  version: ServerVersion;
  /** null when the server hides its database list: the person types the name. */
  databases: string[] | null;
  jwtModule: boolean;
}

export interface ProbeOptions {
  signal?: AbortSignal;
  timeouts?: Partial<HttpTimeouts>;
  maxResponseBytes?: number;
}

const HEADERS = { 'content-type': 'application/json', accept: 'application/json', 'user-agent': 'OdooCompanion/0.1' };

async function probeVersion(http: HttpChannel, signal?: AbortSignal): Promise<ServerVersion> {
  const res = await http.request({
    method: 'POST',
    path: '/web/webclient/version_info',
    headers: HEADERS,
    body: jsonRpcBody({}, 1),
    signal,
  });
  if (res.status === 404) {
    throw new AppError('bad_response', 'No Odoo server answers at this address.', { status: 404 });
  }
  return parseVersionInfo(readJsonRpc(res));
}

/**
 * Whether odoo_jwt is installed: its JSON route answers (with an error, since no refresh
 * token is sent) in the JSON-RPC envelope, where a server without it answers 404.
 */
async function probeJwt(http: HttpChannel, signal?: AbortSignal): Promise<boolean> {
  const res = await http.request({
    method: 'POST',
    path: '/api/update/access-token',
    headers: HEADERS,
    body: JSON.stringify({}),
    signal,
  });
  if (res.status !== 200) return false;
  try {
    readJsonRpc(res);
    return true;
  } catch (e) {
    return isAppError(e) && e.code !== 'bad_response';
  }
}

/** Probes a server for the add-profile wizard. `url` may carry a path; only its origin is used. */
export async function probeServer(
  url: string,
  dispatchers: DispatcherFactory,
  options: ProbeOptions = {},
): Promise<ProbeResult> {
  const { origin, insecure } = normalizeServerUrl(url);
  const http = createHttpChannel({
    origin,
    dispatchers,
    timeouts: options.timeouts,
    maxResponseBytes: options.maxResponseBytes,
  });
  const version = await probeVersion(http, options.signal);
  const [databases, jwtModule] = await Promise.all([
    createOdooTransport(http, '').databases(options.signal),
    probeJwt(http, options.signal),
  ]);
  return { origin, insecure, version, databases, jwtModule };
}
