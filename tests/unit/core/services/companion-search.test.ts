// The pure half of quick search and "my activities": which day it is in the user's time
// zone, how activities fall into overdue / today / upcoming, and a blank query that asks
// Odoo nothing. The searches themselves run against the Odoo test server in
// tests/integration/core/companion-search.test.ts.
import { describe, expect, it } from 'vitest';
import type { Activity } from '../../../../contract/index.js';
import type { OdooClient } from '../../../../main/core/odoo/index.js';
import { bucketActivities, quickSearch, SEARCH_MODELS, todayIn } from '../../../../main/core/services/companion-search.js';

const at = (iso: string): number => Date.parse(iso);
const activity = (id: number, deadline: string): Activity => ({ id, summary: `#${id}`, activityType: null, deadline, model: 'res.partner', resId: 1, resName: '' });

describe('todayIn', () => {
  it('is the date in the user’s time zone, not the computer’s', () => {
    expect(todayIn('Europe/Brussels', at('2026-01-05T22:59:59Z'))).toBe('2026-01-05');
    expect(todayIn('Europe/Brussels', at('2026-01-05T23:00:00Z'))).toBe('2026-01-06');
    expect(todayIn('America/Los_Angeles', at('2026-01-05T07:59:00Z'))).toBe('2026-01-04');
    expect(todayIn('Pacific/Kiritimati', at('2026-12-31T10:00:00Z'))).toBe('2027-01-01');
  });

  it('falls back to UTC without a zone, or with one it does not know', () => {
    expect(todayIn(null, at('2026-01-05T23:30:00Z'))).toBe('2026-01-05');
    expect(todayIn('Mars/Olympus_Mons', at('2026-01-05T23:30:00Z'))).toBe('2026-01-05');
    expect(todayIn('', at('2026-01-05T23:30:00Z'))).toBe('2026-01-05');
  });
});

describe('bucketActivities', () => {
  it('sorts by deadline, then id, into overdue, today and upcoming', () => {
    const input = [activity(5, '2026-01-06'), activity(3, '2026-01-05'), activity(9, '2025-12-31'), activity(1, '2026-01-05'), activity(2, '2026-01-04'), activity(4, '2026-02-01')];
    const ids = (list: Activity[]) => list.map((a) => a.id);
    const buckets = bucketActivities(input, '2026-01-05');
    expect([ids(buckets.overdue), ids(buckets.today), ids(buckets.upcoming)]).toEqual([[9, 2], [1, 3], [5, 4]]);
    // The caller's list is left as it was.
    expect(ids(input)).toEqual([5, 3, 9, 1, 2, 4]);
  });

  it('has three empty buckets for no activities', () => {
    expect(bucketActivities([], '2026-01-05')).toEqual({ overdue: [], today: [], upcoming: [] });
  });
});

describe('quickSearch', () => {
  it('a blank query asks Odoo nothing', async () => {
    const untouched = new Proxy({}, { get: () => () => { throw new Error('Odoo was asked'); } }) as OdooClient;
    expect(await quickSearch(untouched, '')).toEqual([]);
    expect(await quickSearch(untouched, '   \t')).toEqual([]);
  });

  it('searches contacts, sales orders, invoices, products and tasks', () => {
    expect(SEARCH_MODELS.map((m) => [m.model, m.label])).toEqual([
      ['res.partner', 'Contacts'],
      ['sale.order', 'Sales orders'],
      ['account.move', 'Invoices'],
      ['product.product', 'Products'],
      ['project.task', 'Tasks'],
    ]);
    // Invoices are customer and vendor invoices and refunds, not journal entries.
    expect(SEARCH_MODELS.find((m) => m.model === 'account.move')?.domain).toEqual([['move_type', 'in', ['out_invoice', 'out_refund', 'in_invoice', 'in_refund']]]);
  });
});
