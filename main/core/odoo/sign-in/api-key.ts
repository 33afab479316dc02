// Why: an API key signs every call by itself — no web session, no second factor. This
// module checks a key (`common.authenticate`, or JSON-2's `context_get` on Odoo 19) and
// keeps the uid it belongs to, shared by every concurrent call; it serves the pasted key
// of an 'api-key' profile and the key an "Odoo account" created for this device.
import type { Identity } from '../../../../contract/index.js';
import { AppError } from '../../errors.js';
import type { ClientContext } from '../client-context.js';
import { SingleFlight } from '../single-flight.js';
import { isRecord } from '../shapes.js';
import type { SignInMethod } from './method.js';

export interface KeyAuth {
  /** The key from the vault; `auth_failed` when none is stored. */
  key(): Promise<string>;
  /** One check of the key: the uid it belongs to, or `auth_failed`. */
  check(signal?: AbortSignal): Promise<number>;
  /** One check shared by every concurrent caller. */
  checkShared(signal?: AbortSignal): Promise<number>;
  /** The uid: known since the last check or sign-in, else one shared check. */
  uid(signal?: AbortSignal): Promise<number>;
  forget(): void;
}

export function createKeyAuth(ctx: ClientContext, kind: 'api-key' | 'device-key'): KeyAuth {
  const flight = new SingleFlight<number>();
  const key = (): Promise<string> => ctx.requireSecret(kind);

  async function check(signal?: AbortSignal): Promise<number> {
    const secret = await key();
    const transport = await ctx.keyTransport(signal);
    let result: unknown;
    if (transport === 'json2') {
      const c = await ctx.t.json2('/json/2/res.users/context_get', {}, secret, signal);
      result = isRecord(c) ? c.uid : undefined;
    } else if (transport === 'xmlrpc') {
      result = await ctx.t.xmlRpc('/xmlrpc/2/common', 'authenticate', [ctx.database, ctx.login, secret, {}], signal);
    } else {
      ({ result } = await ctx.t.jsonRpc(
        '/jsonrpc',
        { service: 'common', method: 'authenticate', args: [ctx.database, ctx.login, secret, {}] },
        signal,
      ));
    }
    if (typeof result !== 'number' || result <= 0) {
      // `common.authenticate` answers false (not an error) for bad credentials.
      throw new AppError('auth_failed', 'Odoo refused the login. Check the login and the password or API key.');
    }
    ctx.who.uid = result;
    return result;
  }

  const checkShared = (signal?: AbortSignal): Promise<number> => flight.run(() => check(undefined), signal);

  return {
    key,
    check,
    checkShared,
    uid: async (signal) => ctx.who.uid ?? (await checkShared(signal)),
    forget() {
      flight.clear();
    },
  };
}

/** The 'api-key' sign-in: the pasted key carries every call. */
export function createApiKeySignIn(
  keys: KeyAuth,
  readIdentity: (uid: number, signal?: AbortSignal) => Promise<Identity>,
): SignInMethod {
  return {
    carrier: { kind: 'key' },
    async signIn(signal) {
      const uid = await keys.checkShared(signal);
      return { status: 'ok', identity: await readIdentity(uid, signal) };
    },
    async afterSignIn() {},
    async refresh(signal) {
      await keys.check(signal);
    },
    async signOut() {},
    forget() {},
  };
}
