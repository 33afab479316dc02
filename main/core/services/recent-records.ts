// Why: the space under an empty quick search shows what the person opened last, so going
// back to a record is one click. Kept in main's memory only, per profile, a few entries,
// no secret (a model, an id and the names shown); emptied when the vault locks and when a
// profile is forgotten, so nothing of it outlives the unlocked state or reaches a file.
import type { RecentRecord } from '../../../contract/index.js';

/** How many records each profile keeps. */
export const RECENT_LIMIT = 8;

export class RecentRecords {
  private readonly byProfile = new Map<string, RecentRecord[]>();

  /** A record was opened: it moves to the top (once), the oldest falls off past the limit. */
  add(profileId: string, record: RecentRecord): void {
    const kept = (this.byProfile.get(profileId) ?? []).filter((r) => r.model !== record.model || r.id !== record.id);
    this.byProfile.set(profileId, [{ ...record }, ...kept].slice(0, RECENT_LIMIT));
  }

  /** Newest first; a copy, so a caller cannot change what is kept. */
  list(profileId: string): RecentRecord[] {
    return (this.byProfile.get(profileId) ?? []).map((r) => ({ ...r }));
  }

  drop(profileId: string): void {
    this.byProfile.delete(profileId);
  }

  clear(): void {
    this.byProfile.clear();
  }
}
