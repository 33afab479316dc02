// Where an Odoo web window opens. The web client changed its URL scheme in 18: up to 17 it
// reads the hash (`/web#model=…&id=…`), from 18 the path (`/odoo/<model>/<id>`). Asking
// the wrong form lands on the home screen instead of the record, so the form follows the
// server's major version; an unknown version gets the old form, which 18+ still redirects.

export interface OdooRecordRef {
  model: string;
  id: number;
}

const MODEL = /^[a-z][a-z0-9_.]{0,127}$/;

/** First major version whose web client routes `/odoo/<model>/<id>`. */
export const PATH_ROUTER_MAJOR = 18;

function checkOrigin(origin: string): string {
  const u = new URL(origin);
  if (u.protocol !== 'https:' && u.protocol !== 'http:') throw new TypeError('not a web origin');
  return u.origin;
}

/** The web client's home for this server. */
export function odooHomeUrl(origin: string, major: number | null): string {
  const base = checkOrigin(origin);
  return major !== null && major >= PATH_ROUTER_MAJOR ? `${base}/odoo` : `${base}/web`;
}

/** One record in the form this version's web client understands. */
export function odooRecordUrl(origin: string, major: number | null, record: OdooRecordRef): string {
  const base = checkOrigin(origin);
  // Model names and ids come from Odoo or the contract, but they end up in a URL we load:
  // refuse anything that is not exactly a model name and a positive integer.
  if (!MODEL.test(record.model)) throw new TypeError('not a model name');
  if (!Number.isSafeInteger(record.id) || record.id <= 0) throw new TypeError('not a record id');
  if (major !== null && major >= PATH_ROUTER_MAJOR) return `${base}/odoo/${record.model}/${record.id}`;
  const hash = new URLSearchParams({ model: record.model, id: String(record.id), view_type: 'form' });
  return `${base}/web#${hash.toString()}`;
}

/** Home or record, as the window request needs it. */
export function odooWindowUrl(origin: string, major: number | null, record?: OdooRecordRef): string {
  return record === undefined ? odooHomeUrl(origin, major) : odooRecordUrl(origin, major, record);
}
