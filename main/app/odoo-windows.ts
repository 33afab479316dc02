// Odoo web windows: the shell's half of ShellPort.openOdooWindow / closeOdooWindows. This
// module keeps each profile's windows and carries out opening and closing; the parts it
// puts together own the rest: odoo-partition (partition, cookies, permissions, downloads,
// with odoo-certificates for the pins), odoo-window-options (how a window is made),
// odoo-navigation (where its pages may go). Every decision comes from
// core/shell/odoo-window-policy.
//
// Security rules enforced here (docs/security.md, "Odoo windows"):
// - new pins mean a new partition (Chromium caches verdicts per partition and nothing
//   clears that cache): the windows of the old one are destroyed and its storage cleared
//   before the new one is used;
// - the session cookies are in the partition before the first load;
// - every window of a profile, including those its pages open, gets the same guards;
// - on lock (or when the shell is asked) windows are destroyed — not closed, so a page's
//   beforeunload cannot keep one open — and their partitions cleared;
// - one open or close at a time per profile: two quick clicks never make two windows.
import type { BrowserWindow } from 'electron';
import { AppError } from '../core/errors.js';
import { odooLoadFailureMessage, odooNavigation, odooPartition, odooSessionEnded } from '../core/shell/odoo-window-policy.js';
import type { OdooWindowRequest } from '../core/shell/ports.js';
import { environmentBandCss, withEnvironmentTag, type EnvironmentMark } from '../core/shell/environment-label.js';
import { guardNavigation } from './odoo-navigation.js';
import { createOdooPartitions, type OdooPartitionsOptions } from './odoo-partition.js';
import { createOdooBrowserWindow, odooChildWindowOptions } from './odoo-window-options.js';

export interface OdooWindowsOptions extends OdooPartitionsOptions {
  development: boolean;
  /** A page of the profile could not be loaded (certificate refused, server down…): a message for the person. */
  onLoadFailed?(profileId: string, message: string): void;
}

export interface OdooWindows {
  openOdooWindow(request: OdooWindowRequest): Promise<void>;
  closeOdooWindows(profileId?: string): Promise<void>;
  /** Open windows of a profile (its main one first). */
  windowsOf(profileId: string): BrowserWindow[];
  isOdooWebContents(id: number): boolean;
  /** Odoo ended a profile's web session (logout, or back on its login page); told once per session set. */
  onSessionEnded(listener: (profileId: string) => void): () => void;
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
  /** The profile's environment label: its tag before every title, its band on every page. */
  mark: EnvironmentMark | null;
}

/** The web client's home (`/web`, `/odoo`) as opposed to one record. */
function isHomeUrl(url: string): boolean {
  const u = new URL(url);
  return (u.pathname === '/web' || u.pathname === '/odoo') && u.hash === '' && u.search === '';
}

/** net::ERR_ABORTED: a navigation replaced by another, or one we prevented. */
const ERR_ABORTED = -3;

export function createOdooWindows(options: OdooWindowsOptions): OdooWindows {
  const entries = new Map<string, Entry>();
  const queues = new Map<string, Promise<unknown>>();
  const sessionListeners = new Set<(profileId: string) => void>();
  const partitions = createOdooPartitions(options);

  function sessionEnded(entry: Entry): void {
    if (!entry.sessionLive) return;
    entry.sessionLive = false;
    for (const listener of [...sessionListeners]) {
      try {
        listener(entry.profileId);
      } catch (e) {
        options.onError?.('session ended', e);
      }
    }
  }

  /** Keeps `win` among the profile's windows and gives it the profile's guards. */
  function track(win: BrowserWindow, entry: Entry): void {
    entry.windows.add(win);
    const contents = win.webContents;
    guardNavigation(contents, {
      origin: entry.origin,
      childOptions: () => odooChildWindowOptions(entry.partition, options.development),
      sessionEnded: () => sessionEnded(entry),
      onError: options.onError,
    });
    contents.on('did-create-window', (child) => track(child, entry));
    contents.on('did-fail-load', (_event, errorCode, errorDescription, validatedUrl, isMainFrame) => {
      if (!isMainFrame || errorCode === ERR_ABORTED) return;
      const certificateRefused = partitions.certificateRefused(entry.partition, errorCode, validatedUrl);
      options.onLoadFailed?.(entry.profileId, odooLoadFailureMessage({ errorCode, errorName: errorDescription, certificateRefused }));
    });
    win.on('page-title-updated', (event, title) => {
      event.preventDefault();
      win.setTitle(withEnvironmentTag(title === '' ? entry.label : `${title} — ${entry.label}`, entry.mark));
    });
    // The band is part of each document: inserted again after every load.
    contents.on('did-finish-load', () => {
      const css = entry.mark === null ? null : environmentBandCss(entry.mark.colour);
      if (css !== null) contents.insertCSS(css).catch((e: unknown) => options.onError?.('environment band', e));
    });
    win.on('closed', () => {
      entry.windows.delete(win);
      if (entry.main === win) entry.main = null;
    });
  }

  function entryFor(request: OdooWindowRequest, partition: string): Entry {
    let entry = entries.get(request.profileId);
    if (entry === undefined) {
      entry = { profileId: request.profileId, origin: request.origin, label: request.title, partition, main: null, windows: new Set(), sessionLive: false, mark: null };
      entries.set(request.profileId, entry);
    }
    return entry;
  }

  async function open(request: OdooWindowRequest): Promise<void> {
    if (odooNavigation(request.url, request.origin) !== 'allow') {
      throw new AppError('invalid_url', "This address is not on the profile's server.");
    }
    const partition = odooPartition(request.profileId, request);
    const entry = entryFor(request, partition);
    if (entry.partition !== partition) {
      // Re-pinned: the old partition's cached verdicts must not serve the new pins, and its
      // windows hold pages the old pins let in. They go; the new pins get a fresh partition.
      await close(entry);
      entry.partition = partition;
    }
    entry.origin = request.origin;
    entry.label = request.title;
    entry.mark = request.environment ?? null;
    await partitions.prepare(partition, request, request.cookies);
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
    const win = createOdooBrowserWindow({ title: withEnvironmentTag(request.title, entry.mark), partition, development: options.development });
    entry.main = win;
    track(win, entry);
    // A failed load is reported by did-fail-load; the promise's rejection says it again.
    win.loadURL(request.url).catch(() => {});
  }

  function serialized<T>(profileId: string, job: () => Promise<T>): Promise<T> {
    const previous = queues.get(profileId) ?? Promise.resolve();
    const run = previous.then(job, job);
    queues.set(profileId, run.catch(() => {}));
    return run;
  }

  async function close(entry: Entry): Promise<void> {
    for (const win of [...entry.windows]) if (!win.isDestroyed()) win.destroy();
    entry.windows.clear();
    entry.main = null;
    entry.sessionLive = false;
    await partitions.clear(entry.partition);
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
    onSessionEnded(listener) {
      sessionListeners.add(listener);
      return () => sessionListeners.delete(listener);
    },
  };
}
