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
