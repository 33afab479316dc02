// Why: every failure that crosses IPC is `{ code, message, details? }` with a code from
// one closed list, so the renderer can say what happened and what to do for each, and
// main can never leak a stack or an exception object. Every answer is an envelope.
import { z } from 'zod';

export const ERROR_CODES = [
  'invalid_input',
  'unknown_channel',
  'forbidden_sender',
  'payload_too_large',
  'internal',
  'locked',
  'vault_not_initialized',
  'vault_exists',
  'wrong_passphrase',
  'throttled',
  'reauth_required',
  'presence_unavailable',
  'presence_failed',
  'keychain_unavailable',
  'profile_not_found',
  'profile_store_corrupt',
  'invalid_url',
  'insecure_url',
  'auth_failed',
  'unknown_database',
  'password_required',
  'totp_required',
  'totp_invalid',
  'session_expired',
  'signed_in_elsewhere',
  'access_denied',
  'missing_record',
  'user_error',
  'server_error',
  'network',
  'timeout',
  'too_large',
  'bad_response',
  'redirect',
  'aborted',
  'tls_untrusted',
  'tls_pin_mismatch',
  'shortcut_unavailable',
] as const;
export const errorCodeSchema = z.enum(ERROR_CODES);
export type ErrorCode = z.infer<typeof errorCodeSchema>;

const detailValue = z.union([z.string(), z.number(), z.boolean(), z.null(), z.array(z.string())]);
export const wireErrorSchema = z.object({
  code: errorCodeSchema,
  message: z.string(),
  details: z.record(z.string(), detailValue).optional(),
});
export type WireError = z.infer<typeof wireErrorSchema>;

/** What every invoke resolves to; the renderer's client turns `ok: false` into a throw. */
export type Envelope<T> = { ok: true; value: T } | { ok: false; error: WireError };
