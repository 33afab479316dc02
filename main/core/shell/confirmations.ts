// Why: a compromised renderer can send any request it likes, so an irreversible action
// cannot rest on a flag the renderer sets ("confirm: RESET"). Main asks the person itself,
// through a native dialog the shell owns (ShellPort.confirm); this module decides what the
// dialog says for each action, from non-secret facts only, and what a refusal looks like.
import { AppError } from '../errors.js';

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
): ConfirmRequest {
  const cancelLabel = 'Cancel';
  switch (action) {
    case 'reset-vault':
      return {
        action,
        title: 'Reset the vault',
        message: 'Delete every stored password, API key and trusted device?',
        detail: 'This cannot be undone. Profiles stay listed without their secrets, and you choose a new passphrase.',
        confirmLabel: 'Delete everything',
        cancelLabel,
      };
    case 'forget-profile':
      return {
        action,
        title: 'Forget profile',
        message: `Forget “${(facts.profileLabel ?? 'this profile').slice(0, 80)}”?`,
        detail: 'Its stored password or API key, session and trusted-device cookie are deleted from this computer.',
        confirmLabel: 'Forget',
        cancelLabel,
      };
    case 'presence-off':
      return {
        action,
        title: `Turn off ${facts.presenceName ?? 'presence'} unlock`,
        message: `Turn off unlocking with ${facts.presenceName ?? 'presence'}?`,
        detail: 'The vault will then open with its passphrase only.',
        confirmLabel: 'Turn off',
        cancelLabel,
      };
    case 'repin':
      return {
        action,
        title: 'Change certificate pins',
        message: `Trust new certificate pins for “${(facts.profileLabel ?? 'this profile').slice(0, 80)}”?`,
        detail: `${facts.pinCount ?? 0} pin(s) will replace the current ones. Do this only if your administrator changed the server certificate.`,
        confirmLabel: 'Change pins',
        cancelLabel,
      };
  }
}

/** What the renderer gets when the person did not confirm: nothing was changed. */
export function notConfirmedError(): AppError {
  return new AppError('aborted', 'Cancelled: nothing was changed.', { reason: 'not_confirmed' });
}
