// Where an Odoo window's pages may go, with electron faked: the main frame stays on the
// profile's origin, other http(s) links go to the system browser, other schemes nowhere;
// window.open follows the same rules and the windows it opens are guarded too; an iframe
// follows its own http(s) redirects; a logout or the login page is noticed.
import type { BrowserWindowConstructorOptions, WebContents } from 'electron';
import { beforeEach, describe, expect, it } from 'vitest';
import { guardNavigation } from '../../main/app/odoo-navigation.js';
import type { OdooWindowRequest } from '../../main/core/shell/ports.js';
import { fake, FakeBrowserWindow, shell } from '../support/fake-electron.js';
import { odooRequest as request, odooWindow, ORIGIN, startShell } from './harness.js';

beforeEach(() => fake.reset());

describe('the main frame', () => {
  it('stays on the profile origin; other links go to the browser, other schemes nowhere', async () => {
    const s = await startShell();
    await s.ports.shell.openOdooWindow(request());
    const contents = odooWindow(s).webContents;
    expect(contents.attemptNavigation(`${ORIGIN}/odoo/res.partner/7`)).toBe(true);
    expect(contents.attemptNavigation('https://www.odoo.com/documentation')).toBe(false);
    expect(contents.attemptNavigation('javascript:alert(document.cookie)')).toBe(false);
    expect(contents.attemptNavigation('file:///etc/passwd')).toBe(false);
    expect(contents.attemptNavigation('data:text/html,<script>1</script>')).toBe(false);
    expect(contents.attemptNavigation('https://accounts.example.net/oauth', 'will-redirect')).toBe(false);
    expect(shell.opened).toEqual(['https://www.odoo.com/documentation', 'https://accounts.example.net/oauth']);
  });

  it('never hands the browser a link with credentials in it', async () => {
    const s = await startShell();
    await s.ports.shell.openOdooWindow(request());
    const contents = odooWindow(s).webContents;
    expect(contents.attemptNavigation('https://user:secret@evil.example/')).toBe(false);
    expect(contents.attemptNavigation(`https://user:secret@odoo.example.com/web`)).toBe(false);
    expect(shell.opened).toEqual([]);
  });
});

describe('window.open', () => {
  it('follows the same rules, and the windows it opens are guarded the same way', async () => {
    const s = await startShell();
    await s.ports.shell.openOdooWindow(request());
    const contents = odooWindow(s).webContents;
    const child = contents.openWindow(`${ORIGIN}/report/pdf/sale.report_saleorder/5`);
    expect(child).not.toBeNull();
    expect(child?.options.webPreferences).toMatchObject({ partition: contents.session.partition, sandbox: true, nodeIntegration: false });
    expect(child?.webContents.session).toBe(contents.session);
    expect(child?.options.webPreferences).not.toHaveProperty('preload');
    expect(child?.webContents.attemptNavigation('https://evil.example/')).toBe(false);
    expect(contents.openWindow('https://www.example.org/')).toBeNull();
    expect(contents.openWindow('javascript:alert(1)')).toBeNull();
    expect(shell.opened).toEqual(['https://evil.example/', 'https://www.example.org/']);
    expect(s.shell.odooWindows.windowsOf('acme')).toHaveLength(2);
  });
});

describe('the end of the web session', () => {
  it('is noticed at a logout inside Odoo, and the stored session dropped once', async () => {
    const s = await startShell();
    const asked: unknown[] = [];
    const original = s.core.dispatch;
    s.core.dispatch = async (channel, input) => {
      asked.push([channel, input]);
      return original(channel, input);
    };
    await s.ports.shell.openOdooWindow(request());
    const contents = odooWindow(s).webContents;
    expect(contents.attemptNavigation(`${ORIGIN}/web/session/logout?redirect=/web`)).toBe(true);
    contents.completeNavigation(`${ORIGIN}/web/login`);
    expect(asked).toEqual([['odoo:logout', { profileId: 'acme' }]]);
  });

  it('is noticed on landing on the login page (session expired on the server)', async () => {
    const s = await startShell();
    const asked: unknown[] = [];
    s.core.dispatch = async (channel) => {
      asked.push(channel);
      return { ok: true, value: { done: true } };
    };
    await s.ports.shell.openOdooWindow(request());
    odooWindow(s).webContents.completeNavigation(`${ORIGIN}/web/login?redirect=%2Fweb`);
    expect(asked).toEqual(['odoo:logout']);
  });
});

describe('redirects inside an Odoo page', () => {
  // Plain http on loopback: no certificate in play, the redirects alone are tested.
  const LOCAL = 'http://localhost:8069';
  const local = (): OdooWindowRequest => request({ origin: LOCAL, url: `${LOCAL}/web`, pins: [] });

  it('let an embedded iframe follow its own redirects: not cancelled, nothing opened in the browser', async () => {
    fake.serve(LOCAL, { frames: { '/web': ['https://maps.example.net/embed?q=1'] } });
    fake.serve('https://maps.example.net', { redirects: { '/embed?q=1': 'https://maps.example.org/embed/v2?q=1' } });
    const s = await startShell();
    const failures: unknown[] = [];
    await s.ports.shell.openOdooWindow(local());
    odooWindow(s).webContents.on('did-fail-load', (_e, code, _d, url) => failures.push([code, url]));
    await fake.settled();
    expect(shell.opened).toEqual([]);
    expect(failures).toEqual([]);
    expect(odooWindow(s).webContents.subframes.map((f) => f.url)).toEqual(['https://maps.example.org/embed/v2?q=1']);
  });

  it('still refuse an iframe redirect to a scheme that is not http(s)', async () => {
    const s = await startShell();
    await s.ports.shell.openOdooWindow(local());
    await fake.settled();
    expect(odooWindow(s).webContents.attemptNavigation('file:///etc/passwd', 'will-redirect', false)).toBe(false);
    expect(shell.opened).toEqual([]);
  });

  it('send a main-frame redirect to another origin to the browser and stop the load', async () => {
    fake.serve(LOCAL, { redirects: { '/web': 'https://sso.example.net/login' } });
    const s = await startShell();
    await s.ports.shell.openOdooWindow(local());
    await fake.settled();
    expect(shell.opened).toEqual(['https://sso.example.net/login']);
    expect(odooWindow(s).webContents.outcomes.at(-1)).toEqual({ url: `${LOCAL}/web`, error: 'ERR_ABORTED' });
  });
});

/** A bare page with the guards on, and what they reported. */
function guarded(): { contents: FakeBrowserWindow['webContents']; ended: number[] } {
  const win = new FakeBrowserWindow({});
  const ended: number[] = [];
  const childOptions = (): BrowserWindowConstructorOptions => ({ webPreferences: { partition: 'odoo-acme-1' } });
  guardNavigation(win.webContents as unknown as WebContents, { origin: ORIGIN, childOptions, sessionEnded: () => ended.push(1) });
  return { contents: win.webContents, ended };
}

/** Emits a navigation event the way Electron before 45 did: the URL and isMainFrame as arguments only. */
function legacy(contents: FakeBrowserWindow['webContents'], event: string, url: string, isMainFrame?: boolean): boolean {
  let prevented = false;
  contents.emit(event, { preventDefault: () => (prevented = true) }, url, false, isMainFrame);
  return !prevented;
}

describe('the guards', () => {
  it('refuse <webview>', () => {
    const { contents } = guarded();
    let prevented = false;
    contents.emit('will-attach-webview', { preventDefault: () => (prevented = true) });
    expect(prevented).toBe(true);
  });

  it('read the URL and the frame from the arguments when the event does not carry them', () => {
    const { contents, ended } = guarded();
    expect(legacy(contents, 'will-navigate', 'https://evil.example/')).toBe(false);
    expect(legacy(contents, 'will-navigate', `${ORIGIN}/web/session/logout`)).toBe(true);
    expect(ended).toEqual([1]);
    // An iframe's redirect: http(s) anywhere, never the browser.
    expect(legacy(contents, 'will-redirect', 'https://maps.example.net/embed', false)).toBe(true);
    expect(legacy(contents, 'will-redirect', 'file:///etc/passwd', false)).toBe(false);
    // Which frame is unknown: the main frame's rule, the strict one.
    expect(legacy(contents, 'will-redirect', 'https://maps.example.net/embed')).toBe(false);
    expect(shell.opened).toEqual(['https://evil.example/', 'https://maps.example.net/embed']);
  });

  it('give window.open on the origin the options for the profile', () => {
    const { contents } = guarded();
    expect(contents.windowOpenHandler?.({ url: `${ORIGIN}/web#id=3` })).toEqual({
      action: 'allow',
      overrideBrowserWindowOptions: { webPreferences: { partition: 'odoo-acme-1' } },
    });
    expect(contents.windowOpenHandler?.({ url: 'blob:https://odoo.example.com/1' })).toEqual({ action: 'deny' });
    expect(shell.opened).toEqual([]);
  });
});
