// Why: the odoo_jwt routes of the test server hand out real HS256 tokens (payload
// `{user_id, exp}`) so the client's expiry handling is tested against genuine tokens.
import { createHmac, timingSafeEqual } from 'node:crypto';

function b64url(data: string | Buffer): string {
  return Buffer.from(data).toString('base64url');
}

export function signHs256(payload: Record<string, unknown>, key: Buffer): string {
  const head = b64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));
  const body = b64url(JSON.stringify(payload));
  const sig = createHmac('sha256', key).update(`${head}.${body}`).digest('base64url');
  return `${head}.${body}.${sig}`;
}

export type JwtCheck =
  | { ok: true; payload: { user_id: number; exp: number } }
  | { ok: false; reason: 'expired' | 'invalid' };

export function verifyHs256(token: string, key: Buffer, nowMs: number): JwtCheck {
  const parts = token.split('.');
  if (parts.length !== 3) return { ok: false, reason: 'invalid' };
  const [head, body, sig] = parts as [string, string, string];
  const expect = createHmac('sha256', key).update(`${head}.${body}`).digest();
  const got = Buffer.from(sig, 'base64url');
  if (got.length !== expect.length || !timingSafeEqual(got, expect)) return { ok: false, reason: 'invalid' };
  let payload: unknown;
  try {
    payload = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
  } catch {
    return { ok: false, reason: 'invalid' };
  }
  const p = payload as { user_id?: unknown; exp?: unknown };
  if (typeof p.user_id !== 'number' || typeof p.exp !== 'number') return { ok: false, reason: 'invalid' };
  if (p.exp * 1000 <= nowMs) return { ok: false, reason: 'expired' };
  return { ok: true, payload: { user_id: p.user_id, exp: p.exp } };
}
