// The one prompt an "Odoo account" profile needs when Odoo has ended its session and no
// password is kept: the password only (a trusted device skips the code), no wizard. The
// field is uncontrolled and emptied after the submit; main signs in, makes sure this
// device's key exists, drops the password, and finishes the opening that was waiting.
import { useId, useRef, useState, type FormEvent } from 'react';
import type { LoginResult } from '../../contract';
import { invoke } from '../api';
import { useFailure } from '../app-context';
import { Dialog } from '../ui/dialog';
import { ProblemNotice } from '../ui/problem-notice';
import { t } from '../i18n';

export function PasswordDialog({
  profileId,
  label,
  login,
  onClose,
  onDone,
}: {
  profileId: string;
  label: string;
  login: string;
  onClose: () => void;
  /** Signed in (`ok`), or Odoo asks the two-factor code next (`totp_required`). */
  onDone: (result: LoginResult) => void;
}) {
  const passwordRef = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState(false);
  const [invalid, setInvalid] = useState(false);
  const [problem, fail, clear] = useFailure();
  const ids = useId();

  async function submit(e: FormEvent) {
    e.preventDefault();
    const input = passwordRef.current;
    if (input === null) return;
    const password = input.value;
    input.value = '';
    if (password === '') {
      setInvalid(true);
      input.focus();
      return;
    }
    clear();
    setInvalid(false);
    setBusy(true);
    try {
      onDone(await invoke('odoo:signIn', { profileId, password }));
    } catch (err) {
      fail(err);
      input.focus();
    } finally {
      setBusy(false);
    }
  }

  return (
    <Dialog id={`${ids}-password`} title={t('password.title')} onClose={onClose}>
      <form onSubmit={submit} noValidate>
        <p>{t('password.lead', { label, login })}</p>
        <div className="field">
          <label htmlFor={`${ids}-pw`}>{t('password.label')}</label>
          <input
            ref={passwordRef}
            id={`${ids}-pw`}
            type="password"
            autoComplete="current-password"
            spellCheck={false}
            maxLength={1024}
            autoFocus
            aria-invalid={invalid}
            aria-describedby={invalid ? `${ids}-pw-error` : undefined}
          />
          {invalid && (
            <p className="field-error" id={`${ids}-pw-error`}>
              {t('password.empty')}
            </p>
          )}
        </div>
        {problem !== null && <ProblemNotice problem={problem} />}
        <div className="actions">
          <button type="button" onClick={onClose}>
            {t('common.cancel')}
          </button>
          <button type="submit" className="primary" disabled={busy}>
            {busy ? t('password.busy') : t('password.submit')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
