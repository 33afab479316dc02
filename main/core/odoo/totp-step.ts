// Why: Odoo's second factor has no JSON route: a half-authenticated session finishes over
// the HTML form at /web/login/totp (docs/odoo-protocol.md, "Two-factor"). This module is
// that exchange and nothing else — fetch the form (or be let through by a trusted-device
// cookie), post the code — answering in typed outcomes so the sign-in logic above never
// parses HTML or redirects itself. Odoo 17 crashes on "remember this device" when the
// User-Agent names no browser, so these requests present themselves as one.
import { AppError } from '../errors.js';
import { cookieHeader, readSetCookie, readTotpForm } from './cookies.js';
import type { HttpChannel } from './http.js';

export const BROWSER_UA =
  'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/140.0.0.0 Safari/537.36 OdooCompanion/0.1';

export const stepExpired = (): AppError => new AppError('session_expired', 'The login step has expired. Log in again.');

/** Odoo sent the browser back to its login page: the half-authenticated session is gone. */
function toLoginPage(location: string): boolean {
  return new URL(location).pathname.startsWith('/web/login');
}

/** What `GET /web/login/totp` answered for a half-authenticated session. */
export type TotpPage =
  | { kind: 'finished'; sessionId: string }
  | { kind: 'form'; csrfToken: string }
  | { kind: 'expired' }
  | { kind: 'other'; status: number };

export async function fetchTotpPage(http: HttpChannel, sessionId: string, tdId: string | null, signal?: AbortSignal): Promise<TotpPage> {
  const page = await http.request({
    method: 'GET',
    path: '/web/login/totp',
    headers: { 'user-agent': BROWSER_UA, accept: 'text/html', cookie: cookieHeader({ session_id: sessionId, td_id: tdId }) },
    signal,
    acceptRedirect: true,
  });
  if (page.location !== null) {
    if (toLoginPage(page.location)) return { kind: 'expired' };
    // A trusted device: Odoo finishes the login and rotates the session id.
    const finished = readSetCookie(page.setCookies, 'session_id');
    if (finished) return { kind: 'finished', sessionId: finished };
  }
  const form = page.status === 200 ? readTotpForm(page.body.toString('utf8')) : null;
  return form ? { kind: 'form', csrfToken: form.csrfToken } : { kind: 'other', status: page.status };
}

/** What posting the code led to: the finished session (and the trusted-device cookie when asked for), or a refusal with the form's next CSRF token. */
export type TotpPosted = { finished: { sessionId: string; tdId: string | null } } | { refused: { csrfToken: string } };

/** Posts the code. */
export async function postTotpCode(
  http: HttpChannel,
  pending: { sessionId: string; csrfToken: string },
  code: string,
  trustDevice: boolean,
  signal?: AbortSignal,
): Promise<TotpPosted> {
  const form = new URLSearchParams({ csrf_token: pending.csrfToken, totp_token: code, redirect: '' });
  if (trustDevice) form.set('remember', '1');
  const res = await http.request({
    method: 'POST',
    path: '/web/login/totp',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      accept: 'text/html',
      'user-agent': BROWSER_UA,
      cookie: cookieHeader({ session_id: pending.sessionId }),
    },
    body: form.toString(),
    signal,
    acceptRedirect: true,
  });
  if (res.location !== null) {
    if (toLoginPage(res.location)) throw stepExpired();
    const sessionId = readSetCookie(res.setCookies, 'session_id');
    if (!sessionId) throw new AppError('bad_response', 'Odoo did not open a session.', { reason: 'no_session_cookie' });
    return { finished: { sessionId, tdId: readSetCookie(res.setCookies, 'td_id') } };
  }
  if (res.status === 200) {
    const again = readTotpForm(res.body.toString('utf8'));
    if (again) return { refused: { csrfToken: again.csrfToken } };
  }
  throw new AppError('bad_response', 'Odoo answered the two-factor step unexpectedly.', { status: res.status });
}

