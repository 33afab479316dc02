// The signed-in user's picture for our UI. The renderer has no network (CSP connect-src
// 'none'), so main reads `avatar_128` over the profile's pinned connection and hands over
// a data URL — but only after checking that the bytes are an image of a known type
// (magic numbers, not Odoo's word for it) and of a sane size. An <img> never runs script,
// SVG included, and the CSP allows only `data:` images besides our own.
import { AppError } from '../errors.js';
import type { OdooClient } from '../odoo/index.js';

/** Decoded size cap: Odoo's avatar_128 is a few kB; anything larger is not an avatar. */
export const MAX_AVATAR_BYTES = 256 * 1024;

type ImageType = 'png' | 'jpeg' | 'gif' | 'webp' | 'svg+xml';

/** The image type of `bytes` by its magic numbers, or null. */
export function sniffImage(bytes: Buffer): ImageType | null {
  if (bytes.length >= 8 && bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) {
    return 'png';
  }
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'jpeg';
  if (bytes.length >= 6 && /^GIF8[79]a$/.test(bytes.subarray(0, 6).toString('latin1'))) return 'gif';
  if (bytes.length >= 12 && bytes.subarray(0, 4).toString('latin1') === 'RIFF' && bytes.subarray(8, 12).toString('latin1') === 'WEBP') {
    return 'webp';
  }
  const head = bytes.subarray(0, 256).toString('utf8').replace(/^\uFEFF/, '').trimStart();
  if (/^(<\?xml[^>]*>\s*)?(<!--[\s\S]*?-->\s*)*<svg[\s>]/i.test(head)) return 'svg+xml';
  return null;
}

/** A data URL for Odoo's base64 image field value, or null when it is not a usable image. */
export function avatarDataUrl(value: unknown): string | null {
  if (typeof value !== 'string' || value === '' || !/^[A-Za-z0-9+/\r\n]+={0,2}\s*$/.test(value)) return null;
  const bytes = Buffer.from(value, 'base64');
  if (bytes.length === 0 || bytes.length > MAX_AVATAR_BYTES) return null;
  const type = sniffImage(bytes);
  return type === null ? null : `data:image/${type};base64,${bytes.toString('base64')}`;
}

export async function userAvatar(client: OdooClient, options: { signal?: AbortSignal } = {}): Promise<string | null> {
  const me = await client.identity(options);
  const rows = await client.read<Record<string, unknown>>('res.users', [me.uid], ['avatar_128'], options);
  const row = Array.isArray(rows) ? rows[0] : undefined;
  if (row === undefined) {
    // Real Odoo answers read() of a deleted user with [] (no MissingError): the user is gone.
    throw new AppError('missing_record', 'The record does not exist any more (it may have been deleted).', { model: 'res.users' });
  }
  return avatarDataUrl(row.avatar_128);
}
