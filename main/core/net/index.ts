// The network boundary's public surface: what the Odoo client, the IPC handlers and the
// Electron shell use. Everything else in this folder is an implementation detail.
export type { DispatcherFactory, Origin, PinPolicy } from './types.js';
export { normalizeServerUrl, isLoopbackHost, type ServerUrl } from './url-policy.js';
export { spkiPin, fingerprintSha256, certificateInfo, type CertificateInput } from './certificates.js';
export { parsePin, validatePins, MAX_PINS } from './pins.js';
export { certificateExpiryWarning, EXPIRY_WARNING_DAYS } from './expiry.js';
export { inspectServer, pinsFromInspection, type InspectOptions } from './inspect.js';
// The default-pin rule lives beside the contract so the renderer can use it without zod.
export { defaultPins, authorityPinsOffer, samePins, type PinnableChain } from '../../../contract/default-pins.js';
export {
  createPinnedDispatcherFactory,
  createLoopbackDispatcherFactory,
  type LeafCertificateEvent,
  type PinnedDispatcherOptions,
} from './pinned-agent.js';
export {
  verifyElectronCertificate,
  createCertificateVerifyProc,
  policyLookupForProfile,
  CERT_ACCEPT,
  CERT_REJECT,
  CERT_USE_CHROMIUM,
  type CertificateVerdict,
  type ElectronCertificate,
  type ElectronVerifyRequest,
  type PolicyLookup,
} from './electron-verify.js';
export { osTrustRoots } from './trust-store.js';
