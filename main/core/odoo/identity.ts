// Why: Odoo says who is signed in two ways — a web session's `get_session_info`, and a
// `res.users` row read with a key — and the app shows one Identity whatever the sign-in.
// These readers turn each untyped answer into it, in one place.
import type { Identity } from '../../../contract/index.js';
import { isRecord, str } from './shapes.js';

/** The fields of `res.users` an identity needs (read with an API key). */
export const IDENTITY_FIELDS = ['name', 'login', 'lang', 'tz', 'company_id'] as const;

export function identityFromSessionInfo(info: Record<string, unknown>, fallbackVersion: string): Identity {
  const ctx = isRecord(info.user_context) ? info.user_context : {};
  let company: string | null = null;
  const uc = isRecord(info.user_companies) ? info.user_companies : null;
  if (uc && isRecord(uc.allowed_companies)) {
    const current = uc.current_company;
    const entry = uc.allowed_companies[String(Array.isArray(current) ? current[0] : current)];
    if (isRecord(entry)) company = str(entry.name);
  }
  return {
    uid: typeof info.uid === 'number' ? info.uid : 0,
    name: str(info.name) ?? '',
    login: str(info.username) ?? '',
    database: str(info.db) ?? '',
    company,
    lang: str(ctx.lang),
    tz: str(ctx.tz),
    serverVersion: str(info.server_version) ?? fallbackVersion,
  };
}

export function identityFromUserRow(
  row: Record<string, unknown>,
  known: { uid: number; login: string; database: string; serverVersion: string },
): Identity {
  const company = Array.isArray(row.company_id) && typeof row.company_id[1] === 'string' ? row.company_id[1] : null;
  return {
    uid: known.uid,
    name: str(row.name) ?? '',
    login: str(row.login) ?? known.login,
    database: known.database,
    company,
    lang: str(row.lang),
    tz: str(row.tz),
    serverVersion: known.serverVersion,
  };
}
