// The default-pin rule (contract/default-pins.ts): which keys a new profile pins, and when a
// saved profile is offered "use the authorities' keys".
import { describe, expect, it } from 'vitest';
import { authorityPinsOffer, defaultPins, samePins } from '../../../../contract/default-pins.js';

const LEAF = 'sha256/LEAF';
const INTER = 'sha256/INTER';
const ROOT = 'sha256/ROOT';
const chain = (...pins: string[]) => pins.map((pin) => ({ pin }));

describe('defaultPins', () => {
  it("trusted by the system: the authorities' keys (intermediates and root), never the leaf's", () => {
    expect(defaultPins({ trustedByOs: true, chain: chain(LEAF, INTER, ROOT) })).toEqual([INTER, ROOT]);
    expect(defaultPins({ trustedByOs: true, chain: chain(LEAF, INTER, 'sha256/INTER2', ROOT) })).toEqual([INTER, 'sha256/INTER2', ROOT]);
    // A company CA signing servers directly: its root alone.
    expect(defaultPins({ trustedByOs: true, chain: chain(LEAF, ROOT) })).toEqual([ROOT]);
  });

  it('keeps each key once (a cross-signed root has the same key as the root)', () => {
    expect(defaultPins({ trustedByOs: true, chain: chain(LEAF, INTER, ROOT, ROOT) })).toEqual([INTER, ROOT]);
  });

  it("not trusted by the system (self-signed, a private CA): the server's own key only", () => {
    expect(defaultPins({ trustedByOs: false, chain: chain(LEAF) })).toEqual([LEAF]);
    expect(defaultPins({ trustedByOs: false, chain: chain(LEAF, INTER, ROOT) })).toEqual([LEAF]);
  });

  it('a trusted chain of the leaf alone pins the leaf; an empty chain pins nothing', () => {
    expect(defaultPins({ trustedByOs: true, chain: chain(LEAF) })).toEqual([LEAF]);
    expect(defaultPins({ trustedByOs: true, chain: [] })).toEqual([]);
    expect(defaultPins({ trustedByOs: false, chain: [] })).toEqual([]);
  });
});

describe('samePins', () => {
  it('compares as sets', () => {
    expect(samePins([INTER, ROOT], [ROOT, INTER])).toBe(true);
    expect(samePins([INTER, ROOT, ROOT], [ROOT, INTER])).toBe(true);
    expect(samePins([INTER], [INTER, ROOT])).toBe(false);
    expect(samePins([INTER, ROOT], [INTER])).toBe(false);
    expect(samePins([INTER, LEAF], [INTER, ROOT])).toBe(false);
    expect(samePins([], [])).toBe(true);
  });
});

describe('authorityPinsOffer', () => {
  const trusted = { trustedByOs: true, chain: chain(LEAF, INTER, ROOT) };
  const legacy = { pins: [LEAF, INTER], trustSelfSigned: false };

  it("offers the authorities' keys to a profile pinned to its server's own key", () => {
    expect(authorityPinsOffer(legacy, trusted)).toEqual([INTER, ROOT]);
    expect(authorityPinsOffer({ pins: [LEAF, 'sha256/BACKUP'], trustSelfSigned: false }, trusted)).toEqual([INTER, ROOT]);
  });

  it('offers nothing when the profile already has them', () => {
    expect(authorityPinsOffer({ pins: [ROOT, INTER], trustSelfSigned: false }, trusted)).toBeNull();
  });

  it('offers nothing for a chain that matches no saved pin (that needs a re-pin)', () => {
    expect(authorityPinsOffer({ pins: ['sha256/OTHER'], trustSelfSigned: false }, trusted)).toBeNull();
  });

  it('offers nothing to a self-signed trust, for a chain the system does not trust, or for a lone leaf', () => {
    expect(authorityPinsOffer({ pins: [LEAF], trustSelfSigned: true }, trusted)).toBeNull();
    expect(authorityPinsOffer(legacy, { ...trusted, trustedByOs: false })).toBeNull();
    expect(authorityPinsOffer({ pins: [LEAF], trustSelfSigned: false }, { trustedByOs: true, chain: chain(LEAF) })).toBeNull();
  });

  it('a chain of two (leaf and root) is enough to offer the root', () => {
    expect(authorityPinsOffer({ pins: [LEAF], trustSelfSigned: false }, { trustedByOs: true, chain: chain(LEAF, ROOT) })).toEqual([ROOT]);
  });
});
