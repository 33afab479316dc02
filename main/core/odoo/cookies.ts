// Why: the client keeps exactly two cookies of its own origin (`session_id`, `td_id`) and
// must never run a general cookie jar (a jar is how cookies leak to other origins). These
// helpers read a cookie's value out of `Set-Cookie` lines and build a `Cookie` header.

/** The value of cookie `name` set by these `Set-Cookie` lines, `''` when it is cleared, or null. */
export function readSetCookie(setCookies: readonly string[], name: string): string | null {
  let found: string | null = null;
  for (const line of setCookies) {
    const first = line.split(';', 1)[0] ?? '';
    const eq = first.indexOf('=');
    if (eq < 0) continue;
    if (first.slice(0, eq).trim() !== name) continue;
    const value = first.slice(eq + 1).trim();
    const expired = /;\s*max-age=0\b/i.test(line) || /expires=thu, 01 jan 1970/i.test(line);
    found = expired ? '' : value;
  }
  return found;
}

export function cookieHeader(cookies: Record<string, string | null | undefined>): string {
  return Object.entries(cookies)
    .filter((e): e is [string, string] => typeof e[1] === 'string' && e[1] !== '')
    .map(([k, v]) => `${k}=${v}`)
    .join('; ');
}

/** The `csrf_token` hidden input of Odoo's TOTP form, or null when the page has no such form. */
export function readTotpForm(html: string): { csrfToken: string } | null {
  if (!/name=["']totp_token["']/.test(html)) return null;
  const m =
    /<input[^>]*name=["']csrf_token["'][^>]*value=["']([^"']+)["']/.exec(html) ??
    /<input[^>]*value=["']([^"']+)["'][^>]*name=["']csrf_token["']/.exec(html);
  return m?.[1] ? { csrfToken: m[1] } : null;
}
