// Why: where the unlocked shell can be — its screens and the profile each one is about —
// and what the tray, the global shortcut or a finished unlock asks it to show, in one
// small module. Screens import their navigation from here, not back from the shell that
// renders them.
import type { Profile } from '../contract';

export type View =
  | { name: 'profiles' }
  /** `focusSearch` > 0 puts the focus in the search field (a new number each time). */
  | { name: 'home'; profileId: string; focusSearch: number }
  | { name: 'add' }
  | { name: 'edit'; profileId: string }
  | { name: 'settings' }
  | { name: 'security'; profileId: string }
  /** Every profile at once; `focusSearch` > 0 puts the focus in its search field. */
  | { name: 'all-profiles'; focusSearch: number }
  /** Profile files: export for others, import one received. */
  | { name: 'profile-files' };

/** Moves the shell to another screen. */
export type Go = (view: View) => void;

/** A profile's home page. */
export function homeOf(profileId: string, focusSearch = 0): View {
  return { name: 'home', profileId, focusSearch };
}

/** The entry of the top navigation a view belongs to. */
export function sectionOf(view: View): 'profiles' | 'settings' {
  return view.name === 'settings' ? 'settings' : 'profiles';
}

/** A record to open in Odoo; `name` is what the status line calls it, `modelName` its kind ("Sales Order"). */
export type RecordRef = { model: string; id: number; name?: string; modelName?: string };
/** A model's list in Odoo ("more in Odoo" under a search group); `name` is what the status line calls it. */
export type ListRef = { model: string; list: true; name: string };
/** Opens a profile's Odoo window (quick-login), optionally at one record or one model's list. */
export type OpenInOdoo = (profileId: string, target?: RecordRef | ListRef) => Promise<void>;

/**
 * What the tray, the global shortcut or a finished unlock asks the unlocked shell to show
 * (the unlock prompt is the lock screen itself and never reaches the shell). `nonce`
 * makes the same request twice in a row still count.
 */
export interface ShellRequest {
  /** `all-profiles(-search)`: the tray's "Open All profiles" and the global shortcut (search focused). */
  screen: 'quick-search' | 'home' | 'totp-prompt' | 'password-prompt' | 'all-profiles' | 'all-profiles-search';
  profileId: string | null;
  nonce: number;
}

/** The profile a request is about: the one it names, else the one used last, else none. */
export function requestedProfile(request: ShellRequest, profiles: readonly Profile[]): string | null {
  if (request.profileId !== null) return request.profileId;
  return [...profiles].sort((a, b) => (b.lastUsedAt ?? 0) - (a.lastUsedAt ?? 0))[0]?.id ?? null;
}
