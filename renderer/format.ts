// Small, pure formatting helpers shared by the screens: labels for the contract's enums
// and dates written the way a person reads them.
import type { AuthMethod, LockReason, Profile, VaultStatus } from '../preload/contract';

export const AUTH_LABELS: Record<AuthMethod, string> = {
  account: 'Odoo account',
  'api-key': 'Pasted API key',
  password: 'Kept password',
  jwt: 'JWT module',
};

export const SESSION_LABELS: Record<Profile['session'], string> = {
  none: 'Signed out',
  stored: 'Session saved',
  active: 'Signed in',
};

export function presenceName(kind: VaultStatus['presence']['kind']): string {
  return kind === 'touch-id' ? 'Touch ID' : kind === 'windows-hello' ? 'Windows Hello' : 'device sign-in';
}

export function lockReasonText(reason: LockReason | null): string | null {
  switch (reason) {
    case 'idle':
      return 'Locked because this computer was idle.';
    case 'screen-lock':
      return 'Locked when your screen locked.';
    case 'suspend':
      return 'Locked when the computer went to sleep.';
    case 'user-switch':
      return 'Locked when another user signed in.';
    case 'manual':
      return 'Locked.';
    case 'reset':
      return 'The vault was reset.';
    default:
      return null;
  }
}

const DAY = 86_400_000;

export function relativeTime(then: number | null, now = Date.now()): string {
  if (then === null) return 'never';
  const diff = now - then;
  if (diff < 60_000) return 'just now';
  if (diff < 3_600_000) return `${Math.round(diff / 60_000)} min ago`;
  if (diff < DAY) return `${Math.round(diff / 3_600_000)} h ago`;
  if (diff < 7 * DAY) return `${Math.round(diff / DAY)} d ago`;
  return new Date(then).toLocaleDateString();
}

/** Dates from main are ISO strings or X.509 "Mar  1 00:00:00 2027 GMT" strings. */
export function formatDate(text: string): string {
  const t = Date.parse(text);
  return Number.isNaN(t) ? text : new Date(t).toLocaleDateString(undefined, { year: 'numeric', month: 'short', day: 'numeric' });
}

export function daysUntil(text: string | null, now = Date.now()): number | null {
  if (text === null) return null;
  const t = Date.parse(text);
  return Number.isNaN(t) ? null : Math.floor((t - now) / DAY);
}

export function hostOf(origin: string): string {
  try {
    return new URL(origin).host;
  } catch {
    return origin;
  }
}
