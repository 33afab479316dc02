// Odoo web windows with electron faked: quick-login order (unlock → session check →
// cookies → pinned window), the window's options, navigation and window.open decisions,
// downloads, logout detection, and lock → windows closed, partitions and cookies cleared.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createQuickLogin, type QuickLoginPorts } from '../../main/core/shell/quick-login.js';
import type { OdooWindowRequest } from '../../main/core/shell/ports.js';
import { FakeDownloadItem, FakeNotification, fake, shell, type FakeBrowserWindow } from '../support/fake-electron.js';
import { createTestPki, opensslSpkiPin, type TestCert, type TestPki } from '../support/pki.js';
import { PASSPHRASE, startShell, type StartedShell } from './harness.js';

const ORIGIN = 'https://odoo.example.com';
const PIN = `sha256/${'A'.repeat(43)}=`;

function request(over: Partial<OdooWindowRequest> = {}): OdooWindowRequest {
  return {
    profileId: 'acme',
    title: 'ACME production',
    origin: ORIGIN,
    url: `${ORIGIN}/web`,
    cookies: [{ name: 'session_id', value: 'sid-canary-0123456789' }],
    pins: [PIN],
    trustSelfSigned: false,
    ...over,
  };
}

function odooWindow(s: StartedShell, profileId = 'acme'): FakeBrowserWindow {
  const w = s.shell.odooWindows.windowsOf(profileId)[0];
  if (w === undefined) throw new Error('no Odoo window');
  return w as unknown as FakeBrowserWindow;
}

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

describe('Odoo window', () => {
  it('has no preload, no node, the sandbox, and an in-memory partition of its own', async () => {
    const s = await startShell();
    await s.ports.shell.openOdooWindow(request());
    const prefs = odooWindow(s).options.webPreferences as Record<string, unknown>;
    expect(prefs).not.toHaveProperty('preload');
    expect(prefs).toMatchObject({
      partition: odooWindow(s).webContents.session.partition,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      webviewTag: false,
      devTools: false,
      // Chromium's spellchecker downloads dictionaries from a Google server on Windows and Linux.
      spellcheck: false,
    });
    expect(String(prefs.partition)).toMatch(/^odoo-acme-/);
    expect(String(prefs.partition).startsWith('persist:')).toBe(false);
  });

  it('sets the session cookies httpOnly, secure and host-only before loading', async () => {
    const s = await startShell();
    await s.ports.shell.openOdooWindow(request());
    const ses = odooWindow(s).webContents.session;
    expect(ses.cookies.setCalls).toEqual([
      { url: `${ORIGIN}/`, name: 'session_id', value: 'sid-canary-0123456789', path: '/', secure: true, httpOnly: true, sameSite: 'lax' },
    ]);
    const order = fake.log.map(([k]) => k);
    expect(order.indexOf('cookies.set')).toBeLessThan(order.lastIndexOf('webContents.loadURL'));
  });

  it('enforces the pins through the verify proc: other hosts are left to Chromium, a bad chain is refused', async () => {
    const s = await startShell();
    await s.ports.shell.openOdooWindow(request());
    const proc = odooWindow(s).webContents.session.certificateVerifyProc;
    const verdicts: number[] = [];
    proc?.({ hostname: 'cdn.example.net', certificate: { data: 'x' }, verificationResult: 'net::OK', errorCode: 0 }, (v: number) => verdicts.push(v));
    proc?.({ hostname: 'odoo.example.com', certificate: { data: 'not a certificate' }, verificationResult: 'net::OK', errorCode: 0 }, (v: number) =>
      verdicts.push(v),
    );
    expect(verdicts).toEqual([-3, -2]);
  });

  it('keeps the main frame on the profile origin and sends other links to the browser', async () => {
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

  it('applies the same rules to window.open, and guards the windows it opens', async () => {
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

  it('saves downloads in the Downloads folder under a safe name', async () => {
    const s = await startShell();
    await s.ports.shell.openOdooWindow(request());
    const item = new FakeDownloadItem('../../.bashrc');
    odooWindow(s).webContents.session.emit('will-download', { preventDefault() {} }, item, odooWindow(s).webContents);
    expect(item.savePath).toBe('/fake/downloads/bashrc');
  });

  it('answers permission requests: clipboard write from the profile origin only', async () => {
    const s = await startShell();
    await s.ports.shell.openOdooWindow(request());
    const ses = odooWindow(s).webContents.session;
    const answers: boolean[] = [];
    const ask = (permission: string, url: string): unknown =>
      ses.permissionRequestHandler?.(null, permission, (ok: boolean) => answers.push(ok), { requestingUrl: url });
    ask('clipboard-sanitized-write', `${ORIGIN}/web`);
    ask('clipboard-sanitized-write', 'https://evil.example/');
    ask('media', `${ORIGIN}/web`);
    ask('notifications', `${ORIGIN}/web`);
    expect(answers).toEqual([true, false, false, false]);
  });

  it('notices a logout inside Odoo and drops the stored session once', async () => {
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

  it('notices landing on the login page (session expired on the server)', async () => {
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

  it('refuses to open a URL of another origin', async () => {
    const s = await startShell();
    await expect(s.ports.shell.openOdooWindow(request({ url: 'https://evil.example/web' }))).rejects.toMatchObject({ code: 'invalid_url' });
    expect(s.shell.odooWindows.windowsOf('acme')).toEqual([]);
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
});

describe('pins on an open partition', () => {
  // Chromium caches certificate verdicts per network context for 30 minutes, and neither a
  // new verify proc nor any clear-storage call empties that cache (electron/electron#41448).
  const TLS = 'https://localhost:8443';
  let pki: TestPki;
  const pinOf = new Map<TestCert, string>();
  beforeAll(async () => {
    pki = await createTestPki();
    for (const cert of [pki.leafRsa, pki.leafMitm, pki.leafBackup]) pinOf.set(cert, await opensslSpkiPin(cert.certPem));
  }, 60_000);
  afterAll(() => pki.dispose());

  const presenting = (leaf: TestCert): void => {
    fake.serve(TLS, { certificate: { data: leaf.certPem, issuerCert: { data: pki.intermediate.certPem, issuerCert: { data: pki.root.certPem } } } });
  };
  const tls = (...keys: TestCert[]): OdooWindowRequest =>
    request({ origin: TLS, url: `${TLS}/web`, pins: keys.map((k) => pinOf.get(k) ?? '') });
  const outcome = (s: StartedShell): unknown => odooWindow(s).webContents.outcomes.at(-1);

  it('opens the window once the profile is re-pinned to the key the server shows', async () => {
    presenting(pki.leafRsa);
    const s = await startShell();
    await s.ports.shell.openOdooWindow(tls(pki.leafMitm));
    await fake.settled();
    expect(outcome(s)).toEqual({ url: `${TLS}/web`, error: 'ERR_FAILED' });

    // What a re-pin does: the profile's windows are closed, the next open carries the new pins.
    await s.ports.shell.closeOdooWindows('acme');
    await s.ports.shell.openOdooWindow(tls(pki.leafRsa));
    await fake.settled();
    expect(outcome(s)).toEqual({ url: `${TLS}/web`, error: null });
  });

  it('refuses at once a key just removed from the pins, even with the window still open', async () => {
    presenting(pki.leafRsa);
    const s = await startShell();
    await s.ports.shell.openOdooWindow(tls(pki.leafRsa, pki.leafBackup));
    await fake.settled();
    expect(outcome(s)).toEqual({ url: `${TLS}/web`, error: null });

    await s.ports.shell.openOdooWindow(tls(pki.leafBackup));
    await fake.settled();
    expect(s.shell.odooWindows.windowsOf('acme')).toHaveLength(1);
    expect(outcome(s)).toEqual({ url: `${TLS}/web`, error: 'ERR_FAILED' });
  });

  it('says the certificate was refused, though Chromium reports only ERR_FAILED', async () => {
    presenting(pki.leafMitm);
    const s = await startShell();
    await s.ports.shell.openOdooWindow(tls(pki.leafRsa));
    await fake.settled();
    expect(FakeNotification.shown.at(-1)).toMatchObject({ body: expect.stringMatching(/certificate/i) });
  });

  it('says the server could not be reached when it could not', async () => {
    fake.serve(TLS, { unreachable: true });
    const s = await startShell();
    await s.ports.shell.openOdooWindow(tls(pki.leafRsa));
    await fake.settled();
    const body = String(FakeNotification.shown.at(-1)?.body);
    expect(body).toMatch(/could not be reached/);
    expect(body).not.toMatch(/certificate/i);
  });
});

describe('redirects inside an Odoo page', () => {
  // Plain http on loopback: no certificate in play, the redirects alone are tested.
  const LOCAL = 'http://localhost:8069';
  const local = (): OdooWindowRequest => request({ origin: LOCAL, url: `${LOCAL}/web`, pins: [] });

  it('lets an embedded iframe follow its own redirects: not cancelled, nothing opened in the browser', async () => {
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

  it('still refuses an iframe redirect to a scheme that is not http(s)', async () => {
    const s = await startShell();
    await s.ports.shell.openOdooWindow(local());
    await fake.settled();
    expect(odooWindow(s).webContents.attemptNavigation('file:///etc/passwd', 'will-redirect', false)).toBe(false);
    expect(shell.opened).toEqual([]);
  });

  it('sends a main-frame redirect to another origin to the browser and stops the load', async () => {
    fake.serve(LOCAL, { redirects: { '/web': 'https://sso.example.net/login' } });
    const s = await startShell();
    await s.ports.shell.openOdooWindow(local());
    await fake.settled();
    expect(shell.opened).toEqual(['https://sso.example.net/login']);
    expect(odooWindow(s).webContents.outcomes.at(-1)).toEqual({ url: `${LOCAL}/web`, error: 'ERR_ABORTED' });
  });
});

describe('cookies Chromium refuses', () => {
  it('open no window', async () => {
    const s = await startShell();
    await expect(s.ports.shell.openOdooWindow(request({ cookies: [{ name: 'session_id', value: 'bad;value' }] }))).rejects.toThrow();
    expect(s.shell.odooWindows.windowsOf('acme')).toEqual([]);
  });
});
