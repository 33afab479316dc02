// The handlers behind opening Odoo at a model's list and the recently-opened records
// (main/core/ipc/handlers.ts, through the real dispatcher; the world is in
// fixtures/handlers-world.ts): only the quick search's models open as a list, and what was
// opened is listed newest first, once each, and forgotten on lock.
import { describe, expect, it } from 'vitest';
import { call, fail, ID, PASS, unlocked } from './fixtures/handlers-world.js';

describe('opening lists and the recently opened records', () => {
  it("openList hands a quick-search model's list to quick-login and refuses any other model", async () => {
    const w = await unlocked();
    expect(await call(w, 'odoo:openList', { profileId: ID, model: 'sale.order' })).toEqual({ status: 'opened' });
    expect((await fail(w, 'odoo:openList', { profileId: ID, model: 'res.users' })).code).toBe('invalid_input');
    expect(w.log.filter((l) => l.startsWith('quickLogin'))).toEqual([`quickLogin.run ${ID} {"model":"sale.order","view":"list"}`]);
  });

  it('recent lists the records opened, newest first and once each, and forgets them on lock', async () => {
    const w = await unlocked();
    await call(w, 'odoo:open', { profileId: ID, record: { model: 'sale.order', id: 7, name: 'S00007', modelName: 'Sales Order' } });
    await call(w, 'odoo:open', { profileId: ID, record: { model: 'res.partner', id: 14 } });
    await call(w, 'odoo:open', { profileId: ID, record: { model: 'sale.order', id: 7, name: 'S00007', modelName: 'Sales Order' } });
    await call(w, 'odoo:open', { profileId: ID });
    expect(await call(w, 'odoo:recent', { profileId: ID })).toEqual([
      { model: 'sale.order', id: 7, name: 'S00007', modelName: 'Sales Order' },
      { model: 'res.partner', id: 14, name: '#14', modelName: null },
    ]);
    await call(w, 'vault:lock', {});
    await w.vault.unlockWithPassphrase(PASS);
    expect(await call(w, 'odoo:recent', { profileId: ID })).toEqual([]);
  });
});
