// Why: the type of `window.companion`, the only thing the preload gives the renderer —
// one typed invoke over the channel table and one event subscription — so the bridge
// (preload/bridge.ts) and its caller (renderer/api.ts) are held to the same shape.
import type { ChannelInput, ChannelName, ChannelOutput } from './channels.js';
import type { Envelope } from './errors.js';
import type { EventName, EventPayload } from './events.js';

export interface CompanionApi {
  /** Sends one input object on a channel of the table; resolves with main's envelope. */
  invoke<C extends ChannelName>(channel: C, input: ChannelInput<C>): Promise<Envelope<ChannelOutput<C>>>;
  /** Listens to one event; returns the function that stops listening. */
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
}
