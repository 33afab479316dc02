// The tray's overdue counts for the desktop: the core's background refresh
// (core/services/overdue-refresh) started while the vault is unlocked and stopped when it
// locks, decided from the core's state at each change, not from a copy. The tray is
// rebuilt whenever new counts arrive.
import type { Clock } from '../core/clock.js';
import type { CompanionCore } from '../core/companion.js';
import { createOverdueRefresh } from '../core/services/overdue-refresh.js';

export interface TrayCounts {
  counts(): ReadonlyMap<string, number | null>;
  /** Called after each refresh (and when the counts are dropped on lock). */
  onChange(listener: () => void): () => void;
  dispose(): void;
}

export function watchOverdueCounts(parts: {
  core: Pick<CompanionCore, 'profileMenu' | 'overdueCount' | 'vaultState' | 'on'>;
  clock: Clock;
  onError(where: string, error: unknown): void;
}): TrayCounts {
  const { core } = parts;
  const listeners = new Set<() => void>();
  const refresh = createOverdueRefresh({
    clock: parts.clock,
    profiles: () => {
      try {
        return core.profileMenu().map((p) => ({ id: p.id, label: p.label }));
      } catch (e) {
        parts.onError('tray counts', e);
        return [];
      }
    },
    count: (profileId, signal) => core.overdueCount(profileId, signal),
    onChange: () => {
      for (const listener of [...listeners]) listener();
    },
  });
  const follow = (): void => {
    if (core.vaultState() === 'unlocked') refresh.start();
    else refresh.stop();
  };
  const offs = [core.on('vault:locked', follow), core.on('vault:unlocked', follow)];
  follow();
  return {
    counts: refresh.counts,
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    dispose() {
      for (const off of offs) off();
      refresh.stop();
      listeners.clear();
    },
  };
}
