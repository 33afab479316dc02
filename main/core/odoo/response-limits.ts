// Why: one size cap for every answer lets a hostile server make the smallest call (a count,
// a login) carry the largest body the app accepts. Each call gets the cap its legitimate
// answer fits in, with a wide margin; only record reads keep the channel's full cap.

const KB = 1024;
const MB = 1024 * KB;

/** A version, a login, a count, an id: a few hundred bytes in practice. */
export const SMALL_ANSWER_BYTES = 64 * KB;
/** Lists of ids or `[id, name]` pairs, bounded by the caller's limit. */
export const LIST_ANSWER_BYTES = 2 * MB;
/** Field definitions of one model (selection lists included). */
export const FIELDS_ANSWER_BYTES = 8 * MB;

const BY_MODEL_METHOD: Record<string, number> = {
  search_count: SMALL_ANSWER_BYTES,
  check_access_rights: SMALL_ANSWER_BYTES,
  context_get: SMALL_ANSWER_BYTES,
  search: LIST_ANSWER_BYTES,
  name_search: LIST_ANSWER_BYTES,
  fields_get: FIELDS_ANSWER_BYTES,
};

/**
 * The cap for an XML-RPC call: `common` service methods (version, authenticate) are small;
 * `execute_kw` is capped by the model method it runs; unknown methods keep the channel cap.
 */
export function xmlRpcAnswerCap(method: string, params: readonly unknown[]): number | undefined {
  if (method !== 'execute_kw') return SMALL_ANSWER_BYTES;
  const modelMethod = params[4];
  return typeof modelMethod === 'string' ? BY_MODEL_METHOD[modelMethod] : undefined;
}
