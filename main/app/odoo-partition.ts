// The in-memory partitions Odoo windows run in, one per profile and pin set
// (core/shell/odoo-window-policy names them). Set up once per name before any page loads:
// the pins (odoo-certificates), permissions (clipboard write and fullscreen from the
// profile's origin only, no devices), downloads (the Downloads folder, a safe name, no
// dialog). The session cookies are set in it before the first load, so the session id
// never appears in a URL; on lock everything it holds is cleared.
import { session, type Session } from 'electron';
import {
  cookieUrl,
  downloadTarget,
  odooCookieDetails,
  odooPermissionAllowed,
  type PinSet,
} from '../core/shell/odoo-window-policy.js';
import type { OdooCookie } from '../core/shell/ports.js';
import { installPinnedVerifier, type PinnedVerifier } from './odoo-certificates.js';

export interface OdooPartitionsOptions {
  /** app.getPath('downloads'), read when a download starts. */
  downloadsDir(): string;
  fileExists(file: string): boolean;
  /** Failures that are bugs; names only are logged by the caller. */
  onError?(where: string, error: unknown): void;
}

export interface OdooPartitions {
  /** Sets `partition` up for `pinSet` (once per name), then sets `cookies` in it; rejects when Chromium refuses one. */
  prepare(partition: string, pinSet: PinSet, cookies: readonly OdooCookie[]): Promise<void>;
  /** Whether a load in `partition` that failed with `errorCode` was its pins refusing the certificate. */
  certificateRefused(partition: string, errorCode: number, url: string): boolean;
  /** Removes every cookie, then storage, caches and HTTP auth of `partition`. */
  clear(partition: string): Promise<void>;
}

export function createOdooPartitions(options: OdooPartitionsOptions): OdooPartitions {
  const verifiers = new Map<string, PinnedVerifier>();

  function configure(ses: Session, partition: string, pinSet: PinSet): void {
    if (verifiers.has(partition)) return;
    verifiers.set(partition, installPinnedVerifier(ses, pinSet));
    const origin = pinSet.origin;
    ses.setPermissionRequestHandler((contents, permission, callback, details) => {
      const requesting = (details as { requestingUrl?: string } | undefined)?.requestingUrl ?? contents?.getURL();
      callback(odooPermissionAllowed(permission, requesting, origin));
    });
    ses.setPermissionCheckHandler((_contents, permission, requestingOrigin) => odooPermissionAllowed(permission, requestingOrigin, origin));
    ses.setDevicePermissionHandler(() => false);
    ses.on('will-download', (_event, item) => {
      try {
        item.setSavePath(downloadTarget(options.downloadsDir(), item.getFilename(), options.fileExists));
      } catch (e) {
        options.onError?.('will-download', e);
        item.cancel();
      }
    });
  }

  return {
    async prepare(partition, pinSet, cookies) {
      const ses = session.fromPartition(partition);
      configure(ses, partition, pinSet);
      for (const cookie of cookies) await ses.cookies.set(odooCookieDetails(pinSet.origin, cookie));
    },
    certificateRefused: (partition, errorCode, url) => verifiers.get(partition)?.refused(errorCode, url) ?? false,
    async clear(partition) {
      const ses = session.fromPartition(partition);
      for (const c of await ses.cookies.get({})) {
        const url = cookieUrl(c);
        if (url !== null) await ses.cookies.remove(url, c.name);
      }
      await ses.clearStorageData();
      await ses.clearCache();
      await ses.clearAuthCache();
    },
  };
}
