// Odoo web windows with electron faked: quick-login order (unlock → session check →
// cookies → pinned window), one window per profile, a session end told once, and lock →
// windows destroyed, partitions and cookies cleared. (Their parts: odoo-partition,
// odoo-certificates, odoo-navigation, odoo-window-options tests.)
import { beforeEach, describe, expect, it } from 'vitest';
import { createOdooWindows, type OdooWindows } from '../../main/app/odoo-windows.js';
import { createQuickLogin, type QuickLoginPorts } from '../../main/core/shell/quick-login.js';
import { app, fake, type FakeBrowserWindow } from '../support/fake-electron.js';
import { odooRequest as request, odooWindow, ORIGIN, PASSPHRASE, PIN, startShell, type StartedShell } from './harness.js';

/** A shell whose core's quick-login talks to recording fakes instead of Odoo. */
async function shellWithFakeLogin(options: { stored: boolean; presence: boolean }): Promise<StartedShell> {
  return startShell({
    wrap: (core, ports) => {
      let state: 'locked' | 'unlocked' = 'locked';
      const quickPorts: QuickLoginPorts = {
        profile: async (id) =>
          id === 'acme'
            ? { id, label: 'ACME production', origin: ORIGIN, authMethod: 'password', pins: [PIN], trustSelfSigned: false, serverMajor: 17 }
            : null,
        vault: {
          state: () => state,
          unlockWithPresence: async () => {
            fake.log.push(['presence']);
            if (options.presence) state = 'unlocked';
            return options.presence;
          },
        },
        sessions: {
          confirmStored: async () => {
            fake.log.push(['confirmStored']);
            return options.stored ? [{ name: 'session_id', value: 'sid-canary-0123456789' }] : null;
          },
          authenticate: async () => {
            fake.log.push(['authenticate']);
            return { status: 'ok', cookies: [{ name: 'session_id', value: 'sid-fresh-canary-999' }, { name: 'td_id', value: 'td-canary' }] };
          },
        },
        shell: ports.shell,
        now: () => 0,
      };
      return { ...core, quickLogin: createQuickLogin(quickPorts) };
    },
  });
}

const steps = (): string[] =>
  fake.log
    .filter(([k]) =>
      ['presence', 'confirmStored', 'authenticate', 'cookies.set', 'session.setCertificateVerifyProc', 'webContents.loadURL'].includes(String(k)),
    )
    .filter(([k, v]) => k !== 'webContents.loadURL' || String(v).startsWith(ORIGIN))
    .map(([k, v]) => (k === 'cookies.set' ? `cookie:${String(v)}` : String(k)));

beforeEach(() => fake.reset());

describe('quick-login from the tray', () => {
  it('unlocks, confirms the stored session, sets the cookie, then opens the pinned window', async () => {
    const s = await shellWithFakeLogin({ stored: true, presence: true });
    fake.log.length = 0;
    await s.shell.perform({ kind: 'quick-login', profileId: 'acme' });
    await fake.settled();
    expect(steps()).toEqual([
      'presence',
      'confirmStored',
      'session.setCertificateVerifyProc',
      'cookie:session_id',
      'webContents.loadURL',
    ]);
    const win = odooWindow(s);
    expect(win.webContents.getURL()).toBe(`${ORIGIN}/web`);
    expect(win.visible).toBe(true);
    expect(win.webContents.session.partition).toMatch(/^odoo-acme-[0-9a-f]+$/);
    expect(win.webContents.session.certificateVerifyProc).not.toBeNull();
  });

  it('re-authenticates when the stored session is not confirmed, and sets td_id too', async () => {
    const s = await shellWithFakeLogin({ stored: false, presence: true });
    fake.log.length = 0;
    await s.shell.perform({ kind: 'quick-login', profileId: 'acme' });
    expect(steps()).toEqual([
      'presence',
      'confirmStored',
      'authenticate',
      'session.setCertificateVerifyProc',
      'cookie:session_id',
      'cookie:td_id',
      'webContents.loadURL',
    ]);
  });

  it('asks our UI for the passphrase when presence fails, and opens nothing yet', async () => {
    const s = await shellWithFakeLogin({ stored: true, presence: false });
    s.win().hide();
    await s.shell.perform({ kind: 'quick-login', profileId: 'acme' });
    expect(s.win().isVisible()).toBe(true);
    expect(s.win().webContents.sent).toContainEqual(['ui:show', { screen: 'unlock-prompt', profileId: 'acme' }]);
    expect(s.shell.odooWindows.windowsOf('acme')).toEqual([]);
  });

  it('focuses the open window on a second click instead of opening another', async () => {
    const s = await shellWithFakeLogin({ stored: true, presence: true });
    await s.shell.perform({ kind: 'quick-login', profileId: 'acme' });
    await fake.settled();
    const first = odooWindow(s);
    first.focused = false;
    await s.shell.perform({ kind: 'quick-login', profileId: 'acme' });
    await fake.settled();
    expect(s.shell.odooWindows.windowsOf('acme')).toEqual([first]);
    expect(first.focused).toBe(true);
    expect(first.webContents.loaded).toEqual([`${ORIGIN}/web`]);
  });
});

function odooWindows(): OdooWindows {
  app.becomeReady();
  return createOdooWindows({ development: false, downloadsDir: () => '/downloads', fileExists: () => false });
}

const mainOf = (w: OdooWindows, profileId = 'acme'): FakeBrowserWindow => w.windowsOf(profileId)[0] as unknown as FakeBrowserWindow;

describe('Odoo windows of a profile', () => {
  it('refuses to open a URL of another origin', async () => {
    const s = await startShell();
    await expect(s.ports.shell.openOdooWindow(request({ url: 'https://evil.example/web' }))).rejects.toMatchObject({ code: 'invalid_url' });
    expect(s.shell.odooWindows.windowsOf('acme')).toEqual([]);
  });

  it('make one window for two quick opens, and load a record asked for in it', async () => {
    const w = odooWindows();
    await Promise.all([w.openOdooWindow(request()), w.openOdooWindow(request())]);
    expect(w.windowsOf('acme')).toHaveLength(1);
    await fake.settled();
    const loads = mainOf(w).webContents.loaded.length;
    await w.openOdooWindow(request({ url: `${ORIGIN}/odoo/res.partner/7` }));
    await fake.settled();
    expect(mainOf(w).webContents.loaded.slice(loads)).toEqual([`${ORIGIN}/odoo/res.partner/7`]);
    expect(mainOf(w).webContents.getURL()).toBe(`${ORIGIN}/odoo/res.partner/7`);
  });

  it('list the main window first, and know their webContents', async () => {
    const w = odooWindows();
    await w.openOdooWindow(request());
    const main = mainOf(w);
    const child = main.webContents.openWindow(`${ORIGIN}/web#id=1`);
    expect(w.windowsOf('acme')).toEqual([main, child]);
    expect(w.isOdooWebContents(main.webContents.id)).toBe(true);
    expect(w.isOdooWebContents(child?.webContents.id ?? -1)).toBe(true);
    main.destroy();
    expect(w.windowsOf('acme')).toEqual([child]);
    expect(w.isOdooWebContents(main.webContents.id)).toBe(false);
  });

  it("are titled with the page's title and the profile's label", async () => {
    const w = odooWindows();
    await w.openOdooWindow(request());
    const main = mainOf(w);
    let prevented = false;
    main.emit('page-title-updated', { preventDefault: () => (prevented = true) }, 'Contacts');
    expect(prevented).toBe(true);
    expect(main.title).toBe('Contacts — ACME production');
    main.emit('page-title-updated', { preventDefault() {} }, '');
    expect(main.title).toBe('ACME production');
  });

  it('tell a session end once per session set, to every listener', async () => {
    const w = odooWindows();
    const ended: string[] = [];
    w.onSessionEnded(() => {
      throw new Error('a listener that fails');
    });
    const off = w.onSessionEnded((profileId) => ended.push(profileId));
    await w.openOdooWindow(request());
    mainOf(w).webContents.completeNavigation(`${ORIGIN}/web/login`);
    mainOf(w).webContents.completeNavigation(`${ORIGIN}/web/login?redirect=%2Fweb`);
    expect(ended).toEqual(['acme']);
    await w.openOdooWindow(request());
    mainOf(w).webContents.completeNavigation(`${ORIGIN}/web/login`);
    expect(ended).toEqual(['acme', 'acme']);
    off();
    await w.openOdooWindow(request());
    mainOf(w).webContents.completeNavigation(`${ORIGIN}/web/login`);
    expect(ended).toHaveLength(2);
  });

  it('tell no session end when none was set', async () => {
    const w = odooWindows();
    const ended: string[] = [];
    w.onSessionEnded((profileId) => ended.push(profileId));
    await w.openOdooWindow(request({ cookies: [] }));
    mainOf(w).webContents.completeNavigation(`${ORIGIN}/web/login`);
    expect(ended).toEqual([]);
  });
});

describe('lock', () => {
  it('closes every Odoo window and clears their partitions and cookies', async () => {
    const s = await startShell();
    const created = await s.core.dispatch('vault:create', { passphrase: PASSPHRASE, enablePresence: false });
    expect(created).toMatchObject({ ok: true, value: { state: 'unlocked' } });
    await s.ports.shell.openOdooWindow(request());
    await s.ports.shell.openOdooWindow(request({ profileId: 'beta', origin: 'https://beta.example.com', url: 'https://beta.example.com/odoo' }));
    const acme = odooWindow(s, 'acme');
    const beta = odooWindow(s, 'beta');
    acme.webContents.openWindow(`${ORIGIN}/web#id=1`);
    const partitions = [acme.webContents.session, beta.webContents.session];
    expect(await acme.webContents.session.cookies.get({})).toHaveLength(1);

    s.shell.perform({ kind: 'lock' });
    await s.shell.odooWindows.closeOdooWindows(); // waits for the close the lock started
    expect(s.core.vaultState()).toBe('locked');
    expect(acme.isDestroyed()).toBe(true);
    expect(beta.isDestroyed()).toBe(true);
    expect(s.shell.odooWindows.windowsOf('acme')).toEqual([]);
    for (const ses of partitions) {
      expect(ses.cleared).toBeGreaterThan(0);
      expect(await ses.cookies.get({})).toEqual([]);
    }
    expect(s.win().webContents.sent).toContainEqual(['vault:locked', { reason: 'manual' }]);
    // Our own window stays: it shows the lock screen.
    expect(s.win().isDestroyed()).toBe(false);
  });

  it('destroys windows a page would keep open: a beforeunload cannot stop it', async () => {
    const w = odooWindows();
    await w.openOdooWindow(request());
    const main = mainOf(w);
    main.on('close', (event: { preventDefault(): void }) => event.preventDefault());
    await w.closeOdooWindows('acme');
    expect(main.isDestroyed()).toBe(true);
  });
});
