// One error type for everything main can fail with. Its `code` is the contract's error
// code and its message is written for the person, so both may cross IPC as they are.
// Rule: a message or detail never contains a secret (password, key, token, session id,
// cookie, vault key) — callers build messages from non-secret facts only, and a canary
// test in every tier checks it.
import type { ErrorCode, WireError } from '../../contract/index.js';
import { scrubText } from './secret-scrubber.js';

export type ErrorDetails = Record<string, string | number | boolean | null | string[]>;

export class AppError extends Error {
  override readonly name = 'AppError';
  readonly code: ErrorCode;
  readonly details: ErrorDetails | undefined;
  constructor(code: ErrorCode, message: string, details?: ErrorDetails, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
    this.details = details;
  }
}

export function isAppError(e: unknown, code?: ErrorCode): e is AppError {
  return e instanceof AppError && (code === undefined || e.code === code);
}

const INTERNAL_MESSAGE = 'Something went wrong inside Odoo Companion. Nothing was lost; try again.';

/**
 * What crosses IPC. Unknown errors become `internal` with a fixed message: never a stack.
 * Every text (message and string details, which may quote the server) goes through
 * `scrub`; by default anything shaped like a token is replaced (secret-scrubber.ts).
 */
export function toWireError(e: unknown, scrub: (text: string) => string = scrubText): WireError {
  if (e instanceof AppError) {
    if (e.details === undefined) return { code: e.code, message: scrub(e.message) };
    const details: ErrorDetails = {};
    for (const [k, v] of Object.entries(e.details)) {
      details[k] = typeof v === 'string' ? scrub(v) : Array.isArray(v) ? v.map(scrub) : v;
    }
    return { code: e.code, message: scrub(e.message), details };
  }
  return { code: 'internal', message: INTERNAL_MESSAGE };
}

/** The vault is locked: every core service refuses with this one error. */
export function lockedError(message = 'Odoo Companion is locked. Unlock it to continue.'): AppError {
  return new AppError('locked', message);
}

/** A profile id that is not (or no longer) in the store. */
export function profileNotFound(id?: string): AppError {
  return new AppError('profile_not_found', 'This profile no longer exists.', id === undefined ? undefined : { id });
}
