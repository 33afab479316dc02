// "All profiles": one question (a quick search, my activities, the overdue count) asked
// of every unlocked profile at once. Each profile runs in parallel under its own time
// limit, so a slow or failing server never holds the others back: its entry carries the
// typed error that says why, the others carry their answers. Merging (activities by due
// date, labelled with their profile) happens here, once, for the renderer and the tray.
import type { Clock } from '../clock.js';
import { AppError, toWireError } from '../errors.js';
import type { Activity, WireError } from '../../../contract/index.js';
import type { OdooClient } from '../odoo/index.js';
import { todayIn, type ActivityBuckets } from './companion-search.js';

/** How long one profile may take before its entry says it timed out (the others are not waited on longer). */
export const PROFILE_TIMEOUT_MS = 15_000;

export interface ProfileRef {
  id: string;
  label: string;
}

export type ProfileOutcome<T> =
  | { profileId: string; label: string; ok: true; value: T }
  | { profileId: string; label: string; ok: false; error: WireError };

/**
 * Runs `run` for every profile in parallel; resolves when each has answered, failed or
 * passed `timeoutMs` (its signal is aborted then, and its entry is `timeout`). Order of
 * the result = order of `profiles`.
 */
export function eachProfile<T>(
  profiles: readonly ProfileRef[],
  run: (profileId: string, signal: AbortSignal) => Promise<T>,
  options: { clock: Pick<Clock, 'setTimeout' | 'clearTimeout'>; timeoutMs?: number },
): Promise<ProfileOutcome<T>[]> {
  const limit = options.timeoutMs ?? PROFILE_TIMEOUT_MS;
  return Promise.all(
    profiles.map(
      (p) =>
        new Promise<ProfileOutcome<T>>((resolve) => {
          const controller = new AbortController();
          let settled = false;
          const finish = (outcome: ProfileOutcome<T>): void => {
            if (settled) return;
            settled = true;
            options.clock.clearTimeout(timer);
            resolve(outcome);
          };
          const timer = options.clock.setTimeout(() => {
            controller.abort();
            finish({
              profileId: p.id,
              label: p.label,
              ok: false,
              error: toWireError(new AppError('timeout', 'This server did not answer in time.')),
            });
          }, limit);
          Promise.resolve()
            .then(() => run(p.id, controller.signal))
            .then(
              (value) => finish({ profileId: p.id, label: p.label, ok: true, value }),
              (e: unknown) => finish({ profileId: p.id, label: p.label, ok: false, error: toWireError(e) }),
            );
        }),
    ),
  );
}

export interface LabelledActivity extends Activity {
  profileId: string;
  profileLabel: string;
}

export interface MergedActivities {
  overdue: LabelledActivity[];
  today: LabelledActivity[];
  upcoming: LabelledActivity[];
  /** Profiles whose activities could not be read, with why. */
  failed: { profileId: string; label: string; error: WireError }[];
}

/** Every profile's buckets merged, each bucket sorted by due date, then profile, then id. */
export function mergeActivities(outcomes: readonly ProfileOutcome<ActivityBuckets>[]): MergedActivities {
  const out: MergedActivities = { overdue: [], today: [], upcoming: [], failed: [] };
  for (const o of outcomes) {
    if (!o.ok) {
      out.failed.push({ profileId: o.profileId, label: o.label, error: o.error });
      continue;
    }
    for (const bucket of ['overdue', 'today', 'upcoming'] as const) {
      for (const a of o.value[bucket]) out[bucket].push({ ...a, profileId: o.profileId, profileLabel: o.label });
    }
  }
  const order = (x: LabelledActivity, y: LabelledActivity): number =>
    x.deadline.localeCompare(y.deadline) || x.profileLabel.localeCompare(y.profileLabel) || x.id - y.id;
  for (const bucket of ['overdue', 'today', 'upcoming'] as const) out[bucket].sort(order);
  return out;
}

/**
 * The person's overdue activities on one profile, for the tray: one `search_count` (the
 * identity it needs is the client's cached one after the first sign-in).
 */
export async function overdueActivityCount(client: OdooClient, options: { now: number; signal?: AbortSignal }): Promise<number> {
  const call = options.signal === undefined ? {} : { signal: options.signal };
  const me = await client.identity(call);
  const count = await client.call(
    'mail.activity',
    'search_count',
    [[['user_id', '=', me.uid], ['date_deadline', '<', todayIn(me.tz, options.now)]]],
    {},
    call,
  );
  if (typeof count !== 'number' || !Number.isInteger(count) || count < 0) {
    throw new AppError('bad_response', 'Odoo answered in a way Odoo Companion does not understand.');
  }
  return count;
}
