// Pins a profile keeps and how a presented chain is matched against them. Re-pinning is
// an explicit action elsewhere (behind an unlock); this module only says whether a set of
// pins is acceptable and which member of a chain a pin names. Which pins a newly inspected
// server gets is contract/default-pins.ts.
import type { X509Certificate } from 'node:crypto';
import { pinSchema } from '../../../contract/index.js';
import { AppError } from '../errors.js';
import { spkiPin } from './certificates.js';

/** Same bound as the contract's profile draft and re-pin inputs. */
export const MAX_PINS = 8;

/**
 * Reads a pin the person pasted: `sha256/<base64>`, the HPKP form `pin-sha256="<base64>"`,
 * or the bare base64 digest. Returns the canonical `sha256/<base64>` or throws
 * `invalid_input`. Only the SHA-256 digest of an SPKI is accepted: 32 bytes, nothing else.
 */
export function parsePin(text: string): string {
  const trimmed = text.trim();
  const hpkp = /^pin-sha256\s*=\s*"([^"]*)"$/i.exec(trimmed);
  const body = hpkp ? hpkp[1]! : trimmed.replace(/^sha256\//i, '');
  const candidate = `sha256/${body}`;
  // The contract's form: 43 base64 characters and one `=`, which is exactly 32 bytes.
  if (!pinSchema.safeParse(candidate).success) {
    throw new AppError('invalid_input', 'This is not an SPKI SHA-256 pin (expected sha256/ followed by 44 base64 characters).', {
      field: 'pins',
    });
  }
  return candidate;
}

/**
 * Checks a pin set before it is saved (new profile or re-pin): every entry a valid pin,
 * duplicates dropped, between 1 and MAX_PINS. Returns the canonical list.
 */
export function validatePins(pins: readonly string[]): string[] {
  const out = [...new Set(pins.map(parsePin))];
  if (out.length === 0) {
    throw new AppError('invalid_input', 'A profile needs at least one certificate pin.', { field: 'pins' });
  }
  if (out.length > MAX_PINS) {
    throw new AppError('invalid_input', `A profile keeps at most ${MAX_PINS} certificate pins.`, { field: 'pins' });
  }
  return out;
}

/** The pins of a chain, leaf first. */
export function chainPins(chain: readonly X509Certificate[]): string[] {
  return chain.map((c) => spkiPin(c));
}

/** The first chain member whose key is pinned, or null. */
export function findPinnedMember(
  chain: readonly X509Certificate[],
  pins: readonly string[],
): { index: number; pin: string } | null {
  const wanted = new Set(pins);
  for (let index = 0; index < chain.length; index++) {
    const pin = spkiPin(chain[index]!);
    if (wanted.has(pin)) return { index, pin };
  }
  return null;
}
