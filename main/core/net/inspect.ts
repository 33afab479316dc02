// Trust on first use: before a profile has pins, main looks at what the server presents and
// the UI shows it for confirmation (subject, issuer, validity, fingerprint). This is the
// only TLS connection made without enforcing trust, and it only reads the handshake: no
// HTTP request, no credential, nothing written; the socket is closed right after.
import { isIP } from 'node:net';
import tls from 'node:tls';
import type { TlsInspection } from '../../../contract/index.js';
import { AppError } from '../errors.js';
import { certificateInfo, peerChain } from './certificates.js';
import { profilePins } from './pins.js';
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
  const timeoutMs = options.timeoutMs ?? 10_000;
  const secureContext = createTrustContext(options.ca);

  return new Promise<TlsInspection>((resolve, reject) => {
    let settled = false;
    const socket = tls.connect({
      host: server.host,
      port: server.port,
      ...(isIP(server.host) === 0 ? { servername: server.host } : {}),
      secureContext,
      // Inspection only: we want to SEE an untrusted chain, so the handshake is allowed to
      // finish, and then the socket is closed without a byte of application data.
      rejectUnauthorized: false,
      ALPNProtocols: ['http/1.1'],
    });
    const finish = (fn: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
      socket.destroy();
      fn();
    };
    const timer = setTimeout(
      () => finish(() => reject(new AppError('timeout', `${server.host} did not answer in time.`, { host: server.host }))),
      timeoutMs,
    );
    const onAbort = () => finish(() => reject(new AppError('aborted', 'Cancelled.')));
    if (options.signal?.aborted) onAbort();
    options.signal?.addEventListener('abort', onAbort, { once: true });

    socket.once('secureConnect', () => {
      // Read everything from the live socket first, then close it.
      let outcome: { ok: true; value: TlsInspection } | { ok: false; error: unknown };
      try {
        const chain = peerChain(socket.getPeerCertificate(true));
        if (chain.length === 0) throw new AppError('bad_response', `${server.host} presented no certificate.`);
        outcome = {
          ok: true,
          value: {
            protocol: socket.getProtocol() ?? 'unknown',
            trustedByOs: socket.authorized,
            osError: socket.authorized ? null : String(socket.authorizationError ?? 'UNABLE_TO_VERIFY_LEAF_SIGNATURE'),
            chain: chain.map((c) => certificateInfo(c)),
          },
        };
      } catch (error) {
        outcome = { ok: false, error };
      }
      finish(() => (outcome.ok ? resolve(outcome.value) : reject(outcome.error)));
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

/**
 * The pins to save for an inspected server: the leaf plus a backup (the issuer's key, and/or
 * pins the person pasted). For a self-signed server there is no issuer, so a pasted backup
 * pin is required (see profilePins).
 */
export function pinsFromInspection(inspection: TlsInspection, backupPins: readonly string[] = []): string[] {
  return profilePins(inspection.chain, { backupPins });
}
