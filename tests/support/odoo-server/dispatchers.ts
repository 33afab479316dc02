// Why: the Odoo client takes a DispatcherFactory; production passes the pinned one. Tests
// and the bench use this plain one: one keep-alive undici Agent per origin that trusts the
// test server's generated certificate (and nothing else).
import { Agent, type Dispatcher } from 'undici';
import type { DispatcherFactory } from '../../../main/core/net/types.js';

export interface TestDispatcherFactory extends DispatcherFactory {
  readonly created: string[];
}

export interface TestDispatcherOptions {
  connections?: number;
  connectTimeoutMs?: number;
}

export function createTestDispatchers(ca?: string, options: TestDispatcherOptions = {}): TestDispatcherFactory {
  const connectTimeoutMs = options.connectTimeoutMs ?? 5_000;
  const agents = new Map<string, Agent>();
  const created: string[] = [];
  return {
    created,
    get(origin: string): Dispatcher {
      let agent = agents.get(origin);
      if (!agent) {
        agent = new Agent({
          connections: options.connections ?? 8,
          keepAliveTimeout: 30_000,
          connect: { ...(ca ? { ca } : {}), timeout: connectTimeoutMs },
        });
        agents.set(origin, agent);
        created.push(origin);
      }
      return agent;
    },
    async closeAll() {
      const all = [...agents.values()];
      agents.clear();
      await Promise.all(all.map((a) => a.close()));
    },
  };
}
