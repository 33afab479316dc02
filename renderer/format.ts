// Small, pure formatting helpers shared by the screens, in one place: labels for the
// contract's enums, the TLS badge, host names, and dates written the way a person reads
// them — in their language, through Intl (the catalogue's locale, renderer/i18n.ts).
// Dates from main come in three forms, read here and nowhere else: ISO and X.509 moments
// ("Mar  1 00:00:00 2027 GMT"), Odoo's UTC datetimes ("2025-06-01 08:30:00") and Odoo's
// calendar dates ("2025-06-01", an activity's deadline: that day wherever one is).
import type { AuthMethod, LockReason, Profile, VaultStatus } from '../contract';
import { currentIntl, t, type MessageKey } from './i18n';

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

export type Tone = 'ok' | 'warn' | 'danger';

/** How a profile's connection is protected, as a badge (the list and the security page). */
export function tlsBadge(p: Pick<Profile, 'insecure' | 'pins' | 'trustSelfSigned'>): { text: string; tone: Tone } {
  if (p.insecure) return { text: t('tls.insecure'), tone: 'danger' };
  if (p.pins.length === 0) return { text: t('tls.notPinned'), tone: 'warn' };
  if (p.trustSelfSigned) return { text: t('tls.selfSigned'), tone: 'warn' };
  return { text: t('tls.pinned', { count: p.pins.length }), tone: 'ok' };
}

export function hostOf(origin: string): string {
  try {
    return new URL(origin).host;
  } catch {
    return origin;
  }
}

const DAY = 86_400_000;
const CALENDAR_DATE = /^\d{4}-\d{2}-\d{2}$/;
const ODOO_DATETIME = /^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2})$/;

/** A day as the language writes it, in the person's time zone unless one is named. */
function day(ms: number, timeZone?: string): string {
  return currentIntl().formatDate(ms, { year: 'numeric', month: 'short', day: 'numeric', timeZone });
}

/** The moment a date from main stands for (epoch ms), or null when it is unreadable. */
export function parseMoment(text: string): number | null {
  // Odoo writes its datetimes in UTC without saying so; Date.parse would read local time.
  const odoo = ODOO_DATETIME.exec(text);
  const ms = Date.parse(odoo === null ? text : `${odoo[1]}T${odoo[2]}Z`);
  return Number.isNaN(ms) ? null : ms;
}

/** A date from main as the person's language writes a day; the text itself when unreadable. */
export function formatDate(text: string): string {
  // A calendar date is the same day everywhere: read and written in UTC, never shifted a day.
  if (CALENDAR_DATE.test(text)) {
    const ms = Date.parse(text);
    return Number.isNaN(ms) ? text : day(ms, 'UTC');
  }
  const ms = parseMoment(text);
  return ms === null ? text : day(ms);
}

/** Whole days from now until a date from main: negative once it has passed, null when unreadable. */
export function daysUntil(text: string | null, now = Date.now()): number | null {
  const ms = text === null ? null : parseMoment(text);
  return ms === null ? null : Math.floor((ms - now) / DAY);
}

/** Whole days from today (the person's calendar) to an Odoo calendar date: 0 today, negative once past; null when unreadable. */
export function daysFromToday(date: string, now = Date.now()): number | null {
  if (!CALENDAR_DATE.test(date)) return null;
  const due = Date.parse(date); // that day's midnight, UTC
  if (Number.isNaN(due)) return null;
  const here = new Date(now);
  return Math.round((due - Date.UTC(here.getFullYear(), here.getMonth(), here.getDate())) / DAY);
}

/** Up to this many days ahead a due date is said in days ("in 12 days"); further, as the date. */
const DAYS_AHEAD_IN_WORDS = 30;

/** When an activity is due, as a person says it: "today", "tomorrow", "in 3 days", "12 days overdue", later the date. */
export function dueText(date: string, now = Date.now()): string {
  const days = daysFromToday(date, now);
  if (days !== null && days < 0) return t('home.overdueBy', { count: -days });
  if (days !== null && days <= DAYS_AHEAD_IN_WORDS) return currentIntl().formatRelativeTime(days, 'day', { numeric: 'auto' });
  return t('home.due', { date: formatDate(date) });
}

/** "just now", "5 minutes ago", "yesterday", then the date; "never" for null. */
export function relativeTime(then: number | null, now = Date.now()): string {
  if (then === null) return t('time.never');
  const diff = now - then;
  if (diff < 60_000) return t('time.justNow');
  const relative = (value: number, unit: Intl.RelativeTimeFormatUnit) => currentIntl().formatRelativeTime(value, unit, { numeric: 'auto' });
  if (diff < 3_600_000) return relative(-Math.round(diff / 60_000), 'minute');
  if (diff < DAY) return relative(-Math.round(diff / 3_600_000), 'hour');
  if (diff < 7 * DAY) return relative(-Math.round(diff / DAY), 'day');
  return day(then);
}
