// The fake network and browser storage: sessions (partitions) with their cookie jars,
// permission handlers, certificate verify proc and Chromium's verdict cache; download
// items; servers a test declares; and the errors a load fails with.
import { EventEmitter } from 'node:events';
import { fake, onReset } from './state.js';
import type { FakeCertificate, FakeServer, Listener } from './types.js';

/** A cookie as Electron's session.cookies.get reports it (no `url`: domain + path). */
export interface FakeCookie {
  name: string;
  value: string;
  domain: string;
  hostOnly: boolean;
  path: string;
  secure: boolean;
  httpOnly: boolean;
  session: boolean;
  expirationDate?: number;
  sameSite: string;
}

/** Chromium treats loopback as a secure context: a secure cookie may be set there over http. */
function potentiallyTrustworthy(u: URL): boolean {
  return u.protocol === 'https:' || u.hostname === 'localhost' || u.hostname === '127.0.0.1' || u.hostname === '[::1]';
}

export class FakeCookies {
  /** Keyed by `host|path|name`, like a browser's jar. */
  readonly jar = new Map<string, FakeCookie>();
  /** Every details object passed to set(), in order. */
  readonly setCalls: Record<string, unknown>[] = [];
  /**
   * Like Electron, set() REJECTS a cookie Chromium will not store, instead of dropping it
   * quietly (docs/api/cookies.md: "Returns Promise<void> - A promise which resolves when
   * the cookie has been set"; the reasons come from Chromium's CookieInclusionStatus,
   * turned into messages by shell/browser/api/electron_api_cookies.cc): an unparsable
   * URL, a `domain` that does not cover the URL's host, a secure cookie from an insecure
   * URL, a name or value with control characters.
   */
  async set(details: Record<string, unknown>): Promise<void> {
    fake.log.push(['cookies.set', details.name]);
    this.setCalls.push(details);
    await Promise.resolve();
    let url: URL;
    try {
      url = new URL(String(details.url));
    } catch {
      throw new Error('Failed to set cookie - invalid URL');
    }
    const name = String(details.name ?? '');
    const value = String(details.value ?? '');
    // eslint-disable-next-line no-control-regex
    if (/[\x00-\x1f\x7f;]/.test(name) || /[\x00-\x1f\x7f;]/.test(value)) throw new Error('Failed to set cookie with an invalid name or value');
    if (typeof details.domain === 'string') {
      const d = details.domain.replace(/^\./, '');
      if (url.hostname !== d && !url.hostname.endsWith(`.${d}`)) throw new Error('Failed to set cookie with an invalid domain attribute');
    }
    if (details.secure === true && !potentiallyTrustworthy(url)) throw new Error('Failed to set cookie - secure cookie on an insecure URL');
    const domain = typeof details.domain === 'string' ? details.domain : url.hostname;
    const cookie: FakeCookie = {
      name,
      value,
      domain,
      hostOnly: details.domain === undefined,
      path: typeof details.path === 'string' ? details.path : '/',
      secure: details.secure === true,
      httpOnly: details.httpOnly === true,
      session: details.expirationDate === undefined,
      sameSite: typeof details.sameSite === 'string' ? details.sameSite : 'unspecified',
    };
    if (typeof details.expirationDate === 'number') cookie.expirationDate = details.expirationDate;
    this.jar.set(`${cookie.domain}|${cookie.path}|${cookie.name}`, cookie);
  }
  async get(filter: { url?: string; name?: string } = {}): Promise<FakeCookie[]> {
    const host = filter.url === undefined ? undefined : new URL(filter.url).hostname;
    return [...this.jar.values()].filter(
      (c) => (filter.name === undefined || c.name === filter.name) && (host === undefined || c.domain.replace(/^\./, '') === host),
    );
  }
  async remove(url: string, name: string): Promise<void> {
    fake.log.push(['cookies.remove', name]);
    const u = new URL(url);
    for (const [key, c] of this.jar) {
      if (c.name === name && c.domain.replace(/^\./, '') === u.hostname && u.pathname.startsWith(c.path)) this.jar.delete(key);
    }
  }
  async flushStore(): Promise<void> {}
}

/** Chromium's own verdicts, by net error name (net/base/net_error_list.h). */
const NET_ERRORS: Record<string, number> = {
  'net::OK': 0,
  'net::ERR_FAILED': -2,
  'net::ERR_ABORTED': -3,
  'net::ERR_CONNECTION_REFUSED': -102,
  'net::ERR_CERT_COMMON_NAME_INVALID': -200,
  'net::ERR_CERT_DATE_INVALID': -201,
  'net::ERR_CERT_AUTHORITY_INVALID': -202,
};
export const NET_ERROR_NAMES = new Map(Object.entries(NET_ERRORS).map(([n, c]) => [c, n.replace(/^net::/, '')]));

/** What setCertificateVerifyProc is given (docs/api/session.md). */
export interface FakeVerifyRequest {
  hostname: string;
  certificate: FakeCertificate;
  validatedCertificate?: FakeCertificate | null;
  verificationResult: string;
  errorCode: number;
  isIssuedByKnownRoot?: boolean;
}
export type FakeVerifyProc = (request: FakeVerifyRequest, callback: (verdict: number) => void) => void;

export class FakeSession extends EventEmitter {
  permissionRequestHandler: Listener | null = null;
  permissionCheckHandler: Listener | null = null;
  devicePermissionHandler: Listener | null = null;
  certificateVerifyProc: FakeVerifyProc | null = null;
  readonly cookies = new FakeCookies();
  cleared = 0;
  /**
   * Chromium's CachingCertVerifier, one per network context (so one per partition):
   * results are kept 30 minutes, keyed by host and certificate. Installing another verify
   * proc does NOT empty it (electron/electron#26517 removed the flush; #41448 is open
   * about it), nor does any clear-storage call. A test that needs it gone must use a new
   * partition, as the app does.
   */
  readonly verifierCache = new Map<string, number>();
  /** Every time the proc was actually consulted (cache misses), by host name. */
  readonly verifyCalls: string[] = [];
  constructor(readonly partition: string) {
    super();
  }
  setPermissionRequestHandler(h: Listener | null): void {
    this.permissionRequestHandler = h;
  }
  setPermissionCheckHandler(h: Listener | null): void {
    this.permissionCheckHandler = h;
  }
  setDevicePermissionHandler(h: Listener | null): void {
    this.devicePermissionHandler = h;
  }
  setCertificateVerifyProc(h: FakeVerifyProc | null): void {
    fake.log.push(['session.setCertificateVerifyProc', this.partition]);
    this.certificateVerifyProc = h;
  }
  /**
   * What the network context does on a TLS handshake: the cached result if there is one;
   * otherwise Chromium's own verdict, handed to the proc (docs/api/session.md,
   * setCertificateVerifyProc: 0 accepts, -2 fails, -3 keeps Chromium's result). A
   * refusal by the proc becomes net::ERR_FAILED — not a certificate error — and the
   * result is cached (spec/api-session-spec.ts: "rejects the request when the callback is
   * called with -2" expects /ERR_FAILED/ and the failed URL as the page title; "saves
   * cached results" sees the proc called once for two loads).
   */
  async verifyServer(hostname: string, server: FakeServer): Promise<number> {
    const key = `${hostname}|${server.certificate.data}`;
    const cached = this.verifierCache.get(key);
    if (cached !== undefined) return cached;
    const chromium = NET_ERRORS[server.chromiumResult] ?? -2;
    let result = chromium;
    const proc = this.certificateVerifyProc;
    if (proc !== null) {
      this.verifyCalls.push(hostname);
      const verdict = await new Promise<number>((resolve) => {
        proc(
          {
            hostname,
            certificate: server.certificate,
            validatedCertificate: chromium === 0 ? server.certificate : null,
            verificationResult: server.chromiumResult,
            errorCode: chromium,
            isIssuedByKnownRoot: chromium === 0,
          },
          resolve,
        );
      });
      result = verdict === 0 ? 0 : verdict === -3 ? chromium : -2;
    }
    this.verifierCache.set(key, result);
    return result;
  }
  async clearStorageData(): Promise<void> {
    this.cleared += 1;
    this.cookies.jar.clear();
    fake.log.push(['session.clearStorageData', this.partition]);
  }
  async clearCache(): Promise<void> {
    fake.log.push(['session.clearCache', this.partition]);
  }
  async clearAuthCache(): Promise<void> {
    fake.log.push(['session.clearAuthCache', this.partition]);
  }
  setUserAgent(): void {}
  getUserAgent(): string {
    return 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/140.0 Safari/537.36';
  }
  setDownloadPath(p: string): void {
    fake.log.push(['session.setDownloadPath', p]);
  }
}

/** What session 'will-download' hands over. */
export class FakeDownloadItem extends EventEmitter {
  savePath = '';
  cancelled = false;
  constructor(readonly filename: string, readonly url = 'https://odoo.example.com/web/content/1') {
    super();
  }
  getFilename(): string {
    return this.filename;
  }
  getURL(): string {
    return this.url;
  }
  setSavePath(p: string): void {
    this.savePath = p;
  }
  getSavePath(): string {
    return this.savePath;
  }
  cancel(): void {
    this.cancelled = true;
  }
}

/** The Error loadURL rejects with (lib/browser/api/web-contents.ts: errno, code, url). */
export interface FakeLoadError extends Error {
  errno: number;
  code: string;
  url: string;
}

export function loadError(errno: number, url: string): FakeLoadError {
  const code = NET_ERROR_NAMES.get(errno) ?? 'ERR_FAILED';
  return Object.assign(new Error(`${code} (${errno}) loading '${url}'`), { errno, code, url });
}

const sessions = new Map<string, FakeSession>();
export const session = {
  defaultSession: new FakeSession(''),
  fromPartition(partition: string): FakeSession {
    let s = sessions.get(partition);
    if (s === undefined) {
      s = new FakeSession(partition);
      sessions.set(partition, s);
    }
    return s;
  },
};

onReset(() => {
  sessions.clear();
  session.defaultSession = new FakeSession('');
});
