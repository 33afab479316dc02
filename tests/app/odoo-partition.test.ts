// The partition an Odoo window runs in, with electron faked: session cookies set
// httpOnly, secure and host-only before the first load (and a cookie Chromium refuses opens
// nothing); permissions from the profile's origin only; downloads to a safe name in the
// Downloads folder; set up once per name; cleared entirely on request.
import { beforeEach, describe, expect, it } from 'vitest';
import { createOdooPartitions } from '../../main/app/odoo-partition.js';
import { app, FakeDownloadItem, fake, session } from '../support/fake-electron.js';
import { odooRequest as request, odooWindow, ORIGIN, PIN, startShell } from './harness.js';

beforeEach(() => fake.reset());

const PIN_SET = { origin: ORIGIN, pins: [PIN], trustSelfSigned: false };

describe('session cookies', () => {
  it('are set httpOnly, secure and host-only before loading', async () => {
    const s = await startShell();
    await s.ports.shell.openOdooWindow(request());
    const ses = odooWindow(s).webContents.session;
    expect(ses.cookies.setCalls).toEqual([
      { url: `${ORIGIN}/`, name: 'session_id', value: 'sid-canary-0123456789', path: '/', secure: true, httpOnly: true, sameSite: 'lax' },
    ]);
    const order = fake.log.map(([k]) => k);
    expect(order.indexOf('cookies.set')).toBeLessThan(order.lastIndexOf('webContents.loadURL'));
  });

  it('that Chromium refuses open no window', async () => {
    const s = await startShell();
    await expect(s.ports.shell.openOdooWindow(request({ cookies: [{ name: 'session_id', value: 'bad;value' }] }))).rejects.toThrow();
    expect(s.shell.odooWindows.windowsOf('acme')).toEqual([]);
  });
});

describe('downloads', () => {
  it('are saved in the Downloads folder under a safe name', async () => {
    const s = await startShell();
    await s.ports.shell.openOdooWindow(request());
    const item = new FakeDownloadItem('../../.bashrc');
    odooWindow(s).webContents.session.emit('will-download', { preventDefault() {} }, item, odooWindow(s).webContents);
    expect(item.savePath).toBe('/fake/downloads/bashrc');
  });

  it('are cancelled, and reported, when no place can be found for them', async () => {
    const errors: string[] = [];
    const partitions = createOdooPartitions({
      downloadsDir: () => {
        throw new Error('no Downloads folder');
      },
      fileExists: () => false,
      onError: (where) => errors.push(where),
    });
    await partitions.prepare('odoo-acme-1', PIN_SET, []);
    const item = new FakeDownloadItem('invoice.pdf');
    session.fromPartition('odoo-acme-1').emit('will-download', { preventDefault() {} }, item, null);
    expect(item.cancelled).toBe(true);
    expect(item.savePath).toBe('');
    expect(errors).toEqual(['will-download']);
  });
});

describe('permissions', () => {
  it('answer requests: clipboard write from the profile origin only', async () => {
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

  it('answer checks by the same rule, read the page when the request names no URL, and grant no device', async () => {
    const partitions = createOdooPartitions({ downloadsDir: () => '/downloads', fileExists: () => false });
    await partitions.prepare('odoo-acme-1', PIN_SET, []);
    const ses = session.fromPartition('odoo-acme-1');
    expect(ses.permissionCheckHandler?.(null, 'clipboard-sanitized-write', ORIGIN)).toBe(true);
    expect(ses.permissionCheckHandler?.(null, 'clipboard-sanitized-write', 'https://evil.example')).toBe(false);
    const answers: boolean[] = [];
    const page = (url: string) => ({ getURL: () => url });
    ses.permissionRequestHandler?.(page(`${ORIGIN}/web`), 'clipboard-sanitized-write', (ok: boolean) => answers.push(ok), {});
    ses.permissionRequestHandler?.(page('https://evil.example/'), 'clipboard-sanitized-write', (ok: boolean) => answers.push(ok), {});
    expect(answers).toEqual([true, false]);
    expect(ses.devicePermissionHandler?.({ deviceType: 'usb', origin: ORIGIN })).toBe(false);
  });
});

describe('a partition', () => {
  it('is set up once per name, whatever the number of opens', async () => {
    app.becomeReady();
    const partitions = createOdooPartitions({ downloadsDir: () => '/downloads', fileExists: () => false });
    await partitions.prepare('odoo-acme-1', PIN_SET, []);
    await partitions.prepare('odoo-acme-1', PIN_SET, [{ name: 'session_id', value: 'sid-1' }]);
    await partitions.prepare('odoo-acme-2', PIN_SET, []);
    const installs = fake.log.filter(([k]) => k === 'session.setCertificateVerifyProc').map(([, p]) => p);
    expect(installs).toEqual(['odoo-acme-1', 'odoo-acme-2']);
    expect(await session.fromPartition('odoo-acme-1').cookies.get({})).toHaveLength(1);
  });

  it('is emptied on request: cookies, storage, caches and HTTP auth', async () => {
    const partitions = createOdooPartitions({ downloadsDir: () => '/downloads', fileExists: () => false });
    await partitions.prepare('odoo-acme-1', PIN_SET, [
      { name: 'session_id', value: 'sid-1' },
      { name: 'td_id', value: 'td-1' },
    ]);
    fake.log.length = 0;
    await partitions.clear('odoo-acme-1');
    expect(await session.fromPartition('odoo-acme-1').cookies.get({})).toEqual([]);
    expect(fake.log.map(([k]) => k)).toEqual([
      'cookies.remove',
      'cookies.remove',
      'session.clearStorageData',
      'session.clearCache',
      'session.clearAuthCache',
    ]);
  });
});
