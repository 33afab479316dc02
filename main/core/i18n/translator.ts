// Why: the tray, the menus, notifications and dialogs speak the person's language too, from
// the same catalogues as the renderer (main bundles all of them: they are small, and main
// must switch language without a round trip). ICU messages through FormatJS, as in the UI.
import { createIntl, createIntlCache, type IntlShape } from '@formatjs/intl';
import ar from '../../../i18n/ar.json';
import de from '../../../i18n/de.json';
import en from '../../../i18n/en.json';
import es from '../../../i18n/es.json';
import fr from '../../../i18n/fr.json';
import type { MessageKey } from '../../../i18n/keys.js';
import { PSEUDO_LOCALE, type AppLocale, type Locale } from '../../../i18n/locales.js';
import nl from '../../../i18n/nl.json';
import { pseudoCatalogue } from '../../../i18n/pseudo.js';
import ptBR from '../../../i18n/pt-BR.json';
import type { ErrorCode } from '../../../contract/index.js';

export type { MessageKey };
export type Translate = (id: MessageKey, values?: Record<string, string | number>) => string;

const CATALOGUES: Record<Locale, Record<string, string>> = { en, fr, de, es, nl, 'pt-BR': ptBR, ar };
const cache = createIntlCache();
const made = new Map<AppLocale, Translate>();

export function translator(locale: AppLocale): Translate {
  let t = made.get(locale);
  if (t === undefined) {
    const messages = locale === PSEUDO_LOCALE ? pseudoCatalogue(en) : CATALOGUES[locale];
    const intl: IntlShape = createIntl({ locale: locale === PSEUDO_LOCALE ? 'en' : locale, defaultLocale: 'en', messages, onError: () => {} }, cache);
    t = (id, values) => intl.formatMessage({ id }, values);
    made.set(locale, t);
  }
  return t;
}

/** What the pure shell models use when no language is given (their tests, mostly). */
export const english: Translate = translator('en');

/** What happened and what to do, for an error code, in the words the renderer shows. */
export function errorSentence(t: Translate, code: ErrorCode): string {
  const title = `error.${code}.title`;
  const todo = `error.${code}.todo`;
  if (!(title in en) || !(todo in en)) return `${t('error.generic.title')} ${t('error.generic.todo')}`;
  return `${t(title as MessageKey)} ${t(todo as MessageKey)}`;
}
