import { describe, expect, it } from 'vitest';
import { odooHomeUrl, odooListUrl, odooRecordUrl, odooWindowUrl } from '../../../../main/core/shell/odoo-urls.js';

const ORIGIN = 'https://odoo.example.com';

describe('Odoo web client URLs', () => {
  it('uses the hash form up to 17 and for unknown versions', () => {
    expect(odooRecordUrl(ORIGIN, 16, { model: 'sale.order', id: 42 })).toBe(`${ORIGIN}/web#model=sale.order&id=42&view_type=form`);
    expect(odooRecordUrl(ORIGIN, 17, { model: 'res.partner', id: 7 })).toBe(`${ORIGIN}/web#model=res.partner&id=7&view_type=form`);
    expect(odooRecordUrl(ORIGIN, null, { model: 'res.partner', id: 7 })).toBe(`${ORIGIN}/web#model=res.partner&id=7&view_type=form`);
    expect(odooHomeUrl(ORIGIN, 17)).toBe(`${ORIGIN}/web`);
  });

  it('uses the /odoo path from 18', () => {
    expect(odooRecordUrl(ORIGIN, 18, { model: 'account.move', id: 3 })).toBe(`${ORIGIN}/odoo/account.move/3`);
    expect(odooRecordUrl(`${ORIGIN}/`, 19, { model: 'project.task', id: 9 })).toBe(`${ORIGIN}/odoo/project.task/9`);
    expect(odooHomeUrl(ORIGIN, 19)).toBe(`${ORIGIN}/odoo`);
    expect(odooWindowUrl(ORIGIN, 18)).toBe(`${ORIGIN}/odoo`);
  });

  it('refuses what is not a model name or a record id', () => {
    expect(() => odooRecordUrl(ORIGIN, 18, { model: '../admin', id: 1 })).toThrow();
    expect(() => odooRecordUrl(ORIGIN, 17, { model: 'res.partner&x=1', id: 1 })).toThrow();
    expect(() => odooRecordUrl(ORIGIN, 17, { model: 'res.partner', id: 0 })).toThrow();
    expect(() => odooRecordUrl(ORIGIN, 17, { model: 'res.partner', id: 1.5 })).toThrow();
    expect(() => odooHomeUrl('javascript:alert(1)', 17)).toThrow();
  });

  it("opens a model's list in the hash form every version reads, without a filter", () => {
    expect(odooListUrl(ORIGIN, 'res.partner')).toBe(`${ORIGIN}/web#model=res.partner&view_type=list`);
    expect(odooWindowUrl(`${ORIGIN}/`, 17, { model: 'sale.order', view: 'list' })).toBe(`${ORIGIN}/web#model=sale.order&view_type=list`);
    // 18+ redirects the hash form to its own path, so the same URL serves them.
    expect(odooWindowUrl(ORIGIN, 18, { model: 'account.move', view: 'list' })).toBe(`${ORIGIN}/web#model=account.move&view_type=list`);
  });

  it('refuses a list for what is not a model name', () => {
    expect(() => odooListUrl(ORIGIN, 'res.partner&view_type=form&id=1')).toThrow();
    expect(() => odooListUrl(ORIGIN, 'Res.Partner')).toThrow();
    expect(() => odooListUrl('file:///etc', 'res.partner')).toThrow();
  });
});
