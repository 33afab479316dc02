// Builds `window.companion` from the contract: one invoker per channel
// (`vault:unlock` → companion.vault.unlock(input)) and `on(event, listener)` returning an
// unsubscribe function. It is a pure factory over a tiny transport so it can be tested
// without Electron and reused by the e2e harness; preload/index.ts binds it to ipcRenderer.
import { channelNames, eventNames, type CompanionApi, type EventName } from './contract.js';

export interface BridgeTransport {
  invoke(channel: string, input: unknown): Promise<unknown>;
  subscribe(event: string, listener: (payload: unknown) => void): () => void;
}

export function createCompanionApi(transport: BridgeTransport): CompanionApi {
  const api: Record<string, Record<string, unknown>> = {};
  for (const channel of channelNames) {
    const [domain, action] = channel.split(':') as [string, string];
    const group = (api[domain] ??= {});
    // One object argument per call; nothing else is forwarded.
    group[action] = (input: unknown) => transport.invoke(channel, input === undefined ? {} : input);
  }
  const on = (event: EventName, listener: (payload: unknown) => void): (() => void) => {
    if (!eventNames.includes(event)) throw new TypeError('unknown event');
    if (typeof listener !== 'function') throw new TypeError('listener must be a function');
    return transport.subscribe(event, (payload) => listener(payload));
  };
  for (const group of Object.values(api)) Object.freeze(group);
  return Object.freeze({ ...api, on }) as unknown as CompanionApi;
}
