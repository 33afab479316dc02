// The environment label outside our window: the tag's text per kind and language, the
// custom text on one line, the title prefix, and a band whose CSS only ever holds a
// palette colour (a stored or hostile value that is not a palette name gives no CSS).
import { describe, expect, it } from 'vitest';
import { translator } from '../../../../main/core/i18n/translator.js';
import { ENVIRONMENT_COLOURS } from '../../../../main/core/profiles/profile-schema.js';
import {
  ENVIRONMENT_PALETTE,
  environmentBandCss,
  environmentMark,
  environmentTag,
  withEnvironmentTag,
} from '../../../../main/core/shell/environment-label.js';

describe('environment label', () => {
  it('names the kind in the person’s language, and shows custom text upper-cased on one line', () => {
    expect(environmentTag({ kind: 'production', colour: 'red' })).toBe('PRODUCTION');
    expect(environmentTag({ kind: 'staging', colour: 'orange' }, translator('de'))).toBe('STAGING');
    expect(environmentTag({ kind: 'production', colour: 'red' }, translator('es'))).toBe('PRODUCCIÓN');
    expect(environmentTag({ kind: 'custom', text: '  Training\tcopy ', colour: 'teal' })).toBe('TRAINING COPY');
    expect(environmentMark(null)).toBeNull();
    expect(environmentMark(undefined)).toBeNull();
    expect(environmentMark({ kind: 'test', colour: 'green' })).toEqual({ tag: 'TEST', colour: 'green' });
  });

  it('puts the tag before a title', () => {
    expect(withEnvironmentTag('Acme', { tag: 'PRODUCTION', colour: 'red' })).toBe('[PRODUCTION] Acme');
    expect(withEnvironmentTag('Acme', null)).toBe('Acme');
  });

  it('builds the band from the palette only', () => {
    for (const colour of ENVIRONMENT_COLOURS) {
      const css = environmentBandCss(colour);
      expect(css).toContain(`background:${ENVIRONMENT_PALETTE[colour]};`);
      expect(css).toMatch(/^html::before\{[^{}]*\}$/);
    }
    for (const hostile of ['red;}body{display:none', 'url(https://evil.example/x)', '#fff', 'constructor', '__proto__', 'toString', '']) {
      expect(environmentBandCss(hostile), hostile).toBeNull();
    }
    expect(Object.values(ENVIRONMENT_PALETTE).every((v) => /^#[0-9a-f]{6}$/.test(v))).toBe(true);
  });
});
