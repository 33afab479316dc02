// The renderer's way to main: `invoke(channel, input)` over `window.companion` (the
// preload bridge), typed by the contract's channel table, resolving with the value or
// throwing a CompanionError that carries the contract's code. The renderer has no other
// channel to the outside world (CSP connect-src 'none'). Types only from the contract:
// zod stays out of the renderer bundle.
import type {
  ChannelInput,
  ChannelName,
  ChannelOutput,
  CompanionApi,
  ErrorCode,
  EventName,
  EventPayload,
  WireError,
} from '../contract';

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

export async function invoke<C extends ChannelName>(channel: C, input: ChannelInput<C>): Promise<ChannelOutput<C>> {
  const envelope = await window.companion.invoke(channel, input);
  if (envelope.ok) return envelope.value;
  throw new CompanionError(envelope.error);
}

export function on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void {
  return window.companion.on(event, listener);
}
