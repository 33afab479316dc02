// Why: the password → web session exchange that three sign-in methods share ('password',
// 'account', and 'jwt' for its two-factor users): `/web/session/authenticate`, then for a
// two-factor user the trusted-device cookie or the code over Odoo's HTML form
// (totp-step.ts). The step waiting for the code is held here, in memory only, and a
// half-authenticated session is never stored.
import type { LoginResult } from '../../../../contract/index.js';
import { AppError, isAppError } from '../../errors.js';
import type { ClientContext } from '../client-context.js';
import { readSetCookie } from '../cookies.js';
import { identityFromSessionInfo } from '../identity.js';
import type { SessionState } from '../session-state.js';
import { isRecord } from '../shapes.js';
import { fetchTotpPage, postTotpCode, stepExpired, type TotpPosted } from '../totp-step.js';

export interface WebLogin {
  /** `/web/session/authenticate` with `password`: `ok` with the session, or `totp_required` (the step is kept). */
  authenticate(password: string, signal?: AbortSignal): Promise<LoginResult>;
  /**
   * The password was right and Odoo opened the half-authenticated session `sid`: finish it
   * with the trusted-device cookie when there is one (no code asked), else ask for the code.
   */
  secondFactor(sid: string, tdId: string | null, signal?: AbortSignal): Promise<LoginResult>;
  /** Odoo finished the sign-in with session `sid`: keep it and read who is signed in. */
  finish(sid: string, signal?: AbortSignal): Promise<SignedIn>;
  /** Posts the code for the step kept by `authenticate`; `trustDevice` stores Odoo's trusted-device cookie. */
  submitTotp(code: string, trustDevice: boolean, signal?: AbortSignal): Promise<LoginResult>;
  /** Drops the step waiting for a code. */
  forget(): void;
}

/** A sign-in Odoo finished. */
export type SignedIn = Extract<LoginResult, { status: 'ok' }>;

interface PendingTotp {
  sessionId: string;
  csrfToken: string | null;
}

export function createWebLogin(ctx: ClientContext, session: SessionState): WebLogin {
  let pending: PendingTotp | null = null;

  async function finish(sid: string, signal?: AbortSignal): Promise<SignedIn> {
    pending = null;
    await session.set(sid);
    const who = await session.info(sid, signal);
    session.confirm();
    return { status: 'ok', identity: who };
  }

  async function secondFactor(sid: string, tdId: string | null, signal?: AbortSignal): Promise<LoginResult> {
    const step: PendingTotp = { sessionId: sid, csrfToken: null };
    pending = step;
    if (tdId) {
      const page = await fetchTotpPage(ctx.http, sid, tdId, signal);
      if (page.kind === 'finished') return finish(page.sessionId, signal);
      if (page.kind === 'form') step.csrfToken = page.csrfToken;
      // The device is no longer trusted (expired or revoked): forget the cookie.
      await ctx.secrets.set('totp-device', null);
    }
    return { status: 'totp_required' };
  }

  async function authenticate(password: string, signal?: AbortSignal): Promise<LoginResult> {
    const tdId = await ctx.secret('totp-device');
    const { result, res } = await ctx.t.jsonRpc('/web/session/authenticate', { db: ctx.database, login: ctx.login, password }, signal);
    const sid = readSetCookie(res.setCookies, 'session_id');
    if (!isRecord(result)) throw new AppError('bad_response', 'The server did not answer like Odoo.');
    if (!sid) throw new AppError('bad_response', 'Odoo did not open a session.', { reason: 'no_session_cookie' });
    if (typeof result.uid !== 'number') return secondFactor(sid, tdId, signal);
    pending = null;
    await session.set(sid);
    session.confirm();
    const identity = ctx.signedInAs(identityFromSessionInfo(result, ctx.knownVersion()?.serverVersion ?? ''));
    return { status: 'ok', identity };
  }

  async function submitTotp(code: string, trustDevice: boolean, signal?: AbortSignal): Promise<LoginResult> {
    const step = pending;
    if (!step) throw stepExpired();
    if (!/^\d{6}$/.test(code)) throw new AppError('totp_invalid', 'The code must be six digits.');
    if (step.csrfToken === null) {
      const page = await fetchTotpPage(ctx.http, step.sessionId, null, signal);
      if (page.kind === 'expired') {
        pending = null;
        throw stepExpired();
      }
      if (page.kind !== 'form') {
        throw new AppError('bad_response', 'Odoo did not show its two-factor form.', { status: page.kind === 'other' ? page.status : 200 });
      }
      step.csrfToken = page.csrfToken;
    }
    let posted: TotpPosted;
    try {
      posted = await postTotpCode(ctx.http, { sessionId: step.sessionId, csrfToken: step.csrfToken }, code, trustDevice, signal);
    } catch (e) {
      if (isAppError(e, 'session_expired')) pending = null;
      throw e;
    }
    if ('refused' in posted) {
      step.csrfToken = posted.refused.csrfToken;
      throw new AppError('totp_invalid', 'The code was not accepted. Check the time on your phone and try again.');
    }
    const { sessionId, tdId } = posted.finished;
    if (tdId) await ctx.secrets.set('totp-device', tdId);
    return finish(sessionId, signal);
  }

  return {
    authenticate,
    secondFactor,
    finish,
    submitTotp,
    forget() {
      pending = null;
    },
  };
}
