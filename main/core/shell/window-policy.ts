// Decisions about the windows we own, as pure functions so they are unit-tested without
// Electron: the hardened webPreferences, the renderer's origin and CSP, and what a
// navigation or window.open inside our UI may do (nothing, docs/security.md).

/** The renderer is served from this privileged custom scheme; the IPC sender check trusts it. */
export const RENDERER_SCHEME = 'app';
export const RENDERER_HOST = 'companion';
export const RENDERER_ORIGIN = `${RENDERER_SCHEME}://${RENDERER_HOST}`;
export const RENDERER_ENTRY = `${RENDERER_ORIGIN}/index.html`;

/** The renderer has no network: everything it shows comes through IPC. */
export const RENDERER_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'none'",
  "object-src 'none'",
  "frame-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** What every window we create shares: isolated, sandboxed, no node, no webviews. */
export const HARDENED_PREFERENCES = Object.freeze({
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  nodeIntegrationInSubFrames: false,
  nodeIntegrationInWorker: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  webviewTag: false,
  navigateOnDragDrop: false,
} as const);

export type HardenedPreferences = typeof HARDENED_PREFERENCES;

export interface OwnWindowPreferences extends HardenedPreferences {
  preload: string;
  spellcheck: false;
  devTools: boolean;
}

export function ownWindowPreferences(preload: string, development: boolean): OwnWindowPreferences {
  return { ...HARDENED_PREFERENCES, preload, spellcheck: false, devTools: development };
}

/** Our UI is a single page: it never navigates. A reload of the same entry is allowed. */
export function ownWindowMayNavigate(url: string): boolean {
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.host}` === RENDERER_ORIGIN && (u.pathname === '/' || u.pathname === '/index.html');
  } catch {
    return false;
  }
}
