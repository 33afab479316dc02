// A server that echoes secrets in its error text: what reaches the renderer is scrubbed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Profile } from '../../../contract/index.js';
import { encodeFault } from '../../../main/core/odoo/xmlrpc-codec.js';
import { fails, ok, startCore, type CoreHarness } from '../../support/core-harness.js';
import { startHostileXmlRpcServer, type HostileXmlRpcServer } from '../../support/hostile-xmlrpc-server.js';

const API_KEY = '5f0c1e0b9a7d4c2e8f6a3b1d0e9c8b7a6f5e4d3c';
const TYPED_KEY = 'typed-but-not-saved-key-77';
const SESSION = 'Ab3dE5gH7jK9mN1pQ3sT5vX7zB9dF1hJ3lN5pR7t';
const JWT = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIyIn0.c2lnbmF0dXJlLWhlcmU';

let server: HostileXmlRpcServer;
let h: CoreHarness;

beforeAll(async () => {
  server = await startHostileXmlRpcServer((call) =>
    encodeFault(
      1,
      `Traceback (most recent call last):\n  File "odoo/service/model.py"\n` +
        `odoo.exceptions.ValidationError: ${call.method} refused for key ${API_KEY} / ${TYPED_KEY}; ` +
        `session ${SESSION}, token=${JWT}, see cookie session_id=short1`,
    ),
  );
  h = await startCore({ keychain: 'memory' });
});
afterAll(async () => {
  await h?.close();
  await server?.stop();
});

describe('error text from the server', () => {
  it("reaches the renderer without the profile's secrets or anything shaped like a session or token", async () => {
    await ok(h.core, 'vault:create', { passphrase: 'correct horse battery staple', enablePresence: false });
    const draft = {
      label: 'Echo',
      url: server.origin,
      database: 'db',
      login: 'admin',
      authMethod: 'api-key' as const,
      transport: 'xmlrpc' as const,
      pins: [],
      trustSelfSigned: false,
    };
    const profile = await ok<Profile>(h.core, 'profiles:save', { ...draft, secret: API_KEY });
    const fromCall = await fails(h.core, 'odoo:identity', { profileId: profile.id });
    const fromTest = await fails(h.core, 'profiles:testConnection', { ...draft, secret: TYPED_KEY });
    for (const error of [fromCall, fromTest]) {
      const text = JSON.stringify(error);
      expect(error.code).not.toBe('internal');
      // The person still reads what Odoo said.
      expect(text).toContain('refused for key');
      for (const secret of [API_KEY, TYPED_KEY, SESSION, JWT, 'short1']) expect(text).not.toContain(secret);
    }
  });
});
