// Why: deterministic demo data large enough to make search realistic (≥ 10 000 partners,
// sale orders, invoices, products, tasks) and the activities behind "my activities",
// whose deadlines are placed relative to the server clock (overdue / today / upcoming).
// Same seed, same data: tests may rely on names and counts.

export type FieldType =
  | 'char'
  | 'text'
  | 'integer'
  | 'float'
  | 'monetary'
  | 'boolean'
  | 'date'
  | 'datetime'
  | 'selection'
  | 'many2one'
  | 'many2many'
  | 'one2many'
  | 'binary';

export interface FieldDef {
  type: FieldType;
  string: string;
  relation?: string;
  required?: boolean;
  readonly?: boolean;
}

export type OdooRecord = Record<string, unknown> & { id: number };

export interface ModelDef {
  name: string;
  description: string;
  fields: Record<string, FieldDef>;
  /** Default `_order`. */
  order: string;
  /** Only users with is_system may read it (like ir.config_parameter). */
  systemOnly?: boolean;
  /** Only admins may write it (res.users). */
  adminWriteOnly?: { group: string };
  recName: string;
  records: OdooRecord[];
}

export interface DemoUser {
  uid: number;
  login: string;
  name: string;
  password: string;
  apiKey: string;
  /** Base32 TOTP secret, or null when 2FA is off. */
  totpSecret: string | null;
  partnerId: number;
  isAdmin: boolean;
  lang: string;
  tz: string;
  /** The session info's `odoobot_initialized` (true for admin, false for demo on real Odoo 17). */
  odoobotInitialized: boolean;
}

export const DEMO_USERS: readonly DemoUser[] = [
  {
    uid: 2,
    login: 'admin',
    name: 'Mitchell Admin',
    password: 'admin-password-3b1e',
    apiKey: '6d1c0f3ab9e04f1c8c7e2a5b9d0e4f7a1b2c3d4e',
    totpSecret: null,
    partnerId: 3,
    isAdmin: true,
    lang: 'en_US',
    tz: 'Europe/Brussels',
    odoobotInitialized: true,
  },
  {
    uid: 6,
    login: 'demo',
    name: 'Marc Demo',
    password: 'demo-password-8f2a',
    apiKey: '0a9b8c7d6e5f4a3b2c1d0e9f8a7b6c5d4e3f2a1b',
    totpSecret: null,
    partnerId: 7,
    isAdmin: false,
    lang: 'en_US',
    tz: 'Europe/Brussels',
    odoobotInitialized: false,
  },
  {
    uid: 7,
    login: 'totp',
    name: 'Tina Twofactor',
    password: 'totp-password-5c4d',
    apiKey: 'f1e2d3c4b5a69788796a5b4c3d2e1f0a9b8c7d6e',
    totpSecret: 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP',
    partnerId: 8,
    isAdmin: false,
    lang: 'fr_BE',
    tz: 'Europe/Brussels',
    odoobotInitialized: false,
  },
];

// Deterministic PRNG (mulberry32).
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const FIRST = ['Anna', 'Bruno', 'Chloé', 'David', 'Elif', 'Farid', 'Greta', 'Hugo', 'Ines', 'Jonas', 'Kenji', 'Lea', 'Mateo', 'Nora', 'Omar', 'Paula', 'Quentin', 'Rosa', 'Sven', 'Talia', 'Umar', 'Vera', 'Willem', 'Xenia', 'Yusuf', 'Zoé'];
const LAST = ['Dupont', 'Janssens', 'Müller', 'García', 'Rossi', 'Nowak', 'Peeters', 'Silva', 'Kowalski', 'Dubois', 'Novák', 'Jensen', 'Costa', 'Laurent', 'Smit', 'Fischer', 'Moreau', 'Lambert', 'Hansen', 'Ricci'];
const CO_A = ['Azure', 'Deco', 'Wood', 'Gemini', 'Lumen', 'Ready', 'Nordic', 'Bright', 'Solid', 'Prime', 'Blue', 'Green', 'Iron', 'Silver', 'Golden'];
const CO_B = ['Interior', 'Addict', 'Corner', 'Furniture', 'Logistics', 'Systems', 'Foods', 'Builders', 'Partners', 'Textiles', 'Motors', 'Labs'];
const CO_C = ['SA', 'NV', 'GmbH', 'Ltd', 'Inc', 'SRL', 'BV', 'AG'];
const CITIES = ['Brussels', 'Ghent', 'Antwerp', 'Liège', 'Namur', 'Paris', 'Lyon', 'Berlin', 'Madrid', 'Lisbon'];
const COUNTRIES: Array<[number, string]> = [[20, 'Belgium'], [75, 'France'], [57, 'Germany'], [68, 'Spain'], [233, 'United States']];
const PRODUCTS = ['Desk', 'Chair', 'Cabinet', 'Lamp', 'Shelf', 'Table', 'Sofa', 'Drawer', 'Screen', 'Bin'];
const ADJ = ['Large', 'Small', 'Ergonomic', 'Oak', 'Steel', 'Corner', 'Office', 'Conference', 'Acoustic', 'Modular'];

/** Odoo 17's placeholder avatar: an SVG with the initial on a coloured square, base64. */
function placeholderAvatar(name: string): string {
  const initial = name.trim().charAt(0).toUpperCase() || '?';
  const svg = `<?xml version='1.0' encoding='UTF-8' ?><svg height='180' width='180' xmlns='http://www.w3.org/2000/svg'><rect fill='hsl(${(name.length * 37) % 360}, 40%, 45%)' height='180' width='180'/><text fill='#ffffff' font-size='96' text-anchor='middle' x='90' y='125' font-family='sans-serif'>${initial}</text></svg>`;
  return Buffer.from(svg, 'utf8').toString('base64');
}

function ymd(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

export interface DemoData {
  models: Map<string, ModelDef>;
  /** Activities' deadlines are offsets (days) from the server's "today". */
  activityOffsets: Map<number, number>;
  /** Activities marked done (action_feedback): what the record's chatter received. */
  doneActivities: { id: number; feedback: string | null; messageId: number }[];
}

const M2O = (relation: string, string: string): FieldDef => ({ type: 'many2one', relation, string });

export function buildDemoData(partnerCount = 10_000): DemoData {
  const r = rng(17);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
  const models = new Map<string, ModelDef>();
  const BASE = Date.UTC(2026, 0, 1);

  const partnerFields: Record<string, FieldDef> = {
    id: { type: 'integer', string: 'ID', readonly: true },
    name: { type: 'char', string: 'Name', required: true },
    display_name: { type: 'char', string: 'Display Name', readonly: true },
    email: { type: 'char', string: 'Email' },
    phone: { type: 'char', string: 'Phone' },
    city: { type: 'char', string: 'City' },
    country_id: M2O('res.country', 'Country'),
    is_company: { type: 'boolean', string: 'Is a Company' },
    active: { type: 'boolean', string: 'Active' },
    company_id: M2O('res.company', 'Company'),
  };
  const partners: OdooRecord[] = [];
  const fixed: Record<number, string> = {
    1: 'YourCompany',
    3: 'Mitchell Admin',
    7: 'Marc Demo',
    8: 'Tina Twofactor',
    9: 'Wood Corner',
    10: 'Deco Addict',
    14: 'Azure Interior',
  };
  for (let id = 1; id <= partnerCount; id++) {
    const company = id <= 20 ? Boolean(fixed[id] && id !== 3 && id !== 7 && id !== 8) : r() < 0.3;
    const name =
      fixed[id] ??
      (company ? `${pick(CO_A)} ${pick(CO_B)} ${pick(CO_C)}` : `${pick(FIRST)} ${pick(LAST)}`);
    const slug = name.toLowerCase().normalize('NFD').replace(/[^a-z]+/g, '.').replace(/^\.|\.$/g, '');
    partners.push({
      id,
      name,
      display_name: name,
      email: `${slug}${id}@example.com`,
      phone: `+32 2 ${String(1000000 + Math.floor(r() * 8999999)).replace(/(\d{3})(\d{2})(\d{2})/, '$1 $2 $3')}`,
      city: pick(CITIES),
      country_id: id === 1 || id === 9 || id === 10 || id === 14 ? [233, 'United States'] : pick(COUNTRIES),
      is_company: company,
      active: true,
      company_id: false,
    });
  }
  const partnerName = (id: number): string => partners[id - 1]?.name as string;
  models.set('res.partner', {
    name: 'res.partner',
    description: 'Contact',
    fields: partnerFields,
    order: 'display_name asc, id desc',
    recName: 'display_name',
    records: partners,
  });

  models.set('res.company', {
    name: 'res.company',
    description: 'Companies',
    fields: { id: { type: 'integer', string: 'ID' }, name: { type: 'char', string: 'Company Name' }, display_name: { type: 'char', string: 'Display Name' } },
    order: 'sequence, name',
    recName: 'name',
    records: [{ id: 1, name: 'YourCompany', display_name: 'YourCompany' }],
  });

  models.set('res.users', {
    name: 'res.users',
    description: 'User',
    fields: {
      id: { type: 'integer', string: 'ID' },
      name: { type: 'char', string: 'Name' },
      display_name: { type: 'char', string: 'Display Name' },
      login: { type: 'char', string: 'Login', required: true },
      lang: { type: 'selection', string: 'Language' },
      tz: { type: 'selection', string: 'Timezone' },
      company_id: M2O('res.company', 'Company'),
      partner_id: M2O('res.partner', 'Related Partner'),
      active: { type: 'boolean', string: 'Active' },
      avatar_128: { type: 'binary', string: 'Avatar 128' },
    },
    order: 'name, login',
    recName: 'name',
    adminWriteOnly: { group: 'Administration/Access Rights' },
    records: DEMO_USERS.map((u) => ({
      id: u.uid,
      name: u.name,
      display_name: u.name,
      login: u.login,
      lang: u.lang,
      tz: u.tz,
      company_id: [1, 'YourCompany'],
      partner_id: [u.partnerId, u.name],
      active: true,
      avatar_128: placeholderAvatar(u.name),
    })),
  });

  models.set('ir.config_parameter', {
    name: 'ir.config_parameter',
    description: 'System Parameter',
    fields: { id: { type: 'integer', string: 'ID' }, key: { type: 'char', string: 'Key' }, value: { type: 'text', string: 'Value' } },
    order: 'key',
    recName: 'key',
    systemOnly: true,
    records: [
      { id: 1, key: 'web.base.url', value: 'http://127.0.0.1:8069' },
      { id: 2, key: 'database.uuid', value: '6a0e1f2c-0000-4000-8000-000000000001' },
    ],
  });

  const orders: OdooRecord[] = [];
  for (let id = 1; id <= 2500; id++) {
    const pid = 1 + Math.floor(r() * partnerCount);
    orders.push({
      id,
      name: `S${String(id).padStart(5, '0')}`,
      display_name: `S${String(id).padStart(5, '0')}`,
      partner_id: [pid, partnerName(pid)],
      amount_total: Math.round(r() * 500000) / 100,
      state: pick(['draft', 'sent', 'sale', 'sale', 'cancel']),
      date_order: new Date(BASE + Math.floor(r() * 330) * 86400000).toISOString().replace('T', ' ').slice(0, 19),
      user_id: [2, 'Mitchell Admin'],
    });
  }
  models.set('sale.order', {
    name: 'sale.order',
    description: 'Sales Order',
    fields: {
      id: { type: 'integer', string: 'ID' },
      name: { type: 'char', string: 'Order Reference' },
      display_name: { type: 'char', string: 'Display Name' },
      partner_id: M2O('res.partner', 'Customer'),
      amount_total: { type: 'monetary', string: 'Total' },
      state: { type: 'selection', string: 'Status' },
      date_order: { type: 'datetime', string: 'Order Date' },
      user_id: M2O('res.users', 'Salesperson'),
    },
    order: 'date_order desc, id desc',
    recName: 'name',
    records: orders,
  });

  const moves: OdooRecord[] = [];
  for (let id = 1; id <= 2500; id++) {
    const pid = 1 + Math.floor(r() * partnerCount);
    const name = `INV/2026/${String(id).padStart(5, '0')}`;
    moves.push({
      id,
      name,
      display_name: name,
      partner_id: [pid, partnerName(pid)],
      amount_total: Math.round(r() * 900000) / 100,
      state: pick(['draft', 'posted', 'posted', 'posted', 'cancel']),
      move_type: 'out_invoice',
      invoice_date: ymd(BASE + Math.floor(r() * 330) * 86400000),
      payment_state: pick(['not_paid', 'paid', 'partial', 'in_payment']),
    });
  }
  models.set('account.move', {
    name: 'account.move',
    description: 'Journal Entry',
    fields: {
      id: { type: 'integer', string: 'ID' },
      name: { type: 'char', string: 'Number' },
      display_name: { type: 'char', string: 'Display Name' },
      partner_id: M2O('res.partner', 'Partner'),
      amount_total: { type: 'monetary', string: 'Total' },
      state: { type: 'selection', string: 'Status' },
      move_type: { type: 'selection', string: 'Type' },
      invoice_date: { type: 'date', string: 'Invoice/Bill Date' },
      payment_state: { type: 'selection', string: 'Payment Status' },
    },
    order: 'date desc, name desc, id desc',
    recName: 'name',
    records: moves,
  });

  const products: OdooRecord[] = [];
  for (let id = 1; id <= 600; id++) {
    const name = `${pick(ADJ)} ${pick(PRODUCTS)}`;
    const code = `FURN_${String(id).padStart(4, '0')}`;
    products.push({ id, name, display_name: `[${code}] ${name}`, default_code: code, list_price: Math.round(r() * 200000) / 100, active: true });
  }
  models.set('product.product', {
    name: 'product.product',
    description: 'Product Variant',
    fields: {
      id: { type: 'integer', string: 'ID' },
      name: { type: 'char', string: 'Name' },
      display_name: { type: 'char', string: 'Display Name' },
      default_code: { type: 'char', string: 'Internal Reference' },
      list_price: { type: 'float', string: 'Sales Price' },
      active: { type: 'boolean', string: 'Active' },
    },
    order: 'default_code, name, id',
    recName: 'display_name',
    records: products,
  });

  const tasks: OdooRecord[] = [];
  const projects: Array<[number, string]> = [[1, 'Office Design'], [2, 'Research & Development'], [3, 'Renovations']];
  for (let id = 1; id <= 800; id++) {
    const name = `${pick(['Prepare', 'Review', 'Install', 'Order', 'Plan', 'Check'])} ${pick(ADJ).toLowerCase()} ${pick(PRODUCTS).toLowerCase()}`;
    tasks.push({
      id,
      name,
      display_name: name,
      project_id: pick(projects),
      user_ids: [pick([2, 6, 7])],
      date_deadline: ymd(BASE + Math.floor(r() * 330) * 86400000),
      stage_id: pick([[1, 'New'], [2, 'In Progress'], [3, 'Done']] as Array<[number, string]>),
    });
  }
  models.set('project.task', {
    name: 'project.task',
    description: 'Task',
    fields: {
      id: { type: 'integer', string: 'ID' },
      name: { type: 'char', string: 'Title' },
      display_name: { type: 'char', string: 'Display Name' },
      project_id: M2O('project.project', 'Project'),
      user_ids: { type: 'many2many', relation: 'res.users', string: 'Assignees' },
      date_deadline: { type: 'date', string: 'Deadline' },
      stage_id: M2O('project.task.type', 'Stage'),
    },
    order: 'priority desc, sequence, id desc',
    recName: 'name',
    records: tasks,
  });

  // Activities: for each user, some overdue, some today, some upcoming (offsets in days).
  const activities: OdooRecord[] = [];
  const activityOffsets = new Map<number, number>();
  const types: Array<[number, string]> = [[1, 'Email'], [2, 'Call'], [3, 'Meeting'], [4, 'To-Do']];
  let aid = 1;
  for (const u of DEMO_USERS) {
    const offsets = [-12, -5, -1, 0, 0, 1, 3, 7, 14];
    for (const off of offsets) {
      const onOrder = r() < 0.5;
      const resId = onOrder ? 1 + Math.floor(r() * 2500) : 1 + Math.floor(r() * partnerCount);
      const resModel = onOrder ? 'sale.order' : 'res.partner';
      const resName = onOrder ? (orders[resId - 1]!.name as string) : partnerName(resId);
      const type = pick(types);
      activities.push({
        id: aid,
        summary: `${type[1]} ${resName}`,
        activity_type_id: type,
        date_deadline: '', // filled from the server clock at read time
        res_model: resModel,
        res_id: resId,
        res_name: resName,
        user_id: [u.uid, u.name],
        state: '',
      });
      activityOffsets.set(aid, off);
      aid++;
    }
  }
  models.set('mail.activity', {
    name: 'mail.activity',
    description: 'Activity',
    fields: {
      id: { type: 'integer', string: 'ID' },
      summary: { type: 'char', string: 'Summary' },
      display_name: { type: 'char', string: 'Display Name' },
      activity_type_id: M2O('mail.activity.type', 'Activity Type'),
      date_deadline: { type: 'date', string: 'Due Date' },
      res_model: { type: 'char', string: 'Related Document Model' },
      res_id: { type: 'integer', string: 'Related Document ID' },
      res_name: { type: 'char', string: 'Document Name' },
      res_model_id: M2O('ir.model', 'Document Model'),
      user_id: M2O('res.users', 'Assigned to'),
      state: { type: 'selection', string: 'State' },
    },
    order: 'date_deadline ASC, id ASC',
    recName: 'summary',
    records: activities,
  });

  // ir.model: each model's human name (its _description), readable by internal users as in
  // Odoo; an activity's res_model_id names its document's model through it.
  const irModels: OdooRecord[] = [...models.values()].map((m, i) => ({ id: i + 1, model: m.name, name: m.description, display_name: m.description }));
  const irModelOf = (model: string): [number, string] | false => {
    const rec = irModels.find((x) => x.model === model);
    return rec === undefined ? false : [rec.id, rec.name as string];
  };
  for (const a of activities) a.res_model_id = irModelOf(a.res_model as string);
  models.set('ir.model', {
    name: 'ir.model',
    description: 'Models',
    fields: {
      id: { type: 'integer', string: 'ID' },
      model: { type: 'char', string: 'Model' },
      name: { type: 'char', string: 'Model Description' },
      display_name: { type: 'char', string: 'Display Name' },
    },
    order: 'model asc',
    recName: 'name',
    records: irModels,
  });

  // Precompute the default order once (search without `order` is the hot path).
  return { models, activityOffsets, doneActivities: [] };
}

/** One formatter per time zone: every read of activities refreshes them all. */
const DAY_FORMATS = new Map<string, Intl.DateTimeFormat>();

/**
 * Midnight UTC of the calendar day it is at `nowMs` for the user an activity is assigned to
 * (in their time zone; UTC for a user without one) — "today" as Odoo reads it for that
 * activity.
 */
export function activityToday(rec: OdooRecord, nowMs: number): number {
  const uid = Array.isArray(rec.user_id) ? (rec.user_id[0] as number) : null;
  const tz = DEMO_USERS.find((u) => u.uid === uid)?.tz ?? 'UTC';
  let format = DAY_FORMATS.get(tz);
  if (format === undefined) {
    format = new Intl.DateTimeFormat('en-CA', { timeZone: tz, year: 'numeric', month: '2-digit', day: '2-digit' });
    DAY_FORMATS.set(tz, format);
  }
  const [y, m, d] = format.format(nowMs).split('-').map(Number);
  return Date.UTC(y!, m! - 1, d!);
}

/**
 * Refreshes activity deadlines and states from "today" in the assigned user's time zone, as
 * Odoo 17 computes an activity's state (`mail.activity._compute_state_from_date`: today in
 * the user's tz, else the server's date): an activity placed "today" is due today for its
 * user whatever the hour in UTC.
 */
export function refreshActivities(data: DemoData, nowMs: number): void {
  const model = data.models.get('mail.activity');
  if (!model) return;
  for (const rec of model.records) {
    const off = data.activityOffsets.get(rec.id) ?? 0;
    rec.date_deadline = ymd(activityToday(rec, nowMs) + off * 86400000);
    rec.display_name = rec.summary;
    rec.state = off < 0 ? 'overdue' : off === 0 ? 'today' : 'planned';
  }
}
