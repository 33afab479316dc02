// Secrets only flow inward: plant distinctive credentials, drive every failure path we
// have, and prove no thrown error (message, details, cause chain) and no console output
// carries any of them, nor any session id, token or trusted-device cookie seen on the way.
import { inspect } from 'node:util';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startOdooServer, type OdooTestServer } from '../../support/odoo-server/index.js';
import { fakeClock, makeClient } from './fixture.js';

const CANARY_PASSWORD = 'CANARY-pw-7f3a9e-Ω';
const CANARY_KEY = 'CANARY-key-1b2c3d4e5f';
const CANARY_SESSION = 'c4a7a71c4a7a71c4a7a71c4a7a71c4a7a71c4a7a';
const CANARY_REFRESH = 'eyJhbGciOiJIUzI1NiJ9.eyJ1c2VyX2lkIjo2LCJleHAiOjQxMDI0NDQ4MDB9.CANARYsig';

const clock = fakeClock();
let server: OdooTestServer;

beforeAll(async () => {
  server = await startOdooServer({ version: 17, clock, partners: 100 });
});
afterAll(async () => {
  await server.stop();
});

describe('no secret in errors or logs', () => {
  it('holds for every failure path', async () => {
    const output: string[] = [];
    const spies = (['log', 'info', 'warn', 'error', 'debug', 'trace'] as const).map((m) =>
      vi.spyOn(console, m).mockImplementation((...args: unknown[]) => {
        output.push(args.map((a) => inspect(a, { depth: 10 })).join(' '));
      }),
    );
    const errors: unknown[] = [];
    const attempt = async (fn: () => Promise<unknown>): Promise<void> => {
      try {
        await fn();
      } catch (e) {
        errors.push(e);
      }
    };
    const real = { demo: server.user('demo'), totp: server.user('totp') };
    const seen = new Set<string>([CANARY_PASSWORD, CANARY_KEY, CANARY_SESSION, CANARY_REFRESH, real.demo.password, real.demo.apiKey, real.totp.password]);

    // Wrong credentials on every method and transport.
    for (const [authMethod, transport, values] of [
      ['password', 'auto', { password: CANARY_PASSWORD }],
      ['password', 'auto', { session: CANARY_SESSION }],
      ['api-key', 'jsonrpc', { 'api-key': CANARY_KEY }],
      ['api-key', 'xmlrpc', { 'api-key': CANARY_KEY }],
      ['jwt', 'auto', { password: CANARY_PASSWORD }],
      ['jwt', 'auto', { 'jwt-refresh': CANARY_REFRESH }],
    ] as const) {
      const { client, dispatchers } = makeClient(server, { authMethod, transport, clock, secretValues: values });
      await attempt(() => client.login());
      await attempt(() => client.searchCount('res.partner', []));
      await attempt(() => client.identity());
      await dispatchers.closeAll();
    }

    // Right credentials, then server-side failures and faults.
    const { client, secrets, dispatchers } = makeClient(server, { clock, secretValues: { password: real.demo.password } });
    await client.login();
    for (const v of secrets.values.values()) seen.add(v);
    await attempt(() => client.searchCount('ir.config_parameter', []));
    await attempt(() => client.call('res.partner', 'write', [[999999], { name: 'x' }]));
    for (const fault of [
      { kind: 'html-502' },
      { kind: 'drop-mid-body' },
      { kind: 'redirect', location: 'https://elsewhere.example/' },
      { kind: 'oversize', bytes: 40 * 1024 * 1024 },
    ] as const) {
      server.setFault(fault);
      await attempt(() => client.searchCount('res.partner', []));
    }
    server.setFault(null);
    server.expireSessions();
    secrets.values.delete('password');
    await attempt(() => client.searchCount('res.partner', []));
    secrets.locked = true;
    await attempt(() => client.searchCount('res.partner', []));
    await dispatchers.closeAll();

    // TOTP with a trusted device, a wrong code, and a JWT replaced elsewhere.
    const t = makeClient(server, { login: 'totp', clock, secretValues: { password: real.totp.password } });
    await t.client.login();
    await attempt(() => t.client.submitTotp('000000', true));
    await t.client.submitTotp(server.totpCode('totp'), true);
    for (const v of t.secrets.values.values()) seen.add(v);
    await t.dispatchers.closeAll();
    const j = makeClient(server, { authMethod: 'jwt', clock, secretValues: { password: real.demo.password } });
    await j.client.login();
    for (const v of j.secrets.values.values()) seen.add(v);
    server.jwtLoginElsewhere('demo');
    clock.advance(120_000);
    await attempt(() => j.client.checkSession());
    await j.dispatchers.closeAll();

    for (const s of spies) s.mockRestore();
    expect(errors.length).toBeGreaterThan(20);
    const codes = new Set(errors.map((e) => (e as { code?: string }).code));
    for (const c of ['auth_failed', 'session_expired', 'access_denied', 'missing_record', 'bad_response', 'network', 'redirect', 'too_large', 'locked', 'totp_invalid', 'signed_in_elsewhere']) {
      expect(codes, c).toContain(c);
    }
    const dump = [
      ...errors.map((e) => `${inspect(e, { depth: 20, showHidden: true })}\n${JSON.stringify(e)}\n${String((e as Error).message)}\n${JSON.stringify((e as { details?: unknown }).details ?? null)}`),
      ...output,
    ].join('\n');
    for (const secret of seen) {
      expect(secret.length).toBeGreaterThan(8);
      expect(dump.includes(secret), `leaked a secret of length ${secret.length}`).toBe(false);
    }
  });
});
