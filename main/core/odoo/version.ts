// Why: what a server speaks depends on its version (JSON-2 from 19, saas~ builds between
// majors). The probe's answer is turned into one typed value here so every other module
// asks "can this server do X" instead of parsing version strings itself.
import type { ServerVersion } from '../../../contract/index.js';
import { AppError } from '../errors.js';
import { isRecord } from './shapes.js';

export interface VersionCapabilities {
  /** `/json/2/<model>/<method>` with bearer API keys (19+). */
  json2: boolean;
  /** `GET /web/version` (19+). */
  webVersionRoute: boolean;
}

export function capabilitiesOf(v: ServerVersion): VersionCapabilities {
  return { json2: v.major >= 19, webVersionRoute: v.major >= 19 };
}

/**
 * Parses the object answered by `/web/webclient/version_info`, `common.version` and XML-RPC
 * `version`: `{server_version: "17.0" | "saas~17.2" | "19.0+e", server_version_info: [17,0,0,"final",0,""], …}`.
 */
export function parseVersionInfo(raw: unknown): ServerVersion {
  if (!isRecord(raw)) throw new AppError('bad_response', 'The server did not answer like Odoo.');
  const serverVersion = typeof raw.server_version === 'string' ? raw.server_version : null;
  const info = Array.isArray(raw.server_version_info) ? raw.server_version_info : null;
  let major: number | null = null;
  let minor = 0;
  if (info && typeof info[0] === 'number') {
    major = info[0];
    minor = typeof info[1] === 'number' ? info[1] : 0;
  } else if (serverVersion) {
    const m = /(\d+)\.(\d+)/.exec(serverVersion);
    if (m) {
      major = Number(m[1]);
      minor = Number(m[2]);
    }
  } else if (info && typeof info[0] === 'string') {
    // saas builds sometimes report "saas~17" as the first element.
    const m = /(\d+)/.exec(info[0]);
    if (m) major = Number(m[1]);
    minor = typeof info[1] === 'number' ? info[1] : 0;
  }
  if (major === null || !Number.isInteger(major) || major < 8 || serverVersion === null) {
    throw new AppError('bad_response', 'The server did not report an Odoo version.');
  }
  const saas = serverVersion.startsWith('saas');
  const serie = typeof raw.server_serie === 'string' ? raw.server_serie : null;
  const series = saas ? `saas~${major}.${minor}` : (serie ?? `${major}.${minor}`);
  return { serverVersion, series, major, minor, saas };
}
