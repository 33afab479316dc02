// A profile's environment label on its Odoo windows, with electron faked: the tag before
// every title ("[PRODUCTION] …"), and a band in the palette colour inserted into every page
// the profile's windows load (child windows too), never for a profile without a label and
// never from a colour that is not in the palette.
import { beforeEach, describe, expect, it } from 'vitest';
import { createOdooWindows, type OdooWindows } from '../../main/app/odoo-windows.js';
import { ENVIRONMENT_PALETTE } from '../../main/core/shell/environment-label.js';
import type { EnvironmentColour } from '../../main/core/profiles/profile-schema.js';
import { app, fake, type FakeBrowserWindow } from '../support/fake-electron.js';
import { odooRequest as request, ORIGIN } from './harness.js';

beforeEach(() => fake.reset());

function odooWindows(): OdooWindows {
  app.becomeReady();
  return createOdooWindows({ development: false, downloadsDir: () => '/downloads', fileExists: () => false });
}
const mainOf = (w: OdooWindows, profileId = 'acme'): FakeBrowserWindow => w.windowsOf(profileId)[0] as unknown as FakeBrowserWindow;
const production = { tag: 'PRODUCTION', colour: 'red' as EnvironmentColour };

describe('the environment label on Odoo windows', () => {
  it('puts the tag before the window title, before and after Odoo names the page', async () => {
    const w = odooWindows();
    await w.openOdooWindow(request({ environment: production }));
    const main = mainOf(w);
    expect(main.options).toMatchObject({ title: '[PRODUCTION] ACME production' });
    main.emit('page-title-updated', { preventDefault() {} }, 'Invoices');
    expect(main.title).toBe('[PRODUCTION] Invoices — ACME production');
    main.emit('page-title-updated', { preventDefault() {} }, '');
    expect(main.title).toBe('[PRODUCTION] ACME production');
  });

  it('inserts a band in the palette colour into every page loaded, child windows included', async () => {
    const w = odooWindows();
    await w.openOdooWindow(request({ environment: production }));
    await fake.settled();
    const main = mainOf(w);
    expect(main.webContents.insertedCss).toHaveLength(1);
    const [first] = main.webContents.insertedCss;
    expect(first?.url).toBe(`${ORIGIN}/web`);
    expect(first?.css).toContain(`background:${ENVIRONMENT_PALETTE.red}`);
    expect(first?.css).toMatch(/position:fixed;top:0/);
    // A second page (a record asked for from the tray): its document gets the band again.
    await w.openOdooWindow(request({ environment: production, url: `${ORIGIN}/odoo/res.partner/7` }));
    await fake.settled();
    expect(main.webContents.insertedCss.map((c) => c.url)).toEqual([`${ORIGIN}/web`, `${ORIGIN}/odoo/res.partner/7`]);
    const child = main.webContents.openWindow(`${ORIGIN}/web#id=1`) as unknown as FakeBrowserWindow | undefined;
    await child?.webContents.loadURL(`${ORIGIN}/web#id=1`);
    expect(child?.webContents.insertedCss.at(-1)?.css).toContain(ENVIRONMENT_PALETTE.red);
  });

  it('a profile without a label keeps plain titles and pages; a colour outside the palette inserts nothing', async () => {
    const w = odooWindows();
    await w.openOdooWindow(request());
    await fake.settled();
    expect(mainOf(w).options).toMatchObject({ title: 'ACME production' });
    expect(mainOf(w).webContents.insertedCss).toEqual([]);
    const hostile = { tag: 'X', colour: 'red;}body{display:none' as EnvironmentColour };
    await w.openOdooWindow(request({ profileId: 'other', environment: hostile }));
    await fake.settled();
    expect(mainOf(w, 'other').options).toMatchObject({ title: '[X] ACME production' });
    expect(mainOf(w, 'other').webContents.insertedCss).toEqual([]);
  });
});
