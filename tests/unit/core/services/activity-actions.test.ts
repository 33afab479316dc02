// The date rules of rescheduling an activity: tomorrow and next week count from the
// person's "today", a typed date must be a real calendar day.
import { describe, expect, it } from 'vitest';
import { calendarDay, newDeadline } from '../../../../main/core/services/activity-actions.js';
import { isAppError } from '../../../../main/core/errors.js';

describe('rescheduling dates', () => {
  it('counts tomorrow and next week from today, across month and year ends', () => {
    expect(newDeadline({ kind: 'tomorrow' }, '2026-11-30')).toBe('2026-12-01');
    expect(newDeadline({ kind: 'next-week' }, '2026-12-28')).toBe('2027-01-04');
    expect(newDeadline({ kind: 'tomorrow' }, '2028-02-28')).toBe('2028-02-29');
  });

  it('takes a typed date as it is when it is a real day', () => {
    expect(newDeadline({ kind: 'date', date: '2027-03-15' }, '')).toBe('2027-03-15');
    expect(calendarDay('2028-02-29')).toBe('2028-02-29');
  });

  it('refuses a day that does not exist or is not a plain date', () => {
    for (const bad of ['2027-02-29', '2027-13-01', '2027-04-31', '2027-4-1', '2027-04-01T00:00', ' 2027-04-01', '']) {
      expect(calendarDay(bad), bad).toBeNull();
      let thrown: unknown = null;
      try {
        newDeadline({ kind: 'date', date: bad }, '2026-11-30');
      } catch (e) {
        thrown = e;
      }
      expect(isAppError(thrown, 'invalid_input'), bad).toBe(true);
    }
  });
});
