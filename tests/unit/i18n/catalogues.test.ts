// The catalogues stay complete and clean: every language has exactly the English keys,
// every message is valid ICU with the same arguments as the English one and the plural
// forms its language needs (Arabic: zero, one, two, few, many, other), every key is used
// by some code, and every key the code uses exists.
import { parse, TYPE, type MessageFormatElement } from '@formatjs/icu-messageformat-parser';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { LOCALES } from '../../../i18n/locales.js';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const load = (locale: string): Record<string, string> => JSON.parse(readFileSync(path.join(root, 'i18n', `${locale}.json`), 'utf8'));
const en = load('en');

function sourceFiles(dir: string): string[] {
  return readdirSync(path.join(root, dir), { withFileTypes: true }).flatMap((e) => {
    const rel = path.join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(rel);
    return /\.(ts|tsx)$/.test(e.name) ? [rel] : [];
  });
}

/** Every argument name and, per plural/select argument, its branch names. */
function shape(elements: MessageFormatElement[], out = { args: new Set<string>(), plurals: new Map<string, Set<string>>() }) {
  for (const el of elements) {
    if (el.type === TYPE.argument || el.type === TYPE.number || el.type === TYPE.date || el.type === TYPE.time) out.args.add(el.value);
    if (el.type === TYPE.plural || el.type === TYPE.select) {
      out.args.add(el.value);
      if (el.type === TYPE.plural) out.plurals.set(el.value, new Set(Object.keys(el.options)));
      for (const option of Object.values(el.options)) shape(option.value, out);
    }
  }
  return out;
}

describe('catalogues', () => {
  it('has one catalogue per language, and nothing else', () => {
    const files = readdirSync(path.join(root, 'i18n')).filter((f) => f.endsWith('.json')).sort();
    expect(files).toEqual(LOCALES.map((l) => `${l}.json`).sort());
  });

  for (const locale of LOCALES) {
    it(`${locale}: the same keys as English, valid ICU, the same arguments, its plural forms`, () => {
      const messages = load(locale);
      expect(Object.keys(messages).filter((k) => !(k in en)), 'keys English does not have').toEqual([]);
      expect(Object.keys(en).filter((k) => !(k in messages)), 'keys missing').toEqual([]);
      const categories = new Intl.PluralRules(locale).resolvedOptions().pluralCategories;
      for (const [key, english] of Object.entries(en)) {
        const text = messages[key]!;
        expect(text.trim(), `${locale} ${key} is empty`).not.toBe('');
        const mine = shape(parse(text));
        const reference = shape(parse(english));
        expect([...mine.args].sort(), `${locale} ${key}: arguments`).toEqual([...reference.args].sort());
        for (const [arg, branches] of mine.plurals) {
          const missing = categories.filter((c) => !branches.has(c));
          expect(missing, `${locale} ${key}: plural forms of {${arg}}`).toEqual([]);
        }
      }
    });
  }

  it('every key is used by the code, and every key the code uses exists', () => {
    const code = [...sourceFiles('renderer'), ...sourceFiles('main')].map((f) => readFileSync(path.join(root, f), 'utf8')).join('\n');
    const unused = Object.keys(en).filter((k) => !code.includes(`'${k}'`));
    expect(unused, 'catalogue keys no code uses').toEqual([]);
    // t('key') and key-typed tables: a string literal shaped like a key must be one.
    const used = new Set([...code.matchAll(/\bt\(\s*'([a-zA-Z]+(?:\.[a-zA-Z_]+)+)'/g)].map((m) => m[1]!));
    expect([...used].filter((k) => !(k in en)), 'keys used but missing in en.json').toEqual([]);
  });
});
