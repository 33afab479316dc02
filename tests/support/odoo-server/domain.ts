// Why: the test server must filter like Odoo for the searches the companion makes
// (search_read / name_search / search_count with ilike, =, in, comparisons, and the
// '&' '|' '!' prefix operators), and refuse unknown fields with Odoo's own error text.
import { OdooException } from './exceptions.js';
import type { FieldDef, OdooRecord } from './data.js';

/** Python's repr of a JSON value, as Odoo prints leaves in its error messages. */
export function pyRepr(v: unknown): string {
  if (v === null || v === undefined) return 'None';
  if (v === true) return 'True';
  if (v === false) return 'False';
  if (typeof v === 'number') return String(v);
  if (typeof v === 'string') return `'${v.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
  if (Array.isArray(v)) return `[${v.map(pyRepr).join(', ')}]`;
  return `{${Object.entries(v as Record<string, unknown>).map(([k, x]) => `${pyRepr(k)}: ${pyRepr(x)}`).join(', ')}}`;
}

function leafRepr(leaf: readonly unknown[]): string {
  return `(${leaf.map(pyRepr).join(', ')})`;
}

function scalar(v: unknown): unknown {
  return Array.isArray(v) && v.length === 2 && typeof v[0] === 'number' ? v[0] : v;
}

function label(v: unknown): string {
  if (Array.isArray(v) && v.length === 2 && typeof v[1] === 'string') return v[1];
  if (typeof v === 'string') return v;
  if (v === false || v === null || v === undefined) return '';
  return String(v);
}

function likeToRegExp(pattern: string, flags: string): RegExp {
  const escaped = pattern.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/%/g, '.*').replace(/_/g, '.');
  return new RegExp(`^${escaped}$`, flags);
}

function compare(a: unknown, b: unknown): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return String(a).localeCompare(String(b));
}

function matchLeaf(rec: OdooRecord, field: string, op: string, value: unknown, def: FieldDef): boolean {
  const raw = rec[field];
  if (def.type === 'many2many' || def.type === 'one2many') {
    const ids = Array.isArray(raw) ? (raw as number[]) : [];
    const wanted = Array.isArray(value) ? value : [value];
    if (op === '=' || op === 'in' || op === 'child_of') return wanted.some((w) => ids.includes(w as number));
    if (op === '!=' || op === 'not in') return !wanted.some((w) => ids.includes(w as number));
    throw new OdooException('builtins.ValueError', `Invalid operator ${pyRepr(op)} on ${field}`);
  }
  const v = scalar(raw);
  switch (op) {
    case '=':
    case 'child_of':
      if (value === false) return v === false || v === null || v === '';
      return v === value;
    case '!=':
      if (value === false) return !(v === false || v === null || v === '');
      return v !== value;
    case '<':
      return v !== false && compare(v, value) < 0;
    case '<=':
      return v !== false && compare(v, value) <= 0;
    case '>':
      return v !== false && compare(v, value) > 0;
    case '>=':
      return v !== false && compare(v, value) >= 0;
    case 'in':
      return Array.isArray(value) && value.some((x) => (x === false ? v === false : x === v));
    case 'not in':
      return Array.isArray(value) && !value.some((x) => (x === false ? v === false : x === v));
    case 'ilike':
      return label(raw).toLowerCase().includes(String(value).toLowerCase());
    case 'not ilike':
      return !label(raw).toLowerCase().includes(String(value).toLowerCase());
    case 'like':
      return label(raw).includes(String(value));
    case 'not like':
      return !label(raw).includes(String(value));
    case '=ilike':
      return likeToRegExp(String(value), 'i').test(label(raw));
    case '=like':
      return likeToRegExp(String(value), '').test(label(raw));
    default:
      throw new OdooException('builtins.ValueError', `Invalid leaf ${leafRepr([field, op, value])}`);
  }
}

export type Predicate = (rec: OdooRecord) => boolean;

/** Compiles an Odoo domain for `model` with `fields`; throws Odoo's ValueError for bad leaves. */
export function compileDomain(model: string, fields: Record<string, FieldDef>, domain: unknown): Predicate {
  if (domain === undefined || domain === null || domain === false) return () => true;
  if (!Array.isArray(domain)) throw new OdooException('builtins.ValueError', `Invalid domain ${pyRepr(domain)}`);
  const items: readonly unknown[] = domain;
  let i = 0;
  function next(): Predicate {
    const t = items[i++];
    if (t === '&' || t === '|') {
      const a = next();
      const b = next();
      return t === '&' ? (r) => a(r) && b(r) : (r) => a(r) || b(r);
    }
    if (t === '!') {
      const a = next();
      return (r) => !a(r);
    }
    if (!Array.isArray(t) || t.length !== 3) {
      throw new OdooException('builtins.ValueError', `Invalid leaf ${pyRepr(t)}`);
    }
    const [field, op, value] = t as [unknown, unknown, unknown];
    if (field === 1 || field === 0) {
      const truth = (field === 1) === (value === 1);
      return () => truth;
    }
    const name = String(field).split('.')[0] ?? '';
    const def = fields[name];
    if (typeof field !== 'string' || !def) {
      throw new OdooException('builtins.ValueError', `Invalid field ${model}.${String(field)} in leaf ${leafRepr(t)}`);
    }
    const operator = String(op).toLowerCase();
    return (r) => matchLeaf(r, name, operator, value, def);
  }
  const parts: Predicate[] = [];
  while (i < items.length) parts.push(next());
  return (r) => parts.every((p) => p(r));
}

/** `"name asc, id desc"` → a comparator. */
export function compileOrder(order: string): (a: OdooRecord, b: OdooRecord) => number {
  const keys = order
    .split(',')
    .map((s) => s.trim().split(/\s+/))
    .filter((p) => p[0])
    .map(([f, dir]) => ({ f: f!, desc: (dir ?? '').toLowerCase() === 'desc' }));
  return (a, b) => {
    for (const { f, desc } of keys) {
      const av = label(a[f]) === '' && typeof a[f] !== 'number' ? '' : scalar(a[f]);
      const bv = label(b[f]) === '' && typeof b[f] !== 'number' ? '' : scalar(b[f]);
      const c = compare(Array.isArray(a[f]) ? label(a[f]) : av, Array.isArray(b[f]) ? label(b[f]) : bv);
      if (c !== 0) return desc ? -c : c;
    }
    return 0;
  };
}
