// Why: a profile's URL becomes the one origin every request goes to. Normalising it here
// (scheme, host, port; no path, no credentials) is what keeps cookies and credentials on
// that origin, and the https-only rule (plain http for loopback hosts alone) is enforced
// at this single entry point.
import { AppError } from '../errors.js';

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);

export interface ParsedOrigin {
  /** `https://host[:port]`, lower-case, no trailing slash. */
  origin: string;
  /** True for plain http (allowed on loopback only). */
  insecure: boolean;
}

export function isLoopbackHost(hostname: string): boolean {
  return LOOPBACK.has(hostname.toLowerCase()) || /^127\.\d+\.\d+\.\d+$/.test(hostname);
}

/** Accepts `https://erp.example.com/odoo/web#…` and returns its origin; refuses anything else. */
export function parseOrigin(input: string): ParsedOrigin {
  let url: URL;
  try {
    url = new URL(input.trim());
  } catch {
    throw new AppError('invalid_url', 'This is not a valid web address.');
  }
  if (url.username !== '' || url.password !== '') {
    // Credentials in a URL would end up in logs and profiles: refuse them.
    throw new AppError('invalid_url', 'The address must not contain a user name or password.');
  }
  if (url.protocol === 'https:') return { origin: url.origin.toLowerCase(), insecure: false };
  if (url.protocol === 'http:') {
    if (isLoopbackHost(url.hostname)) return { origin: url.origin.toLowerCase(), insecure: true };
    throw new AppError('insecure_url', 'Only https:// addresses are allowed (plain http only on this computer).', {
      host: url.hostname,
    });
  }
  throw new AppError('invalid_url', 'The address must start with https://.');
}
