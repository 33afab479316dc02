// Runs in the demo page before the renderer, in place of the Electron preload: builds
// `window.companion` with the preload's own factory (preload/bridge.ts). The renderer's
// CSP is kept exactly (connect-src 'none'), so calls travel the one way it leaves open to
// our own origin: a <script> from 'self'. Each call is a script request to the demo
// server on loopback that answers with `__companionDemo.reply(id, envelope)`; events come
// the same way by long polling. The session cookie (HttpOnly, SameSite=Strict) from the
// one-time link is what the server checks.
import { createCompanionApi } from '../../preload/bridge.js';

interface ScriptElement {
  src: string;
  onload: (() => void) | null;
  onerror: (() => void) | null;
  remove(): void;
}
declare const document: { createElement(tag: 'script'): ScriptElement; head: { appendChild(el: ScriptElement): void } };
declare function setTimeout(fn: () => void, ms: number): unknown;
declare function addEventListener(type: 'load', fn: () => void, options: { once: true }): void;

type Listener = (payload: unknown) => void;
const listeners = new Map<string, Set<Listener>>();
const pending = new Map<number, (envelope: unknown) => void>();
let nextId = 1;
let cursor = -1;

const gone = { ok: false, error: { code: 'internal', message: 'The demo has stopped: start it again with `npm run demo`.' } };

function load(src: string, onError: () => void): void {
  const el = document.createElement('script');
  el.src = src;
  el.onload = () => el.remove();
  el.onerror = () => {
    el.remove();
    onError();
  };
  document.head.appendChild(el);
}

function poll(): void {
  load(`./__demo/events?after=${cursor}`, () => setTimeout(poll, 2000));
}

(globalThis as unknown as { __companionDemo: unknown }).__companionDemo = {
  reply(id: number, envelope: unknown): void {
    pending.get(id)?.(envelope);
    pending.delete(id);
  },
  events(next: number, list: [string, unknown][]): void {
    cursor = next;
    for (const [event, payload] of list) for (const l of listeners.get(event) ?? []) l(payload);
    poll();
  },
};

(globalThis as unknown as { companion: unknown }).companion = createCompanionApi({
  invoke: (channel, input) =>
    new Promise((resolve) => {
      const id = nextId++;
      pending.set(id, resolve);
      const query = `id=${id}&channel=${encodeURIComponent(channel)}&input=${encodeURIComponent(JSON.stringify(input))}`;
      load(`./__demo/call?${query}`, () => {
        pending.delete(id);
        resolve(gone);
      });
    }),
  subscribe(event, listener) {
    const set = listeners.get(event) ?? new Set<Listener>();
    set.add(listener);
    listeners.set(event, set);
    return () => set.delete(listener);
  },
});
// After the page's load event: a pending script would hold that event back.
addEventListener('load', poll, { once: true });
