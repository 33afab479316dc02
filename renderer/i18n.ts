// Why: every sentence on screen comes from the catalogue of the person's language, and
// only that catalogue is downloaded (one chunk per language, loaded before the first
// screen renders). Screens call t('key', values) — ICU messages, so plurals follow each
// language's rules (Arabic has six forms); dates are formatted through Intl in the same
// locale (renderer/format.ts). The language is main's decision (setting, else the OS language).
import { createIntl, createIntlCache, type IntlShape } from '@formatjs/intl';
import { useSyncExternalStore } from 'react';
import type { MessageKey } from '../i18n/keys';
import { directionOf, PSEUDO_LOCALE, type AppLocale, type Locale } from '../i18n/locales';
import { invoke } from './api';

export type { MessageKey };
export type MessageValues = Record<string, string | number>;

type Catalogue = Record<string, string>;

/** One dynamic import per language: Vite makes each a chunk of its own. */
const loaders: Record<Locale, () => Promise<{ default: Catalogue }>> = {
  en: () => import('../i18n/en.json'),
  fr: () => import('../i18n/fr.json'),
  de: () => import('../i18n/de.json'),
  es: () => import('../i18n/es.json'),
  nl: () => import('../i18n/nl.json'),
  'pt-BR': () => import('../i18n/pt-BR.json'),
  ar: () => import('../i18n/ar.json'),
};

const cache = createIntlCache();
let intl: IntlShape = createIntl({ locale: 'en', messages: {} }, cache);
let current: AppLocale = 'en';
const listeners = new Set<() => void>();

async function catalogueOf(locale: AppLocale): Promise<Catalogue> {
  if (locale !== PSEUDO_LOCALE) return (await loaders[locale]()).default;
  const [en, { pseudoCatalogue }] = await Promise.all([loaders.en(), import('../i18n/pseudo')]);
  return pseudoCatalogue(en.default);
}

/** Loads the language's catalogue, then switches every screen to it (and the page's direction). */
export async function switchLocale(locale: AppLocale): Promise<void> {
  const messages = await catalogueOf(locale);
  // Intl has no data for the pseudo-locale: its dates and numbers are English.
  intl = createIntl({ locale: locale === PSEUDO_LOCALE ? 'en' : locale, messages, defaultLocale: 'en', onError: reportMissing }, cache);
  current = locale;
  document.documentElement.lang = locale;
  document.documentElement.dir = directionOf(locale);
  for (const l of listeners) l();
}

function reportMissing(error: { code?: string; message: string }): void {
  // A key missing in a catalogue is caught by the catalogue test; here it only must not throw.
  if (error.code !== 'MISSING_TRANSLATION') console.warn(error.message);
}

export function currentLocale(): AppLocale {
  return current;
}

/** Re-renders the caller when the language changes. */
export function useCurrentLocale(): AppLocale {
  return useSyncExternalStore(
    (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    () => current,
  );
}

/** First-strong isolate: a name or an address keeps its own direction inside a sentence. */
const isolate = (v: string | number): string | number => (typeof v === 'string' ? `\u2068${v}\u2069` : v);

export function t(id: MessageKey, values?: MessageValues): string {
  // In a right-to-left sentence, "127.0.0.1:8069" or "Acme (EU)" would otherwise be reordered.
  const shown = values !== undefined && directionOf(current) === 'rtl' ? Object.fromEntries(Object.entries(values).map(([k, v]) => [k, isolate(v)])) : values;
  return intl.formatMessage({ id }, shown);
}

/** The formatter of the current language, for dates and numbers (renderer/format.ts). */
export function currentIntl(): IntlShape {
  return intl;
}

/** Asks main which language to speak (setting, else the OS language) and switches to it. */
export async function followMainLocale(): Promise<void> {
  let locale: AppLocale = 'en';
  try {
    locale = (await invoke('app:locale', {})).locale;
  } catch {
    // Main could not say (an older main, a failure): English, the fallback language.
  }
  await switchLocale(locale);
}
