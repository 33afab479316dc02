// Why: Odoo 19's JSON-2 API (`/json/2/<model>/<method>`) takes named arguments only, while
// the rest of the app speaks `call(model, method, args, kwargs)` like execute_kw. This
// module turns the positional arguments of the methods the app uses into their names,
// and refuses to guess for anything else.
import { AppError } from '../errors.js';

/** Model methods: their positional parameters in order. */
const MODEL_METHODS: Record<string, readonly string[]> = {
  search_read: ['domain', 'fields', 'offset', 'limit', 'order'],
  search: ['domain', 'offset', 'limit', 'order'],
  search_count: ['domain', 'limit'],
  name_search: ['name', 'domain', 'operator', 'limit'],
  fields_get: ['allfields', 'attributes'],
  create: ['vals_list'],
  default_get: ['fields_list'],
  context_get: [],
  check_access_rights: ['operation', 'raise_exception'],
};

/** Record methods: `ids` first, then these. */
const RECORD_METHODS: Record<string, readonly string[]> = {
  read: ['fields', 'load'],
  write: ['vals'],
  unlink: [],
  copy: ['default'],
  name_get: [],
};

function isIdList(x: unknown): x is number[] {
  return Array.isArray(x) && x.every((v) => Number.isInteger(v));
}

export function json2Body(
  method: string,
  args: readonly unknown[],
  kwargs: Record<string, unknown>,
): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  let names = MODEL_METHODS[method];
  let rest = args;
  if (!names) {
    names = RECORD_METHODS[method] ?? [];
    if (args.length > 0) {
      if (!isIdList(args[0])) {
        throw new AppError('invalid_input', `The method ${method} needs named arguments on this server.`);
      }
      body.ids = args[0];
      rest = args.slice(1);
    }
  }
  if (rest.length > names.length) {
    throw new AppError('invalid_input', `The method ${method} needs named arguments on this server.`);
  }
  rest.forEach((v, i) => {
    body[names[i]!] = v;
  });
  // name_search's domain was called `args` before 18.
  if ('args' in kwargs && method === 'name_search' && !('domain' in kwargs)) {
    const { args: domain, ...others } = kwargs;
    return { ...body, domain, ...others };
  }
  return { ...body, ...kwargs };
}
