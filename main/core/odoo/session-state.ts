// Why: the web session of one profile — its id (kept in the vault for password and
// "Odoo account" profiles, so quick login reuses it after a restart; in memory only for a
// JWT profile), when Odoo last accepted it, and the rule that while its liveness is unknown
// the first call goes alone — so an expired session costs one refused call and one
// sign-in, not one of each per concurrent call.
import type { Identity } from '../../../contract/index.js';
import { AppError, isAppError } from '../errors.js';
import type { ClientContext } from './client-context.js';
import { cookieHeader } from './cookies.js';
import { identityFromSessionInfo } from './identity.js';
import { waitFor } from './single-flight.js';
import { isRecord } from './shapes.js';

/** A web session Odoo accepted this recently is used by concurrent calls without a first probe call. */
export const SESSION_LIVE_MS = 60_000;

export interface SessionState {
  /** The session id: read from the vault once (kept sessions), or null when there is none. */
  stored(): Promise<string | null>;
  /** The session id in memory now, or null. */
  current(): string | null;
  /** Replaces the session id (in the vault too when it is kept there); null forgets it. */
  set(value: string | null): Promise<void>;
  /** Forgets the session `sid` unless another call has already replaced it. */
  dropIf(sid: string | null): Promise<void>;
  /** Odoo just accepted the session. */
  confirm(): void;
  /** Odoo accepted the session within the last minute. */
  live(): boolean;
  /** One `get_session_info`: who is signed in, or `session_expired` (also for a session still waiting for its code). */
  info(sid: string, signal?: AbortSignal): Promise<Identity>;
  /** `/web/session/destroy`; a session that is already dead is fine. */
  destroy(sid: string, signal?: AbortSignal): Promise<void>;
  /** Runs `run`; while the session's liveness is unknown, one call at a time goes first and the others wait for it. */
  firstAlone<T>(run: () => Promise<T>, signal?: AbortSignal): Promise<T>;
  /** Drops what is held in memory (the vault keeps a kept session). */
  forget(): void;
}

export function sessionExpired(): AppError {
  return new AppError('session_expired', 'The Odoo session has expired. Log in again.');
}

export function createSessionState(ctx: ClientContext, keep: boolean): SessionState {
  let sessionId: string | null | undefined; // undefined = not read from the vault yet
  /** When Odoo last accepted the current web session (epoch ms); -Infinity: not since it was opened or read. */
  let confirmedAt = -Infinity;
  /** While the session's liveness is unknown, the first call goes alone; the others wait for it. */
  let firstCall: Promise<unknown> | null = null;

  const live = (): boolean => ctx.clock.now() - confirmedAt <= SESSION_LIVE_MS;

  async function set(value: string | null): Promise<void> {
    sessionId = value;
    if (keep) await ctx.secrets.set('session', value);
  }

  return {
    async stored() {
      if (sessionId === undefined) sessionId = keep ? await ctx.secret('session') : null;
      return sessionId;
    },
    current: () => sessionId ?? null,
    set,
    async dropIf(sid) {
      if (sessionId === sid) await set(null);
    },
    confirm() {
      confirmedAt = ctx.clock.now();
    },
    live,
    async info(sid, signal) {
      const { result } = await ctx.t.jsonRpc('/web/session/get_session_info', {}, signal, {
        cookie: cookieHeader({ session_id: sid }),
      });
      // A half-authenticated (TOTP pending) session has no uid: not a usable session.
      if (!isRecord(result) || typeof result.uid !== 'number') throw sessionExpired();
      return ctx.signedInAs(identityFromSessionInfo(result, ctx.knownVersion()?.serverVersion ?? ''));
    },
    async destroy(sid, signal) {
      try {
        await ctx.t.jsonRpc('/web/session/destroy', {}, signal, { cookie: cookieHeader({ session_id: sid }) });
      } catch (e) {
        if (!isAppError(e, 'session_expired')) throw e;
      }
    },
    async firstAlone(run, signal) {
      if (!live() && firstCall !== null) await waitFor(firstCall, signal).catch(() => undefined);
      if (!live() && firstCall === null) {
        const first = run();
        firstCall = first;
        try {
          return await first;
        } finally {
          if (firstCall === first) firstCall = null;
        }
      }
      return run();
    },
    forget() {
      sessionId = undefined;
      confirmedAt = -Infinity;
      firstCall = null;
    },
  };
}
