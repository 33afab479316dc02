// Why: one import for everything the Odoo test server offers to integration tests, e2e
// tests and the bench.
export { startOdooServer, type Fault, type FaultRule, type OdooServerOptions, type OdooTestServer, type OdooVersion, type RequestRecord, type ServerClock } from './server.js';
export { DEMO_USERS, type DemoUser } from './data.js';
export { createTestDispatchers, type TestDispatcherFactory } from './dispatchers.js';
export { createMemorySecrets, type MemorySecrets } from './memory-secrets.js';
export { hotp, totp, verifyTotp, base32Decode, base32Encode } from './totp.js';
export { signHs256, verifyHs256 } from './jwt.js';
export { testCertificate } from './cert.js';
