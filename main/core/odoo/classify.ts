// Why: Odoo reports every failure with HTTP 200 and an `error` object whose `code` means
// little (200 for almost everything, 100 for an expired session, 0 on newer masters);
// what tells failures apart is `error.data.name`. This module is the one table from
// those names (and XML-RPC fault codes, and JSON-2 statuses) to the app's error codes.
// Messages are written for a person; Odoo's own text is kept in `details.odooMessage`
// (server text, never a credential: requests are never echoed into errors).
import type { ErrorCode } from '../../../contract/index.js';
import { AppError, type ErrorDetails } from '../errors.js';
import { isRecord } from './shapes.js';

export const SESSION_EXPIRED_NAME = 'odoo.http.SessionExpiredException';

const MESSAGES: Record<string, string> = {
  auth_failed: 'Odoo refused the login. Check the login and the password or API key.',
  session_expired: 'The Odoo session has expired. Log in again.',
  signed_in_elsewhere: 'This account signed in from another place, which ended this session. Log in again.',
  access_denied: 'Your Odoo user is not allowed to do this.',
  missing_record: 'The record does not exist any more (it may have been deleted).',
  user_error: 'Odoo refused the operation.',
  server_error: 'Odoo met an internal error.',
  unknown_database: 'This Odoo server has no database of that name.',
};

export function messageFor(code: ErrorCode): string {
  return MESSAGES[code] ?? 'Odoo refused the operation.';
}

const BY_NAME: Record<string, ErrorCode> = {
  'odoo.exceptions.AccessDenied': 'auth_failed',
  'odoo.http.SessionExpiredException': 'session_expired',
  'odoo.exceptions.AccessError': 'access_denied',
  'odoo.exceptions.MissingError': 'missing_record',
  'odoo.exceptions.UserError': 'user_error',
  'odoo.exceptions.ValidationError': 'user_error',
  'odoo.exceptions.RedirectWarning': 'user_error',
  'odoo.exceptions.Warning': 'user_error',
  'odoo.exceptions.except_orm': 'user_error',
  'werkzeug.exceptions.Unauthorized': 'auth_failed',
  'werkzeug.exceptions.Forbidden': 'access_denied',
  'werkzeug.exceptions.NotFound': 'user_error',
  'werkzeug.exceptions.UnprocessableEntity': 'user_error',
  'werkzeug.exceptions.BadRequest': 'user_error',
};

/** The app error code for an Odoo exception name (`error.data.name`). */
export function codeForName(name: string): ErrorCode {
  return BY_NAME[name] ?? 'server_error';
}

export interface OdooErrorData {
  name: string;
  message: string;
}

/** Reads `{name, message}` from a JSON-RPC `error` object or a JSON-2 error body. */
export function readErrorData(error: unknown): OdooErrorData {
  if (!isRecord(error)) return { name: '', message: '' };
  const data = isRecord(error.data) ? error.data : error;
  const name = typeof data.name === 'string' ? data.name : '';
  const message =
    typeof data.message === 'string' ? data.message : typeof error.message === 'string' ? error.message : '';
  return { name, message };
}

function clip(s: string): string {
  return s.length > 2000 ? `${s.slice(0, 2000)}…` : s;
}

export function odooError(code: ErrorCode, data: OdooErrorData, extra?: ErrorDetails): AppError {
  const details: ErrorDetails = { ...extra };
  if (data.name) details.odooError = data.name;
  if (data.message) details.odooMessage = clip(data.message);
  return new AppError(code, messageFor(code), details);
}

/**
 * A database name the server does not have. Real Odoo 17 says so three ways: the password
 * login answers AccessError "Database not found."; `/jsonrpc` (`common.login`,
 * `execute_kw`) answers `psycopg2.OperationalError` "… database "x" does not exist"; XML-RPC
 * answers fault 1 with that same exception as the traceback's last line. All three are the
 * one typed error `unknown_database` (docs/odoo-protocol.md, "Wrong database").
 */
export function isUnknownDatabase(name: string, message: string): boolean {
  if (name === 'odoo.exceptions.AccessError' && /^Database not found\.?$/i.test(message.trim())) return true;
  return /OperationalError/.test(name || message) && /database "[^"]*" does not exist/i.test(message);
}

/** A JSON-RPC `error` object → AppError, by `data.name`. */
export function fromJsonRpcError(error: unknown): AppError {
  const data = readErrorData(error);
  if (isUnknownDatabase(data.name, data.message)) return odooError('unknown_database', data);
  return odooError(codeForName(data.name), data);
}

/**
 * An XML-RPC fault → AppError. Odoo's `/xmlrpc/2` uses integer codes: 3 AccessDenied,
 * 4 AccessError, 2 UserError (incl. MissingError, ValidationError, missing model), 1 other.
 */
export function fromXmlRpcFault(faultCode: number, faultString: string): AppError {
  const firstLine = faultString.split('\n').find((l) => l.trim() !== '') ?? '';
  let code: ErrorCode;
  let name: string;
  switch (faultCode) {
    case 3:
      code = 'auth_failed';
      name = 'odoo.exceptions.AccessDenied';
      break;
    case 4:
      code = 'access_denied';
      name = 'odoo.exceptions.AccessError';
      break;
    case 2:
      if (/^Record does not exist or has been deleted/.test(faultString)) {
        code = 'missing_record';
        name = 'odoo.exceptions.MissingError';
      } else {
        code = 'user_error';
        name = 'odoo.exceptions.UserError';
      }
      break;
    default:
      code = 'server_error';
      name = '';
  }
  // Code 1 carries a whole traceback: keep only its last line, the exception itself.
  const lines = faultString.trim().split('\n');
  const message = faultCode === 1 ? (lines[lines.length - 1] ?? '') : faultString || firstLine;
  if (faultCode === 1 && isUnknownDatabase('', message)) {
    return odooError('unknown_database', { name: 'psycopg2.OperationalError', message }, { faultCode });
  }
  return odooError(code, { name, message }, { faultCode });
}

/**
 * JSON-2 (19+) answers errors with an HTTP status and a `{name, message, …}` body.
 * The name decides when present; the status otherwise.
 */
export function fromJson2Error(status: number, body: unknown): AppError {
  const data = readErrorData(body);
  let code: ErrorCode;
  if (data.name && BY_NAME[data.name]) code = codeForName(data.name);
  else if (status === 401) code = 'auth_failed';
  else if (status === 403) code = 'access_denied';
  else if (status === 404 || status === 422 || status === 400) code = 'user_error';
  else code = 'server_error';
  return odooError(code, data, { status });
}
