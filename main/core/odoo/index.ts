// Why: the Odoo connection core's public face. The IPC layer imports from here only, so
// the modules behind it can change without touching the handlers.
export {
  BROWSER_UA,
  createOdooClient,
  type CallOptions,
  type Domain,
  type OdooClient,
  type OdooClientOptions,
  type SearchReadOptions,
  type WebSession,
} from './client.js';
export { probeServer, type ProbeOptions, type ProbeResult } from './probe.js';
export { parseVersionInfo, capabilitiesOf, type VersionCapabilities } from './version.js';
export { DEFAULT_MAX_RESPONSE_BYTES, DEFAULT_TIMEOUTS, type HttpTimeouts } from './http.js';
export { codeForName } from './classify.js';
