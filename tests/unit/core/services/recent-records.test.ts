// The records opened from the app, per profile (main/core/services/recent-records.ts):
// newest first, each once, a capped list, and nothing of one profile in another's.
import { describe, expect, it } from 'vitest';
import { RECENT_LIMIT, RecentRecords } from '../../../../main/core/services/recent-records.js';

const rec = (id: number) => ({ model: 'sale.order', id, name: `S${String(id).padStart(5, '0')}`, modelName: 'Sales Order' });

describe('recently opened records', () => {
  it('lists the newest first, once each, and keeps only the last few', () => {
    const recent = new RecentRecords();
    for (let id = 1; id <= RECENT_LIMIT + 3; id += 1) recent.add('acme', rec(id));
    recent.add('acme', rec(5));
    const ids = recent.list('acme').map((r) => r.id);
    expect(ids).toHaveLength(RECENT_LIMIT);
    expect(ids[0]).toBe(5);
    expect(ids.filter((id) => id === 5)).toHaveLength(1);
    expect(ids).not.toContain(1);
    expect(ids.slice(1, 3)).toEqual([RECENT_LIMIT + 3, RECENT_LIMIT + 2]);
  });

  it('keeps each profile apart, and forgets one profile or all', () => {
    const recent = new RecentRecords();
    recent.add('acme', rec(1));
    recent.add('beta', rec(2));
    expect(recent.list('acme')).toEqual([rec(1)]);
    recent.drop('acme');
    expect(recent.list('acme')).toEqual([]);
    expect(recent.list('beta')).toEqual([rec(2)]);
    recent.clear();
    expect(recent.list('beta')).toEqual([]);
  });

  it('hands out copies: changing an answer changes nothing kept', () => {
    const recent = new RecentRecords();
    recent.add('acme', rec(1));
    recent.list('acme')[0]!.name = 'changed';
    expect(recent.list('acme')[0]!.name).toBe('S00001');
  });
});
