// Where an Odoo web window opens. The web client changed its URL scheme in 18: up to 17 it
// reads the hash (`/web#model=…&id=…`), from 18 the path (`/odoo/<model>/<id>`). Asking
// the wrong form lands on the home screen instead of the record, so the form follows the
// server's major version; an unknown version gets the old form, which 18+ still redirects.
// A model's list ("more in Odoo" under a search group) always takes the hash form, the one
// 17 reads and 18+ redirects (the path form of a bare model is not stable across 18's
// releases). It carries no search: Odoo 17's router reads only action, model, view_type,
// id, menu_id and cids from the hash (docs/odoo-protocol.md), so the list opens unfiltered.

export interface OdooRecordRef {
  model: string;
  id: number;
}

/** A model's list view (every record the user may read). */
export interface OdooListRef {
  model: string;
  view: 'list';
}

/** What an Odoo window opens at: one record or one model's list. */
export type OdooTarget = OdooRecordRef | OdooListRef;

const MODEL = /^[a-z][a-z0-9_.]{0,127}$/;

/** First major version whose web client routes `/odoo/<model>/<id>`. */
export const PATH_ROUTER_MAJOR = 18;

function checkOrigin(origin: string): string {
  const u = new URL(origin);
  if (u.protocol !== 'https:' && u.protocol !== 'http:') throw new TypeError('not a web origin');
  return u.origin;
}

// Model names and ids come from Odoo or the contract, but they end up in a URL we load:
// refuse anything that is not exactly a model name (and a positive integer).
function checkModel(model: string): string {
  if (!MODEL.test(model)) throw new TypeError('not a model name');
  return model;
}

/** The web client's home for this server. */
export function odooHomeUrl(origin: string, major: number | null): string {
  const base = checkOrigin(origin);
  return major !== null && major >= PATH_ROUTER_MAJOR ? `${base}/odoo` : `${base}/web`;
}

/** One record in the form this version's web client understands. */
export function odooRecordUrl(origin: string, major: number | null, record: OdooRecordRef): string {
  const base = checkOrigin(origin);
  checkModel(record.model);
  if (!Number.isSafeInteger(record.id) || record.id <= 0) throw new TypeError('not a record id');
  if (major !== null && major >= PATH_ROUTER_MAJOR) return `${base}/odoo/${record.model}/${record.id}`;
  const hash = new URLSearchParams({ model: record.model, id: String(record.id), view_type: 'form' });
  return `${base}/web#${hash.toString()}`;
}

/** A model's list, in the hash form every version opens (no filter: see above). */
export function odooListUrl(origin: string, model: string): string {
  const base = checkOrigin(origin);
  checkModel(model);
  return `${base}/web#${new URLSearchParams({ model, view_type: 'list' }).toString()}`;
}

/** Home, record or list, as the window request needs it. */
export function odooWindowUrl(origin: string, major: number | null, target?: OdooTarget): string {
  if (target === undefined) return odooHomeUrl(origin, major);
  return 'view' in target ? odooListUrl(origin, target.model) : odooRecordUrl(origin, major, target);
}
