// Why: the Odoo connection core's public face. The IPC layer imports from here only, so
// the modules behind it can change without touching the handlers.
export { createOdooClient } from './client.js';
export type { CallOptions, Domain, OdooClient, OdooClientOptions, SearchReadOptions, WebSession } from './client-types.js';
export { BROWSER_UA } from './totp-step.js';
export { probeServer, type ProbeOptions, type ProbeResult } from './probe.js';
export { parseVersionInfo, capabilitiesOf, type VersionCapabilities } from './version.js';
export { DEFAULT_MAX_RESPONSE_BYTES, DEFAULT_TIMEOUTS, type HttpTimeouts } from './http.js';
export { codeForName } from './classify.js';
