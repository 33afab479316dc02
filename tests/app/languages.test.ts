// Main's own words — tray, application menu, About panel — come from the same catalogues
// as the UI: in the OS language, English when the OS speaks none of ours, and in the
// language setting as soon as it changes.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import ar from '../../i18n/ar.json';
import de from '../../i18n/de.json';
import en from '../../i18n/en.json';
import fr from '../../i18n/fr.json';
import { app, fake } from '../support/fake-electron.js';
import { appMenuItems, settle, startShell, tray, trayItems } from './harness.js';

beforeEach(() => fake.reset());
afterEach(() => {
  app.preferredSystemLanguages = ['en-US'];
  app.locale = 'en-US';
});

const labels = () => trayItems().map((i) => i.label);

describe('languages of the shell', () => {
  it('follows the OS language: tray, menus and About panel in French', async () => {
    app.preferredSystemLanguages = ['fr-CA', 'en-US'];
    await startShell();
    expect(labels()).toContain(fr['tray.notSetUp']);
    expect(labels()).toContain(fr['tray.quit']);
    expect(tray().tooltip).toBe(fr['tray.tooltipNotSetUp']);
    expect(appMenuItems().map((i) => i.label)).toContain(fr['menu.file']);
    expect(app.aboutPanel.at(-1)).toMatchObject({ credits: fr['about.credits'] });
  });

  it("falls back to Chromium's locale when the OS lists no language, and to English when it speaks none of ours", async () => {
    app.preferredSystemLanguages = [];
    app.locale = 'de';
    await startShell();
    expect(labels()).toContain(de['tray.notSetUp']);
    fake.reset();
    app.preferredSystemLanguages = ['ja-JP', 'ko-KR'];
    await startShell();
    expect(labels()).toContain(en['tray.notSetUp']);
  });

  it('switches the tray and menus at once when the language setting changes', async () => {
    app.preferredSystemLanguages = ['fr-FR'];
    const s = await startShell();
    const contents = s.win().webContents;
    const { ipcMain } = await import('../support/fake-electron.js');
    const r = await ipcMain.invokeFrom(contents, contents.mainFrame, 'settings:update', { language: 'ar' });
    expect(r).toMatchObject({ ok: true, value: { language: 'ar' } });
    await settle();
    expect(labels()).toContain(ar['tray.notSetUp']);
    expect(tray().tooltip).toBe(ar['tray.tooltipNotSetUp']);
    expect(await ipcMain.invokeFrom(contents, contents.mainFrame, 'app:locale', {})).toEqual({ ok: true, value: { locale: 'ar', direction: 'rtl' } });
  });
});
