// When to raise a desktop notification for Odoo activities falling due (an optional
// setting). Pure: given what is due now and what was already announced, it says what to
// announce. Rules:
// - an activity is announced once per deadline (moving the deadline announces it again);
// - one notification per profile, with counts only: notifications can appear on a locked
//   screen, so they carry the profile's label and numbers, never record names or summaries;
// - what is no longer due (done, rescheduled) is forgotten, so the memory stays small.
import type { Activity } from '../../../preload/contract.js';

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

function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

export function decideActivityNotifications(
  profiles: readonly ProfileActivities[],
  announced: ReadonlySet<string>,
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
    const parts: string[] = [];
    if (newToday > 0) parts.push(`${plural(newToday, 'activity', 'activities')} due today`);
    if (newOverdue > 0) parts.push(`${plural(newOverdue, 'activity', 'activities')} overdue`);
    notifications.push({ profileId: p.profileId, title: p.label.slice(0, 80), body: parts.join(', ') });
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
