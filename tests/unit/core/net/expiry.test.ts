import { describe, expect, it } from 'vitest';
import { certificateExpiryWarning } from '../../../../main/core/net/expiry.js';

const DAY = 86_400_000;
const now = new Date('2026-03-01T12:00:00.000Z');
const at = (days: number) => new Date(now.getTime() + days * DAY).toISOString();

describe('certificateExpiryWarning', () => {
  it.each([
    [90, null],
    [31, null],
    [30.5, null],
    [30, 30],
    [29.9, 29],
    [10, 10],
    [1, 1],
    [0.5, 0],
    [0, 0],
    [-3, 0],
  ])('%s days before expiry → %s', (days, expected) => {
    expect(certificateExpiryWarning(at(days), now)).toBe(expected);
  });

  it('takes Dates and epoch ms too, and ignores an unreadable date', () => {
    expect(certificateExpiryWarning(new Date(at(5)), now.getTime())).toBe(5);
    expect(certificateExpiryWarning('not a date', now)).toBeNull();
  });
});
