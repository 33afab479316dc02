import { describe, expect, it } from 'vitest';
import { AppError } from '../../../../main/core/errors.js';
import { isLoopbackHost, normalizeServerUrl } from '../../../../main/core/net/url-policy.js';

function codeOf(input: string): string | null {
  try {
    normalizeServerUrl(input);
    return null;
  } catch (e) {
    return e instanceof AppError ? e.code : 'not-an-app-error';
  }
}

describe('normalizeServerUrl', () => {
  it.each([
    ['https://odoo.example.com', 'https://odoo.example.com', 'odoo.example.com', 443],
    ['https://odoo.example.com/', 'https://odoo.example.com', 'odoo.example.com', 443],
    ['  https://Odoo.Example.COM/odoo/action-42?debug=1#id=7  ', 'https://odoo.example.com', 'odoo.example.com', 443],
    ['https://odoo.example.com:443/web', 'https://odoo.example.com', 'odoo.example.com', 443],
    ['https://odoo.example.com:8443/', 'https://odoo.example.com:8443', 'odoo.example.com', 8443],
    ['odoo.example.com', 'https://odoo.example.com', 'odoo.example.com', 443],
    ['mycompany.odoo.com/web/login', 'https://mycompany.odoo.com', 'mycompany.odoo.com', 443],
    ['https://bücher.example/shop', 'https://xn--bcher-kva.example', 'xn--bcher-kva.example', 443],
    ['https://ÉRP.Société.fr', 'https://xn--rp-9ia.xn--socit-esab.fr', 'xn--rp-9ia.xn--socit-esab.fr', 443],
    ['https://[2001:db8::1]:8443/x', 'https://[2001:db8::1]:8443', '2001:db8::1', 8443],
    ['https://10.0.0.5', 'https://10.0.0.5', '10.0.0.5', 443],
  ])('%s → %s (secure)', (input, origin, host, port) => {
    expect(normalizeServerUrl(input)).toEqual({ origin, insecure: false, host, port });
  });

  it.each([
    ['http://localhost:8069/web', 'http://localhost:8069', 'localhost', 8069],
    ['http://LOCALHOST:8069', 'http://localhost:8069', 'localhost', 8069],
    ['http://127.0.0.1:8069/', 'http://127.0.0.1:8069', '127.0.0.1', 8069],
    ['http://127.1.2.3', 'http://127.1.2.3', '127.1.2.3', 80],
    ['http://127.1:8069', 'http://127.0.0.1:8069', '127.0.0.1', 8069],
    ['http://[::1]:8069', 'http://[::1]:8069', '::1', 8069],
    ['http://[0:0:0:0:0:0:0:1]:8069', 'http://[::1]:8069', '::1', 8069],
  ])('%s → %s (loopback http, flagged insecure)', (input, origin, host, port) => {
    expect(normalizeServerUrl(input)).toEqual({ origin, insecure: true, host, port });
  });

  it.each([
    'http://odoo.example.com',
    'http://10.0.0.5:8069',
    'http://192.168.1.10',
    'http://128.0.0.1',
    'http://[::2]',
    'http://[::ffff:127.0.0.1]',
    'http://localhost.example.com',
    'http://0.0.0.0:8069',
  ])('%s → insecure_url', (input) => {
    expect(codeOf(input)).toBe('insecure_url');
  });

  it.each([
    '',
    '   ',
    'not a url',
    'https://',
    'https://exa mple.com',
    'ftp://odoo.example.com',
    'file:///etc/passwd',
    'javascript:alert(1)',
    'mailto:admin@odoo.example.com',
    'https://user:secret@odoo.example.com',
    'https://user@odoo.example.com',
    'https://:secret@odoo.example.com',
    'http://admin:admin@localhost:8069',
    `https://${'a'.repeat(2100)}.example`,
    'https://odoo.example.com:99999',
  ])('%j → invalid_url', (input) => {
    expect(codeOf(input)).toBe('invalid_url');
  });

  it('never echoes a password from the URL in the error', () => {
    try {
      normalizeServerUrl('https://admin:canary-7f3a@odoo.example.com');
      expect.unreachable();
    } catch (e) {
      expect(JSON.stringify({ message: (e as AppError).message, details: (e as AppError).details })).not.toContain('canary-7f3a');
    }
  });
});

describe('isLoopbackHost', () => {
  it.each([
    ['localhost', true],
    ['127.0.0.1', true],
    ['127.255.255.254', true],
    ['::1', true],
    ['[::1]', true],
    ['128.0.0.1', false],
    ['localhost.example', false],
    ['10.0.0.1', false],
    ['::2', false],
  ])('%s → %s', (host, expected) => {
    expect(isLoopbackHost(host)).toBe(expected);
  });
});

describe('url policy boundaries', () => {
  it('takes up to 2048 characters of address, not one more', () => {
    const base = 'https://odoo.example.com/';
    const at = base + 'a'.repeat(2048 - base.length);
    expect(normalizeServerUrl(at).origin).toBe('https://odoo.example.com');
    expect(normalizeServerUrl(`  ${at}  `).origin).toBe('https://odoo.example.com');
    expect(codeOf(`${at}a`)).toBe('invalid_url');
  });

  it('reads a scheme in any case, and an address without one as https', () => {
    expect(normalizeServerUrl('HTTPS://odoo.example.com')).toEqual({ origin: 'https://odoo.example.com', insecure: false, host: 'odoo.example.com', port: 443 });
    expect(normalizeServerUrl('Http://localhost')).toEqual({ origin: 'http://localhost', insecure: true, host: 'localhost', port: 80 });
    expect(normalizeServerUrl('localhost:8069')).toEqual({ origin: 'https://localhost:8069', insecure: false, host: 'localhost', port: 8069 });
    expect(normalizeServerUrl('https://localhost')).toEqual({ origin: 'https://localhost', insecure: false, host: 'localhost', port: 443 });
    expect(codeOf('ws://odoo.example.com')).toBe('invalid_url');
    // A scheme counts only at the start: a `://` further on is part of a path or query.
    expect(normalizeServerUrl('odoo.example.com/web?redirect=https://x.example').origin).toBe('https://odoo.example.com');
  });

  it('names the host it refused plain http for', () => {
    try {
      normalizeServerUrl('http://odoo.example.com:8069/web');
      expect.unreachable();
    } catch (e) {
      expect((e as AppError).code).toBe('insecure_url');
      expect((e as AppError).details).toEqual({ host: 'odoo.example.com' });
    }
  });

  it('refuses credentials with no details to leak them', () => {
    for (const input of ['https://user@odoo.example.com', 'https://:pw@odoo.example.com']) {
      try {
        normalizeServerUrl(input);
        expect.unreachable();
      } catch (e) {
        expect((e as AppError).code).toBe('invalid_url');
        expect((e as AppError).details).toBeUndefined();
      }
    }
  });

  it.each([
    ['localhost.', true],
    ['LocalHost', true],
    ['[::1', true],
    ['::1]', true],
    ['127.0.0.1.example', false],
    ['x127.0.0.1', false],
    ['0.0.0.0', false],
    ['', false],
    ['[localhost]', true],
    ['a[::1]', false],
  ])('isLoopbackHost(%j) → %s', (host, expected) => {
    expect(isLoopbackHost(host)).toBe(expected);
  });
});
