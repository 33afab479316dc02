// The tray's overdue counts, kept fresh in the background: every profile's count of overdue
// activities (overdueActivityCount: one search_count once the client knows who the person
// is), read on unlock and then every few minutes on the Clock, and dropped on lock. Rules:
// - it runs only while started (the shell starts it on unlock, stops it on lock): a
//   locked vault sends nothing and keeps no count;
// - at most one request per profile per refresh, and never two refreshes at once: a
//   refresh asked for while one runs joins it;
// - a profile that cannot answer (slow, down, signed out) has no count (null), and the
//   others still show theirs; each profile has its own time limit (eachProfile).
import type { Clock } from '../clock.js';
import { eachProfile, type ProfileRef } from './all-profiles.js';

/** How often the counts are read again while unlocked. */
export const OVERDUE_REFRESH_MS = 5 * 60_000;

export interface OverdueRefreshDeps {
  clock: Clock;
  profiles(): ProfileRef[];
  count(profileId: string, signal: AbortSignal): Promise<number>;
  /** Told after each refresh (and on stop) with every profile's count, null where unknown. */
  onChange(counts: ReadonlyMap<string, number | null>): void;
  intervalMs?: number;
  timeoutMs?: number;
}

export interface OverdueRefresh {
  /** Reads the counts now, then every interval, until stopped. */
  start(): void;
  stop(): void;
  /** One refresh now (joins one that is running); resolves once it is done. */
  refresh(): Promise<void>;
  counts(): ReadonlyMap<string, number | null>;
}

export function createOverdueRefresh(deps: OverdueRefreshDeps): OverdueRefresh {
  const interval = deps.intervalMs ?? OVERDUE_REFRESH_MS;
  let running = false;
  let timer: unknown = null;
  let inFlight: { generation: number; done: Promise<void> } | null = null;
  /** Bumped by stop(): a refresh that started before does not publish what it read. */
  let generation = 0;
  let counts = new Map<string, number | null>();

  const schedule = (): void => {
    if (timer !== null) deps.clock.clearTimeout(timer);
    timer = null;
    if (!running) return;
    timer = deps.clock.setTimeout(() => {
      timer = null;
      void refresh().finally(schedule);
    }, interval);
  };

  function refresh(): Promise<void> {
    if (!running) return Promise.resolve();
    if (inFlight !== null && inFlight.generation === generation) return inFlight.done;
    const mine = generation;
    const done = (async () => {
      const outcomes = await eachProfile(deps.profiles(), (id, signal) => deps.count(id, signal), {
        clock: deps.clock,
        ...(deps.timeoutMs === undefined ? {} : { timeoutMs: deps.timeoutMs }),
      });
      if (mine !== generation) return;
      counts = new Map(outcomes.map((o) => [o.profileId, o.ok ? o.value : null]));
      deps.onChange(counts);
    })().finally(() => {
      if (inFlight?.done === done) inFlight = null;
    });
    inFlight = { generation: mine, done };
    return done;
  }

  return {
    start() {
      if (running) return;
      running = true;
      void refresh();
      schedule();
    },
    stop() {
      if (!running) return;
      running = false;
      generation += 1;
      schedule();
      counts = new Map();
      deps.onChange(counts);
    },
    refresh,
    counts: () => counts,
  };
}
