// Acting on "my activities" without opening Odoo: mark one done (with an optional
// feedback line) and give it a new deadline. Both go through Odoo's own methods, so Odoo
// applies its rules, not ours: `action_feedback` is what Odoo's "Done" button calls (it
// posts the "done" note in the record's chatter and removes the activity), and a new
// deadline is a `write` of `date_deadline` (real Odoo 17 answers: tests/fixtures/odoo-wire,
// activity_*). A refusal keeps Odoo's own words in `details.odooMessage`.
import { AppError } from '../errors.js';
import type { CallOptions, OdooClient } from '../odoo/index.js';
import { todayIn } from './companion-search.js';

/** The longest feedback line kept (Odoo stores it in a chatter message). */
export const MAX_FEEDBACK_CHARS = 2000;

export type RescheduleTo = { kind: 'tomorrow' } | { kind: 'next-week' } | { kind: 'date'; date: string };

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** `YYYY-MM-DD` that is a real calendar day, or null. */
export function calendarDay(text: string): string | null {
  const m = ISO_DATE.exec(text);
  if (m === null) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const t = new Date(Date.UTC(y, mo - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === mo - 1 && t.getUTCDate() === d ? text : null;
}

function addDays(day: string, days: number): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** The new deadline, counted from the person's "today" in their Odoo time zone. */
export function newDeadline(to: RescheduleTo, today: string): string {
  if (to.kind === 'tomorrow') return addDays(today, 1);
  if (to.kind === 'next-week') return addDays(today, 7);
  const day = calendarDay(to.date);
  if (day === null) throw new AppError('invalid_input', 'The new due date is not a valid date.', { fields: ['date'] });
  return day;
}

function checkId(activityId: number): void {
  if (!Number.isSafeInteger(activityId) || activityId <= 0) {
    throw new AppError('invalid_input', 'This activity cannot be found.', { fields: ['activityId'] });
  }
}

/** Odoo's "Done": posts the done note (with the feedback) in the record's chatter, removes the activity. */
export async function markActivityDone(
  client: OdooClient,
  activityId: number,
  feedback: string | null,
  options: CallOptions = {},
): Promise<void> {
  checkId(activityId);
  const line = feedback?.trim() ?? '';
  if (line.length > MAX_FEEDBACK_CHARS) {
    throw new AppError('invalid_input', 'The feedback is too long.', { fields: ['feedback'] });
  }
  const answer = await client.call('mail.activity', 'action_feedback', [[activityId]], line === '' ? {} : { feedback: line }, options);
  // Odoo answers the id of the chatter message it posted (or false when it posted none).
  if (answer !== false && !(typeof answer === 'number' && Number.isInteger(answer))) {
    throw new AppError('bad_response', 'Odoo answered in a way Odoo Companion does not understand.');
  }
}

/** A new deadline for one activity; resolves with the day written. */
export async function rescheduleActivity(
  client: OdooClient,
  activityId: number,
  to: RescheduleTo,
  options: CallOptions & { now: number },
): Promise<{ deadline: string }> {
  checkId(activityId);
  const call: CallOptions = options.signal === undefined ? {} : { signal: options.signal };
  const today = to.kind === 'date' ? '' : todayIn((await client.identity(call)).tz, options.now);
  const deadline = newDeadline(to, today);
  const answer = await client.call('mail.activity', 'write', [[activityId], { date_deadline: deadline }], {}, call);
  if (answer !== true) throw new AppError('bad_response', 'Odoo answered in a way Odoo Companion does not understand.');
  return { deadline };
}
