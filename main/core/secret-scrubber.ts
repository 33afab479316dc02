// Why: Odoo's own error text (a fault string, a validation message) is kept for the person
// in `details.odooMessage`, and a server may echo what it was sent: the API key, a session
// id, a token. Every message leaving main through the error-mapping boundary goes through
// here: the secrets main currently holds (and the ones in the request being answered) are
// replaced, and so is anything shaped like a token, whoever it belongs to.

export const REDACTED = '[redacted]';

/** Shorter values would redact ordinary words; no credential the app stores is that short. */
const MIN_SECRET_CHARS = 6;

const TOKEN_PATTERNS: readonly RegExp[] = [
  // JWT (odoo_jwt access and refresh tokens), whole or cut.
  /eyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{4,}(?:\.[A-Za-z0-9_-]*)?/g,
  // Authorization headers.
  /\b(bearer|basic)\s+[A-Za-z0-9._~+/=-]{8,}/gi,
];

/** `name=value` / `name: value` pairs whose value is a credential. */
const NAMED_VALUE =
  /\b(session_id|td_id|sid|csrf_token|token|access_token|refresh_token|api[_-]?key|apikey|password|passwd|secret|authorization)(["']?\s*[=:]\s*["']?)([^\s"'<>,;&)]+)/gi;

/**
 * A run of 24+ letters/digits/`-_` with both a letter and a digit: a session id, a key, a
 * hash. Certificate pins (`sha256/…`, public by nature, shown on a pin mismatch) are kept.
 */
const TOKEN_SHAPED = /(sha256\/[A-Za-z0-9+/]{43}=)|[A-Za-z0-9_-]{24,}/g;

function looksLikeToken(s: string): boolean {
  return /[0-9]/.test(s) && /[A-Za-z]/.test(s);
}

function variants(secret: string): string[] {
  const out = new Set([secret]);
  out.add(encodeURIComponent(secret));
  out.add(JSON.stringify(secret).slice(1, -1));
  return [...out];
}

/** Replaces the given secrets and anything token-shaped in `text`. */
export function scrubText(text: string, secrets: Iterable<string> = []): string {
  let out = text;
  const known = [...secrets].filter((s) => s.length >= MIN_SECRET_CHARS).flatMap(variants);
  // Longest first, so a secret containing another is replaced whole.
  known.sort((a, b) => b.length - a.length);
  for (const s of known) if (out.includes(s)) out = out.split(s).join(REDACTED);
  for (const re of TOKEN_PATTERNS) out = out.replace(re, (m: string, scheme?: string) => (typeof scheme === 'string' && /^(bearer|basic)$/i.test(scheme) ? `${scheme} ${REDACTED}` : REDACTED));
  out = out.replace(NAMED_VALUE, (_m, name: string, sep: string) => `${name}${sep}${REDACTED}`);
  out = out.replace(TOKEN_SHAPED, (m: string, pin?: string) => (pin === undefined && looksLikeToken(m) ? REDACTED : m));
  return out;
}

/** Request fields that carry a credential the person typed (scrubbed from the answer to that request). */
const SECRET_FIELD = /^(secret|password|passphrase|apiKey|api_key|token|code)$/i;

/** The credential strings inside an IPC request, by field name. */
export function secretsInRequest(input: unknown): string[] {
  const out: string[] = [];
  const stack: unknown[] = [input];
  let seen = 0;
  while (stack.length > 0 && seen < 1_000) {
    const v = stack.pop();
    seen += 1;
    if (v === null || typeof v !== 'object') continue;
    for (const [k, child] of Object.entries(v)) {
      if (typeof child === 'string' && SECRET_FIELD.test(k)) out.push(child);
      else if (typeof child === 'object') stack.push(child);
    }
  }
  return out;
}
