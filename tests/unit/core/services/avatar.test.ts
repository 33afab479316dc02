import { describe, expect, it } from 'vitest';
import { avatarDataUrlSchema } from '../../../../contract/index.js';
import { avatarDataUrl, MAX_AVATAR_BYTES, sniffImage } from '../../../../main/core/services/avatar.js';

const b64 = (b: Buffer | string): string => Buffer.from(b).toString('base64');
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(32)]);
const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(32)]);
const SVG = "<?xml version='1.0' encoding='UTF-8' ?><svg xmlns='http://www.w3.org/2000/svg'><rect/></svg>";

describe('avatar data URLs', () => {
  it('types an image by its bytes, not by what the server says', () => {
    expect(sniffImage(PNG)).toBe('png');
    expect(sniffImage(JPEG)).toBe('jpeg');
    expect(sniffImage(Buffer.from('GIF89a....'))).toBe('gif');
    expect(sniffImage(Buffer.from('RIFF\0\0\0\0WEBPVP8 '))).toBe('webp');
    expect(sniffImage(Buffer.from(SVG))).toBe('svg+xml');
    expect(sniffImage(Buffer.from('<svg viewBox="0 0 1 1"></svg>'))).toBe('svg+xml');
    expect(sniffImage(Buffer.from('<html><script>alert(1)</script></html>'))).toBeNull();
    expect(sniffImage(Buffer.from('%PDF-1.7'))).toBeNull();
  });

  it('builds a data URL the contract accepts, and refuses what is not an image', () => {
    for (const image of [PNG, JPEG, Buffer.from(SVG)]) {
      const url = avatarDataUrl(b64(image));
      expect(url).not.toBeNull();
      expect(avatarDataUrlSchema.safeParse(url).success).toBe(true);
    }
    expect(avatarDataUrl(false)).toBeNull(); // Odoo's "no image"
    expect(avatarDataUrl('')).toBeNull();
    expect(avatarDataUrl('not base64 at all!')).toBeNull();
    expect(avatarDataUrl(b64('<html></html>'))).toBeNull();
    expect(avatarDataUrl(b64(Buffer.concat([PNG, Buffer.alloc(MAX_AVATAR_BYTES)])))).toBeNull();
  });

  it('the contract refuses a data URL of a type that could run code', () => {
    expect(avatarDataUrlSchema.safeParse(`data:text/html;base64,${b64('<script>1</script>')}`).success).toBe(false);
    expect(avatarDataUrlSchema.safeParse('javascript:alert(1)').success).toBe(false);
    expect(avatarDataUrlSchema.safeParse('https://evil.example/a.png').success).toBe(false);
  });
});
