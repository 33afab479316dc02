// Why: which certificate keys a profile pins by default is one decision, taken in one place,
// and both sides need it — the wizard and the security page in the renderer (which takes no
// zod, so this file imports nothing) and the core, which re-checks it before saving.
//
// The rule. A server the operating system already trusts (Let's Encrypt, a commercial CA, a
// company CA installed by IT) is pinned to the keys of the AUTHORITIES that issued its
// certificate — the intermediate(s) and the root present in the verified chain — never to
// the server's own key: Let's Encrypt gives most servers a new key at each renewal and may
// sign it with another intermediate of the same root, which must keep working, while a
// chain from any other authority (a TLS-inspecting proxy, a certificate mis-issued
// elsewhere) matches none of those keys and is refused. A server the system does not trust
// (self-signed, or issued by a private CA that is not installed) is pinned to its own
// certificate's key, the leaf: nothing else in what it presents was verified.

/** What this decision reads of a TLS inspection (the contract's TlsInspection fits). */
export interface PinnableChain {
  readonly trustedByOs: boolean;
  /** Leaf first, each member linked by signature to the one before. */
  readonly chain: readonly { readonly pin: string }[];
}

/**
 * The pins a new profile keeps for this server, and the pins "use the authorities' keys"
 * offers: trusted by the OS → every key of the chain but the leaf's (intermediates and
 * root, each once), or the leaf's when the chain is the leaf alone; otherwise → the leaf's.
 * An empty chain gives no pin.
 */
export function defaultPins(tls: PinnableChain): string[] {
  const [leaf, ...authorities] = tls.chain;
  if (leaf === undefined) return [];
  if (!tls.trustedByOs || authorities.length === 0) return [leaf.pin];
  return [...new Set(authorities.map((c) => c.pin))];
}

/** Whether `saved` holds exactly the pins of `wanted` (order and repeats aside). */
export function samePins(saved: readonly string[], wanted: readonly string[]): boolean {
  const a = new Set(saved);
  const b = new Set(wanted);
  return a.size === b.size && [...a].every((p) => b.has(p));
}

/**
 * For a saved profile and the chain its server presents now: the authorities' keys to offer
 * in one click, or null when there is nothing to offer. Offered only when the system trusts
 * the chain, the profile is not a self-signed trust, the chain still matches a saved pin
 * (the offer never moves trust to another server: a mismatch needs a real re-pin) and the
 * saved pins differ from the default.
 */
export function authorityPinsOffer(
  profile: { readonly pins: readonly string[]; readonly trustSelfSigned: boolean },
  tls: PinnableChain,
): string[] | null {
  if (profile.trustSelfSigned || !tls.trustedByOs || tls.chain.length < 2) return null;
  if (!tls.chain.some((c) => profile.pins.includes(c.pin))) return null;
  const wanted = defaultPins(tls);
  return samePins(profile.pins, wanted) ? null : wanted;
}
