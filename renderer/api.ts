// The renderer's way to main: typed calls over `window.companion` (the preload bridge)
// that resolve with the value or throw a CompanionError carrying the contract's code.
// The renderer has no other channel to the outside world (CSP connect-src 'none').
import type {
  ChannelInput,
  ChannelName,
  ChannelOutput,
  CompanionApi,
  Envelope,
  ErrorCode,
  EventName,
  EventPayload,
  WireError,
} from '../preload/contract';

declare global {
  interface Window {
    companion: CompanionApi;
  }
}

export class CompanionError extends Error {
  override readonly name = 'CompanionError';
  readonly code: ErrorCode;
  readonly details: WireError['details'];
  constructor(error: WireError) {
    super(error.message);
    this.code = error.code;
    this.details = error.details;
  }
}

export async function call<C extends ChannelName>(channel: C, input: ChannelInput<C>): Promise<ChannelOutput<C>> {
  const [domain, action] = channel.split(':') as [string, string];
  const group = (window.companion as unknown as Record<string, Record<string, (i: unknown) => Promise<unknown>>>)[domain];
  const fn = group?.[action];
  if (fn === undefined) throw new CompanionError({ code: 'unknown_channel', message: 'There is no such request.' });
  const envelope = (await fn(input)) as Envelope<ChannelOutput<C>>;
  if (envelope.ok) return envelope.value;
  throw new CompanionError(envelope.error);
}

export function on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void {
  return window.companion.on(event, listener);
}
