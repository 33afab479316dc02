import { X509Certificate } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pinSchema } from '../../../../contract/index.js';
import { AppError } from '../../../../main/core/errors.js';
import {
  certificateInfo,
  fingerprintSha256,
  isSelfSigned,
  linkedChain,
  spkiPin,
} from '../../../../main/core/net/certificates.js';
import { chainPins, findPinnedMember, MAX_PINS, parsePin, validatePins } from '../../../../main/core/net/pins.js';
import { createTestPki, opensslSpkiPin, type TestPki } from '../../../support/pki.js';

let pki: TestPki;
beforeAll(async () => {
  pki = await createTestPki();
});
afterAll(async () => {
  await pki.dispose();
});

const x = (pem: string) => new X509Certificate(pem);

describe('spkiPin', () => {
  it('matches the openssl pipeline for an RSA leaf', async () => {
    expect(spkiPin(pki.leafRsa.certPem)).toBe(await opensslSpkiPin(pki.leafRsa.certPem));
  });

  it('matches the openssl pipeline for EC certificates (leaf, intermediate, root, self-signed)', async () => {
    for (const c of [pki.leafEc, pki.intermediate, pki.root, pki.selfSigned]) {
      expect(spkiPin(c.certPem)).toBe(await opensslSpkiPin(c.certPem));
    }
  });

  it('has the contract pin form and accepts PEM, DER and X509Certificate alike', () => {
    const pin = spkiPin(pki.leafEc.certPem);
    expect(pinSchema.safeParse(pin).success).toBe(true);
    expect(spkiPin(x(pki.leafEc.certPem))).toBe(pin);
    expect(spkiPin(x(pki.leafEc.certPem).raw)).toBe(pin);
  });

  it('names the key, not the certificate: a renewal with the same key keeps the pin', () => {
    expect(spkiPin(pki.leafRsaRenewed.certPem)).toBe(spkiPin(pki.leafRsa.certPem));
    expect(fingerprintSha256(pki.leafRsaRenewed.certPem)).not.toBe(fingerprintSha256(pki.leafRsa.certPem));
    expect(spkiPin(pki.leafMitm.certPem)).not.toBe(spkiPin(pki.leafRsa.certPem));
  });
});

describe('parsePin / validatePins', () => {
  const pin = () => spkiPin(pki.leafEc.certPem);

  it('accepts the canonical, HPKP and bare forms', () => {
    const b64 = pin().slice('sha256/'.length);
    expect(parsePin(pin())).toBe(pin());
    expect(parsePin(`  ${pin()}\n`)).toBe(pin());
    expect(parsePin(`pin-sha256="${b64}"`)).toBe(pin());
    expect(parsePin(b64)).toBe(pin());
  });

  it.each(['', 'sha256/', 'sha1/AAAAAAAAAAAAAAAAAAAAAAAAAAA=', 'sha256/abc=', 'sha256/' + 'A'.repeat(44), 'not a pin'])(
    'refuses %j',
    (text) => {
      expect(() => parsePin(text)).toThrow(AppError);
    },
  );

  it('dedupes, and bounds the set to 1..8', () => {
    expect(validatePins([pin(), pin()])).toEqual([pin()]);
    expect(() => validatePins([])).toThrow(AppError);
    const nine = [pki.root, pki.intermediate, pki.leafRsa, pki.leafEc, pki.leafMitm, pki.leafBackup, pki.leafExpired, pki.selfSigned, pki.selfSignedOther].map((c) => spkiPin(c.certPem));
    expect(() => validatePins(nine)).toThrow(/at most 8/);
    expect(validatePins(nine.slice(0, 8))).toHaveLength(8);
  });
});

describe('chains', () => {
  it('links each member by signature, so an appended certificate cannot carry a pin', () => {
    // A self-signed interceptor appending the real intermediate.
    const forged = linkedChain([x(pki.selfSignedOther.certPem), x(pki.intermediate.certPem)]);
    expect(forged).toHaveLength(1);
    expect(findPinnedMember(forged, [spkiPin(pki.intermediate.certPem)])).toBeNull();
    // A real chain with the intermediate skipped stops at the leaf.
    expect(linkedChain([x(pki.leafMitm.certPem), x(pki.root.certPem)])).toHaveLength(1);
    // The real chain links all the way.
    const real = linkedChain([x(pki.leafMitm.certPem), x(pki.intermediate.certPem), x(pki.root.certPem)]);
    expect(real).toHaveLength(3);
    expect(findPinnedMember(real, [spkiPin(pki.root.certPem)])).toEqual({ index: 2, pin: spkiPin(pki.root.certPem) });
  });

  it('describes a certificate in the contract shape', () => {
    const info = certificateInfo(pki.leafRsa.certPem);
    expect(info.subject).toBe('CN=localhost, O=Companion Tests');
    expect(info.issuer).toBe('CN=Companion Test Intermediate CA, O=Companion Tests');
    expect(info.subjectAltNames).toEqual(['DNS:localhost', 'IP Address:127.0.0.1', 'IP Address:0:0:0:0:0:0:0:1']);
    expect(info.fingerprintSha256).toMatch(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
    expect(info.selfSigned).toBe(false);
    expect(new Date(info.validTo).toISOString()).toBe(info.validTo);
    expect(isSelfSigned(x(pki.selfSigned.certPem))).toBe(true);
    expect(isSelfSigned(x(pki.root.certPem))).toBe(true);
    expect(isSelfSigned(x(pki.intermediate.certPem))).toBe(false);
  });
});

describe('pins: what is refused, and how', () => {
  const pinOf = (pem: string) => spkiPin(pem);
  const refusal = (fn: () => unknown): AppError => {
    try {
      fn();
    } catch (e) {
      if (e instanceof AppError) return e;
      throw e;
    }
    throw new Error('did not throw');
  };

  it('refuses a 32-byte digest written in the base64url alphabet or without its padding', () => {
    // 0xfb 0xff … encodes to `-` and `_` in base64url, `+` and `/` in base64.
    const digest = Buffer.alloc(32, 0xfb);
    digest[31] = 0xff;
    expect(parsePin(`sha256/${digest.toString('base64')}`)).toBe(`sha256/${digest.toString('base64')}`);
    for (const text of [`sha256/${digest.toString('base64url')}`, `sha256/${digest.toString('base64url')}=`, digest.toString('base64').replace(/=$/, '')]) {
      const e = refusal(() => parsePin(text));
      expect(e.code).toBe('invalid_input');
      expect(e.details).toEqual({ field: 'pins' });
    }
  });

  it('reads the HPKP form in any case and spacing, and nothing around it', () => {
    const p = pinOf(pki.leafEc.certPem);
    const b64 = p.slice('sha256/'.length);
    expect(parsePin(`PIN-SHA256 = "${b64}"`)).toBe(p);
    expect(parsePin(`pin-sha256=  "${b64}"`)).toBe(p);
    expect(parsePin(`SHA256/${b64}`)).toBe(p);
    for (const text of [`pin-sha256="${b64}"; max-age=60`, `xpin-sha256="${b64}"`, `pin-sha256="${b64}`, `pin-sha256=""`, `sha256/sha256/${b64}`]) {
      expect(() => parsePin(text)).toThrow(AppError);
    }
  });

  it('names the pins field in every refusal of a set', () => {
    for (const fn of [() => validatePins([]), () => validatePins(Array.from({ length: 9 }, (_, i) => `sha256/${Buffer.alloc(32, i).toString('base64')}`))]) {
      expect(refusal(fn).code).toBe('invalid_input');
    }
    expect(refusal(() => validatePins([])).details).toEqual({ field: 'pins' });
    const many = Array.from({ length: MAX_PINS + 1 }, (_, i) => `sha256/${Buffer.alloc(32, i).toString('base64')}`);
    expect(refusal(() => validatePins(many)).details).toEqual({ field: 'pins' });
    expect(validatePins(many.slice(0, MAX_PINS))).toEqual(many.slice(0, MAX_PINS));
  });

  it('lists a chain’s pins leaf first, and finds the first pinned member', () => {
    const chain = [pki.leafEc, pki.intermediate, pki.root].map((c) => new X509Certificate(c.certPem));
    const pins = [pki.leafEc, pki.intermediate, pki.root].map((c) => pinOf(c.certPem));
    expect(chainPins(chain)).toEqual(pins);
    expect(chainPins([])).toEqual([]);
    expect(findPinnedMember(chain, [pins[2]!, pins[1]!])).toEqual({ index: 1, pin: pins[1] });
    expect(findPinnedMember(chain, [pinOf(pki.leafMitm.certPem)])).toBeNull();
    expect(findPinnedMember([], pins)).toBeNull();
  });
});
