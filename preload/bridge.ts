// Builds `window.companion` from the contract: `invoke(channel, input)` for the channels
// of the table only (one input object, nothing else forwarded) and `on(event, listener)`
// for its events, returning an unsubscribe function. It is a pure factory over a tiny
// transport so it can be tested without Electron and reused by the e2e harness and the
// demo; preload/index.ts binds it to ipcRenderer.
import { channelNames, eventNames, type ChannelName, type CompanionApi, type EventName } from '../contract/index.js';

export interface BridgeTransport {
  invoke(channel: string, input: unknown): Promise<unknown>;
  subscribe(event: string, listener: (payload: unknown) => void): () => void;
}

export function createCompanionApi(transport: BridgeTransport): CompanionApi {
  const known = new Set<string>(channelNames);
  // Two parameters: whatever else a caller passes is not forwarded.
  const invoke = (channel: ChannelName, input: unknown): Promise<unknown> => {
    // A name outside the table never reaches main (which would refuse it as well).
    if (!known.has(channel)) return Promise.reject(new TypeError('unknown channel'));
    return transport.invoke(channel, input === undefined ? {} : input);
  };
  const on = (event: EventName, listener: (payload: unknown) => void): (() => void) => {
    if (!eventNames.includes(event)) throw new TypeError('unknown event');
    if (typeof listener !== 'function') throw new TypeError('listener must be a function');
    return transport.subscribe(event, (payload) => listener(payload));
  };
  return Object.freeze({ invoke, on }) as unknown as CompanionApi;
}
