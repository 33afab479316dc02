// Why: the ORM side of the test server: the handful of model methods the companion calls
// (search_read, search, search_count, name_search, read, fields_get, context_get, create,
// write, unlink), with Odoo's access rules and Odoo's exact error names and texts for
// missing models, missing methods, private methods, missing records and bad fields.
import { activityToday, buildDemoData, refreshActivities, type DemoData, type DemoUser, type ModelDef, type OdooRecord } from './data.js';
import { compileDomain, compileOrder, pyRepr } from './domain.js';
import { OdooException } from './exceptions.js';

export type CallVia = 'call_kw' | 'execute_kw' | 'json2';

const MODEL_METHODS: Record<string, readonly string[]> = {
  search_read: ['domain', 'fields', 'offset', 'limit', 'order'],
  search: ['domain', 'offset', 'limit', 'order'],
  search_count: ['domain', 'limit'],
  name_search: ['name', 'domain', 'operator', 'limit'],
  fields_get: ['allfields', 'attributes'],
  create: ['vals_list'],
  context_get: [],
  check_access_rights: ['operation', 'raise_exception'],
};
const RECORD_METHODS: Record<string, readonly string[]> = {
  read: ['fields', 'load'],
  write: ['vals'],
  unlink: [],
  // mail.activity only (Odoo's "Done" button): real Odoo 17's signature.
  action_feedback: ['feedback', 'attachment_ids'],
};

function accessMessage(m: ModelDef, verb: 'access' | 'modify' | 'create' | 'delete', group: string): string {
  return `You are not allowed to ${verb} '${m.description}' (${m.name}) records.\n\nThis operation is allowed for the following groups:\n\t- ${group}\n\nContact your administrator to request access if necessary.`;
}

export class ModelRegistry {
  readonly data: DemoData;
  private readonly now: () => number;
  private readonly sorted = new Map<string, OdooRecord[]>();
  /** The last id given per model: like a PostgreSQL sequence, a deleted record's id is never given again. */
  private readonly lastIds = new Map<string, number>();

  constructor(now: () => number, partnerCount?: number) {
    this.data = buildDemoData(partnerCount);
    this.now = now;
  }

  model(name: string): ModelDef | undefined {
    return this.data.models.get(name);
  }

  private defaultSorted(m: ModelDef): OdooRecord[] {
    let s = this.sorted.get(m.name);
    if (!s) {
      const known = m.order
        .split(',')
        .map((p) => p.trim())
        .filter((p) => m.fields[p.split(/\s+/)[0] ?? ''])
        .join(', ');
      s = [...m.records].sort(compileOrder(known || 'id'));
      this.sorted.set(m.name, s);
    }
    return s;
  }

  private project(m: ModelDef, rec: OdooRecord, fields: readonly string[] | undefined): Record<string, unknown> {
    const names = fields && fields.length > 0 ? fields : Object.keys(m.fields);
    const out: Record<string, unknown> = { id: rec.id };
    for (const f of names) {
      if (!m.fields[f]) throw new OdooException('builtins.ValueError', `Invalid field '${f}' on model '${m.name}'`);
      const v = rec[f];
      out[f] = v === undefined || v === null ? false : v;
    }
    return out;
  }

  private search(m: ModelDef, domain: unknown, offset = 0, limit: number | null = null, order?: string): OdooRecord[] {
    const pred = compileDomain(m.name, m.fields, domain ?? []);
    const source = order ? [...m.records].sort(compileOrder(order)) : this.defaultSorted(m);
    const out: OdooRecord[] = [];
    let skipped = 0;
    for (const rec of source) {
      if (!pred(rec)) continue;
      if (skipped < offset) {
        skipped++;
        continue;
      }
      out.push(rec);
      if (limit !== null && limit > 0 && out.length >= limit) break;
    }
    return out;
  }

  private browse(m: ModelDef, ids: unknown, user: DemoUser): OdooRecord[] {
    const list = (Array.isArray(ids) ? ids : [ids]) as number[];
    const byId = new Map(m.records.map((r) => [r.id, r]));
    const missing = list.filter((id) => !byId.has(id));
    if (missing.length > 0) {
      const tuple = missing.length === 1 ? `${missing[0]},` : missing.join(', ');
      throw new OdooException(
        'odoo.exceptions.MissingError',
        `Record does not exist or has been deleted.\n(Record: ${m.name}(${tuple}), User: ${user.uid})`,
      );
    }
    return list.map((id) => byId.get(id)!);
  }

  /** Runs `model.method` as `user`, from positional args and keyword args. */
  execute(user: DemoUser, via: CallVia, model: string, method: string, args: unknown[], kwargs: Record<string, unknown>): unknown {
    const m = this.data.models.get(model);
    if (!m) {
      if (via === 'call_kw') throw new OdooException('builtins.KeyError', model);
      if (via === 'json2') throw new OdooException('werkzeug.exceptions.NotFound', `Model ${pyRepr(model)} not found`);
      throw new OdooException('odoo.exceptions.UserError', `Object ${model} doesn't exist`);
    }
    if (method.startsWith('_')) {
      throw new OdooException('odoo.exceptions.AccessError', `Private methods (such as ${method}) cannot be called remotely.`);
    }
    const isRecordMethod = method in RECORD_METHODS;
    const names = MODEL_METHODS[method] ?? RECORD_METHODS[method];
    if (!names) {
      if (via === 'json2') throw new OdooException('werkzeug.exceptions.NotFound', `Method ${pyRepr(method)} not found on ${model}`);
      throw new OdooException('builtins.AttributeError', `type object '${model}' has no attribute '${method}'`);
    }
    // Positional → named.
    const named: Record<string, unknown> = {};
    let rest = args;
    if (isRecordMethod) {
      if (via === 'json2') named.ids = kwargs.ids;
      else {
        named.ids = args[0];
        rest = args.slice(1);
      }
    }
    if (rest.length > names.length) {
      throw new OdooException('builtins.TypeError', `${method}() takes ${names.length + 1} positional arguments but ${rest.length + 1} were given`);
    }
    rest.forEach((v, i) => {
      named[names[i]!] = v;
    });
    for (const [k, v] of Object.entries(kwargs)) {
      if (k === 'context' || (k === 'ids' && isRecordMethod)) continue;
      const key = k === 'args' && method === 'name_search' ? 'domain' : k;
      if (!names.includes(key)) {
        throw new OdooException('builtins.TypeError', `${m.name}.${method}() got an unexpected keyword argument '${k}'`);
      }
      named[key] = v;
    }

    if (m.systemOnly && !user.isAdmin) {
      throw new OdooException('odoo.exceptions.AccessError', accessMessage(m, 'access', 'Administration/Settings'));
    }
    if (m.name === 'mail.activity') refreshActivities(this.data, this.now());

    switch (method) {
      case 'search_read': {
        const recs = this.search(m, named.domain, Number(named.offset ?? 0), (named.limit as number | null) ?? null, named.order as string | undefined);
        return recs.map((r) => this.project(m, r, named.fields as string[] | undefined));
      }
      case 'search':
        return this.search(m, named.domain, Number(named.offset ?? 0), (named.limit as number | null) ?? null, named.order as string | undefined).map((r) => r.id);
      case 'search_count':
        return this.search(m, named.domain).length;
      case 'name_search': {
        const name = String(named.name ?? '');
        const op = String(named.operator ?? 'ilike');
        const domain = [...((named.domain as unknown[] | undefined) ?? [])];
        if (name !== '') domain.push([m.recName, op, name]);
        const limit = named.limit === undefined ? 100 : (named.limit as number);
        return this.search(m, domain, 0, limit).map((r) => [r.id, String(r.display_name ?? r[m.recName] ?? '')]);
      }
      case 'read': {
        // Real Odoo 17–19: read() of a deleted or unknown id answers [] (no MissingError);
        // write/unlink of one raise MissingError.
        const wanted = new Set((Array.isArray(named.ids) ? named.ids : [named.ids]) as number[]);
        return m.records.filter((r) => wanted.has(r.id)).map((r) => this.project(m, r, named.fields as string[] | undefined));
      }
      case 'fields_get': {
        const attrs = named.attributes as string[] | undefined;
        const out: Record<string, Record<string, unknown>> = {};
        for (const [f, def] of Object.entries(m.fields)) {
          const full: Record<string, unknown> = {
            type: def.type,
            string: def.string,
            required: def.required ?? false,
            readonly: def.readonly ?? false,
            ...(def.relation ? { relation: def.relation } : {}),
          };
          out[f] = attrs ? Object.fromEntries(Object.entries(full).filter(([k]) => attrs.includes(k))) : full;
        }
        return out;
      }
      case 'context_get':
        return { lang: user.lang, tz: user.tz, uid: user.uid };
      case 'check_access_rights':
        return true;
      case 'create': {
        if (m.adminWriteOnly && !user.isAdmin) {
          throw new OdooException('odoo.exceptions.AccessError', accessMessage(m, 'create', m.adminWriteOnly.group));
        }
        const list = (Array.isArray(named.vals_list) ? named.vals_list : [named.vals_list]) as Array<Record<string, unknown>>;
        const ids: number[] = [];
        for (const vals of list) {
          if (m.name === 'res.users' && m.records.some((r) => r.login === vals.login)) {
            throw new OdooException(
              'odoo.exceptions.ValidationError',
              'The operation cannot be completed: You can not have two users with the same login!',
            );
          }
          const id = Math.max(this.lastIds.get(m.name) ?? 0, ...m.records.map((r) => r.id)) + 1;
          this.lastIds.set(m.name, id);
          const rec: OdooRecord = { ...vals, id };
          if (rec.display_name === undefined) rec.display_name = rec[m.recName] ?? rec.name ?? '';
          m.records.push(rec);
          ids.push(id);
        }
        this.sorted.delete(m.name);
        return Array.isArray(named.vals_list) ? ids : ids[0];
      }
      case 'write': {
        if (m.adminWriteOnly && !user.isAdmin) {
          throw new OdooException('odoo.exceptions.AccessError', accessMessage(m, 'modify', m.adminWriteOnly.group));
        }
        const vals = named.vals as Record<string, unknown>;
        for (const rec of this.browse(m, named.ids, user)) {
          Object.assign(rec, vals);
          // Deadlines follow the user's "today"; a new one is kept as its offset from it.
          if (m.name === 'mail.activity' && typeof vals.date_deadline === 'string') {
            const [y, mo, d] = vals.date_deadline.split('-').map(Number) as [number, number, number];
            this.data.activityOffsets.set(rec.id, Math.round((Date.UTC(y, mo - 1, d) - activityToday(rec, this.now())) / 86400000));
          }
        }
        if (m.name === 'mail.activity') refreshActivities(this.data, this.now());
        this.sorted.delete(m.name);
        return true;
      }
      case 'unlink': {
        if (m.adminWriteOnly && !user.isAdmin) {
          throw new OdooException('odoo.exceptions.AccessError', accessMessage(m, 'delete', m.adminWriteOnly.group));
        }
        const gone = new Set(this.browse(m, named.ids, user).map((r) => r.id));
        m.records = m.records.filter((r) => !gone.has(r.id));
        this.sorted.delete(m.name);
        return true;
      }
      case 'action_feedback': {
        // Real Odoo 17 (activity_feedback*.json): posts the "done" message on the record and
        // removes the activity; answers the message's id; an activity already done is a
        // MissingError. Only mail.activity has the method.
        if (m.name !== 'mail.activity') {
          throw new OdooException('builtins.AttributeError', `type object '${model}' has no attribute '${method}'`);
        }
        const gone = new Set(this.browse(m, named.ids, user).map((r) => r.id));
        m.records = m.records.filter((r) => !gone.has(r.id));
        this.sorted.delete(m.name);
        const messageId = (this.lastIds.get('mail.message') ?? 33) + 1;
        this.lastIds.set('mail.message', messageId);
        this.data.doneActivities.push(...[...gone].map((id) => ({ id, feedback: typeof named.feedback === 'string' ? named.feedback : null, messageId })));
        return messageId;
      }
      default:
        throw new OdooException('builtins.AttributeError', `type object '${model}' has no attribute '${method}'`);
    }
  }
}
