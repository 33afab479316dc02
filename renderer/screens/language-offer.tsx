// Why: after sign-in, Odoo says which language its user works in: when the app speaks
// another one, the profile's home offers to switch (a setting, so it sticks). Declining
// hides it for this visit.
import { invoke } from '../api';
import { LOCALE_NAMES, matchLocale, PSEUDO_LOCALE, type Locale } from '../../i18n/locales';
import { currentLocale, followMainLocale, t } from '../i18n';

export function LanguageOffer({ odooLang, onDecline, onFail }: { odooLang: string | null; onDecline: () => void; onFail: (e: unknown) => void }) {
  const offered = odooLang === null ? null : matchLocale(odooLang);
  const current = currentLocale();
  if (offered === null || offered === PSEUDO_LOCALE || offered === current || current === PSEUDO_LOCALE) return null;
  // The language named in the person's current language ("anglais" in French).
  const language = new Intl.DisplayNames([current], { type: 'language' }).of(offered) ?? LOCALE_NAMES[offered as Locale];
  async function accept() {
    try {
      await invoke('settings:update', { language: offered as Locale });
      await followMainLocale();
    } catch (e) {
      onFail(e);
    }
  }
  return (
    <div className="notice" role="note" data-testid="language-offer">
      <p>{t('home.offerLanguage', { language })}</p>
      <div className="actions">
        <button type="button" onClick={() => void accept()}>
          {t('home.useLanguage', { language })}
        </button>
        <button type="button" onClick={onDecline}>
          {t('home.notNow')}
        </button>
      </div>
    </div>
  );
}
