// Why: which keys a new profile pins by default, decided in one small pure function so the
// wizard can later take the core's own choice instead. A certificate the system trusts is
// pinned to the keys of the authorities that issued it (the chain after the server's own
// certificate): they outlive the server key, which most servers change at each renewal. A
// certificate the system does not trust (self-signed) can only be trusted on its own key.
import type { TlsInspection } from '../../../contract';

/** The pins the certificate step starts with. Empty for plain http (nothing to pin). */
export function defaultPins(tls: TlsInspection | null): string[] {
  if (tls === null) return [];
  const [leaf, ...authorities] = tls.chain;
  if (leaf === undefined) return [];
  if (!tls.trustedByOs) return [leaf.pin];
  const pins = authorities.map((c) => c.pin);
  // A profile the system trusts keeps two keys at least: with a single authority in the
  // chain, the server's own key is the second one.
  return [...new Set(pins.length >= 2 ? pins : [...pins, leaf.pin])];
}
