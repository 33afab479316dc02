// Desktop notifications for activities falling due (optional setting). While the vault is
// unlocked and the setting is on, it looks at each profile's activities (through the same
// dispatcher the UI uses) every 15 minutes and just after midnight; what to announce is
// decided by core/shell/activity-notifications (counts only, once per activity).
//
// Electron keeps only a weak reference to a main-process Notification: one the app drops
// is garbage-collected, its click handler with it, and a click a minute later does
// nothing (electron/electron#16922, #12690). Shown notifications are therefore held here
// until they are clicked, closed, or the notifier is disposed.
//
// A check that cannot read a profile's activities (Odoo unreachable for a moment) keeps
// what was announced for that profile, so the next check does not announce it again; a
// check that cannot read the profile list is reported and skipped, never left unhandled.
import { Notification } from 'electron';
import type { Activity } from '../../contract/index.js';
import {
  decideActivityNotifications,
  nextActivityCheckDelay,
  type ProfileActivities,
} from '../core/shell/activity-notifications.js';
import type { Translate } from '../core/i18n/translator.js';
import type { Clock } from '../core/clock.js';

export interface ActivityNotifierDeps {
  clock: Clock;
  profiles(): Promise<{ id: string; label: string }[]>;
  /** A profile's overdue and today activities, or null when they cannot be read now. */
  activities(profileId: string): Promise<{ overdue: Activity[]; today: Activity[] } | null>;
  onClick(profileId: string): void;
  /** The person's language now (English when not given). */
  translate?: () => Translate;
  /** A check failed as a whole (names only are logged by the caller). */
  onError?(where: string, error: unknown): void;
}

export interface ActivityNotifier {
  /** Runs while `on` (setting enabled and vault unlocked). */
  setActive(on: boolean): void;
  checkNow(): Promise<void>;
  dispose(): void;
}

export function createActivityNotifier(deps: ActivityNotifierDeps): ActivityNotifier {
  let active = false;
  let timer: unknown = null;
  let announced = new Set<string>();
  let checking: Promise<void> | null = null;
  /** Shown and not yet clicked or closed: kept reachable so their events still arrive. */
  const showing = new Set<Notification>();

  const schedule = (): void => {
    if (timer !== null) deps.clock.clearTimeout(timer);
    timer = null;
    if (!active) return;
    timer = deps.clock.setTimeout(() => {
      timer = null;
      void check().finally(schedule);
    }, nextActivityCheckDelay(new Date(deps.clock.now())));
  };

  /** Each profile's activities, and the profiles whose activities could not be read. */
  async function collect(): Promise<{ read: ProfileActivities[]; unread: string[] }> {
    const read: ProfileActivities[] = [];
    const unread: string[] = [];
    for (const p of await deps.profiles()) {
      const a = await deps.activities(p.id).catch(() => null);
      if (a === null) unread.push(p.id);
      else read.push({ profileId: p.id, label: p.label, overdue: a.overdue, today: a.today });
    }
    return { read, unread };
  }

  function check(): Promise<void> {
    if (checking !== null) return checking;
    checking = (async () => {
      if (!active || !Notification.isSupported()) return;
      const { read, unread } = await collect();
      const decision = decideActivityNotifications(read, announced, deps.translate?.());
      if (!active) return; // locked while we were asking
      // activityKey (core/shell/activity-notifications) starts with the profile id and ':'.
      const keptFor = unread.map((id) => `${id}:`);
      const kept = [...announced].filter((key) => keptFor.some((prefix) => key.startsWith(prefix)));
      announced = new Set([...decision.announced, ...kept]);
      for (const n of decision.notifications) {
        const note = new Notification({ title: n.title, body: n.body, silent: false });
        showing.add(note);
        note.on('click', () => {
          showing.delete(note);
          deps.onClick(n.profileId);
        });
        note.on('close', () => showing.delete(note));
        note.on('failed', () => showing.delete(note));
        note.show();
      }
    })()
      .catch((e: unknown) => {
        deps.onError?.('activities', e);
      })
      .finally(() => {
        checking = null;
      });
    return checking;
  }

  return {
    setActive(on) {
      if (on === active) return;
      active = on;
      if (!on) announced = new Set();
      schedule();
      if (on) void check();
    },
    checkNow: check,
    dispose() {
      active = false;
      schedule();
      showing.clear();
    },
  };
}
