// The first screen (lock screen / first run) must stay light: every script index.html
// loads before anything lazy is ≤ 200 kB gzip, the unlocked screens stay in a lazy chunk,
// and each language's catalogue is a chunk of its own, fetched only for that language.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { expect, it } from 'vitest';
import ar from '../../i18n/ar.json';
import de from '../../i18n/de.json';
import en from '../../i18n/en.json';
import es from '../../i18n/es.json';
import fr from '../../i18n/fr.json';
import { LOCALES, type Locale } from '../../i18n/locales.js';
import nl from '../../i18n/nl.json';
import ptBR from '../../i18n/pt-BR.json';
import { rendererDist } from '../support/e2e-harness.js';

const catalogues: Record<Locale, Record<string, string>> = { en, fr, de, es, nl, 'pt-BR': ptBR, ar };

it('first-screen JS stays within 200 kB gzip and the unlocked screens load lazily', () => {
  const html = readFileSync(path.join(rendererDist, 'index.html'), 'utf8');
  const first = [...html.matchAll(/(?:src|href)="\.?\/?(assets\/[^"]+\.js)"/g)].map((m) => m[1]!);
  const total = first.reduce((sum, file) => sum + gzipSync(readFileSync(path.join(rendererDist, file)), { level: 9 }).length, 0);
  expect(first.length).toBeGreaterThan(0);
  expect(total).toBeLessThanOrEqual(200 * 1024);
  const lazy = readdirSync(path.join(rendererDist, 'assets')).filter((f) => f.endsWith('.js') && !first.includes(`assets/${f}`));
  expect(lazy.some((f) => f.startsWith('unlocked-shell'))).toBe(true);
});

it('loads one catalogue per language, none of them with the first screen', () => {
  const html = readFileSync(path.join(rendererDist, 'index.html'), 'utf8');
  const first = [...html.matchAll(/(?:src|href)="\.?\/?(assets\/[^"]+\.js)"/g)].map((m) => readFileSync(path.join(rendererDist, m[1]!), 'utf8')).join('\n');
  const chunks = readdirSync(path.join(rendererDist, 'assets')).filter((f) => f.endsWith('.js'));
  for (const locale of LOCALES) {
    const chunk = chunks.filter((f) => f.startsWith(`${locale}-`));
    expect(chunk, `${locale} catalogue chunk`).toHaveLength(1);
    // The chunk holds that language's sentences; the first screen holds none of them.
    const sentence = JSON.stringify(catalogues[locale]['wizard.credLead']).slice(1, -1);
    expect(readFileSync(path.join(rendererDist, 'assets', chunk[0]!), 'utf8')).toContain(sentence);
    expect(first.includes(sentence), `${locale} sentence in the first-screen JS`).toBe(false);
  }
});
