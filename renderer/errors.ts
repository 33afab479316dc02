// Why: a failure must tell the person what happened and what to do next, in their words,
// whatever layer it came from. Every contract error code maps to a sentence and a next
// step here; screens render the result with <ProblemNotice>. Main's own message is shown
// as well where it carries specifics (Odoo's validation text, the redirect target...).
import type { ErrorCode } from '../preload/contract';
import { CompanionError } from './api';

export type ProblemAction = 'retry' | 'unlock' | 'edit-profile' | 'security' | 'settings' | 'wait';

export interface Problem {
  code: ErrorCode;
  /** What happened. */
  title: string;
  /** What to do about it. */
  todo: string;
  /** Main's message when it adds something to the title. */
  detail: string | null;
  action: ProblemAction | null;
  /** For certificate problems: the fingerprint the server presented. */
  fingerprint: string | null;
  host: string | null;
  /** For throttling: when the next try is allowed (epoch ms). */
  retryAt: number | null;
}

interface Entry {
  title: string;
  todo: string;
  action?: ProblemAction;
  /** Show main's message under the title (it is specific and secret-free by contract). */
  showMessage?: boolean;
}

const TABLE: Record<ErrorCode, Entry> = {
  invalid_input: { title: 'Some of what you entered was not accepted.', todo: 'Check the highlighted fields and try again.', showMessage: true },
  unknown_channel: { title: 'This version of Odoo Companion cannot do that.', todo: 'Restart Odoo Companion; if it persists, update it.' },
  forbidden_sender: { title: 'The request came from an unexpected place and was refused.', todo: 'Restart Odoo Companion.' },
  payload_too_large: { title: 'What you entered is too long.', todo: 'Shorten it and try again.' },
  internal: { title: 'Something went wrong inside Odoo Companion.', todo: 'Nothing was lost. Try again; restart the app if it keeps happening.', action: 'retry' },
  locked: { title: 'Odoo Companion is locked.', todo: 'Unlock it to continue.', action: 'unlock' },
  vault_not_initialized: { title: 'No vault has been created on this computer yet.', todo: 'Create a vault passphrase first.' },
  vault_exists: { title: 'A vault already exists on this computer.', todo: 'Unlock it with its passphrase.' },
  wrong_passphrase: { title: 'That passphrase is not correct.', todo: 'Check Caps Lock and your keyboard layout, then try again.' },
  throttled: { title: 'Too many wrong passphrases.', todo: 'Wait until the countdown ends, then try again.', action: 'wait' },
  reauth_required: { title: 'Confirm it is you first.', todo: 'Enter your vault passphrase (or use Touch ID / Windows Hello), then try again.' },
  presence_unavailable: { title: 'Touch ID / Windows Hello is not available right now.', todo: 'Use your vault passphrase.', showMessage: true },
  presence_failed: { title: 'Your identity was not confirmed.', todo: 'Try again, or use your vault passphrase.' },
  keychain_unavailable: {
    title: 'The system keychain could not be reached.',
    todo: 'Unlock your system keyring or wallet (on Linux: GNOME Keyring or KWallet must be running), then try again.',
    action: 'retry',
  },
  profile_not_found: { title: 'This profile no longer exists.', todo: 'Go back to the profile list.' },
  profile_store_corrupt: { title: 'The saved profile list could not be read.', todo: 'Odoo Companion restored the last good copy; check your profiles.', showMessage: true },
  invalid_url: { title: 'That is not a usable Odoo address.', todo: 'Enter the address you use in your browser, for example https://mycompany.odoo.com.', showMessage: true },
  insecure_url: { title: 'That address is not encrypted (http).', todo: 'Use https://. Plain http is only allowed for a server on this computer.' },
  auth_failed: { title: 'Odoo did not accept the login or the credential.', todo: 'Check the login, then re-enter the password or API key.', action: 'edit-profile' },
  unknown_database: { title: 'This Odoo server has no database of that name.', todo: 'Check the database name with your Odoo administrator, then edit the profile.', action: 'edit-profile' },
  password_required: { title: 'Odoo ended your session.', todo: 'Enter your Odoo password to sign in again (your two-factor code is not needed on a trusted device).' },
  totp_required: { title: 'Odoo asks for your two-factor code.', todo: 'Enter the 6-digit code from your authenticator app.' },
  totp_invalid: { title: 'That two-factor code was not accepted.', todo: 'Wait for the next code in your authenticator app and enter it.' },
  session_expired: { title: 'Your Odoo session has expired.', todo: 'Sign in again; if the profile keeps its password, just retry.', action: 'retry' },
  signed_in_elsewhere: { title: 'This Odoo account was signed out by another sign-in.', todo: 'Retry to sign in again.', action: 'retry' },
  access_denied: { title: 'Your Odoo user may not do that.', todo: 'Ask your Odoo administrator for access.', showMessage: true },
  missing_record: { title: 'The record no longer exists in Odoo.', todo: 'It may have been deleted; search again.' },
  user_error: { title: 'Odoo refused the request.', todo: 'Read Odoo’s message below and adjust.', showMessage: true },
  server_error: { title: 'The Odoo server failed while answering.', todo: 'Try again in a moment; tell your Odoo administrator if it persists.', action: 'retry' },
  network: { title: 'The Odoo server could not be reached.', todo: 'Check your internet or VPN connection and that the server is up, then retry.', action: 'retry' },
  timeout: { title: 'The Odoo server took too long to answer.', todo: 'The server may be busy or down. Retry in a moment.', action: 'retry' },
  too_large: { title: 'Odoo’s answer was too large.', todo: 'Narrow the search and try again.' },
  bad_response: {
    title: 'The server answered, but not like Odoo.',
    todo: 'A proxy or maintenance page may be in the way. Check the address and try again later.',
    action: 'retry',
  },
  redirect: { title: 'The server redirects to another address.', todo: 'If you trust the new address, edit the profile to use it.', action: 'edit-profile', showMessage: true },
  aborted: { title: 'The request was cancelled.', todo: 'Try again if you still need it.', action: 'retry' },
  tls_untrusted: {
    title: 'The server’s certificate could not be trusted.',
    todo: 'Do not continue on an untrusted network. Ask your administrator whether the certificate changed.',
    showMessage: true,
  },
  tls_pin_mismatch: {
    title: 'The server presented a different certificate than the one saved for this profile.',
    todo:
      'Someone may be intercepting the connection, so Odoo Companion did not send anything. Compare the fingerprint below with your administrator; only if they confirm a new certificate, re-pin the profile from its Security page.',
    action: 'security',
  },
  shortcut_unavailable: { title: 'That keyboard shortcut cannot be used.', todo: 'Another app may own it. Choose a different shortcut.' },
};

const GENERIC: Entry = { title: 'Something went wrong.', todo: 'Try again.', action: 'retry' };

function str(v: unknown): string | null {
  return typeof v === 'string' && v.length > 0 ? v : null;
}

export function describeProblem(error: unknown): Problem {
  if (!(error instanceof CompanionError)) {
    return { code: 'internal', title: GENERIC.title, todo: GENERIC.todo, detail: null, action: 'retry', fingerprint: null, host: null, retryAt: null };
  }
  const entry = TABLE[error.code] ?? GENERIC;
  const d = error.details ?? {};
  const retryAt = typeof d.retryAt === 'number' ? d.retryAt : null;
  const message = error.message.trim();
  return {
    code: error.code,
    title: entry.title,
    todo: entry.todo,
    detail: entry.showMessage === true && message.length > 0 && message !== entry.title ? message : null,
    action: entry.action ?? null,
    fingerprint: str(d.fingerprint) ?? str(d.fingerprintSha256),
    host: str(d.host),
    retryAt,
  };
}
