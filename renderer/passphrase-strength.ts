// Why: the vault passphrase is the one secret the person must remember and the only thing
// between a stolen laptop and their Odoo credentials, so first run gives honest feedback.
// A rough, local estimate (nothing leaves the page): character pool × length, minus
// repeats, runs and the usual suspects. Labels and hints are in the person's language.
import { t } from './i18n';

export interface Strength {
  score: 0 | 1 | 2 | 3 | 4;
  label: string;
  hint: string;
}

const COMMON = ['password', 'passwort', 'motdepasse', 'odoo', 'admin', 'qwerty', 'azerty', 'letmein', '123456', 'welcome', 'secret'];

export const MIN_PASSPHRASE = 8;

export function passphraseStrength(value: string): Strength {
  if (value.length === 0) return { score: 0, label: t('strength.empty'), hint: t('strength.emptyHint', { min: MIN_PASSPHRASE }) };
  if (value.length < MIN_PASSPHRASE) return { score: 0, label: t('strength.tooShort'), hint: t('strength.tooShortHint', { min: MIN_PASSPHRASE }) };
  let pool = 0;
  if (/[a-z]/.test(value)) pool += 26;
  if (/[A-Z]/.test(value)) pool += 26;
  if (/\d/.test(value)) pool += 10;
  if (/[^A-Za-z0-9]/.test(value)) pool += 33;
  const unique = new Set(value).size;
  let bits = Math.log2(Math.max(pool, 2)) * Math.min(value.length, unique * 2);
  const lower = value.toLowerCase();
  if (COMMON.some((w) => lower.includes(w))) bits -= 20;
  if (/(.)\1{2,}/.test(value)) bits -= 10;
  if (/(?:abc|bcd|cde|123|234|345|456|567|678|789)/i.test(value)) bits -= 8;
  if (bits < 35) return { score: 1, label: t('strength.weak'), hint: t('strength.weakHint') };
  if (bits < 55) return { score: 2, label: t('strength.fair'), hint: t('strength.fairHint') };
  if (bits < 75) return { score: 3, label: t('strength.good'), hint: t('strength.goodHint') };
  return { score: 4, label: t('strength.strong'), hint: t('strength.strongHint') };
}
