// Why: the legacy 'password' sign-in: the password is kept in the vault (or was just
// typed) and opens a web session, kept in the vault too, which carries every call; when
// Odoo ends it, the client signs in again with the kept password, once. A two-factor user
// gets the code step (web-login.ts).
import type { ClientContext } from '../client-context.js';
import type { SignInMethod, TypedPassword } from './method.js';
import type { WebLogin } from './web-login.js';

export function createPasswordSignIn(ctx: ClientContext, web: WebLogin, typed: TypedPassword): SignInMethod {
  return {
    carrier: {
      kind: 'session',
      atHand: {
        password: async () => typed.value !== null || (await ctx.secret('password')) !== null,
        deviceKey: null,
      },
    },
    async signIn(signal) {
      return web.authenticate(typed.value ?? (await ctx.requireSecret('password')), signal);
    },
    async afterSignIn() {},
    async refresh() {},
    async signOut() {},
    forget() {},
  };
}
