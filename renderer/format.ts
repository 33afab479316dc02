// Small, pure formatting helpers shared by the screens: labels for the contract's enums
// and dates written the way a person reads them — in their language, through Intl.
import type { AuthMethod, LockReason, Profile, VaultStatus } from '../preload/contract';
import { formatDateOnly, formatRelative, t, type MessageKey } from './i18n';

const AUTH_KEYS: Record<AuthMethod, MessageKey> = {
  account: 'auth.account',
  'api-key': 'auth.apiKey',
  password: 'auth.password',
  jwt: 'auth.jwt',
};

export function authLabel(method: AuthMethod): string {
  return t(AUTH_KEYS[method]);
}

const SESSION_KEYS: Record<Profile['session'], MessageKey> = {
  none: 'session.none',
  stored: 'session.stored',
  active: 'session.active',
};

export function sessionLabel(session: Profile['session']): string {
  return t(SESSION_KEYS[session]);
}

export function presenceName(kind: VaultStatus['presence']['kind']): string {
  // Touch ID and Windows Hello are product names, the same in every language.
  return kind === 'touch-id' ? 'Touch ID' : kind === 'windows-hello' ? 'Windows Hello' : t('presence.device');
}

export function lockReasonText(reason: LockReason | null): string | null {
  switch (reason) {
    case 'idle':
      return t('lockReason.idle');
    case 'screen-lock':
      return t('lockReason.screenLock');
    case 'suspend':
      return t('lockReason.suspend');
    case 'user-switch':
      return t('lockReason.userSwitch');
    case 'manual':
      return t('lockReason.manual');
    case 'reset':
      return t('lockReason.reset');
    default:
      return null;
  }
}

const DAY = 86_400_000;

export function relativeTime(then: number | null, now = Date.now()): string {
  if (then === null) return t('time.never');
  const diff = now - then;
  if (diff < 60_000) return t('time.justNow');
  if (diff < 3_600_000) return formatRelative(-Math.round(diff / 60_000), 'minute');
  if (diff < DAY) return formatRelative(-Math.round(diff / 3_600_000), 'hour');
  if (diff < 7 * DAY) return formatRelative(-Math.round(diff / DAY), 'day');
  return formatDateOnly(then);
}

/** Dates from main are ISO strings or X.509 "Mar  1 00:00:00 2027 GMT" strings. */
export function formatDate(text: string): string {
  const t = Date.parse(text);
  return Number.isNaN(t) ? text : formatDateOnly(t);
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
