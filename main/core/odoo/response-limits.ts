// Why: one size cap for every answer lets a hostile server make the smallest call (a count,
// a login) carry the largest body the app accepts. Each call gets the cap its legitimate
// answer fits in, with a wide margin, and none more than 2 MB: decoding a larger answer,
// even streamed, costs the main process garbage-collection pauses that freeze every window
// (measured by `npm run bench:stall`). The same caps hold on every transport.

const KB = 1024;
const MB = 1024 * KB;

/** A version, a login, a count, an id: a few hundred bytes in practice. */
export const SMALL_ANSWER_BYTES = 64 * KB;
/** Lists of ids or `[id, name]` pairs, bounded by the caller's limit. */
export const LIST_ANSWER_BYTES = 2 * MB;
/** Field definitions of one model (selection lists included). */
export const FIELDS_ANSWER_BYTES = 2 * MB;
/** A record read with a row limit: this much per row (a 128 px picture fits), at least RECORDS_FLOOR_BYTES. */
export const PER_ROW_BYTES = 32 * KB;
export const RECORDS_FLOOR_BYTES = 1 * MB;
/**
 * Any other call (a read without a row limit, a method we do not know): the app never asks
 * for more; decoding a larger answer, even streamed, costs the main process GC pauses.
 */
export const UNBOUNDED_ANSWER_BYTES = 2 * MB;
/** A JSON-RPC answer that is not a model call (version, session info, a login): small. */
export const SESSION_ANSWER_BYTES = 1 * MB;

const BY_MODEL_METHOD: Record<string, number> = {
  search_count: SMALL_ANSWER_BYTES,
  check_access_rights: SMALL_ANSWER_BYTES,
  context_get: SMALL_ANSWER_BYTES,
  search: LIST_ANSWER_BYTES,
  name_search: LIST_ANSWER_BYTES,
  fields_get: FIELDS_ANSWER_BYTES,
};

/** The cap for a record read: by its row limit (`search_read`) or id count (`read`). */
export function recordsAnswerCap(rows: number | undefined): number {
  if (rows === undefined || !Number.isInteger(rows) || rows <= 0) return UNBOUNDED_ANSWER_BYTES;
  return Math.min(UNBOUNDED_ANSWER_BYTES, Math.max(RECORDS_FLOOR_BYTES, rows * PER_ROW_BYTES));
}

/** The cap for one model method call, whatever the transport carries it. */
export function modelCallCap(modelMethod: string, args: readonly unknown[], kwargs: Record<string, unknown>): number {
  const fixed = BY_MODEL_METHOD[modelMethod];
  if (fixed !== undefined) return fixed;
  if (modelMethod === 'search_read') return recordsAnswerCap(typeof kwargs.limit === 'number' ? kwargs.limit : undefined);
  if (modelMethod === 'read') {
    const ids = Array.isArray(args[0]) ? args[0] : Array.isArray(kwargs.ids) ? kwargs.ids : undefined;
    return recordsAnswerCap(ids === undefined ? undefined : ids.length);
  }
  return UNBOUNDED_ANSWER_BYTES;
}

/**
 * The cap for an XML-RPC call: `common` service methods (version, authenticate) are small;
 * `execute_kw` is capped by the model method it runs and, for record reads, by how many
 * rows were asked for (a quick search's 9 rows fit in 1 MB); anything else gets
 * UNBOUNDED_ANSWER_BYTES.
 */
export function xmlRpcAnswerCap(method: string, params: readonly unknown[]): number {
  if (method !== 'execute_kw') return SMALL_ANSWER_BYTES;
  const modelMethod = params[4];
  if (typeof modelMethod !== 'string') return UNBOUNDED_ANSWER_BYTES;
  const args = Array.isArray(params[5]) ? (params[5] as unknown[]) : [];
  const kwargs = typeof params[6] === 'object' && params[6] !== null ? (params[6] as Record<string, unknown>) : {};
  return modelCallCap(modelMethod, args, kwargs);
}
