// The tray icon, drawn in code: a padlock, closed when the vault is locked and open when
// it is unlocked. Drawing it here (a few shapes, anti-aliased by supersampling, encoded
// as PNG with node:zlib) avoids shipping and locating image files inside the packaged
// app, and keeps the icon testable. On macOS the icon is a template image (black with
// alpha; the menu bar tints it); elsewhere it is coloured (grey locked, green unlocked).
import { crc32, deflateSync } from 'node:zlib';

export type TrayIconState = 'locked' | 'unlocked';

export interface TrayIconOptions {
  /** Pixels per side (16 for 1x, 32 for 2x). */
  size: number;
  /** macOS template image: black, the system picks the colour. */
  template: boolean;
}

type Rgb = readonly [number, number, number];
const COLORS: Record<TrayIconState, Rgb> = { locked: [0x8a, 0x8f, 0x98], unlocked: [0x2e, 0x9e, 0x5b] };
const BLACK: Rgb = [0, 0, 0];

/** Coverage of one point in the 16×16 design space. */
function inside(state: TrayIconState, x: number, y: number): boolean {
  // Body: a rounded rectangle, with a keyhole cut out.
  const bx0 = 3, bx1 = 13, by0 = 7.5, by1 = 14.5, r = 1.5;
  const inBody =
    x >= bx0 && x <= bx1 && y >= by0 && y <= by1 &&
    !((x < bx0 + r || x > bx1 - r) && (y < by0 + r || y > by1 - r) &&
      Math.hypot(x - (x < bx0 + r ? bx0 + r : bx1 - r), y - (y < by0 + r ? by0 + r : by1 - r)) > r);
  const keyhole = Math.hypot(x - 8, y - 10.3) < 1.2 || (Math.abs(x - 8) < 0.55 && y >= 10.3 && y <= 12.6);
  if (inBody) return !keyhole;
  // Shackle: a half ring on two legs. Unlocked, it is lifted and its left leg is free.
  const cx = 8, ro = 4, ri = 2.4;
  const cy = state === 'locked' ? 5.5 : 4.2;
  const leftEnd = state === 'locked' ? by0 : cy + 1.6;
  const d = Math.hypot(x - cx, y - cy);
  if (y <= cy) return d <= ro && d >= ri;
  if (x >= cx - ro && x <= cx - ri) return y <= leftEnd;
  if (x >= cx + ri && x <= cx + ro) return y <= by0;
  return false;
}

function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body) >>> 0);
  return Buffer.concat([len, body, crc]);
}

/** RGBA pixels, row by row. */
export function trayIconPixels(state: TrayIconState, options: TrayIconOptions): Uint8Array {
  const { size } = options;
  const [red, green, blue] = options.template ? BLACK : COLORS[state];
  const px = new Uint8Array(size * size * 4);
  const ss = 4; // 4×4 samples per pixel
  for (let py = 0; py < size; py += 1) {
    for (let pxX = 0; pxX < size; pxX += 1) {
      let hits = 0;
      for (let sy = 0; sy < ss; sy += 1) {
        for (let sx = 0; sx < ss; sx += 1) {
          const x = ((pxX + (sx + 0.5) / ss) * 16) / size;
          const y = ((py + (sy + 0.5) / ss) * 16) / size;
          if (inside(state, x, y)) hits += 1;
        }
      }
      const o = (py * size + pxX) * 4;
      px[o] = red;
      px[o + 1] = green;
      px[o + 2] = blue;
      px[o + 3] = Math.round((hits / (ss * ss)) * 255);
    }
  }
  return px;
}

/** The icon as a PNG file (8-bit RGBA). */
export function trayIconPng(state: TrayIconState, options: TrayIconOptions): Buffer {
  const { size } = options;
  if (!Number.isInteger(size) || size < 8 || size > 256) throw new RangeError('icon size must be 8–256');
  const pixels = trayIconPixels(state, options);
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y += 1) {
    raw[y * (size * 4 + 1)] = 0; // filter: none
    Buffer.from(pixels.buffer, y * size * 4, size * 4).copy(raw, y * (size * 4 + 1) + 1);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // RGBA
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}
