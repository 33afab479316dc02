// Decisions about Odoo web windows, as pure functions so they are unit-tested without
// Electron (docs/security.md): the window's webPreferences (remote content: no preload,
// no node, sandboxed), its in-memory partition, the cookies that carry the session, what
// a navigation, a redirect or window.open may do, when Odoo has ended the session, which
// permission requests pass, what a failed load tells the person, and where a download is
// saved.
import { createHash } from 'node:crypto';
import path from 'node:path';
import { HARDENED_PREFERENCES, type HardenedPreferences } from './window-policy.js';
import { english, type Translate } from '../i18n/translator.js';

const PROFILE_ID = /^[a-z0-9-]{1,64}$/;

/** What a partition's certificate verdicts depend on: the profile's origin and pins. */
export interface PinSet {
  origin: string;
  pins: readonly string[];
  trustSelfSigned: boolean;
}

/**
 * One partition per profile AND pin set, in memory: the name has NO `persist:` prefix, so
 * cookies, caches and storage of an Odoo window never reach the disk, and two profiles
 * (even on the same server) never share a cookie. The pin set is part of the name because
 * Chromium caches certificate verdicts per partition for 30 minutes and nothing clears
 * that cache (electron/electron#41448): after a re-pin, only a new partition asks the new
 * pins. The same pins always give the same name, so the verdicts a partition remembers
 * were always made under the pins it is used with.
 */
export function odooPartition(profileId: string, pinSet: PinSet): string {
  if (!PROFILE_ID.test(profileId)) throw new TypeError('not a profile id');
  const digest = createHash('sha256')
    .update(JSON.stringify({ origin: pinSet.origin, pins: [...pinSet.pins].sort(), trustSelfSigned: pinSet.trustSelfSigned }))
    .digest('hex')
    .slice(0, 16);
  return `odoo-${profileId}-${digest}`;
}

export interface OdooWindowPreferences extends HardenedPreferences {
  partition: string;
  safeDialogs: true;
  spellcheck: false;
  devTools: boolean;
}

/**
 * Remote content runs here: there is deliberately no `preload` key (nothing of ours is
 * reachable from an Odoo page), no node, context isolation and the sandbox on. No
 * spellcheck: on Windows and Linux Chromium would download its dictionaries from a Google
 * server (docs/api/session.md, setSpellCheckerDictionaryDownloadURL).
 */
export function odooWindowPreferences(partition: string, development: boolean): OdooWindowPreferences {
  return { ...HARDENED_PREFERENCES, partition, safeDialogs: true, spellcheck: false, devTools: development };
}

function parse(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

function originOf(url: string): string | null {
  const u = parse(url);
  return u === null || (u.protocol !== 'https:' && u.protocol !== 'http:') ? null : u.origin;
}

export type NavigationDecision = 'allow' | 'external' | 'deny';

const MAX_EXTERNAL_URL = 2048;

/** Control characters (C0, DEL) and, when `space` is set, the space itself. */
function isControl(code: number, space: boolean): boolean {
  return code < 0x20 || code === 0x7f || (space && code === 0x20);
}

function hasControl(text: string, space: boolean): boolean {
  for (let i = 0; i < text.length; i += 1) if (isControl(text.charCodeAt(i), space)) return true;
  return false;
}

/**
 * A link we hand to the system browser: http(s) only, no credentials in it, a host, a
 * sane length, no control characters or spaces in the raw text (which browsers and shells
 * would read differently). Returns the normalised URL to open, or null.
 */
export function safeExternalUrl(url: string): string | null {
  if (url.length > MAX_EXTERNAL_URL || hasControl(url, true)) return null;
  const u = parse(url);
  if (u === null) return null;
  if (u.protocol !== 'https:' && u.protocol !== 'http:') return null;
  if (u.username !== '' || u.password !== '' || u.hostname === '') return null;
  return u.href;
}

/**
 * What a navigation (or window.open) inside a profile's Odoo window may do:
 *  - same origin as the profile → allow (credentials in the URL are refused);
 *  - another http(s) origin → never in this window (it holds the session): the system
 *    browser opens it, after safeExternalUrl;
 *  - javascript:, file:, data:, blob:, about:, custom schemes, garbage → deny.
 */
export function odooNavigation(url: string, profileOrigin: string): NavigationDecision {
  const u = parse(url);
  if (u === null) return 'deny';
  if (u.protocol !== 'https:' && u.protocol !== 'http:') return 'deny';
  if (u.origin === originOf(profileOrigin)) return u.username === '' && u.password === '' ? 'allow' : 'deny';
  return safeExternalUrl(url) === null ? 'deny' : 'external';
}

/**
 * A server redirect in an Odoo window. Electron reports redirects of every frame, iframes
 * included (`isMainFrame` on the event). The main frame follows odooNavigation. An iframe
 * (a map, a video, a payment form embedded in an Odoo page) may follow its own http(s)
 * redirects: it cannot move the window off the profile's origin, and the session cookie is
 * host-only and SameSite=Lax, so it is not sent along; any other scheme is refused. An
 * iframe's redirect never opens the system browser.
 */
export function odooRedirect(url: string, isMainFrame: boolean, profileOrigin: string): NavigationDecision {
  if (isMainFrame) return odooNavigation(url, profileOrigin);
  const u = parse(url);
  return u !== null && (u.protocol === 'https:' || u.protocol === 'http:') && u.username === '' && u.password === '' ? 'allow' : 'deny';
}

/**
 * What to tell the person when an Odoo page could not be loaded. A certificate our pins
 * refused makes Chromium fail the load with plain ERR_FAILED (-2), not an ERR_CERT_*
 * error, so the shell says whether its own verify proc refused the server, and the
 * message does not depend on the error's name. Chromium's own certificate errors are
 * -200 to -299; the error name is shown only as a detail.
 */
export function odooLoadFailureMessage(failure: { errorCode: number; errorName: string; certificateRefused: boolean }, t: Translate = english): string {
  const name = /^[A-Z0-9_]{1,64}$/.test(failure.errorName) ? failure.errorName : null;
  if (failure.certificateRefused) return t('odooWindow.certRefused');
  if (failure.errorCode <= -200 && failure.errorCode > -300) {
    return name === null ? t('odooWindow.certUntrusted') : t('odooWindow.certUntrustedNamed', { name });
  }
  return name === null ? t('odooWindow.unreachable') : t('odooWindow.unreachableNamed', { name });
}

const SESSION_END_PATHS = new Set(['/web/session/logout', '/web/login']);

/**
 * True when the window is logging out (`/web/session/logout`) or has landed on the login
 * page of its own origin: the session we stored is dead, and the shell tells core to drop
 * it so the next quick-login authenticates again instead of reusing it.
 */
export function odooSessionEnded(url: string, profileOrigin: string): boolean {
  const u = parse(url);
  if (u === null || u.origin !== originOf(profileOrigin)) return false;
  const p = u.pathname.length > 1 ? u.pathname.replace(/\/+$/, '') : u.pathname;
  return SESSION_END_PATHS.has(p);
}

export interface OdooCookieDetails {
  url: string;
  name: 'session_id' | 'td_id';
  value: string;
  path: '/';
  secure: boolean;
  httpOnly: true;
  sameSite: 'lax';
  expirationDate?: number;
}

/**
 * The shape given to session.cookies.set: a host-only cookie (no `domain`, so it never
 * reaches a subdomain), httpOnly (page scripts cannot read the session id), secure on
 * https (plain http is loopback only), SameSite=Lax like Odoo's own td_id.
 */
export function odooCookieDetails(
  profileOrigin: string,
  cookie: { name: 'session_id' | 'td_id'; value: string; expirationDate?: number },
): OdooCookieDetails {
  const origin = originOf(profileOrigin);
  if (origin === null) throw new TypeError('not a web origin');
  const details: OdooCookieDetails = {
    url: `${origin}/`,
    name: cookie.name,
    value: cookie.value,
    path: '/',
    secure: origin.startsWith('https:'),
    httpOnly: true,
    sameSite: 'lax',
  };
  if (cookie.expirationDate !== undefined) details.expirationDate = cookie.expirationDate;
  return details;
}

/** The URL that names a cookie Electron reported, for session.cookies.remove. */
export function cookieUrl(cookie: { domain?: string; path?: string; secure?: boolean }): string | null {
  const host = (cookie.domain ?? '').replace(/^\./, '');
  if (host === '') return null;
  return `${cookie.secure === true ? 'https' : 'http'}://${host}${cookie.path ?? '/'}`;
}

const ALLOWED_PERMISSIONS = new Set(['clipboard-sanitized-write', 'fullscreen']);

/**
 * Odoo pages get copy-to-clipboard and fullscreen, from their own origin only; camera,
 * microphone, notifications, geolocation and the rest are refused.
 */
export function odooPermissionAllowed(permission: string, requestingUrl: string | undefined, profileOrigin: string): boolean {
  if (!ALLOWED_PERMISSIONS.has(permission)) return false;
  return requestingUrl !== undefined && originOf(requestingUrl) === originOf(profileOrigin);
}

const WINDOWS_RESERVED = /^(con|prn|aux|nul|com[0-9]|lpt[0-9])(\..*)?$/i;
const MAX_NAME = 180;

/**
 * A file name from a server cannot choose where it lands: separators, control and
 * reserved characters, leading dots (hidden files), Windows device names and overlong
 * names are neutralised; an empty result becomes "download".
 */
export function sanitizeDownloadName(name: string): string {
  const base = name.split(/[/\\]/).pop() ?? '';
  let clean = [...base]
    .map((ch) => (isControl(ch.charCodeAt(0), false) || '<>:"|?*'.includes(ch) ? '_' : ch))
    .join('')
    .replace(/^[.\s]+/, '')
    .replace(/[.\s]+$/, '');
  if (WINDOWS_RESERVED.test(clean)) clean = `_${clean}`;
  if (clean.length > MAX_NAME) {
    const ext = path.extname(clean).slice(0, 16);
    clean = clean.slice(0, MAX_NAME - ext.length) + ext;
  }
  return clean === '' ? 'download' : clean;
}

/** Where a download goes: the Downloads folder, never overwriting ("x (1).pdf"). */
export function downloadTarget(downloadsDir: string, suggested: string, exists: (file: string) => boolean): string {
  const name = sanitizeDownloadName(suggested);
  const ext = path.extname(name);
  const stem = ext === '' ? name : name.slice(0, -ext.length);
  let candidate = path.join(downloadsDir, name);
  for (let n = 1; exists(candidate) && n < 1000; n += 1) candidate = path.join(downloadsDir, `${stem} (${n})${ext}`);
  return candidate;
}
