// Quick search across the records a back-office user looks for most, and "my activities".
// Each model is searched in parallel with a small limit; a model the server does not have
// (module not installed) or the user may not read is left out rather than failing the
// whole search. Only non-secret record data crosses to the renderer. Each activity carries
// its record's model as Odoo names it (res_model_id, an ir.model: "Sales Order", in the
// Odoo user's language), read in the same request. The five searched models are named by
// the renderer's catalogue in Odoo's own words: asking ir.model for them would cost every
// first search after an unlock one more request (tests/integration/core/request-budget).
import type { Activity, SearchGroup } from '../../../contract/index.js';
import { AppError, isAppError } from '../errors.js';
import type { OdooClient } from '../odoo/index.js';

interface SearchModel {
  model: string;
  label: string;
  /** A field shown under the name (many2one → its display name). */
  subtitle: string | null;
  domain: unknown[];
}

export const SEARCH_MODELS: readonly SearchModel[] = [
  { model: 'res.partner', label: 'Contacts', subtitle: 'email', domain: [] },
  { model: 'sale.order', label: 'Sales orders', subtitle: 'partner_id', domain: [] },
  {
    model: 'account.move',
    label: 'Invoices',
    subtitle: 'partner_id',
    domain: [['move_type', 'in', ['out_invoice', 'out_refund', 'in_invoice', 'in_refund']]],
  },
  { model: 'product.product', label: 'Products', subtitle: 'default_code', domain: [] },
  { model: 'project.task', label: 'Tasks', subtitle: 'project_id', domain: [] },
];

/** Errors that mean "this model is not there for you", not "the search failed". */
const SKIPPABLE = new Set(['access_denied', 'server_error', 'user_error']);

function text(v: unknown): string | null {
  if (Array.isArray(v) && typeof v[1] === 'string') return v[1];
  if (typeof v === 'string' && v !== '') return v;
  return null;
}

export async function quickSearch(
  client: OdooClient,
  query: string,
  options: { limitPerModel?: number; signal?: AbortSignal } = {},
): Promise<SearchGroup[]> {
  const limit = options.limitPerModel ?? 8;
  const term = query.trim();
  if (term === '') return [];
  const results = await Promise.all(
    SEARCH_MODELS.map(async (m): Promise<SearchGroup | null> => {
      const fields = m.subtitle === null ? ['display_name'] : ['display_name', m.subtitle];
      try {
        const rows = await client.searchRead<Record<string, unknown>>(
          m.model,
          [...m.domain, ['name', 'ilike', term]],
          fields,
          { limit: limit + 1, ...(options.signal === undefined ? {} : { signal: options.signal }) },
        );
        if (rows.length === 0) return null;
        return {
          model: m.model,
          label: m.label,
          more: rows.length > limit,
          hits: rows.slice(0, limit).map((r) => ({
            model: m.model,
            id: Number(r.id),
            name: text(r.display_name) ?? `#${String(r.id)}`,
            subtitle: m.subtitle === null ? null : text(r[m.subtitle]),
          })),
        };
      } catch (e) {
        if (isAppError(e) && SKIPPABLE.has(e.code)) return null;
        throw e;
      }
    }),
  );
  return results.filter((g): g is SearchGroup => g !== null);
}

/** Today's date (YYYY-MM-DD) in a time zone; UTC when the zone is unknown. */
export function todayIn(tz: string | null, nowMs: number): string {
  const format = (zone: string): string =>
    new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(
      new Date(nowMs),
    );
  try {
    return format(tz ?? 'UTC');
  } catch {
    return format('UTC');
  }
}

export interface ActivityBuckets {
  overdue: Activity[];
  today: Activity[];
  upcoming: Activity[];
}

export function bucketActivities(activities: readonly Activity[], today: string): ActivityBuckets {
  const out: ActivityBuckets = { overdue: [], today: [], upcoming: [] };
  for (const a of [...activities].sort((x, y) => x.deadline.localeCompare(y.deadline) || x.id - y.id)) {
    if (a.deadline < today) out.overdue.push(a);
    else if (a.deadline === today) out.today.push(a);
    else out.upcoming.push(a);
  }
  return out;
}

export async function myActivities(
  client: OdooClient,
  options: { now: number; signal?: AbortSignal },
): Promise<ActivityBuckets> {
  const me = await client.identity(options.signal === undefined ? {} : { signal: options.signal });
  const rows = await client.searchRead<Record<string, unknown>>(
    'mail.activity',
    [['user_id', '=', me.uid]],
    ['summary', 'activity_type_id', 'date_deadline', 'res_model', 'res_model_id', 'res_id', 'res_name'],
    { limit: 200, order: 'date_deadline asc, id asc', ...(options.signal === undefined ? {} : { signal: options.signal }) },
  );
  const activities: Activity[] = [];
  for (const r of rows) {
    const deadline = typeof r.date_deadline === 'string' ? r.date_deadline : null;
    const model = typeof r.res_model === 'string' ? r.res_model : null;
    if (deadline === null || model === null || !/^[a-z][a-z0-9_.]{0,127}$/.test(model)) continue;
    activities.push({
      id: Number(r.id),
      summary: text(r.summary) ?? text(r.activity_type_id) ?? 'Activity',
      activityType: text(r.activity_type_id),
      deadline,
      model,
      modelName: text(r.res_model_id),
      resId: Number(r.res_id),
      resName: text(r.res_name) ?? '',
    });
  }
  if (activities.some((a) => !Number.isInteger(a.id) || a.id <= 0)) {
    throw new AppError('bad_response', 'Odoo answered with activities that could not be read.');
  }
  return bucketActivities(activities, todayIn(me.tz, options.now));
}
