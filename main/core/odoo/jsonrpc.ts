// Why: Odoo's JSON-RPC envelope has traps (errors under HTTP 200, a `null` result left out
// entirely, `id: null` on an expired session, HTML pages from proxies in place of JSON).
// Reading answers in one place keeps those rules out of the client logic.
import { AppError } from '../errors.js';
import { fromJsonRpcError } from './classify.js';
import type { HttpResponse } from './http.js';

export function jsonRpcBody(params: unknown, id: number): string {
  return JSON.stringify({ jsonrpc: '2.0', method: 'call', params, id });
}

function badResponse(res: HttpResponse, why: string): AppError {
  return new AppError('bad_response', 'The server did not answer like Odoo (a proxy or error page?).', {
    status: res.status,
    reason: why,
  });
}

/** Parses a JSON body or throws bad_response (an HTML proxy page, truncated JSON…). */
export function parseJsonBody(res: HttpResponse): unknown {
  const text = res.body.toString('utf8');
  try {
    return JSON.parse(text);
  } catch {
    throw badResponse(res, /html/i.test(res.contentType) || /^\s*</.test(text) ? 'html' : 'invalid_json');
  }
}

/**
 * The `result` of a JSON-RPC answer (undefined when Odoo left a null result out), or the
 * classified AppError of its `error`.
 */
export function readJsonRpc(res: HttpResponse): unknown {
  if (res.status !== 200) {
    throw badResponse(res, res.status >= 500 ? 'server_status' : 'unexpected_status');
  }
  const parsed = parseJsonBody(res);
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw badResponse(res, 'not_jsonrpc');
  const env = parsed as Record<string, unknown>;
  if ('error' in env && env.error !== undefined && env.error !== null) throw fromJsonRpcError(env.error);
  if (env.jsonrpc !== '2.0') throw badResponse(res, 'not_jsonrpc');
  return env.result;
}
