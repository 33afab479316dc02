// Why: one transport layer beneath every sign-in method. It knows how Odoo wants each kind
// of request sent (a JSON-RPC envelope, odoo_jwt's flat JSON bodies, XML-RPC, JSON-2 with
// a bearer key, call_kw with a session cookie) and how each kind of answer reports a
// failure, and turns every one into a value or a typed AppError. It holds no credential
// and no state but a request counter: the sign-in methods above decide what to send.
import { AppError, isAppError } from '../errors.js';
import { fromJson2Error, fromXmlRpcFault } from './classify.js';
import { cookieHeader } from './cookies.js';
import type { HttpChannel, HttpResponse } from './http.js';
import { jsonRpcBody, parseJsonBody, readJsonRpc } from './jsonrpc.js';
import { encodeMethodCall, XmlRpcFault, type XmlRpcValue } from './xmlrpc-codec.js';
import { XmlRpcResponseDecoder } from './xmlrpc-stream.js';
import { modelCallCap, SESSION_ANSWER_BYTES, xmlRpcAnswerCap } from './response-limits.js';
import { isRecord } from './shapes.js';

export const APP_UA = 'OdooCompanion/0.1';

export interface JsonAnswer {
  result: unknown;
  res: HttpResponse;
}

export interface OdooTransport {
  readonly http: HttpChannel;
  /** A JSON-RPC call (`{"jsonrpc":"2.0","method":"call","params":…}`); errors typed by `data.name`. */
  jsonRpc(path: string, params: unknown, signal?: AbortSignal, headers?: Record<string, string>, maxBytes?: number): Promise<JsonAnswer>;
  /** An odoo_jwt route: a flat JSON body, the JSON-RPC envelope back. */
  jwtRoute(path: string, body: unknown, signal?: AbortSignal, headers?: Record<string, string>): Promise<JsonAnswer>;
  /** `/web/dataset/call_kw/<model>/<method>` with the session cookie. */
  callKw(sessionId: string | null, model: string, method: string, args: readonly unknown[], kwargs: Record<string, unknown>, signal?: AbortSignal): Promise<unknown>;
  /** `/xmlrpc/2/<service>`: faults typed by code, a page that is not XML-RPC is `bad_response`. */
  xmlRpc(path: string, method: string, params: unknown[], signal?: AbortSignal): Promise<unknown>;
  /** Odoo 19 JSON-2 with a bearer key; errors typed by name, then status. */
  json2(path: string, body: unknown, key: string, signal?: AbortSignal): Promise<unknown>;
  /** `/web/database/list`, or null when the server hides it. */
  databases(signal?: AbortSignal): Promise<string[] | null>;
}

function callKwPath(model: string, method: string): string {
  return `/web/dataset/call_kw/${encodeURIComponent(model)}/${encodeURIComponent(method)}`;
}

export function createOdooTransport(http: HttpChannel, database: string): OdooTransport {
  let rpcId = 0;
  const jsonHeaders = (extra?: Record<string, string>): Record<string, string> => ({
    'content-type': 'application/json',
    accept: 'application/json',
    'user-agent': APP_UA,
    ...extra,
  });

  // Every JSON answer is capped by what the call can legitimately return (response-limits.ts):
  // a model call by its method and row limit, anything else at SESSION_ANSWER_BYTES.
  async function postJson(path: string, body: string, signal?: AbortSignal, headers?: Record<string, string>, maxBytes = SESSION_ANSWER_BYTES): Promise<JsonAnswer> {
    const res = await http.request({ method: 'POST', path, headers: jsonHeaders(headers), body, signal, maxBytes });
    return { result: readJsonRpc(res), res };
  }

  const jsonRpc: OdooTransport['jsonRpc'] = (path, params, signal, headers, maxBytes) => {
    let cap = maxBytes;
    if (cap === undefined && isRecord(params) && params.service === 'object' && Array.isArray(params.args)) {
      // `/jsonrpc` execute_kw(db, uid, key, model, method, args, kwargs)
      const a = params.args as unknown[];
      cap = modelCallCap(String(a[4]), Array.isArray(a[5]) ? a[5] : [], isRecord(a[6]) ? a[6] : {});
    }
    return postJson(path, jsonRpcBody(params, ++rpcId), signal, headers, cap);
  };

  async function xmlRpc(path: string, method: string, params: unknown[], signal?: AbortSignal): Promise<unknown> {
    const badXml = (): AppError =>
      new AppError('bad_response', 'The server did not answer like Odoo (a proxy or error page?).', {
        status: 200,
        reason: 'invalid_xml',
      });
    // Decoded as the body arrives (xmlrpc-stream.ts), capped by what this call can return:
    // the main process never holds nor parses a hostile answer in one piece.
    const decoder = new XmlRpcResponseDecoder();
    const res = await http.request({
      method: 'POST',
      path,
      headers: { 'content-type': 'text/xml', accept: 'text/xml', 'user-agent': APP_UA },
      body: encodeMethodCall(method, params as XmlRpcValue[]),
      signal,
      maxBytes: xmlRpcAnswerCap(method, params),
      sink: (chunk) => {
        try {
          decoder.write(chunk);
        } catch {
          throw badXml();
        }
      },
    });
    if (res.status !== 200) {
      throw new AppError('bad_response', 'The server did not answer like Odoo (a proxy or error page?).', { status: res.status });
    }
    try {
      return decoder.end();
    } catch (e) {
      if (e instanceof XmlRpcFault) throw fromXmlRpcFault(e.faultCode, e.faultString);
      // Every parse failure, whatever the decoder threw, is the server's fault: bad_response.
      throw badXml();
    }
  }

  async function json2(path: string, body: unknown, key: string, signal?: AbortSignal): Promise<unknown> {
    const method = decodeURIComponent(path.split('/')[4] ?? '');
    const res = await http.request({
      method: 'POST',
      path,
      headers: jsonHeaders({ authorization: `bearer ${key}`, 'x-odoo-database': database }),
      body: JSON.stringify(body),
      signal,
      maxBytes: modelCallCap(method, [], isRecord(body) ? body : {}),
    });
    if (res.status === 200) return parseJsonBody(res);
    let parsed: unknown = null;
    if (/json/i.test(res.contentType)) {
      try {
        parsed = JSON.parse(res.body.toString('utf8'));
      } catch {
        parsed = null;
      }
    }
    if (!isRecord(parsed)) {
      // Odoo 19 answers a wrong X-Odoo-Database with 404 and an HTML page ("No database is selected…").
      if (res.status === 404 && /database/i.test(res.body.subarray(0, 4096).toString('utf8'))) {
        throw new AppError('unknown_database', 'This Odoo server has no database of that name.', { status: res.status });
      }
      throw new AppError('bad_response', 'The server did not answer like Odoo (a proxy or error page?).', { status: res.status });
    }
    throw fromJson2Error(res.status, parsed);
  }

  async function databases(signal?: AbortSignal): Promise<string[] | null> {
    const res = await http.request({
      method: 'POST',
      path: '/web/database/list',
      headers: jsonHeaders(),
      body: jsonRpcBody({}, ++rpcId),
      signal,
    });
    if (res.status === 404) return null;
    try {
      const result = readJsonRpc(res);
      return Array.isArray(result) ? result.filter((x): x is string => typeof x === 'string') : null;
    } catch (e) {
      // `list_db = False`: AccessDenied — the person types the name.
      if (isAppError(e, 'auth_failed') || isAppError(e, 'access_denied')) return null;
      throw e;
    }
  }

  return {
    http,
    jsonRpc,
    jwtRoute: (path, body, signal, headers) => postJson(path, JSON.stringify(body), signal, headers),
    async callKw(sessionId, model, method, args, kwargs, signal) {
      const { result } = await jsonRpc(
        callKwPath(model, method),
        { model, method, args, kwargs },
        signal,
        { cookie: cookieHeader({ session_id: sessionId }) },
        modelCallCap(method, args, kwargs),
      );
      return result;
    },
    xmlRpc,
    json2,
    databases,
  };
}
