// Why: one list of the languages the app speaks, shared by the contract (the language
// setting), main (tray, menus, notifications) and the renderer, and one rule for picking
// the language: the setting when it names one, else the first OS language we have, else
// English. The pseudo-locale (en-XA: long, accented English) exists to catch clipped text.
export const LOCALES = ['en', 'fr', 'de', 'es', 'nl', 'pt-BR', 'ar'] as const;
export type Locale = (typeof LOCALES)[number];

/** Long, accented English built from the English catalogue; only reachable from the OS language. */
export const PSEUDO_LOCALE = 'en-XA';
export type AppLocale = Locale | typeof PSEUDO_LOCALE;

export const RTL_LOCALES: readonly AppLocale[] = ['ar'];

export function directionOf(locale: AppLocale): 'ltr' | 'rtl' {
  return RTL_LOCALES.includes(locale) ? 'rtl' : 'ltr';
}

/** Each language's name in itself, for the language setting. */
export const LOCALE_NAMES: Record<Locale, string> = {
  en: 'English',
  fr: 'Français',
  de: 'Deutsch',
  es: 'Español',
  nl: 'Nederlands',
  'pt-BR': 'Português (Brasil)',
  ar: 'العربية',
};

/** Maps one BCP 47 tag ("fr-CA", "pt_BR", "ar-EG", "en-XA") to a language we have, or null. */
export function matchLocale(tag: string): AppLocale | null {
  const clean = tag.trim().replace(/_/g, '-');
  if (clean.toLowerCase() === PSEUDO_LOCALE.toLowerCase()) return PSEUDO_LOCALE;
  const [language = '', region = ''] = clean.toLowerCase().split('-');
  if (language === 'pt') return region === 'br' || region === '' ? 'pt-BR' : null;
  return (LOCALES as readonly string[]).includes(language) ? (language as Locale) : null;
}

/** The setting when it names a language; else the first OS language we speak; else English. */
export function resolveLocale(setting: Locale | 'system', systemLanguages: readonly string[]): AppLocale {
  if (setting !== 'system') return setting;
  for (const tag of systemLanguages) {
    const found = matchLocale(tag);
    if (found !== null) return found;
  }
  return 'en';
}
