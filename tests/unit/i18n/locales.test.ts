// Which language the app speaks: the setting, else the first OS language it has, else
// English; and the pseudo-locale keeps every ICU message formattable.
import { IntlMessageFormat } from 'intl-messageformat';
import { describe, expect, it } from 'vitest';
import en from '../../../i18n/en.json';
import { directionOf, matchLocale, resolveLocale } from '../../../i18n/locales.js';
import { pseudoCatalogue, pseudoMessage } from '../../../i18n/pseudo.js';
import { errorSentence, translator } from '../../../main/core/i18n/translator.js';

describe('locale choice', () => {
  it('maps OS language tags to the languages we have', () => {
    expect(matchLocale('fr-CA')).toBe('fr');
    expect(matchLocale('de_AT')).toBe('de');
    expect(matchLocale('pt-BR')).toBe('pt-BR');
    expect(matchLocale('pt')).toBe('pt-BR');
    expect(matchLocale('pt-PT')).toBeNull();
    expect(matchLocale('ar-EG')).toBe('ar');
    expect(matchLocale('ja-JP')).toBeNull();
    expect(matchLocale('en-XA')).toBe('en-XA');
  });

  it('follows the OS, skips languages it lacks, falls back to English; the setting wins', () => {
    expect(resolveLocale('system', ['ja-JP', 'nl-BE', 'fr-FR'])).toBe('nl');
    expect(resolveLocale('system', ['ja-JP'])).toBe('en');
    expect(resolveLocale('system', [])).toBe('en');
    expect(resolveLocale('ar', ['fr-FR'])).toBe('ar');
  });

  it('writes Arabic right to left, the others left to right', () => {
    expect(directionOf('ar')).toBe('rtl');
    expect(directionOf('fr')).toBe('ltr');
  });
});

describe('pseudo-locale', () => {
  it('lengthens and accents the text but not arguments, plural keywords or #', () => {
    const pinned = pseudoMessage('Pinned ({count, plural, one {# key} other {# keys}})');
    expect(pinned).toMatch(/^\[.+\{count, plural, one \{# .+\} other \{# .+\}\}\)\]$/);
    expect(pinned).not.toMatch(/Pinned|key/);
    expect(pinned.length).toBeGreaterThan('Pinned ({count, plural, one {# key} other {# keys}})'.length + 4);
    const out = new IntlMessageFormat(pseudoMessage('Opening {what} in Odoo…'), 'en').format({ what: 'Acme' });
    expect(out).toContain('Acme');
    expect(out).not.toContain('Opening');
  });

  it('keeps every English message formattable', () => {
    for (const [key, message] of Object.entries(pseudoCatalogue(en))) {
      expect(() => new IntlMessageFormat(message, 'en'), key).not.toThrow();
    }
  });
});

describe('main translator', () => {
  it('speaks the catalogue of the language, with its plural rules', () => {
    expect(translator('fr')('tray.locked')).not.toBe(translator('en')('tray.locked'));
    const ar = translator('ar');
    const forms = [0, 1, 2, 3, 11, 100].map((count) => ar('notify.overdue', { count }));
    expect(new Set(forms).size).toBe(6);
  });

  it('turns an error code into the sentence the renderer shows', () => {
    expect(errorSentence(translator('en'), 'shortcut_unavailable')).toBe('That keyboard shortcut cannot be used. Another app may own it. Choose a different shortcut.');
  });
});
