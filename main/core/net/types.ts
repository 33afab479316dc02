// The seam between the Odoo client and the network: the client asks for a dispatcher for
// an origin and never builds one itself, so the pinned dispatcher (net/pinned-agent) is
// what production passes and tests can pass a plain one for loopback HTTP.
import type { Dispatcher } from 'undici';

/** An origin as `https://host[:port]` (lower-case, no path, no trailing slash). */
export type Origin = string;

export interface DispatcherFactory {
  /** The one dispatcher for this origin (keep-alive, bounded connections); created once. */
  get(origin: Origin): Dispatcher;
  /** Closes every dispatcher (on lock, on quit). */
  closeAll(): Promise<void>;
}

/**
 * What a profile trusts about its server's certificates. `pins` are SPKI SHA-256 pins
 * (`sha256/<base64>`). Without `trustSelfSigned` a connection needs OS chain validation AND
 * a pin on any certificate of the presented chain; with it, the leaf's own pin replaces
 * chain validation (the host name and validity dates are still checked).
 */
export interface PinPolicy {
  readonly pins: readonly string[];
  readonly trustSelfSigned: boolean;
  /**
   * Who signed the certificate this profile last accepted (an issuer name), only for a
   * refusal to say which authority was expected. Never part of the decision.
   */
  readonly expectedIssuer?: string | null;
}
