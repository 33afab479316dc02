// Odoo web windows: the shell's half of ShellPort.openOdooWindow / closeOdooWindows. Every
// decision (partition name, webPreferences, cookie shape, navigation, logout, downloads,
// permissions) comes from core/shell/odoo-window-policy; this module applies them.
//
// Security rules enforced here (docs/security.md, "Odoo windows"):
// - remote content, so NO preload, no node, sandbox and context isolation on;
// - one in-memory partition per profile and pin set; the session cookies are set in it
//   (httpOnly, secure on https) before the first load, so the session id never appears
//   in a URL;
// - the profile's pins are enforced on that partition with setCertificateVerifyProc (the
//   same policy as main's own connections, from core/net). Chromium caches the verdicts
//   per partition and nothing clears that cache, so new pins mean a new partition: the
//   windows of the old one are destroyed and its storage cleared first;
// - the main frame stays on the profile's origin: other http(s) links go to the system
//   browser after a check, every other scheme is refused; window.open follows the same
//   rules, and windows it opens get the same guards; an iframe's own redirects are its
//   business (http(s) only), never a reason to open the browser;
// - on lock (or when the shell is asked) windows are destroyed — not closed, so a page's
//   beforeunload cannot keep one open — and their partitions' cookies, storage and caches
//   are cleared.
import { BrowserWindow, session, shell, type Session } from 'electron';
import { AppError } from '../core/errors.js';
import { createCertificateVerifyProc, policyLookupForProfile } from '../core/net/electron-verify.js';
import {
  cookieUrl,
  downloadTarget,
  odooCookieDetails,
  odooLoadFailureMessage,
  odooNavigation,
  odooPartition,
  odooPermissionAllowed,
  odooRedirect,
  odooSessionEnded,
  odooWindowPreferences,
  safeExternalUrl,
} from '../core/shell/odoo-window-policy.js';
import type { OdooWindowRequest } from '../core/shell/ports.js';

export interface OdooWindowsOptions {
  development: boolean;
  /** app.getPath('downloads'), read when a download starts. */
  downloadsDir(): string;
  fileExists(file: string): boolean;
  /** Odoo ended the web session (logout, or back on its login page): drop the stored one. */
  onSessionEnded(profileId: string): void;
  /** A page of the profile could not be loaded (certificate refused, server down…): a message for the person. */
  onLoadFailed?(profileId: string, message: string): void;
  /** Failures that are bugs; names only are logged by the caller. */
  onError?(where: string, error: unknown): void;
}

export interface OdooWindows {
  openOdooWindow(request: OdooWindowRequest): Promise<void>;
  closeOdooWindows(profileId?: string): Promise<void>;
  /** Open windows of a profile (its main one first). */
  windowsOf(profileId: string): BrowserWindow[];
  isOdooWebContents(id: number): boolean;
}

interface Entry {
  profileId: string;
  origin: string;
  label: string;
  partition: string;
  main: BrowserWindow | null;
  windows: Set<BrowserWindow>;
  /** Cookies were set and no logout was seen since: a logout is reported once. */
  sessionLive: boolean;
}

/** The web client's home (`/web`, `/odoo`) as opposed to one record. */
function isHomeUrl(url: string): boolean {
  const u = new URL(url);
  return (u.pathname === '/web' || u.pathname === '/odoo') && u.hash === '' && u.search === '';
}

function navigationUrl(details: unknown, legacyUrl: unknown): string {
  if (typeof details === 'object' && details !== null && typeof (details as { url?: unknown }).url === 'string') {
    return (details as { url: string }).url;
  }
  return typeof legacyUrl === 'string' ? legacyUrl : '';
}

/** Electron 45 puts isMainFrame on the event; older releases only as the 4th argument. */
function redirectsMainFrame(details: unknown, legacyIsMainFrame: unknown): boolean {
  if (typeof details === 'object' && details !== null && typeof (details as { isMainFrame?: unknown }).isMainFrame === 'boolean') {
    return (details as { isMainFrame: boolean }).isMainFrame;
  }
  // Unknown: treat it as the main frame, the strict rule.
  return legacyIsMainFrame !== false;
}

function hostOf(url: string): string | null {
  try {
    return new URL(url).hostname.replace(/^\[|\]$/g, '').toLowerCase();
  } catch {
    return null;
  }
}

export function createOdooWindows(options: OdooWindowsOptions): OdooWindows {
  const entries = new Map<string, Entry>();
  const configured = new Set<string>();
  /** Per partition, the hosts its verify proc refused (Chromium then only says ERR_FAILED). */
  const refusedHosts = new Map<string, Set<string>>();
  const queues = new Map<string, Promise<unknown>>();

  const report = (where: string, error: unknown): void => options.onError?.(where, error);

  function openExternal(url: string): void {
    const safe = safeExternalUrl(url);
    if (safe !== null) shell.openExternal(safe).catch((e: unknown) => report('openExternal', e));
  }

  function sessionEnded(entry: Entry): void {
    if (!entry.sessionLive) return;
    entry.sessionLive = false;
    options.onSessionEnded(entry.profileId);
  }

  function configureSession(ses: Session, entry: Entry, request: OdooWindowRequest): void {
    // A partition belongs to one pin set (its name says which), so its proc is installed once.
    if (configured.has(entry.partition)) return;
    configured.add(entry.partition);
    const refused = new Set<string>();
    refusedHosts.set(entry.partition, refused);
    const verify = createCertificateVerifyProc(
      policyLookupForProfile({ origin: request.origin, pins: request.pins, trustSelfSigned: request.trustSelfSigned }),
    );
    ses.setCertificateVerifyProc((verifyRequest, callback) => {
      verify(verifyRequest, (verdict) => {
        if (verdict === -2) refused.add(verifyRequest.hostname.toLowerCase());
        callback(verdict);
      });
    });
    ses.setPermissionRequestHandler((contents, permission, callback, details) => {
      const requesting = (details as { requestingUrl?: string } | undefined)?.requestingUrl ?? contents?.getURL();
      callback(odooPermissionAllowed(permission, requesting, entry.origin));
    });
    ses.setPermissionCheckHandler((_contents, permission, requestingOrigin) =>
      odooPermissionAllowed(permission, requestingOrigin, entry.origin),
    );
    ses.setDevicePermissionHandler(() => false);
    // Downloads go to the Downloads folder without a dialog, under a sanitised name.
    ses.on('will-download', (_event, item) => {
      try {
        item.setSavePath(downloadTarget(options.downloadsDir(), item.getFilename(), options.fileExists));
      } catch (e) {
        report('will-download', e);
        item.cancel();
      }
    });
  }

  function guard(win: BrowserWindow, entry: Entry): void {
    entry.windows.add(win);
    const contents = win.webContents;
    const onNavigate = (event: { preventDefault(): void }, url: string): void => {
      const decision = odooNavigation(url, entry.origin);
      if (decision === 'allow') {
        if (odooSessionEnded(url, entry.origin)) sessionEnded(entry);
        return;
      }
      event.preventDefault();
      if (decision === 'external') openExternal(url);
    };
    // will-navigate is the main frame's only (will-frame-navigate would be the others').
    contents.on('will-navigate', (details, url) => onNavigate(details, navigationUrl(details, url)));
    // will-redirect comes for every frame's server redirects, loadURL's included.
    contents.on('will-redirect', (details, url, _isInPlace, isMainFrame) => {
      const target = navigationUrl(details, url);
      if (redirectsMainFrame(details, isMainFrame)) {
        onNavigate(details, target);
        return;
      }
      if (odooRedirect(target, false, entry.origin) !== 'allow') details.preventDefault();
    });
    contents.on('did-navigate', (_event, url) => {
      if (odooSessionEnded(url, entry.origin)) sessionEnded(entry);
    });
    contents.on('did-fail-load', (_event, errorCode, errorDescription, validatedUrl, isMainFrame) => {
      // -3 is ERR_ABORTED: a navigation replaced by another, or one we prevented.
      if (!isMainFrame || errorCode === -3) return;
      const host = hostOf(validatedUrl);
      const refused = host !== null && (errorCode === -2 || (errorCode <= -200 && errorCode > -300)) && (refusedHosts.get(entry.partition)?.has(host) ?? false);
      options.onLoadFailed?.(entry.profileId, odooLoadFailureMessage({ errorCode, errorName: errorDescription, certificateRefused: refused }));
    });
    contents.on('will-attach-webview', (event) => event.preventDefault());
    contents.setWindowOpenHandler(({ url }) => {
      const decision = odooNavigation(url, entry.origin);
      if (decision === 'allow') {
        return {
          action: 'allow',
          overrideBrowserWindowOptions: {
            autoHideMenuBar: true,
            webPreferences: odooWindowPreferences(entry.partition, options.development),
          },
        };
      }
      if (decision === 'external') openExternal(url);
      return { action: 'deny' };
    });
    contents.on('did-create-window', (child) => guard(child, entry));
    win.on('page-title-updated', (event, title) => {
      event.preventDefault();
      win.setTitle(title === '' ? entry.label : `${title} — ${entry.label}`);
    });
    win.on('closed', () => {
      entry.windows.delete(win);
      if (entry.main === win) entry.main = null;
    });
  }

  async function open(request: OdooWindowRequest): Promise<void> {
    if (odooNavigation(request.url, request.origin) !== 'allow') {
      throw new AppError('invalid_url', "This address is not on the profile's server.");
    }
    const partition = odooPartition(request.profileId, request);
    let entry = entries.get(request.profileId);
    if (entry === undefined) {
      entry = { profileId: request.profileId, origin: request.origin, label: request.title, partition, main: null, windows: new Set(), sessionLive: false };
      entries.set(request.profileId, entry);
    }
    if (entry.partition !== partition) {
      // Re-pinned: the old partition's cached verdicts must not serve the new pins, and its
      // windows hold pages the old pins let in. They go; the new pins get a fresh partition.
      await close(entry);
      entry.partition = partition;
    }
    entry.origin = request.origin;
    entry.label = request.title;
    const ses = session.fromPartition(partition);
    configureSession(ses, entry, request);
    for (const cookie of request.cookies) await ses.cookies.set(odooCookieDetails(request.origin, cookie));
    entry.sessionLive = request.cookies.some((c) => c.name === 'session_id');

    const existing = entry.main !== null && !entry.main.isDestroyed() ? entry.main : null;
    if (existing !== null) {
      // Focus the open window; load only when a record was asked for or the page shows the
      // login form (so unsaved work in the window is not thrown away by a second click).
      const current = existing.webContents.getURL();
      if (!isHomeUrl(request.url) || current === '' || odooSessionEnded(current, entry.origin)) {
        // A failed load is reported by did-fail-load; the promise's rejection says it again.
        existing.loadURL(request.url).catch(() => {});
      }
      if (existing.isMinimized()) existing.restore();
      existing.show();
      existing.focus();
      return;
    }
    const win = new BrowserWindow({
      width: 1280,
      height: 860,
      minWidth: 640,
      minHeight: 480,
      show: false,
      title: request.title,
      autoHideMenuBar: true,
      webPreferences: odooWindowPreferences(partition, options.development),
    });
    entry.main = win;
    guard(win, entry);
    win.once('ready-to-show', () => {
      win.show();
      win.focus();
    });
    // A failed load is reported by did-fail-load; the promise's rejection says it again.
    win.loadURL(request.url).catch(() => {});
  }

  /** One open or close at a time per profile: two quick clicks never make two windows. */
  function serialized<T>(profileId: string, job: () => Promise<T>): Promise<T> {
    const previous = queues.get(profileId) ?? Promise.resolve();
    const run = previous.then(job, job);
    queues.set(profileId, run.catch(() => {}));
    return run;
  }

  async function clearPartition(entry: Entry): Promise<void> {
    const ses = session.fromPartition(entry.partition);
    const cookies = await ses.cookies.get({});
    for (const c of cookies) {
      const url = cookieUrl(c);
      if (url !== null) await ses.cookies.remove(url, c.name);
    }
    await ses.clearStorageData();
    await ses.clearCache();
    await ses.clearAuthCache();
  }

  async function close(entry: Entry): Promise<void> {
    for (const win of [...entry.windows]) if (!win.isDestroyed()) win.destroy();
    entry.windows.clear();
    entry.main = null;
    entry.sessionLive = false;
    await clearPartition(entry);
  }

  return {
    openOdooWindow: (request) => serialized(request.profileId, () => open(request)),
    async closeOdooWindows(profileId) {
      const targets = profileId === undefined ? [...entries.values()] : [entries.get(profileId)].filter((e) => e !== undefined);
      await Promise.all(targets.map((entry) => serialized(entry.profileId, () => close(entry))));
    },
    windowsOf(profileId) {
      const entry = entries.get(profileId);
      if (entry === undefined) return [];
      const all = [...entry.windows].filter((w) => !w.isDestroyed());
      return entry.main !== null && !entry.main.isDestroyed() ? [entry.main, ...all.filter((w) => w !== entry.main)] : all;
    },
    isOdooWebContents(id) {
      for (const entry of entries.values()) for (const w of entry.windows) if (!w.isDestroyed() && w.webContents.id === id) return true;
      return false;
    },
  };
}
