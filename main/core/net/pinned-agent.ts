// The pinned DispatcherFactory production hands to the Odoo client: one undici Agent per
// origin whose connector refuses, before a single HTTP byte is written, any TLS connection
// the profile's PinPolicy does not accept. Errors surface from undici's request()/fetch()
// as the AppError thrown here (`tls_pin_mismatch`, `tls_untrusted`, `insecure_url`).
import type { X509Certificate } from 'node:crypto';
import type { LookupFunction } from 'node:net';
import type { SecureContext, TLSSocket } from 'node:tls';
import { Agent, buildConnector, type Dispatcher } from 'undici';
import type { CertificateInfo } from '../../../contract/index.js';
import { AppError } from '../errors.js';
import { certificateInfo, peerChain } from './certificates.js';
import { certificateExpiryWarning } from './expiry.js';
import { mapTlsConnectError, verifyPeer } from './pin-check.js';
import { validatePins } from './pins.js';
import { createTrustContext, type ExtraCa } from './trust-store.js';
import type { DispatcherFactory, Origin, PinPolicy } from './types.js';
import { normalizeServerUrl, type ServerUrl } from './url-policy.js';

export interface LeafCertificateEvent {
  origin: Origin;
  certificate: CertificateInfo;
  /** Days until the leaf expires when that is 30 days or fewer, else null. */
  daysLeft: number | null;
}

export interface PinnedDispatcherOptions extends PinPolicy {
  /** Extra trusted root(s) on top of the OS store. Tests only; production passes none. */
  ca?: ExtraCa;
  /** Called after each accepted TLS handshake (once per new connection, not per request). */
  onLeafCertificate?: (event: LeafCertificateEvent) => void;
  /** Connections per origin (default 6, as browsers: quick search asks five models at once). */
  connections?: number;
  /** Idle keep-alive before a socket is closed (default 30 s). */
  keepAliveTimeoutMs?: number;
  /** TCP + TLS handshake (default 10 s). */
  connectTimeoutMs?: number;
  /** Defaults for requests that set none (30 s headers, 60 s body). */
  headersTimeoutMs?: number;
  bodyTimeoutMs?: number;
  /** Name resolution override; tests use it to route names to loopback. */
  lookup?: LookupFunction;
  /** Clock for the validity checks (tests). */
  now?: () => Date;
}

/** Where `localhost` goes: IPv4 first, as Node's own resolver usually answers. */
const LOOPBACK = [
  { address: '127.0.0.1', family: 4 },
  { address: '::1', family: 6 },
] as const;

type ConnectCallback = (err: Error | null, socket: import('node:net').Socket | TLSSocket | null) => void;
type ConnectOptions = Parameters<buildConnector.connector>[0];
type Connector = (options: ConnectOptions, callback: ConnectCallback) => unknown;

/**
 * An Agent that serves exactly one origin. Rule: credentials and cookies for one profile
 * never travel to another origin, so a request for any other origin is refused before it
 * is queued (no connection is opened).
 */
class OriginBoundAgent extends Agent {
  constructor(
    private readonly boundOrigin: Origin,
    options: Agent.Options,
  ) {
    super(options);
  }

  override dispatch(options: Dispatcher.DispatchOptions, handler: Dispatcher.DispatchHandler): boolean {
    const requested = originOf(options.origin);
    if (requested !== this.boundOrigin) {
      const err = new AppError('invalid_url', `This connection only serves ${this.boundOrigin}.`, { requested });
      // As undici's own dispatch does for a request refused up front: the handler hears it,
      // and `true` says nothing was queued (`false` would wait for a 'drain' never coming).
      if (typeof handler.onResponseError === 'function') {
        handler.onResponseError(null as never, err);
        return true;
      }
      throw err;
    }
    return super.dispatch(options, handler);
  }
}

/** The origin of a request's `origin` option (string or URL), or '' when it has none. */
function originOf(origin: unknown): string {
  try {
    return new URL(String(origin)).origin;
  } catch {
    return '';
  }
}

export function createPinnedDispatcherFactory(options: PinnedDispatcherOptions): DispatcherFactory {
  // Rule: pins are validated once, up front; a factory with no valid pin cannot exist.
  const policy: PinPolicy = {
    pins: validatePins(options.pins),
    trustSelfSigned: options.trustSelfSigned,
    expectedIssuer: options.expectedIssuer ?? null,
  };
  return createFactory(policy, options);
}

/**
 * For a profile on plain http to a loopback host (a local development server): there is
 * no certificate to pin, so this factory serves loopback http origins only and refuses
 * every https connection — it can never stand in for a pinned one.
 */
export function createLoopbackDispatcherFactory(
  options: Omit<PinnedDispatcherOptions, 'pins' | 'trustSelfSigned' | 'ca' | 'onLeafCertificate'> = {},
): DispatcherFactory {
  return createFactory(null, options);
}

function createFactory(policy: PinPolicy | null, options: Omit<PinnedDispatcherOptions, keyof PinPolicy>): DispatcherFactory {
  const now = options.now ?? (() => new Date());
  // A listener failure must not break an accepted connection: it is called inside a try.
  const onLeafCertificate = options.onLeafCertificate ?? (() => {});
  const agents = new Map<Origin, OriginBoundAgent>();
  let trust: SecureContext | undefined;

  function agentOptions(connect: Connector): Agent.Options {
    return {
      connect: connect as unknown as buildConnector.connector,
      connections: options.connections ?? 6,
      pipelining: 1,
      // No allowH2 here: the connector's ALPN offer (http/1.1 only) is what decides.
      keepAliveTimeout: options.keepAliveTimeoutMs ?? 30_000,
      keepAliveMaxTimeout: 600_000,
      headersTimeout: options.headersTimeoutMs ?? 30_000,
      bodyTimeout: options.bodyTimeoutMs ?? 60_000,
    };
  }

  function pinnedConnector(server: ServerUrl, policy: PinPolicy): Connector {
    trust ??= createTrustContext(options.ca);
    const base = buildConnector({
      secureContext: trust,
      // Pinned profile: Node validates the chain and host too (defence in depth); the
      // self-signed profile replaces chain validation by the leaf pin, checked below.
      rejectUnauthorized: !policy.trustSelfSigned,
      // Rule: no TLS session cache. A resumed session skips Node's checkServerIdentity and
      // carries the old peer certificate; every connection here is a full handshake whose
      // chain is checked below. Node's SecureContext never resumes on its own.
      maxCachedSessions: 0,
      allowH2: false,
      timeout: options.connectTimeoutMs ?? 10_000,
      ...(options.lookup === undefined ? {} : { lookup: options.lookup }),
    }) as unknown as Connector;

    // The agent serves its one https origin only (OriginBoundAgent), so every connection
    // asked of this connector is to that origin, over TLS.
    return (connectOptions, callback) =>
      base(connectOptions, (err, socket) => {
        if (err !== null) {
          callback(mapTlsConnectError(err, server.host) as Error, null);
          return;
        }
        const tlsSocket = socket as TLSSocket;
        let verdict: ReturnType<typeof verifyPeer>;
        try {
          // Checked on EVERY connection, including one that reports a resumed session.
          verdict = verifyPeer(
            {
              chain: peerChain(tlsSocket.getPeerCertificate(true)),
              authorized: tlsSocket.authorized,
              // Read only when `authorized` is false (Node's reason code).
              authorizationError: String(tlsSocket.authorizationError),
              host: server.host,
              port: server.port,
              now: now(),
            },
            policy,
          );
        } catch (e) {
          // Nothing has been written on this socket yet: undici only writes after the callback.
          tlsSocket.destroy();
          callback(e as Error, null);
          return;
        }
        callback(null, tlsSocket);
        notifyLeaf(server.origin, verdict.leaf);
      });
  }

  function notifyLeaf(origin: Origin, leaf: X509Certificate): void {
    try {
      const certificate = certificateInfo(leaf);
      onLeafCertificate({ origin, certificate, daysLeft: certificateExpiryWarning(certificate.validTo, now()) });
    } catch {
      // A listener failure must not break an accepted connection.
    }
  }

  function refusingConnector(server: ServerUrl): Connector {
    return (_connectOptions, callback) => {
      callback(new AppError('tls_untrusted', `No certificate is pinned for ${server.host}.`, { host: server.host }), null);
      return undefined;
    };
  }

  function loopbackConnector(): Connector {
    // Plain http is only ever for loopback (url-policy), and the agent serves its one origin
    // only. The one loopback name, `localhost` (with or without its final dot), is resolved
    // here to the loopback addresses, never through DNS, so a hostile resolver cannot send
    // it elsewhere. (Node does not ask for an IP address.)
    const lookup: LookupFunction = (_hostname, lookupOptions, cb) => {
      if (lookupOptions.all) (cb as unknown as (e: null, a: typeof LOOPBACK) => void)(null, LOOPBACK);
      else cb(null, LOOPBACK[0].address, LOOPBACK[0].family);
    };
    return buildConnector({ timeout: options.connectTimeoutMs ?? 10_000, lookup }) as unknown as Connector;
  }

  return {
    get(origin: Origin): Dispatcher {
      // Rule: http to a non-loopback host throws `insecure_url` here, before any agent or
      // socket exists — nothing is ever sent to it.
      const server = normalizeServerUrl(origin);
      const existing = agents.get(server.origin);
      if (existing !== undefined) return existing;
      const connect = server.insecure
        ? loopbackConnector()
        : policy === null
          ? refusingConnector(server)
          : pinnedConnector(server, policy);
      const agent = new OriginBoundAgent(server.origin, agentOptions(connect));
      agents.set(server.origin, agent);
      return agent;
    },
    async closeAll(): Promise<void> {
      const all = [...agents.values()];
      agents.clear();
      // close() lets requests under way finish; it only fails for an agent already destroyed.
      await Promise.allSettled(all.map((a) => a.close()));
    },
  };
}
