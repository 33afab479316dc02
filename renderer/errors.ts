// Why: a failure must tell the person what happened and what to do next, in their words,
// whatever layer it came from. Every contract error code maps to a sentence and a next
// step here; screens render the result with <ProblemNotice>. Main's own message is shown
// as well where it carries specifics (Odoo's validation text, the redirect target...).
// The sentences are catalogue keys: the person reads them in their language.
import type { ErrorCode } from '../contract';
import { CompanionError } from './api';
import { currentLocale, t, type MessageKey } from './i18n';

export type ProblemAction = 'retry' | 'unlock' | 'edit-profile' | 'security' | 'settings' | 'wait';

export interface Problem {
  code: ErrorCode;
  /** What happened. */
  title: string;
  /** What to do about it. */
  todo: string;
  /** Main's message when it adds something to the title. */
  detail: string | null;
  /** The detail is Odoo's own text (an AccessError's message), not ours. */
  detailFromOdoo: boolean;
  action: ProblemAction | null;
  /** For certificate problems: the fingerprint the server presented. */
  fingerprint: string | null;
  host: string | null;
  /** For certificate problems: what the core said about the chain (see certificateFacts). */
  certificate: CertificateFacts | null;
  /** For throttling: when the next try is allowed (epoch ms). */
  retryAt: number | null;
}

/** What a `tls_untrusted` / `tls_pin_mismatch` error carries, read defensively. */
export interface CertificateFacts {
  /** The verification code (`tls_untrusted`), shown in words; the code only in technical details. */
  reason: string | null;
  port: number | null;
  /** Who signed the certificate presented now (a distinguished name). */
  presentedIssuer: string | null;
  presentedNames: string[];
  presentedPins: string[];
  /** The profile's pins, and who signed the certificate it last accepted (`tls_pin_mismatch`). */
  expectedPins: string[];
  expectedIssuer: string | null;
}

function strings(v: unknown): string[] {
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
}

function certificateFacts(code: ErrorCode, d: Record<string, unknown>): CertificateFacts | null {
  if (code !== 'tls_untrusted' && code !== 'tls_pin_mismatch') return null;
  return {
    reason: str(d.reason),
    port: typeof d.port === 'number' ? d.port : null,
    presentedIssuer: str(d.presentedIssuer),
    presentedNames: strings(d.presentedNames),
    presentedPins: strings(d.presentedPins),
    expectedPins: strings(d.expectedPins),
    expectedIssuer: str(d.expectedIssuer),
  };
}

interface Entry {
  title: MessageKey;
  todo: MessageKey;
  action?: ProblemAction;
  /**
   * Show main's message under the title (it is specific and secret-free by contract):
   * 'odoo' when it is Odoo's own text (shown as Odoo sent it, marked as Odoo's), 'main'
   * when it is ours — written in English, so shown only to people reading English.
   */
  showMessage?: 'odoo' | 'main';
}

const TABLE: Record<ErrorCode, Entry> = {
  invalid_input: { title: 'error.invalid_input.title', todo: 'error.invalid_input.todo', showMessage: 'main' },
  unknown_channel: { title: 'error.unknown_channel.title', todo: 'error.unknown_channel.todo' },
  forbidden_sender: { title: 'error.forbidden_sender.title', todo: 'error.forbidden_sender.todo' },
  payload_too_large: { title: 'error.payload_too_large.title', todo: 'error.payload_too_large.todo' },
  internal: { title: 'error.internal.title', todo: 'error.internal.todo', action: 'retry' },
  locked: { title: 'error.locked.title', todo: 'error.locked.todo', action: 'unlock' },
  vault_not_initialized: { title: 'error.vault_not_initialized.title', todo: 'error.vault_not_initialized.todo' },
  vault_exists: { title: 'error.vault_exists.title', todo: 'error.vault_exists.todo' },
  wrong_passphrase: { title: 'error.wrong_passphrase.title', todo: 'error.wrong_passphrase.todo' },
  throttled: { title: 'error.throttled.title', todo: 'error.throttled.todo', action: 'wait' },
  reauth_required: { title: 'error.reauth_required.title', todo: 'error.reauth_required.todo' },
  presence_unavailable: { title: 'error.presence_unavailable.title', todo: 'error.presence_unavailable.todo', showMessage: 'main' },
  presence_failed: { title: 'error.presence_failed.title', todo: 'error.presence_failed.todo' },
  keychain_unavailable: {
    title: 'error.keychain_unavailable.title',
    todo: 'error.keychain_unavailable.todo',
    action: 'retry',
  },
  profile_not_found: { title: 'error.profile_not_found.title', todo: 'error.profile_not_found.todo' },
  profile_store_corrupt: { title: 'error.profile_store_corrupt.title', todo: 'error.profile_store_corrupt.todo', showMessage: 'main' },
  invalid_url: { title: 'error.invalid_url.title', todo: 'error.invalid_url.todo', showMessage: 'main' },
  insecure_url: { title: 'error.insecure_url.title', todo: 'error.insecure_url.todo' },
  auth_failed: { title: 'error.auth_failed.title', todo: 'error.auth_failed.todo', action: 'edit-profile' },
  unknown_database: { title: 'error.unknown_database.title', todo: 'error.unknown_database.todo', action: 'edit-profile' },
  password_required: { title: 'error.password_required.title', todo: 'error.password_required.todo' },
  totp_required: { title: 'error.totp_required.title', todo: 'error.totp_required.todo' },
  totp_invalid: { title: 'error.totp_invalid.title', todo: 'error.totp_invalid.todo' },
  session_expired: { title: 'error.session_expired.title', todo: 'error.session_expired.todo', action: 'retry' },
  signed_in_elsewhere: { title: 'error.signed_in_elsewhere.title', todo: 'error.signed_in_elsewhere.todo', action: 'retry' },
  access_denied: { title: 'error.access_denied.title', todo: 'error.access_denied.todo', showMessage: 'odoo' },
  missing_record: { title: 'error.missing_record.title', todo: 'error.missing_record.todo' },
  user_error: { title: 'error.user_error.title', todo: 'error.user_error.todo', showMessage: 'odoo' },
  server_error: { title: 'error.server_error.title', todo: 'error.server_error.todo', action: 'retry' },
  network: { title: 'error.network.title', todo: 'error.network.todo', action: 'retry' },
  timeout: { title: 'error.timeout.title', todo: 'error.timeout.todo', action: 'retry' },
  too_large: { title: 'error.too_large.title', todo: 'error.too_large.todo' },
  bad_response: {
    title: 'error.bad_response.title',
    todo: 'error.bad_response.todo',
    action: 'retry',
  },
  redirect: { title: 'error.redirect.title', todo: 'error.redirect.todo', action: 'edit-profile', showMessage: 'main' },
  aborted: { title: 'error.aborted.title', todo: 'error.aborted.todo', action: 'retry' },
  // The reason is shown in words from its code (renderer/certificate-words.ts), in every language.
  tls_untrusted: { title: 'error.tls_untrusted.title', todo: 'error.tls_untrusted.todo' },
  tls_pin_mismatch: {
    title: 'error.tls_pin_mismatch.title',
    todo: 'error.tls_pin_mismatch.todo',
    action: 'security',
  },
  shortcut_unavailable: { title: 'error.shortcut_unavailable.title', todo: 'error.shortcut_unavailable.todo' },
};

const GENERIC: Entry = { title: 'error.generic.title', todo: 'error.generic.todo', action: 'retry' };

function str(v: unknown): string | null {
  return typeof v === 'string' && v.length > 0 ? v : null;
}

export function describeProblem(error: unknown): Problem {
  if (!(error instanceof CompanionError)) {
    return { code: 'internal', title: t(GENERIC.title), todo: t(GENERIC.todo), detail: null, detailFromOdoo: false, action: 'retry', fingerprint: null, host: null, certificate: null, retryAt: null };
  }
  const entry = TABLE[error.code] ?? GENERIC;
  const d = error.details ?? {};
  const retryAt = typeof d.retryAt === 'number' ? d.retryAt : null;
  // Odoo's own words travel in details.odooMessage; the message beside them is main's summary.
  const message = (entry.showMessage === 'odoo' ? (str(d.odooMessage) ?? error.message) : error.message).trim();
  const title = t(entry.title);
  const shown = entry.showMessage === 'odoo' || (entry.showMessage === 'main' && currentLocale() === 'en');
  return {
    code: error.code,
    title,
    todo: t(entry.todo),
    detail: shown && message.length > 0 && message !== title ? message : null,
    detailFromOdoo: entry.showMessage === 'odoo',
    action: entry.action ?? null,
    fingerprint: str(d.fingerprint) ?? str(d.fingerprintSha256),
    host: str(d.host),
    certificate: certificateFacts(error.code, d),
    retryAt,
  };
}
