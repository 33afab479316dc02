// Why: every byte to and from Odoo goes through here, so the transport rules live in one
// place: the dispatcher comes from the DispatcherFactory port (the pinned one in
// production; this module never builds an Agent), redirects are never followed (a 3xx is
// reported with its target, so cookies and credentials cannot travel to another origin),
// headers/body/total timeouts apply, the body is streamed under a size cap and dropped as
// soon as it is exceeded, and every request is abortable. Errors say what went wrong in
// words for a person and never carry the request (its headers and body hold secrets): the
// underlying error is reduced to its code, not kept as a cause.
import { performance } from 'node:perf_hooks';
import type { Dispatcher } from 'undici';
import { AppError, isAppError } from '../errors.js';
import type { DispatcherFactory } from '../net/types.js';

export interface HttpTimeouts {
  /** From sending the request to the end of the response headers. */
  headersMs: number;
  /** Longest silence between two body chunks. */
  bodyMs: number;
  /** The whole exchange, so a slow-drip body cannot hold a call forever. */
  totalMs: number;
}

export const DEFAULT_TIMEOUTS: HttpTimeouts = { headersMs: 30_000, bodyMs: 30_000, totalMs: 120_000 };
export const DEFAULT_MAX_RESPONSE_BYTES = 32 * 1024 * 1024;

export interface HttpRequest {
  method: 'GET' | 'POST';
  path: string;
  headers: Record<string, string>;
  body?: string;
  signal?: AbortSignal | undefined;
  /** The caller handles a 3xx itself (the TOTP form answers 303 to `/web`). Same origin only. */
  acceptRedirect?: boolean;
  /**
   * Receives a 200 answer's body chunk by chunk as it arrives (the response's `body` is then
   * empty), so a parser can work one network read at a time instead of stalling on the whole.
   * What it throws ends the request and is rethrown as is.
   */
  sink?: ((chunk: Buffer) => void) | undefined;
  /** A tighter size cap for this call than the channel's (what the call can legitimately return). */
  maxBytes?: number | undefined;
}

export interface HttpResponse {
  status: number;
  contentType: string;
  body: Buffer;
  setCookies: string[];
  /** Absolute target of a 3xx the caller accepted, else null. */
  location: string | null;
  header(name: string): string | null;
}

const TLS_CODES = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'CERT_UNTRUSTED',
  'CERT_REJECTED',
  'ERR_TLS_CERT_ALTNAME_INVALID',
]);

function errorCodeOf(e: unknown): string {
  if (typeof e === 'object' && e !== null) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    const name = (e as { name?: unknown }).name;
    if (typeof name === 'string') return name;
  }
  return 'unknown';
}

/** Finds an AppError raised below us (the pinned dispatcher reports a pin mismatch that way). */
function innerAppError(e: unknown): AppError | null {
  let cur: unknown = e;
  for (let i = 0; i < 5 && cur; i++) {
    if (isAppError(cur)) return cur;
    cur = (cur as { cause?: unknown }).cause;
  }
  return null;
}

interface Watched {
  deadline: number;
  timedOut: boolean;
  body: Dispatcher.ResponseData['body'] | null;
}

/** Drops a body we will not read; its 'error' (the abort itself) must not go unhandled. */
function discard(body: Dispatcher.ResponseData['body']): void {
  body.on('error', () => undefined);
  body.destroy();
}

/** Reads and drops a small body (a redirect page) so the connection stays reusable. */
async function drain(body: Dispatcher.ResponseData['body']): Promise<void> {
  try {
    await body.dump({ limit: 64 * 1024 });
  } catch {
    discard(body);
  }
}

/** Collects a body, dropping it as soon as it grows past `maxBytes` (never buffered whole). */
function readCapped(body: Dispatcher.ResponseData['body'], maxBytes: number): Promise<Buffer> {
  return new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    body.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) {
        discard(body);
        reject(new AppError('too_large', 'The server answer is larger than allowed.', { limitBytes: maxBytes }));
        return;
      }
      chunks.push(chunk);
    });
    body.once('end', () => resolve(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, size)));
    body.once('error', reject);
    body.once('close', () => reject(new AppError('network', 'Could not reach the server, or the connection broke.', { reason: 'closed' })));
  });
}

/** The most bytes a sink is handed in one turn of the event loop. */
const SINK_SLICE_BYTES = 16 * 1024;

/**
 * Streams a body into `sink` under the cap, at most SINK_SLICE_BYTES per turn of the event
 * loop: the body is paused while a network read is fed in slices with setImmediate in
 * between, so however large one read is, other work (timers, IPC, other windows) runs
 * between slices.
 */
function streamCapped(body: Dispatcher.ResponseData['body'], maxBytes: number, sink: (chunk: Buffer) => void): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const queue: Buffer[] = [];
    let size = 0;
    let feeding = false;
    let ended = false;
    let failed = false;
    const fail = (e: unknown): void => {
      if (failed) return;
      failed = true;
      queue.length = 0;
      discard(body);
      reject(e);
    };
    const feed = (): void => {
      if (failed) return;
      const head = queue[0];
      if (head === undefined) {
        feeding = false;
        if (ended) resolve();
        else body.resume();
        return;
      }
      const slice = head.length > SINK_SLICE_BYTES ? head.subarray(0, SINK_SLICE_BYTES) : head;
      if (slice === head) queue.shift();
      else queue[0] = head.subarray(SINK_SLICE_BYTES);
      try {
        sink(slice);
      } catch (e) {
        fail(new SinkError(e));
        return;
      }
      setImmediate(feed);
    };
    body.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) {
        fail(new AppError('too_large', 'The server answer is larger than allowed.', { limitBytes: maxBytes }));
        return;
      }
      queue.push(chunk);
      if (!feeding) {
        feeding = true;
        body.pause();
        feed();
      }
    });
    body.once('end', () => {
      ended = true;
      if (!feeding) resolve();
    });
    body.once('error', fail);
    body.once('close', () => {
      if (!ended) fail(new AppError('network', 'Could not reach the server, or the connection broke.', { reason: 'closed' }));
    });
  });
}

/** Carries what a sink threw past the transport's own error mapping. */
class SinkError extends Error {
  readonly inner: unknown;
  constructor(inner: unknown) {
    super('sink failed');
    this.inner = inner;
  }
}

export interface HttpChannelOptions {
  origin: string;
  dispatchers: DispatcherFactory;
  timeouts?: Partial<HttpTimeouts> | undefined;
  maxResponseBytes?: number | undefined;
}

/** One origin's request function. */
export interface HttpChannel {
  readonly origin: string;
  request(req: HttpRequest): Promise<HttpResponse>;
}

export function createHttpChannel(opts: HttpChannelOptions): HttpChannel {
  const origin = opts.origin;
  const timeouts: HttpTimeouts = { ...DEFAULT_TIMEOUTS, ...opts.timeouts };
  const channelMaxBytes = opts.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;

  // One timer per channel, not one per request: a timer per call costs more than the rest
  // of the client's own work. It stops itself once nothing is in flight.
  const watchdog = new Set<Watched>();
  const tickMs = Math.min(1_000, Math.max(10, Math.floor(timeouts.totalMs / 4)));
  let ticker: NodeJS.Timeout | null = null;
  function ensureTicker(): void {
    if (ticker) return;
    ticker = setInterval(() => {
      if (watchdog.size === 0) {
        clearInterval(ticker!);
        ticker = null;
        return;
      }
      const now = performance.now();
      for (const w of watchdog) {
        if (!w.timedOut && now >= w.deadline) {
          w.timedOut = true;
          if (w.body) discard(w.body);
        }
      }
    }, tickMs);
    ticker.unref();
  }

  async function request(req: HttpRequest): Promise<HttpResponse> {
    ensureTicker();
    const maxBytes = Math.min(channelMaxBytes, req.maxBytes ?? channelMaxBytes);
    const userSignal = req.signal;
    if (userSignal?.aborted) throw new AppError('aborted', 'The request was cancelled.');
    const dispatcher: Dispatcher = opts.dispatchers.get(origin);
    // The total deadline: undici's headers timeout guards the wait for headers; the
    // watchdog ends a body that trickles in forever (each chunk on time, the whole never done).
    const watch: Watched = { deadline: performance.now() + timeouts.totalMs, timedOut: false, body: null };
    watchdog.add(watch);
    let res: Dispatcher.ResponseData | undefined;
    try {
      res = await dispatcher.request({
        origin,
        path: req.path,
        method: req.method,
        headers: req.headers,
        body: req.body ?? null,
        signal: userSignal ?? null,
        headersTimeout: timeouts.headersMs,
        bodyTimeout: timeouts.bodyMs,
      });
      watch.body = res.body;
      if (watch.timedOut) discard(res.body);
      const status = res.statusCode;
      const headers = res.headers;
      const header = (name: string): string | null => {
        const v = headers[name];
        if (v === undefined) return null;
        return Array.isArray(v) ? (v[0] ?? null) : v;
      };
      const rawCookies = headers['set-cookie'];
      const setCookies = rawCookies === undefined ? [] : Array.isArray(rawCookies) ? rawCookies : [rawCookies];

      let location: string | null = null;
      if (status >= 300 && status < 400) {
        const target = header('location');
        let absolute = target ?? '';
        try {
          absolute = new URL(target ?? '', origin + req.path).href;
        } catch {
          // keep the raw value
        }
        const sameOrigin = absolute !== '' && new URL(absolute, origin).origin === origin;
        if (!req.acceptRedirect || !sameOrigin) {
          await drain(res.body);
          // No automatic redirects (docs/security.md): report the target so the person can fix the URL.
          throw new AppError('redirect', 'The server redirected to another address. Check the profile URL.', {
            location: absolute,
            status,
          });
        }
        location = absolute;
      }

      const declared = Number(header('content-length') ?? 'NaN');
      if (Number.isFinite(declared) && declared > maxBytes) {
        discard(res.body);
        throw new AppError('too_large', 'The server answer is larger than allowed.', { limitBytes: maxBytes });
      }
      // A declared length within the cap bounds the body (the parser stops there): read it in
      // one go. Without one (chunked), stream it and stop at the cap.
      let payload: Buffer;
      if (req.sink && status === 200) {
        await streamCapped(res.body, maxBytes, req.sink);
        payload = Buffer.alloc(0);
      } else if (Number.isFinite(declared)) {
        const bytes = await res.body.bytes();
        payload = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength); // a view, not a copy
      } else {
        payload = await readCapped(res.body, maxBytes);
      }
      return { status, contentType: header('content-type') ?? '', body: payload, setCookies, location, header };
    } catch (e) {
      if (res && !res.body.destroyed) discard(res.body);
      if (e instanceof SinkError && !watch.timedOut) throw e.inner;
      if (isAppError(e) && !watch.timedOut) throw e;
      if (userSignal?.aborted) throw new AppError('aborted', 'The request was cancelled.');
      if (watch.timedOut) throw new AppError('timeout', 'The server took too long to answer.', { reason: 'total' });
      const inner = innerAppError(e);
      if (inner) throw inner;
      const code = errorCodeOf(e);
      if (code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_BODY_TIMEOUT' || code === 'UND_ERR_CONNECT_TIMEOUT') {
        throw new AppError('timeout', 'The server took too long to answer.', { reason: code });
      }
      if (TLS_CODES.has(code)) {
        throw new AppError('tls_untrusted', 'The server certificate is not trusted.', { reason: code });
      }
      throw new AppError('network', 'Could not reach the server, or the connection broke.', { reason: code });
    } finally {
      watchdog.delete(watch);
    }
  }

  return { origin, request };
}
