// Who may call main over IPC: only the top frame of one of our own windows, showing our
// own origin. An iframe (even of our origin), a window we did not create, a page that
// navigated elsewhere, or a destroyed frame is refused before the input is even parsed.
export interface SenderFacts {
  /** webContents id of the sender. */
  webContentsId: number;
  /** URL of the sending frame, or null when the frame is gone. */
  frameUrl: string | null;
  /** True when the sending frame is the top frame of its page. */
  isMainFrame: boolean;
}

export interface SenderPolicy {
  /** The renderer's origin, e.g. `app://companion`. */
  trustedOrigin: string;
  /** webContents ids of the windows we own. */
  isOwnWebContents: (id: number) => boolean;
}

function originOf(url: string): string | null {
  try {
    const u = new URL(url);
    // Custom standard schemes have an opaque `origin` ('null') in Node's URL; rebuild it.
    // Stryker disable next-line ConditionalExpression: where an origin is not opaque, the rebuilt one is the same string
    return u.origin !== 'null' ? u.origin : `${u.protocol}//${u.host}`;
  } catch {
    return null;
  }
}

export function isTrustedSender(facts: SenderFacts, policy: SenderPolicy): boolean {
  // Stryker disable next-line ConditionalExpression: a null frame URL is refused by originOf too; this says so first
  if (facts.frameUrl === null || !facts.isMainFrame) return false;
  if (!policy.isOwnWebContents(facts.webContentsId)) return false;
  return originOf(facts.frameUrl) === policy.trustedOrigin;
}
