// The fake electron module's shared state: what main/app asked for (the log, the windows
// made), the platform played, the loads still running, and the fake network's servers.
// Every part registers how it resets, so `fake.reset()` between tests clears them all.
import type { FakeServer, FakeServerOptions, ServerVerifier, WindowLike } from './types.js';

/** Lets other promise callbacks and events run, the way Chromium's IPC hops would. */
export const tick = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

const resets: (() => void)[] = [];

/** How a part of the fake goes back to its first state (run by `fake.reset()`). */
export function onReset(reset: () => void): void {
  resets.push(reset);
}

export const fake = {
  windows: [] as WindowLike[],
  log: [] as unknown[][],
  /** The platform the fake plays (process.platform values): platform-only behaviour follows it. */
  platform: 'linux',
  /** Loads still running (webContents.loadURL promises). */
  pending: new Set<Promise<void>>(),
  /**
   * The fake network, by origin. A page of an origin with no server is served without a
   * TLS handshake being modelled (for tests about something else); a test about
   * certificates, redirects or iframes declares the server.
   */
  servers: new Map<string, FakeServer>(),
  serve(origin: string, options: FakeServerOptions = {}): FakeServer {
    const server: FakeServer = {
      certificate: options.certificate ?? { data: `certificate of ${origin}` },
      chromiumResult: options.chromiumResult ?? 'net::OK',
      redirects: options.redirects ?? {},
      frames: options.frames ?? {},
      unreachable: options.unreachable ?? false,
    };
    fake.servers.set(new URL(origin).origin, server);
    return server;
  },
  serverOf(url: string): FakeServer | undefined {
    try {
      return fake.servers.get(new URL(url).origin);
    } catch {
      return undefined;
    }
  },
  /** Connects for `url` in `ses`: 0, or the net error the connection fails with. */
  async connect(ses: ServerVerifier, url: string): Promise<number> {
    const server = fake.serverOf(url);
    if (server === undefined) return 0;
    if (server.unreachable) return -102;
    const u = new URL(url);
    if (u.protocol !== 'https:') return 0;
    return ses.verifyServer(u.hostname.replace(/^\[|\]$/g, ''), server);
  },
  redirectOf(url: string): string | null {
    const server = fake.serverOf(url);
    if (server === undefined) return null;
    const u = new URL(url);
    const target = server.redirects[u.pathname + u.search];
    return target === undefined ? null : new URL(target, u).href;
  },
  framesOf(url: string): string[] {
    const server = fake.serverOf(url);
    return server?.frames[new URL(url).pathname] ?? [];
  },
  /** Waits until no load is running (each load may start others: child windows, reloads). */
  async settled(): Promise<void> {
    for (let rounds = 0; rounds < 100; rounds += 1) {
      await tick();
      if (fake.pending.size === 0) return;
      await Promise.allSettled([...fake.pending]);
    }
    throw new Error('loads never settled');
  },
  reset(): void {
    fake.platform = 'linux';
    fake.pending.clear();
    fake.servers.clear();
    fake.windows.length = 0;
    fake.log.length = 0;
    for (const reset of resets) reset();
  },
};
