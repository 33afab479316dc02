// Trust on first use: before a profile has pins, main looks at what the server presents and
// the UI shows it for confirmation (subject, issuer, validity, fingerprint). This is the
// only TLS connection made without enforcing trust, and it only reads the handshake: no
// HTTP request, no credential, nothing written; the socket is closed right after.
import { isIP } from 'node:net';
import tls from 'node:tls';
import type { TlsInspection } from '../../../contract/index.js';
import { AppError } from '../errors.js';
import { certificateInfo, peerChain } from './certificates.js';
import { defaultPins } from '../../../contract/default-pins.js';
import { validatePins } from './pins.js';
import { createTrustContext, type ExtraCa } from './trust-store.js';
import { normalizeServerUrl } from './url-policy.js';

export interface InspectOptions {
  timeoutMs?: number;
  /** Extra trusted root(s) on top of the OS store. Tests only. */
  ca?: ExtraCa;
  signal?: AbortSignal;
}

/**
 * Handshakes with the server of `url` and reports its chain and the OS store's verdict.
 * Returns null for a plain-http loopback origin (there is no certificate). Throws
 * `invalid_url` / `insecure_url` from the URL policy, `timeout`, `aborted`, or `network`.
 */
export async function inspectServer(url: string, options: InspectOptions = {}): Promise<TlsInspection | null> {
  const server = normalizeServerUrl(url);
  if (server.insecure) return null;
  if (options.signal?.aborted) throw abortedError();
  const timeoutMs = options.timeoutMs ?? 10_000;
  const secureContext = createTrustContext(options.ca);

  return new Promise<TlsInspection>((resolve, reject) => {
    const socket = tls.connect({
      host: server.host,
      port: server.port,
      // SNI carries a host name, never an IP address (RFC 6066).
      ...(isIP(server.host) === 0 ? { servername: server.host } : {}),
      secureContext,
      // Inspection only: we want to SEE an untrusted chain, so the handshake is allowed to
      // finish, and then the socket is closed without a byte of application data.
      rejectUnauthorized: false,
      ALPNProtocols: ['http/1.1'],
    });
    // Every way out releases everything; the promise keeps the first outcome, so a second
    // call changes nothing.
    const finish = (fn: () => void) => {
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
      socket.destroy();
      fn();
    };
    const timer = setTimeout(
      () => finish(() => reject(new AppError('timeout', `${server.host} did not answer in time.`, { host: server.host }))),
      timeoutMs,
    );
    const onAbort = () => finish(() => reject(abortedError()));
    options.signal?.addEventListener('abort', onAbort);

    socket.once('secureConnect', () => {
      // Read everything from the live socket first (a throw becomes the rejection), then close it.
      const inspection = new Promise<TlsInspection>((read) => read(describeConnection(socket, server.host)));
      finish(() => resolve(inspection));
    });
    socket.once('error', (err: NodeJS.ErrnoException) => {
      finish(() =>
        reject(
          new AppError('network', `Could not reach ${server.host}.`, { host: server.host, reason: err.code ?? 'unknown' }, { cause: err }),
        ),
      );
    });
  });
}

function abortedError(): AppError {
  return new AppError('aborted', 'Cancelled.');
}

/** What the handshake of a connected socket showed. */
function describeConnection(socket: tls.TLSSocket, host: string): TlsInspection {
  const chain = peerChain(socket.getPeerCertificate(true));
  if (chain.length === 0) throw new AppError('bad_response', `${host} presented no certificate.`);
  return {
    protocol: String(socket.getProtocol()),
    trustedByOs: socket.authorized,
    osError: socket.authorized ? null : String(socket.authorizationError),
    chain: chain.map((c) => certificateInfo(c)),
  };
}

/**
 * The pins to save for an inspected server: the default (contract/default-pins.ts — the
 * authorities' keys for a chain the system trusts, the leaf's key otherwise) plus any pins
 * the person pasted (a key prepared in advance by their administrator), checked as a set.
 */
export function pinsFromInspection(inspection: TlsInspection, backupPins: readonly string[] = []): string[] {
  return validatePins([...defaultPins(inspection), ...backupPins]);
}
