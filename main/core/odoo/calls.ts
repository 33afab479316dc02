// Why: one model call, whatever carries it. A key signs each call itself (JSON-2 on Odoo 19,
// else `execute_kw` over JSON-RPC or XML-RPC). A web session goes as a cookie; when Odoo
// refuses it, the call retries once — on the session another call opened meanwhile, through
// this device's key, or after one sign-in shared by every concurrent call — and never
// loops. The shorthands callers use (searchRead, read, …) are built on that one call.
import type { Identity } from '../../../contract/index.js';
import { AppError, isAppError } from '../errors.js';
import type { ClientContext } from './client-context.js';
import type { CallOptions, OdooClient } from './client-types.js';
import { IDENTITY_FIELDS, identityFromUserRow } from './identity.js';
import { json2Body } from './json2.js';
import { afterRefused, afterRefusedCall, withoutSession } from './session-decision.js';
import type { SessionState } from './session-state.js';
import { isRecord } from './shapes.js';
import type { KeyAuth } from './sign-in/api-key.js';
import type { SessionCarrier, SharedSignIn, SignInMethod } from './sign-in/method.js';

type Shorthands = Pick<OdooClient, 'call' | 'searchRead' | 'searchCount' | 'nameSearch' | 'read' | 'fieldsGet'>;

export interface Calls extends Shorthands {
  /** Reads who `userId` is with a model call (how a key learns the identity). */
  readIdentity(userId: number, signal?: AbortSignal): Promise<Identity>;
}

export interface CallDeps {
  method: SignInMethod;
  session: SessionState;
  keys: KeyAuth;
  shared: SharedSignIn;
}

export function createCalls(ctx: ClientContext, deps: CallDeps): Calls {
  const { method, session, keys, shared } = deps;
  const { t } = ctx;

  async function keyCall(model: string, name: string, args: readonly unknown[], kwargs: Record<string, unknown>, signal?: AbortSignal): Promise<unknown> {
    const key = await keys.key();
    const transport = await ctx.keyTransport(signal);
    if (transport === 'json2') {
      return t.json2(`/json/2/${encodeURIComponent(model)}/${encodeURIComponent(name)}`, json2Body(name, args, kwargs), key, signal);
    }
    // One key check for every concurrent call; the uid is kept until lock.
    const params = [ctx.database, await keys.uid(signal), key, model, name, args, kwargs];
    if (transport === 'xmlrpc') return t.xmlRpc('/xmlrpc/2/object', 'execute_kw', params, signal);
    const { result } = await t.jsonRpc('/jsonrpc', { service: 'object', method: 'execute_kw', args: params }, signal);
    return result;
  }

  async function sessionCall(
    carrier: SessionCarrier,
    model: string,
    name: string,
    args: readonly unknown[],
    kwargs: Record<string, unknown>,
    signal?: AbortSignal,
  ): Promise<unknown> {
    let sid = await session.stored();
    let reauthenticated = false;
    if (!sid) {
      // 'account' without a password at hand: the device key carries calls until the next sign-in.
      if ((await withoutSession(carrier.atHand)) === 'device-key') return keyCall(model, name, args, kwargs, signal);
      await shared.require(signal);
      reauthenticated = true;
      sid = session.current();
    }
    for (;;) {
      try {
        const result = await t.callKw(sid, model, name, args, kwargs, signal);
        session.confirm();
        return result;
      } catch (e) {
        if (!isAppError(e, 'session_expired')) throw e;
        const next = afterRefusedCall(sid, session.current(), reauthenticated);
        if (next === 'give-up') throw e;
        reauthenticated = true;
        if (next === 'retry') {
          // Another call already signed in again while this one was on the wire.
          sid = session.current();
          continue;
        }
        await session.dropIf(sid);
        if ((await afterRefused(carrier.atHand, e)) === 'device-key') return keyCall(model, name, args, kwargs, signal);
        // Sign in again once, transparently, with the password at hand; then retry once.
        await shared.require(signal);
        sid = session.current();
      }
    }
  }

  async function call<T>(model: string, name: string, args: readonly unknown[] = [], kwargs: Record<string, unknown> = {}, opts?: CallOptions): Promise<T> {
    const signal = opts?.signal;
    const { carrier } = method;
    // While Odoo has not confirmed the session lately, the first call goes alone and the
    // others wait for it: an expired session then costs one refused call and one sign-in.
    const result =
      carrier.kind === 'key'
        ? await keyCall(model, name, args, kwargs, signal)
        : await session.firstAlone(() => sessionCall(carrier, model, name, args, kwargs, signal), signal);
    return result as T;
  }

  async function readIdentity(userId: number, signal?: AbortSignal): Promise<Identity> {
    const v = await ctx.ensureVersion(signal);
    const rows = await call<unknown>('res.users', 'read', [[userId]], { fields: [...IDENTITY_FIELDS] }, signal ? { signal } : {});
    const row = Array.isArray(rows) ? (rows as unknown[])[0] : undefined;
    if (!isRecord(row)) {
      // Real Odoo answers `read()` of a deleted or unknown id with [] (no MissingError).
      throw new AppError('missing_record', 'The record does not exist any more (it may have been deleted).', { model: 'res.users' });
    }
    ctx.who.identity = identityFromUserRow(row, { uid: userId, login: ctx.login, database: ctx.database, serverVersion: v.serverVersion });
    return ctx.who.identity;
  }

  return {
    call,
    readIdentity,
    searchRead: (model, domain, fields, opts) => {
      const kwargs: Record<string, unknown> = { fields };
      if (opts?.offset !== undefined) kwargs.offset = opts.offset;
      if (opts?.limit !== undefined) kwargs.limit = opts.limit;
      if (opts?.order !== undefined) kwargs.order = opts.order;
      if (opts?.context !== undefined) kwargs.context = opts.context;
      return call(model, 'search_read', [domain], kwargs, opts);
    },
    searchCount: (model, domain, opts) => call(model, 'search_count', [domain], {}, opts),
    nameSearch: (model, name, opts) =>
      call(model, 'name_search', [name, opts?.domain ?? [], opts?.operator ?? 'ilike', opts?.limit ?? 100], {}, opts),
    read: (model, ids, fields, opts) => call(model, 'read', [ids], { fields }, opts),
    fieldsGet: (model, attributes, opts) => call(model, 'fields_get', [], attributes ? { attributes } : {}, opts),
  };
}
