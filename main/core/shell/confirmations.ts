// Why: a compromised renderer can send any request it likes, so an irreversible action
// cannot rest on a flag the renderer sets ("confirm: RESET"). Main asks the person itself,
// through a native dialog the shell owns (ShellPort.confirm); this module decides what the
// dialog says for each action, from non-secret facts only, and what a refusal looks like.
import { AppError } from '../errors.js';
import { english, type Translate } from '../i18n/translator.js';

export type ConfirmAction = 'reset-vault' | 'forget-profile' | 'presence-off' | 'repin';

export interface ConfirmRequest {
  action: ConfirmAction;
  title: string;
  message: string;
  detail: string;
  /** The button that goes ahead; the other one (default, and Escape) cancels. */
  confirmLabel: string;
  cancelLabel: string;
}

export function confirmationFor(
  action: ConfirmAction,
  facts: { profileLabel?: string; presenceName?: string; pinCount?: number } = {},
  t: Translate = english,
): ConfirmRequest {
  const cancelLabel = t('common.cancel');
  const label = (facts.profileLabel ?? t('shell.theProfile')).slice(0, 80);
  const presence = facts.presenceName ?? t('confirm.presence');
  switch (action) {
    case 'reset-vault':
      return {
        action,
        title: t('confirm.reset.title'),
        message: t('confirm.reset.message'),
        detail: t('confirm.reset.detail'),
        confirmLabel: t('confirm.reset.confirm'),
        cancelLabel,
      };
    case 'forget-profile':
      return {
        action,
        title: t('confirm.forget.title'),
        message: t('confirm.forget.message', { label }),
        detail: t('confirm.forget.detail'),
        confirmLabel: t('confirm.forget.confirm'),
        cancelLabel,
      };
    case 'presence-off':
      return {
        action,
        title: t('confirm.presenceOff.title', { presence }),
        message: t('confirm.presenceOff.message', { presence }),
        detail: t('confirm.presenceOff.detail'),
        confirmLabel: t('confirm.presenceOff.confirm'),
        cancelLabel,
      };
    case 'repin':
      return {
        action,
        title: t('confirm.repin.title'),
        message: t('confirm.repin.message', { label }),
        detail: t('confirm.repin.detail', { count: facts.pinCount ?? 0 }),
        confirmLabel: t('confirm.repin.confirm'),
        cancelLabel,
      };
  }
}

/** What the renderer gets when the person did not confirm: nothing was changed. */
export function notConfirmedError(): AppError {
  return new AppError('aborted', 'Cancelled: nothing was changed.', { reason: 'not_confirmed' });
}
