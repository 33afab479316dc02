// Why: every answer from Odoo is untyped JSON (or decoded XML-RPC) until it is checked;
// these two guards are how the Odoo modules look into one, so each reads the same way.

/** A plain object (not null, not an array): a JSON-RPC result, an error's data, a record. */
export function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

/** A non-empty string, or null (Odoo answers `false` for an empty char field). */
export function str(x: unknown): string | null {
  return typeof x === 'string' && x !== '' ? x : null;
}
