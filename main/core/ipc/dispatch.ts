// Every IPC request from the renderer goes through `dispatch`: the one place that decides
// whether a channel exists, whether the payload is acceptable, and what comes back. It is
// plain Node so the Electron registration helper (main/app/ipc.ts), the e2e binding and
// the tests all exercise the same code.
//
// Security rules enforced here:
// - unknown channel, oversize or malformed input → a typed error, the handler never runs;
// - inputs are parsed with strict schemas (unknown keys refused);
// - outputs are parsed with the contract's schema, which strips any key it does not
//   declare: a secret added to a handler's result by mistake never reaches the renderer;
// - failures cross as `{ code, message }` only (toWireError): no stack, no secret;
//   their texts are scrubbed of held secrets and token-shaped strings.
import {
  channels,
  MAX_PAYLOAD_BYTES,
  type ChannelName,
  type ChannelOutput,
  type Channels,
  type Envelope,
} from '../../../contract/index.js';
import { AppError, toWireError } from '../errors.js';
import { scrubText, secretsInRequest } from '../secret-scrubber.js';
import type { z } from 'zod';

export type ParsedInput<C extends ChannelName> = z.output<Channels[C]['input']>;

export type Handler<C extends ChannelName> = (
  input: ParsedInput<C>,
) => Promise<ChannelOutput<C>> | ChannelOutput<C>;

export type Handlers = { [C in ChannelName]: Handler<C> };

export type Dispatch = (channel: unknown, input: unknown) => Promise<Envelope<unknown>>;

export interface DispatchOptions {
  /** Told about failures that are not AppErrors (bugs). Never forwarded to the renderer. */
  onUnexpectedError?: (channel: ChannelName, error: unknown) => void;
  /** The secrets main holds right now (decrypted), replaced in any error text that leaves. */
  heldSecrets?: () => Iterable<string>;
}

export function isChannelName(value: unknown): value is ChannelName {
  return typeof value === 'string' && Object.hasOwn(channels, value);
}

/**
 * Rough size of a structured-clone payload, stopping as soon as it passes `limit` so a
 * hostile 100 MB string costs no more than a small one.
 */
export function payloadExceeds(value: unknown, limit: number): boolean {
  let total = 0;
  const stack: unknown[] = [value];
  let nodes = 0;
  while (stack.length > 0) {
    const v = stack.pop();
    nodes += 1;
    if (nodes > 10_000) return true;
    if (typeof v === 'string') total += v.length * 2;
    else if (v !== null && typeof v === 'object') {
      if (ArrayBuffer.isView(v)) total += v.byteLength;
      else if (v instanceof ArrayBuffer) total += v.byteLength;
      else {
        for (const [k, child] of Object.entries(v)) {
          total += k.length * 2 + 8;
          stack.push(child);
        }
      }
    } else total += 8;
    if (total > limit) return true;
  }
  return false;
}

function describeIssues(error: z.ZodError): string {
  // Paths and kinds of problem only: the offending values are never echoed back.
  const parts = error.issues.slice(0, 3).map((issue) => {
    const path = issue.path.map(String).join('.').slice(0, 60) || 'input';
    return `${path}: ${issue.message.slice(0, 120)}`;
  });
  return `The request was not accepted (${parts.join('; ')}).`;
}

export function createDispatch(handlers: Partial<Handlers>, options: DispatchOptions = {}): Dispatch {
  return async function dispatch(channel, input) {
    if (!isChannelName(channel)) {
      return { ok: false, error: { code: 'unknown_channel', message: 'There is no such request.' } };
    }
    const handler = handlers[channel] as Handler<ChannelName> | undefined;
    if (handler === undefined) {
      return { ok: false, error: { code: 'unknown_channel', message: 'This request is not available.' } };
    }
    if (payloadExceeds(input, MAX_PAYLOAD_BYTES)) {
      return { ok: false, error: { code: 'payload_too_large', message: 'The request is too large.' } };
    }
    const def = channels[channel];
    const parsed = def.input.safeParse(input);
    if (!parsed.success) {
      return { ok: false, error: { code: 'invalid_input', message: describeIssues(parsed.error) } };
    }
    try {
      const result = await handler(parsed.data as never);
      const out = def.output.safeParse(result);
      if (!out.success) {
        throw new Error(`handler for ${channel} returned a value outside its output schema`);
      }
      return { ok: true, value: out.data };
    } catch (error) {
      if (!(error instanceof AppError)) options.onUnexpectedError?.(channel, error);
      // Server text is scrubbed of the held secrets and of what this request carried.
      const secrets = [...(options.heldSecrets?.() ?? []), ...secretsInRequest(parsed.data)];
      return { ok: false, error: toWireError(error, (text) => scrubText(text, secrets)) };
    }
  };
}
