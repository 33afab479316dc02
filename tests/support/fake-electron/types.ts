// The types the parts of the fake electron module share: the fake network's servers and
// certificates, listeners, frames, and what the shared state needs of a session and a
// window. It imports none of its siblings, so every part can depend on it without the
// parts depending on one another in a circle.

export type Listener = (...args: unknown[]) => unknown;

/** A certificate the way Electron hands it to the verify proc (PEM `data`, issuer chain). */
export interface FakeCertificate {
  data: string;
  issuerCert?: FakeCertificate | null;
}

/**
 * A server on the fake network. An https server presents `certificate`, which Chromium
 * judges `chromiumResult`; `redirects` answers a path with a 302 to another URL; `frames`
 * lists the iframes a page embeds; `unreachable` refuses connections.
 */
export interface FakeServer {
  certificate: FakeCertificate;
  chromiumResult: string;
  redirects: Record<string, string>;
  frames: Record<string, string[]>;
  unreachable: boolean;
}

export interface FakeServerOptions {
  certificate?: FakeCertificate;
  chromiumResult?: string;
  redirects?: Record<string, string>;
  frames?: Record<string, string[]>;
  unreachable?: boolean;
}

/** What a connection needs of a session: its TLS check (FakeSession is one). */
export interface ServerVerifier {
  verifyServer(hostname: string, server: FakeServer): Promise<number>;
}

/** A window as the shared state lists it (FakeBrowserWindow is one). */
export interface WindowLike {
  readonly destroyed: boolean;
  close(): void;
}

/** What IPC tests hand over as a sender frame (a FakeFrame, or a plain look-alike). */
export interface FrameLike {
  readonly url: string;
  readonly parent: unknown;
}
