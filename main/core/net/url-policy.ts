// The one place that decides which server addresses Odoo Companion will talk to, and what
// a profile's origin is. Every dispatcher, inspection and web window starts from here.
import { isIPv4 } from 'node:net';
import { AppError } from '../errors.js';
import type { Origin } from './types.js';

export interface ServerUrl {
  /** `scheme://host[:port]`, lower-case, IDN hosts in punycode, default port omitted. */
  origin: Origin;
  /** Plain http (loopback only): the UI marks such profiles. */
  insecure: boolean;
  /** Host name as used for certificate checks: punycode, IPv6 without brackets. */
  host: string;
  port: number;
}

const MAX_URL_LENGTH = 2048;

/** 127.0.0.0/8, ::1 and the name `localhost` (RFC 6761). Nothing else counts as loopback. */
export function isLoopbackHost(host: string): boolean {
  const h = host.toLowerCase().replace(/^\[|\]$/g, '');
  if (h === 'localhost' || h === 'localhost.') return true;
  if (h === '::1') return true;
  return isIPv4(h) && h.startsWith('127.');
}

/**
 * Parses what the person typed into a server origin.
 * Rules (docs/security.md):
 *  - `https://` only; `http://` only for loopback hosts, returned with `insecure: true`;
 *    http to anything else is `insecure_url` — nothing is sent, we never "upgrade" silently;
 *  - no `user:password@` (credentials go to the vault, never into a URL) → `invalid_url`;
 *  - IDN hosts become punycode (WHATWG URL does it), so pins and partitions key on one form;
 *  - path, query, fragment and trailing slash are dropped: a profile is an origin;
 *  - an address without a scheme is read as https (`odoo.example.com` → `https://odoo.example.com`);
 *  - anything else that does not parse, or another scheme → `invalid_url`.
 */
export function normalizeServerUrl(input: string): ServerUrl {
  const text = input.trim();
  if (text === '' || text.length > MAX_URL_LENGTH) throw invalid();
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `https://${text}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    throw invalid();
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw invalid();
  if (url.username !== '' || url.password !== '') {
    throw new AppError(
      'invalid_url',
      'Remove the user name and password from the address; Odoo Companion asks for them separately.',
    );
  }
  if (url.hostname === '') throw invalid();
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const insecure = url.protocol === 'http:';
  if (insecure && !isLoopbackHost(host)) {
    throw new AppError(
      'insecure_url',
      'Odoo Companion only connects over https. Plain http is allowed for this computer (localhost) only.',
      { host },
    );
  }
  const port = url.port === '' ? (insecure ? 80 : 443) : Number(url.port);
  return { origin: url.origin, insecure, host, port };
}

function invalid(): AppError {
  return new AppError('invalid_url', 'This is not a server address. Use the address you open Odoo with, like https://odoo.example.com.');
}
