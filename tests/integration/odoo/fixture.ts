// Why: the Odoo integration tests share the same set-up: a test server, a dispatcher
// factory trusting its certificate, in-memory secrets and a client built from them.
import { createOdooClient, type OdooClient, type OdooClientOptions } from '../../../main/core/odoo/index.js';
import {
  createMemorySecrets,
  createTestDispatchers,
  type MemorySecrets,
  type OdooTestServer,
  type TestDispatcherFactory,
} from '../../support/odoo-server/index.js';
import type { SecretKind } from '../../../main/core/secrets/types.js';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { startOdooServer } from '../../support/odoo-server/index.js';
import { startOdooProxy, type OdooProxy } from './odoo-proxy.js';

export interface FakeClock {
  t: number;
  now(): number;
  advance(ms: number): void;
}

export function fakeClock(start = Date.UTC(2026, 10, 25, 9, 30, 0)): FakeClock {
  const c: FakeClock = {
    t: start,
    now: () => c.t,
    advance: (ms) => {
      c.t += ms;
    },
  };
  return c;
}

export interface ClientKit {
  client: OdooClient;
  secrets: MemorySecrets;
  dispatchers: TestDispatcherFactory;
}

export function makeClient(
  server: OdooTestServer,
  opts: Partial<OdooClientOptions> & { secretValues?: Partial<Record<SecretKind, string>>; dispatchers?: TestDispatcherFactory },
): ClientKit {
  const secrets = (opts.secrets as MemorySecrets | undefined) ?? createMemorySecrets(opts.secretValues ?? {});
  const dispatchers = opts.dispatchers ?? createTestDispatchers(server.cert ?? undefined);
  const client = createOdooClient({
    origin: server.origin,
    database: server.database,
    login: 'demo',
    authMethod: 'password',
    ...opts,
    secrets,
    dispatchers,
  });
  return { client, secrets, dispatchers };
}

/** Runs `fn` and returns what it threw (fails when it does not throw). */
export async function thrown(fn: () => Promise<unknown>): Promise<unknown> {
  try {
    await fn();
  } catch (e) {
    return e;
  }
  throw new Error('expected a failure');
}

export type Settled<T> = { ok: true; value: T } | { ok: false; error: unknown };

/**
 * `promise` settled into a value, handled from the start: a test that runs several calls at
 * once (or fails before awaiting one) never leaves a rejection unhandled.
 */
export function settle<T>(promise: Promise<T>): Promise<Settled<T>> {
  return promise.then(
    (value) => ({ ok: true, value }),
    (error: unknown) => ({ ok: false, error }),
  );
}

export interface OdooServers {
  /** A test server over TLS, asked directly (only with `direct`). */
  direct: OdooTestServer | null;
  /** A test server on plain http, asked through `proxy`. */
  plain: OdooTestServer;
  /** Records every request to `plain`, and can replace or hold an answer. */
  proxy: OdooProxy;
}

/**
 * The servers a file of client tests needs, started once for the file and handed to
 * `ready`: an Odoo 17 test server behind a recording proxy and, with `direct`, one over TLS.
 * After each test, faults, the proxy's overrides and rewrites are cleared and the
 * connections of every client in the returned list are closed; after the file, all stop.
 */
export function useOdooServers(options: { clock: FakeClock; partners?: number; direct?: boolean }, ready: (servers: OdooServers) => void): ClientKit[] {
  const kits: ClientKit[] = [];
  const settings = { version: 17 as const, clock: options.clock, partners: options.partners ?? 20 };
  let servers: OdooServers | null = null;
  beforeAll(async () => {
    const [direct, plain] = await Promise.all([
      options.direct === true ? startOdooServer(settings) : Promise.resolve(null),
      startOdooServer({ ...settings, tls: false }),
    ]);
    servers = { direct, plain, proxy: await startOdooProxy(plain) };
    ready(servers);
  });
  afterEach(async () => {
    servers?.direct?.setFault(null);
    servers?.plain.setFault(null);
    if (servers !== null) {
      servers.proxy.override = null;
      servers.proxy.rewrite = null;
    }
    await Promise.all(kits.splice(0).map((k) => k.dispatchers.closeAll()));
  });
  afterAll(async () => {
    if (servers !== null) await Promise.all([servers.direct?.stop(), servers.plain.stop(), servers.proxy.stop()]);
  });
  return kits;
}
