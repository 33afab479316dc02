// Why: the odoo_jwt module hands out HS256 tokens whose payload is `{user_id, exp}`. The
// client cannot verify them (the key is the server's) but must read `exp` to refresh an
// access token before it expires, and `user_id` to ask for a new one after a restart
// (when only the refresh token survived, in the vault).

export interface JwtClaims {
  userId: number | null;
  /** Expiry in epoch ms, or null when the token carries none. */
  expiresAt: number | null;
}

export function readJwtClaims(token: string): JwtClaims | null {
  const part = token.split('.')[1];
  if (!part) return null;
  try {
    const payload = JSON.parse(Buffer.from(part, 'base64url').toString('utf8')) as Record<string, unknown>;
    return {
      userId: typeof payload.user_id === 'number' ? payload.user_id : null,
      expiresAt: typeof payload.exp === 'number' ? payload.exp * 1000 : null,
    };
  } catch {
    return null;
  }
}
