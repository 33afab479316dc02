// When to tell the person that the pinned server certificate is about to expire, so they
// can get the renewal's pin before the old certificate stops working. A renewal that keeps
// the same key keeps the same SPKI pin and needs nothing.
const DAY_MS = 86_400_000;

/** Warn this many days ahead. */
export const EXPIRY_WARNING_DAYS = 30;

/**
 * Whole days left until `validTo` when that is EXPIRY_WARNING_DAYS or fewer (0 on the last
 * day and once expired), else null. An unreadable date gives null: the connection checks
 * refuse an expired certificate anyway; this is only the early warning.
 */
export function certificateExpiryWarning(validTo: string | Date, now: Date | number): number | null {
  const end = typeof validTo === 'string' ? Date.parse(validTo) : validTo.getTime();
  const at = typeof now === 'number' ? now : now.getTime();
  if (!Number.isFinite(end) || !Number.isFinite(at)) return null;
  const left = end - at;
  if (left > EXPIRY_WARNING_DAYS * DAY_MS) return null;
  return Math.max(0, Math.floor(left / DAY_MS));
}
