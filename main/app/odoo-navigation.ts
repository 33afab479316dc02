// Where an Odoo window's pages may go (decisions from core/shell/odoo-window-policy): the
// main frame stays on the profile's origin; other http(s) links go to the system browser
// after a check, every other scheme is refused; window.open follows the same rules; an
// iframe's own redirects are its business (http(s) only), never a reason to open the
// browser; no <webview>. Navigations also tell when Odoo ended the web session (its
// logout, or its login page), which the window's owner turns into "forget the session".
import { shell, type BrowserWindowConstructorOptions, type WebContents } from 'electron';
import { odooNavigation, odooRedirect, odooSessionEnded, safeExternalUrl } from '../core/shell/odoo-window-policy.js';

export interface NavigationScope {
  /** The profile's origin: the only one the main frame may show. */
  origin: string;
  /** Options for a window the page opens with window.open (same partition, same hardening). */
  childOptions(): BrowserWindowConstructorOptions;
  /** A navigation showed that Odoo ended the web session. */
  sessionEnded(): void;
  /** Failures that are bugs (the browser would not open); names only are logged by the caller. */
  onError?(where: string, error: unknown): void;
}

/** The URL of a navigation event (Electron 45: on the event; before: the 2nd argument). */
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

/** Installs the rules on one Odoo page's webContents (a profile's main window, or one its pages opened). */
export function guardNavigation(contents: WebContents, scope: NavigationScope): void {
  const openExternal = (url: string): void => {
    const safe = safeExternalUrl(url);
    if (safe !== null) shell.openExternal(safe).catch((e: unknown) => scope.onError?.('openExternal', e));
  };
  const onMainFrame = (event: { preventDefault(): void }, url: string): void => {
    const decision = odooNavigation(url, scope.origin);
    if (decision === 'allow') {
      if (odooSessionEnded(url, scope.origin)) scope.sessionEnded();
      return;
    }
    event.preventDefault();
    if (decision === 'external') openExternal(url);
  };

  // will-navigate is the main frame's only (will-frame-navigate would be the others').
  contents.on('will-navigate', (details, url) => onMainFrame(details, navigationUrl(details, url)));
  // will-redirect comes for every frame's server redirects, loadURL's included.
  contents.on('will-redirect', (details, url, _isInPlace, isMainFrame) => {
    const target = navigationUrl(details, url);
    if (redirectsMainFrame(details, isMainFrame)) {
      onMainFrame(details, target);
      return;
    }
    if (odooRedirect(target, false, scope.origin) !== 'allow') details.preventDefault();
  });
  contents.on('did-navigate', (_event, url) => {
    if (odooSessionEnded(url, scope.origin)) scope.sessionEnded();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    const decision = odooNavigation(url, scope.origin);
    if (decision === 'allow') return { action: 'allow', overrideBrowserWindowOptions: scope.childOptions() };
    if (decision === 'external') openExternal(url);
    return { action: 'deny' };
  });
}
