// Runs inside the page under test in place of the Electron preload: builds
// `window.companion` with the same factory the preload uses, over a Playwright binding
// (`__companionInvoke`) that reaches the real core dispatcher in the test process.
import { createCompanionApi } from '../../../preload/bridge';

type Listener = (payload: unknown) => void;
const listeners = new Map<string, Set<Listener>>();
const w = window as unknown as {
  __companionInvoke: (channel: string, input: unknown) => Promise<unknown>;
  __companionEmit: (event: string, payload: unknown) => void;
  companion: unknown;
};

w.__companionEmit = (event, payload) => {
  for (const l of listeners.get(event) ?? []) l(payload);
};

w.companion = createCompanionApi({
  invoke: (channel, input) => w.__companionInvoke(channel, input),
  subscribe(event, listener) {
    const set = listeners.get(event) ?? new Set<Listener>();
    set.add(listener);
    listeners.set(event, set);
    return () => set.delete(listener);
  },
});
