// An in-memory Keychain for unit tests and for tiers that bind the real core without an OS
// keychain (e2e). `failWith` makes every call fail like an unreachable keychain, to test
// that nothing is lost or half-written.
import { AppError } from '../errors.js';
import type { Keychain, KeychainItem } from './keychain.js';

export interface MemoryKeychain extends Keychain {
  /** The raw stored values (what a dump of the keychain would show). */
  readonly items: Map<string, string>;
  /** When set, the next calls fail (of `operations` only, when given); `after` of them succeed first. */
  failWith(error: AppError | null, options?: { after?: number; operations?: Array<'get' | 'set' | 'delete' | 'findAll'> }): void;
}

export function createMemoryKeychain(service = 'odoo-companion-memory'): MemoryKeychain {
  const items = new Map<string, string>();
  let failure: AppError | null = null;
  let okLeft = 0;
  let ops: string[] | null = null;
  const check = (op: string): void => {
    if (!failure || (ops && !ops.includes(op))) return;
    if (okLeft > 0) {
      okLeft -= 1;
      return;
    }
    throw failure;
  };
  return {
    service,
    items,
    failWith(error, options = {}) {
      failure = error;
      okLeft = options.after ?? 0;
      ops = options.operations ?? null;
    },
    async get(account) {
      check('get');
      return items.get(account) ?? null;
    },
    async set(account, value) {
      check('set');
      items.set(account, value);
    },
    async delete(account) {
      check('delete');
      return items.delete(account);
    },
    async findAll(): Promise<KeychainItem[]> {
      check('findAll');
      return [...items].map(([account, value]) => ({ account, value }));
    },
  };
}

export function unavailableKeychainError(): AppError {
  return new AppError('keychain_unavailable', 'The system keychain cannot be reached.', { reason: 'unreachable', operation: 'test' });
}
