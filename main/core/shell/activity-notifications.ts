// When to raise a desktop notification for Odoo activities falling due (an optional
// setting). Pure: given what is due now and what was already announced, it says what to
// announce. Rules:
// - an activity is announced once per deadline (moving the deadline announces it again);
// - one notification per profile, with counts only: notifications can appear on a locked
//   screen, so they carry the profile's label and numbers, never record names or summaries;
// - what is no longer due (done, rescheduled) is forgotten, so the memory stays small.
import type { Activity } from '../../../contract/index.js';
import { english, type Translate } from '../i18n/translator.js';

export interface ProfileActivities {
  profileId: string;
  label: string;
  overdue: readonly Activity[];
  today: readonly Activity[];
}

export interface ActivityNotification {
  profileId: string;
  title: string;
  body: string;
}

export interface ActivityDecision {
  notifications: ActivityNotification[];
  /** Replace the announced set with this one. */
  announced: Set<string>;
}

export function activityKey(profileId: string, a: Pick<Activity, 'id' | 'deadline'>): string {
  return `${profileId}:${a.id}:${a.deadline}`;
}

export function decideActivityNotifications(
  profiles: readonly ProfileActivities[],
  announced: ReadonlySet<string>,
  t: Translate = english,
): ActivityDecision {
  const next = new Set<string>();
  const notifications: ActivityNotification[] = [];
  for (const p of profiles) {
    let newToday = 0;
    let newOverdue = 0;
    for (const a of p.today) {
      const key = activityKey(p.profileId, a);
      next.add(key);
      if (!announced.has(key)) newToday += 1;
    }
    for (const a of p.overdue) {
      const key = activityKey(p.profileId, a);
      next.add(key);
      if (!announced.has(key)) newOverdue += 1;
    }
    if (newToday + newOverdue === 0) continue;
    const today = t('notify.dueToday', { count: newToday });
    const overdue = t('notify.overdue', { count: newOverdue });
    const body = newOverdue === 0 ? today : newToday === 0 ? overdue : t('notify.both', { today, overdue });
    notifications.push({ profileId: p.profileId, title: p.label.slice(0, 80), body });
  }
  return { notifications, announced: next };
}

/** How often activities are looked at while unlocked. */
export const ACTIVITY_CHECK_MS = 15 * 60_000;

/** The next look: in 15 minutes, or just after local midnight if that comes first. */
export function nextActivityCheckDelay(now: Date): number {
  const midnight = new Date(now.getFullYear(), now.getMonth(), now.getDate() + 1, 0, 0, 5);
  return Math.max(1000, Math.min(ACTIVITY_CHECK_MS, midnight.getTime() - now.getTime()));
}
