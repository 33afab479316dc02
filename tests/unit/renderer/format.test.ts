// The screens' dates, read and written in one place (renderer/format.ts). Main sends three
// forms: ISO and X.509 moments, Odoo's UTC datetimes, Odoo's calendar dates. A calendar
// date is the same day wherever the person is; a moment is shown in their time zone.
// The file runs west of UTC, where reading a date as a UTC moment shows the day before
// (Intl keeps the zone its formatters were made in: it is set once, before any).
import { describe, expect, it, vi } from 'vitest';
import { daysFromToday, daysUntil, dueText, formatDate, hostOf, parseMoment, relativeTime } from '../../../renderer/format.js';
import { switchLocale, t } from '../../../renderer/i18n.js';

// Typechecked with the renderer (DOM, no Node types); it runs under Node.
declare const process: { env: Record<string, string | undefined> };
process.env.TZ = 'America/Los_Angeles';

describe('dates from main', () => {
  it('shows an Odoo calendar date (an activity deadline) as that very day', () => {
    expect(new Date(Date.UTC(2025, 5, 1)).getDate()).toBe(31); // the zone is in force
    expect(formatDate('2025-06-01')).toBe('Jun 1, 2025');
  });

  it("reads Odoo's datetimes as UTC", () => {
    expect(parseMoment('2025-06-01 08:30:00')).toBe(Date.UTC(2025, 5, 1, 8, 30));
    expect(daysUntil('2025-06-01 00:00:00', Date.UTC(2025, 4, 31, 3, 0))).toBe(0); // 21 hours left
  });

  it('shows a moment on the day it falls in the time zone', () => {
    expect(formatDate('2025-06-01 03:00:00')).toBe('May 31, 2025');
    expect(formatDate('2025-06-01T20:00:00.000Z')).toBe('Jun 1, 2025');
  });

  it('reads ISO and X.509 moments', () => {
    expect(parseMoment('2027-03-01T00:00:00.000Z')).toBe(Date.UTC(2027, 2, 1));
    expect(parseMoment('Mar  1 00:00:00 2027 GMT')).toBe(Date.UTC(2027, 2, 1));
  });

  it('keeps unreadable text as it is, and has no day count for it', () => {
    expect(formatDate('soon')).toBe('soon');
    expect(parseMoment('soon')).toBeNull();
    expect(daysUntil('soon')).toBeNull();
    expect(daysUntil(null)).toBeNull();
  });

  it('counts whole days left, negative as soon as the moment has passed', () => {
    const end = '2027-03-01T00:00:00.000Z';
    const at = Date.UTC(2027, 2, 1);
    expect(daysUntil(end, at - 30 * 86_400_000)).toBe(30);
    expect(daysUntil(end, at - 3_600_000)).toBe(0);
    expect(daysUntil(end, at + 3_600_000)).toBe(-1);
  });

  it('says how long ago in words, then the date', () => {
    const now = Date.UTC(2025, 5, 10, 12);
    expect(relativeTime(now - 5 * 60_000, now)).toBe('5 minutes ago');
    expect(relativeTime(now - 3 * 3_600_000, now)).toBe('3 hours ago');
    expect(relativeTime(now - 86_400_000, now)).toBe('yesterday');
    expect(relativeTime(now - 30 * 86_400_000, now)).toBe('May 11, 2025');
  });

  it('switches unit exactly at a minute, an hour and a week', () => {
    const now = Date.UTC(2025, 5, 10, 12);
    expect(relativeTime(now - 60_000, now)).toBe('1 minute ago');
    expect(relativeTime(now - 3_600_000, now)).toBe('1 hour ago');
    expect(relativeTime(now - 6 * 86_400_000, now)).toBe('6 days ago');
    expect(relativeTime(now - 7 * 86_400_000, now)).toBe('Jun 3, 2025');
  });

  it('says "just now" under a minute and "never" for no date, in the catalogue\'s words', () => {
    // No catalogue is loaded here: t() answers with the key (and says so on the console).
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const now = Date.UTC(2025, 5, 10, 12);
    expect(relativeTime(now - 59_000, now)).toBe(t('time.justNow'));
    expect(relativeTime(null, now)).toBe(t('time.never'));
    vi.restoreAllMocks();
  });
});

describe('hostOf', () => {
  it('is the host of an origin, or the text when it is not a URL', () => {
    expect(hostOf('https://erp.example.com:8443')).toBe('erp.example.com:8443');
    expect(hostOf('not a url')).toBe('not a url');
  });
});

describe('when an activity is due (an Odoo calendar date, against the person\'s own today)', () => {
  // 23:30 on 10 June in Los Angeles is already 11 June in UTC: "today" is the 10th here.
  const now = Date.UTC(2025, 5, 11, 6, 30);

  it('counts days from the local calendar day, not from UTC', () => {
    expect(daysFromToday('2025-06-10', now)).toBe(0);
    expect(daysFromToday('2025-06-13', now)).toBe(3);
    expect(daysFromToday('2025-05-29', now)).toBe(-12);
    expect(daysFromToday('2025-06-10 08:00:00', now)).toBeNull();
  });

  it('says today, tomorrow, in N days and N days overdue in the UI language, then the date', async () => {
    const page = globalThis as unknown as { document?: unknown };
    page.document = { documentElement: {} };
    await switchLocale('en');
    expect(dueText('2025-06-10', now)).toBe('today');
    expect(dueText('2025-06-11', now)).toBe('tomorrow');
    expect(dueText('2025-06-13', now)).toBe('in 3 days');
    expect(dueText('2025-06-09', now)).toBe('1 day overdue');
    expect(dueText('2025-05-29', now)).toBe('12 days overdue');
    expect(dueText('2025-07-10', now)).toBe('in 30 days');
    expect(dueText('2025-07-11', now)).toBe('due Jul 11, 2025');
    await switchLocale('fr');
    expect(dueText('2025-06-10', now)).toBe('aujourd’hui');
    expect(dueText('2025-06-13', now)).toBe('dans 3 jours');
    expect(dueText('2025-05-29', now)).toBe('en retard de 12 jours');
    await switchLocale('en');
  });
});
