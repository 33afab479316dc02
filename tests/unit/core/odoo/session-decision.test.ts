// The re-login decision (session-decision.ts): what carries on without a live web session —
// this device's key, a sign-in, or nothing (the person acts) — for every combination of
// what a profile has at hand, and which of those it had to look up.
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../../main/core/errors.js';
import { afterRefused, afterRefusedCall, passwordRequired, withoutSession, type AtHand } from '../../../../main/core/odoo/session-decision.js';

/** What is at hand, recording each look-up (a profile that is no “Odoo account” has no device key to look up). */
function atHand(account: boolean, password: boolean, deviceKey: boolean): AtHand & { looked: string[] } {
  const looked: string[] = [];
  return {
    looked,
    password: async () => {
      looked.push('password');
      return password;
    },
    deviceKey: account
      ? async () => {
          looked.push('device-key');
          return deviceKey;
        }
      : null,
  };
}

const expired = new AppError('session_expired', 'The Odoo session has expired. Log in again.');

describe('withoutSession', () => {
  it.each([
    // account, password, device key → carrier, look-ups
    [false, false, false, 'sign-in', []],
    [false, true, true, 'sign-in', []],
    [true, true, true, 'sign-in', ['password']],
    [true, false, true, 'device-key', ['password', 'device-key']],
    [true, false, false, 'sign-in', ['password', 'device-key']],
  ] as const)('account=%s password=%s key=%s → %s', async (account, password, key, carrier, looked) => {
    const h = atHand(account, password, key);
    expect(await withoutSession(h)).toBe(carrier);
    expect(h.looked).toEqual(looked);
  });
});

describe('afterRefused', () => {
  it.each([
    [true, false, true, 'device-key'],
    [true, true, true, 'sign-in'],
    [true, true, false, 'sign-in'],
    [false, true, false, 'sign-in'],
  ] as const)('account=%s password=%s key=%s → %s', async (account, password, key, carrier) => {
    expect(await afterRefused(atHand(account, password, key), expired)).toBe(carrier);
  });

  it('an “Odoo account” with neither key nor password: password_required', async () => {
    await expect(afterRefused(atHand(true, false, false), expired)).rejects.toMatchObject({ code: 'password_required' });
  });

  it('any other profile with no password: the refusal itself', async () => {
    await expect(afterRefused(atHand(false, false, false), expired)).rejects.toBe(expired);
  });

  it('password_required is its own error each time', () => {
    expect(passwordRequired()).toMatchObject({ code: 'password_required' });
    expect(passwordRequired()).not.toBe(passwordRequired());
  });
});

describe('afterRefusedCall', () => {
  it.each([
    ['a call already sent after a sign-in gives up', 'a', 'b', true, 'give-up'],
    ['the same session still held is dead', 'a', 'a', false, 'dead'],
    ['no session held any more: dead', 'a', null, false, 'dead'],
    ['another call signed in meanwhile: retry on its session', 'a', 'b', false, 'retry'],
    ['a call sent without a session, one now held: retry', null, 'b', false, 'retry'],
  ] as const)('%s', (_label, sent, now, reauthenticated, next) => {
    expect(afterRefusedCall(sent, now, reauthenticated)).toBe(next);
  });
});
