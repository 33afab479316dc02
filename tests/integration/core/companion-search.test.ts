// Quick search and "my activities" with the real Odoo client against the Odoo test server:
// groups per model with subtitles and a "more" flag, a model that is missing or refused is
// left out while the others answer, a failure of the server itself fails the search, and
// activities fall into overdue / today / upcoming in the user's time zone.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { OdooClient } from '../../../main/core/odoo/index.js';
import { isAppError } from '../../../main/core/errors.js';
import { myActivities, quickSearch, SEARCH_MODELS } from '../../../main/core/services/companion-search.js';
import { startOdooServer, type OdooTestServer } from '../../support/odoo-server/index.js';
import type { ModelDef, OdooRecord } from '../../support/odoo-server/data.js';
import { makeClient, thrown } from '../odoo/fixture.js';

/** Noon UTC: the same date in UTC and in Brussels, the demo user's zone. */
let now = Date.parse('2026-01-05T12:00:00Z');
let odoo: OdooTestServer;
let client: OdooClient;
let closeAll: () => Promise<void>;

beforeAll(async () => {
  odoo = await startOdooServer({ version: 17, clock: { now: () => now } });
  const kit = makeClient(odoo, { login: 'demo', authMethod: 'api-key', secretValues: { 'api-key': odoo.user('demo').apiKey } });
  client = kit.client;
  closeAll = () => kit.dispatchers.closeAll();
});
afterAll(async () => {
  await closeAll?.();
  await odoo?.stop();
});

const models = (): Map<string, ModelDef> => odoo.registry.data.models;
const removed: [string, ModelDef][] = [];
afterEach(() => {
  for (const [name, def] of removed.splice(0)) models().set(name, def);
  for (const def of models().values()) delete def.systemOnly;
  odoo.setFault(null);
});

describe('quick search', () => {
  it('answers per model, in a fixed order, at most the limit each, saying when there are more', async () => {
    for (const [term, limit] of [['Desk', 2], ['S0000', 3], ['Azure', 50]] as const) {
      const groups = await quickSearch(client, `  ${term} `, { limitPerModel: limit });
      expect(groups.length, term).toBeGreaterThan(0);
      const order = SEARCH_MODELS.map((m) => m.model);
      expect(groups.map((g) => order.indexOf(g.model))).toEqual([...groups.map((g) => order.indexOf(g.model))].sort((a, b) => a - b));
      for (const g of groups) {
        const m = SEARCH_MODELS.find((x) => x.model === g.model)!;
        const count = await client.searchCount(g.model, [...m.domain, ['name', 'ilike', term]] as never);
        expect(g.label).toBe(m.label);
        expect(g.hits.length).toBe(Math.min(count, limit));
        expect(g.more).toBe(count > limit);
        for (const hit of g.hits) expect(hit.name.toLowerCase()).toContain(term.toLowerCase());
      }
      if (term === 'S0000') expect(groups.find((g) => g.model === 'sale.order')).toMatchObject({ more: true });
    }
  });

  it('shows a subtitle per model: the email, the customer’s name, the internal reference', async () => {
    const partner = (await quickSearch(client, 'Azure Interior')).find((g) => g.model === 'res.partner')!;
    expect(partner.hits[0]?.subtitle).toMatch(/@example\.com$/);
    const order = (await quickSearch(client, 'S00001')).find((g) => g.model === 'sale.order')!;
    const [row] = await client.read<{ partner_id: [number, string] }>('sale.order', [order.hits[0]!.id], ['partner_id']);
    expect(order.hits[0]?.subtitle).toBe(row!.partner_id[1]);
    const product = (await quickSearch(client, 'Desk')).find((g) => g.model === 'product.product')!;
    expect(product.hits.every((h) => h.subtitle !== null && h.name.startsWith(`[${h.subtitle}]`))).toBe(true);
  });

  it('finds nothing without failing when no model has a match', async () => {
    expect(await quickSearch(client, 'zzz-no-such-record-zzz')).toEqual([]);
  });

  it('a model that is not installed, or that the user may not read, is left out; the others still answer', async () => {
    const before = (await quickSearch(client, 'Desk')).map((g) => g.model);
    expect(before).toContain('product.product');
    removed.push(['project.task', models().get('project.task')!]);
    models().delete('project.task');
    models().get('product.product')!.systemOnly = true;
    const after = await quickSearch(client, 'Azure');
    expect(after.map((g) => g.model)).toContain('res.partner');
    expect(after.map((g) => g.model)).not.toContain('product.product');
    expect(await quickSearch(client, 'Desk')).toEqual([]);
  });

  it('a server that cannot be reached, or a proxy’s error page, fails the search instead of finding nothing', async () => {
    await client.identity();
    odoo.setFault({ kind: 'html-502' });
    expect(isAppError(await thrown(() => quickSearch(client, 'Azure')), 'bad_response')).toBe(true);
    odoo.setFault(null);
    await odoo.takeDown();
    try {
      const e = await thrown(() => quickSearch(client, 'Azure'));
      expect(isAppError(e, 'network')).toBe(true);
    } finally {
      await odoo.bringUp();
    }
  });
});

describe('my activities', () => {
  const ids = (b: { overdue: { deadline: string }[]; today: { deadline: string }[]; upcoming: { deadline: string }[] }) =>
    [b.overdue, b.today, b.upcoming].map((list) => list.length);

  it('lists the user’s own activities by deadline, in overdue, today and upcoming', async () => {
    const buckets = await myActivities(client, { now });
    expect(ids(buckets)).toEqual([3, 2, 4]);
    const all = [...buckets.overdue, ...buckets.today, ...buckets.upcoming];
    expect(all.map((a) => a.deadline)).toEqual([...all.map((a) => a.deadline)].sort());
    expect(buckets.today.every((a) => a.deadline === '2026-01-05')).toBe(true);
    for (const a of all) {
      expect(['res.partner', 'sale.order']).toContain(a.model);
      expect(a.summary).toBe(`${a.activityType} ${a.resName}`);
    }
  });

  it('"today" is the user’s day: late in the evening UTC, Brussels is already tomorrow', async () => {
    const late = Date.parse('2026-01-05T23:30:00Z');
    expect(ids(await myActivities(client, { now: late }))).toEqual([5, 1, 3]);
  });

  it('leaves out what the app cannot open, names an activity without summary by its type, its record by its model, and refuses one without id', async () => {
    const activities = models().get('mail.activity')!;
    const base = { res_id: 14, res_name: 'Azure Interior', user_id: [6, 'Marc Demo'], date_deadline: '', state: '' };
    const extra: OdooRecord[] = [
      { ...base, id: 9001, summary: 'No model', activity_type_id: [1, 'Email'], res_model: false },
      { ...base, id: 9002, summary: 'Bad model', activity_type_id: [1, 'Email'], res_model: 'Res Partner; drop' },
      { ...base, id: 9003, summary: false, activity_type_id: [2, 'Call'], res_model: 'res.partner', res_model_id: [1, 'Contact'] },
      { ...base, id: 9004, summary: false, activity_type_id: false, res_model: 'res.partner', res_name: false },
      { ...base, id: 9005, summary: 'Someone else’s', activity_type_id: [2, 'Call'], res_model: 'res.partner', user_id: [2, 'Mitchell Admin'] },
    ];
    activities.records.push(...extra);
    try {
      const today = (await myActivities(client, { now })).today.filter((a) => a.id > 9000);
      expect(today).toEqual([
        { id: 9003, summary: 'Call', activityType: 'Call', deadline: '2026-01-05', model: 'res.partner', modelName: 'Contact', resId: 14, resName: 'Azure Interior' },
        // Without the model's name from Odoo, the record goes by its own name alone.
        { id: 9004, summary: 'Activity', activityType: null, deadline: '2026-01-05', model: 'res.partner', modelName: null, resId: 14, resName: '' },
      ]);
      activities.records.push({ ...base, id: -1, summary: 'Broken', activity_type_id: false, res_model: 'res.partner' });
      expect(isAppError(await thrown(() => myActivities(client, { now })), 'bad_response')).toBe(true);
    } finally {
      activities.records = activities.records.filter((r) => r.id > 0 && r.id < 9000);
    }
  });
});

afterAll(() => {
  now = Date.now();
});
