import { describe, expect, it } from 'vitest';
import {
  cookieUrl,
  downloadTarget,
  odooCookieDetails,
  odooNavigation,
  odooLoadFailureMessage,
  odooPartition,
  odooRedirect,
  odooPermissionAllowed,
  odooSessionEnded,
  odooWindowPreferences,
  safeExternalUrl,
  sanitizeDownloadName,
} from '../../../../main/core/shell/odoo-window-policy.js';

const ORIGIN = 'https://odoo.example.com';

describe('odooNavigation', () => {
  it.each([
    ['same origin', `${ORIGIN}/web#action=1`, 'allow'],
    ['same origin, 18 path', `${ORIGIN}/odoo/res.partner/7`, 'allow'],
    ['same origin, explicit default port', 'https://odoo.example.com:443/web', 'allow'],
    ['other origin', 'https://www.odoo.com/documentation', 'external'],
    ['subdomain of the profile', 'https://evil.odoo.example.com/', 'external'],
    ['other port', 'https://odoo.example.com:8443/web', 'external'],
    ['http downgrade of the same host', 'http://odoo.example.com/web', 'external'],
    ['javascript:', 'javascript:alert(document.cookie)', 'deny'],
    ['file:', 'file:///etc/passwd', 'deny'],
    ['data:', 'data:text/html,<script>alert(1)</script>', 'deny'],
    ['blob:', `blob:${ORIGIN}/0f1e`, 'deny'],
    ['about:blank', 'about:blank', 'deny'],
    ['custom scheme', 'ms-settings:privacy', 'deny'],
    ['our own renderer scheme', 'app://companion/index.html', 'deny'],
    ['credentials on our origin', 'https://user:pw@odoo.example.com/web', 'deny'],
    ['credentials elsewhere', 'https://user:pw@evil.example/', 'deny'],
    ['garbage', 'not a url', 'deny'],
  ])('%s → %s', (_name, url, decision) => {
    expect(odooNavigation(url, ORIGIN)).toBe(decision);
  });

  it('checks what goes to the system browser', () => {
    expect(safeExternalUrl('https://www.odoo.com/a b')).toBeNull();
    expect(safeExternalUrl('https://www.odoo.com/\n')).toBeNull();
    expect(safeExternalUrl(`https://x.example/${'a'.repeat(3000)}`)).toBeNull();
    expect(safeExternalUrl('https://WWW.Odoo.com/doc')).toBe('https://www.odoo.com/doc');
  });
});

describe('odooSessionEnded', () => {
  it('notices logout and the login page of the profile only', () => {
    expect(odooSessionEnded(`${ORIGIN}/web/session/logout`, ORIGIN)).toBe(true);
    expect(odooSessionEnded(`${ORIGIN}/web/session/logout?redirect=/web`, ORIGIN)).toBe(true);
    expect(odooSessionEnded(`${ORIGIN}/web/login`, ORIGIN)).toBe(true);
    expect(odooSessionEnded(`${ORIGIN}/web/login/`, ORIGIN)).toBe(true);
    expect(odooSessionEnded(`${ORIGIN}/web`, ORIGIN)).toBe(false);
    expect(odooSessionEnded(`${ORIGIN}/web/login/totp`, ORIGIN)).toBe(false);
    expect(odooSessionEnded('https://other.example/web/login', ORIGIN)).toBe(false);
  });
});

describe('partition, preferences, cookies', () => {
  it('names an in-memory partition per profile and pin set', () => {
    const pins = { origin: ORIGIN, pins: ['sha256/a', 'sha256/b'], trustSelfSigned: false };
    const name = odooPartition('acme-prod', pins);
    expect(name).toMatch(/^odoo-acme-prod-[0-9a-f]{16}$/);
    // The same pins, in any order, give the same partition; other pins, origin or trust another.
    expect(odooPartition('acme-prod', { ...pins, pins: ['sha256/b', 'sha256/a'] })).toBe(name);
    expect(odooPartition('acme-prod', { ...pins, pins: ['sha256/b'] })).not.toBe(name);
    expect(odooPartition('acme-prod', { ...pins, trustSelfSigned: true })).not.toBe(name);
    expect(odooPartition('acme-prod', { ...pins, origin: 'https://other.example.com' })).not.toBe(name);
    expect(odooPartition('beta', pins)).toMatch(/^odoo-beta-/);
    expect(() => odooPartition('persist:acme', pins)).toThrow();
    expect(() => odooPartition('../x', pins)).toThrow();
  });

  it('lets the main frame redirect like a navigation, and an iframe follow http(s) redirects only', () => {
    expect(odooRedirect(`${ORIGIN}/web/login`, true, ORIGIN)).toBe('allow');
    expect(odooRedirect('https://sso.example.net/login', true, ORIGIN)).toBe('external');
    expect(odooRedirect('https://maps.example.net/embed', false, ORIGIN)).toBe('allow');
    expect(odooRedirect('http://maps.example.net/embed', false, ORIGIN)).toBe('allow');
    expect(odooRedirect('https://user:pw@maps.example.net/', false, ORIGIN)).toBe('deny');
    expect(odooRedirect('file:///etc/passwd', false, ORIGIN)).toBe('deny');
    expect(odooRedirect('data:text/html,x', false, ORIGIN)).toBe('deny');
  });

  it('explains a failed load without relying on the error name', () => {
    expect(odooLoadFailureMessage({ errorCode: -2, errorName: 'ERR_FAILED', certificateRefused: true })).toMatch(/certificate is not the one saved/);
    expect(odooLoadFailureMessage({ errorCode: -202, errorName: 'ERR_CERT_AUTHORITY_INVALID', certificateRefused: false })).toMatch(
      /certificate is not trusted \(ERR_CERT_AUTHORITY_INVALID\)/,
    );
    expect(odooLoadFailureMessage({ errorCode: -102, errorName: 'ERR_CONNECTION_REFUSED', certificateRefused: false })).toMatch(
      /could not be reached \(ERR_CONNECTION_REFUSED\)/,
    );
    expect(odooLoadFailureMessage({ errorCode: -2, errorName: 'weird <b>text</b>', certificateRefused: false })).not.toContain('<b>');
  });

  it('gives remote content no preload, no node and no spellcheck (its dictionaries are downloaded)', () => {
    const prefs = odooWindowPreferences('odoo-acme', false);
    expect(prefs).not.toHaveProperty('preload');
    expect(prefs).toMatchObject({ sandbox: true, contextIsolation: true, nodeIntegration: false, devTools: false, spellcheck: false });
  });

  it('shapes session cookies: host-only, httpOnly, secure on https, lax', () => {
    expect(odooCookieDetails(ORIGIN, { name: 'session_id', value: 's' })).toEqual({
      url: `${ORIGIN}/`,
      name: 'session_id',
      value: 's',
      path: '/',
      secure: true,
      httpOnly: true,
      sameSite: 'lax',
    });
    const local = odooCookieDetails('http://localhost:8069', { name: 'td_id', value: 't', expirationDate: 99 });
    expect(local).toMatchObject({ url: 'http://localhost:8069/', secure: false, expirationDate: 99 });
    expect(local).not.toHaveProperty('domain');
  });

  it('names a reported cookie for removal', () => {
    expect(cookieUrl({ domain: '.odoo.example.com', path: '/', secure: true })).toBe('https://odoo.example.com/');
    expect(cookieUrl({ domain: 'localhost', path: '/web', secure: false })).toBe('http://localhost/web');
    expect(cookieUrl({})).toBeNull();
  });

  it('allows clipboard write and fullscreen from the profile origin only', () => {
    expect(odooPermissionAllowed('clipboard-sanitized-write', `${ORIGIN}/web`, ORIGIN)).toBe(true);
    expect(odooPermissionAllowed('clipboard-sanitized-write', 'https://evil.example/', ORIGIN)).toBe(false);
    expect(odooPermissionAllowed('media', `${ORIGIN}/web`, ORIGIN)).toBe(false);
    expect(odooPermissionAllowed('notifications', `${ORIGIN}/web`, ORIGIN)).toBe(false);
    expect(odooPermissionAllowed('fullscreen', undefined, ORIGIN)).toBe(false);
  });
});

describe('downloads', () => {
  it.each([
    ['Invoice INV-2026-0001.pdf', 'Invoice INV-2026-0001.pdf'],
    ['../../.bashrc', 'bashrc'],
    ['C:\\Windows\\system32\\evil.dll', 'evil.dll'],
    ['a<b>c:d"e|f?g*h.txt', 'a_b_c_d_e_f_g_h.txt'],
    ['con.txt', '_con.txt'],
    ['tab\there.csv', 'tab_here.csv'],
    ['...', 'download'],
    ['', 'download'],
  ])('%j → %j', (input, output) => {
    expect(sanitizeDownloadName(input)).toBe(output);
  });

  it('keeps long names within bounds with their extension', () => {
    const name = sanitizeDownloadName(`${'x'.repeat(400)}.pdf`);
    expect(name.length).toBeLessThanOrEqual(180);
    expect(name.endsWith('.pdf')).toBe(true);
  });

  it('never overwrites an existing file', () => {
    const existing = new Set(['/dl/report.pdf', '/dl/report (1).pdf']);
    expect(downloadTarget('/dl', 'report.pdf', (f) => existing.has(f))).toBe('/dl/report (2).pdf');
    expect(downloadTarget('/dl', 'new.pdf', (f) => existing.has(f))).toBe('/dl/new.pdf');
  });
});
