// Why: the one shape every way of signing in to Odoo takes — 'account' (password and code,
// then a key for this device), 'api-key', 'password' (kept in the vault), 'jwt' (the
// odoo_jwt module) — so the client asks "sign in", "still good?", "sign out" without
// knowing which it holds. What a method needs is its factory's arguments; the rest is here.
import type { LoginResult } from '../../../../contract/index.js';
import type { AtHand } from '../session-decision.js';

/** Calls carry the web session's cookie. */
export interface SessionCarrier {
  readonly kind: 'session';
  /** What is at hand when there is no live session (what the re-login decision reads). */
  readonly atHand: AtHand;
}

/** Every call carries the key: there is no session to lose. */
export interface KeyCarrier {
  readonly kind: 'key';
}

export interface SignInMethod {
  readonly carrier: SessionCarrier | KeyCarrier;
  /**
   * Signs in once: a web session (`ok`, or `totp_required` with the step kept), or a key
   * checked and the identity read. Session sign-ins are shared by the client's flight.
   */
  signIn(signal?: AbortSignal): Promise<LoginResult>;
  /** Runs once Odoo accepted a web sign-in (with the code or without): the method's own next step. */
  afterSignIn(): Promise<void>;
  /** Checks and renews what the method holds; `auth_failed` or `session_expired` when it no longer holds. */
  refresh(signal?: AbortSignal): Promise<void>;
  /** Ends on the server what the method holds besides the web session (the client ends that). */
  signOut(signal?: AbortSignal): Promise<void>;
  /** Drops what the method holds in memory (on lock); the vault keeps what it keeps. */
  forget(): void;
}

/** The password the person just typed: held in memory only, from the sign-in until it is used. */
export interface TypedPassword {
  value: string | null;
}

/** The client's one web sign-in at a time, shared by every concurrent caller. */
export interface SharedSignIn {
  /** Joins the sign-in in progress or starts one (the method's sign-in, then its next step). */
  run(signal?: AbortSignal): Promise<LoginResult>;
  /** Signs in; `totp_required` (an error) when Odoo asks for the code. */
  require(signal?: AbortSignal): Promise<void>;
  /** Forgets the sign-in in progress, so the next one uses what was just typed. */
  clear(): void;
}
