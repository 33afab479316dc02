// Our own two-factor step: Odoo's /web/login/totp page is never shown; main asks for the
// code through this dialog and keeps the "trust this device" cookie in the vault. The
// space for an error under the code is kept from the start, so the dialog does not jump
// when one appears.
import { useId, useRef, useState, type FormEvent } from 'react';
import { invoke } from '../api';
import { useFailure } from '../app-context';
import { t } from '../i18n';
import { Dialog } from '../ui/dialog';

export function TotpDialog({ profileId, label, onClose, onDone }: { profileId: string; label: string; onClose: () => void; onDone: () => void }) {
  const codeRef = useRef<HTMLInputElement>(null);
  const [trust, setTrust] = useState(false);
  const [busy, setBusy] = useState(false);
  const [invalid, setInvalid] = useState(false);
  const [problem, fail, clear] = useFailure();
  const ids = useId();

  async function submit(e: FormEvent) {
    e.preventDefault();
    const input = codeRef.current;
    if (input === null) return;
    const code = input.value.replace(/\s/g, '');
    if (!/^\d{6}$/.test(code)) {
      setInvalid(true);
      input.focus();
      return;
    }
    clear();
    setInvalid(false);
    setBusy(true);
    try {
      const result = await invoke('odoo:submitTotp', { profileId, code, trustDevice: trust });
      if (result.status === 'ok') onDone();
    } catch (err) {
      fail(err);
      input.focus();
    } finally {
      input.value = '';
      setBusy(false);
    }
  }

  return (
    <Dialog id={`${ids}-totp`} title={t('totp.title')} onClose={onClose}>
      <form onSubmit={submit} noValidate>
        <p>{t('totp.lead', { label })}</p>
        <div className="field">
          <label htmlFor={`${ids}-code`}>{t('totp.code')}</label>
          <input
            ref={codeRef}
            id={`${ids}-code`}
            className="code-input"
            inputMode="numeric"
            autoComplete="one-time-code"
            pattern="\d{6}"
            maxLength={7}
            autoFocus
            aria-invalid={invalid || problem !== null}
            aria-describedby={invalid || problem !== null ? `${ids}-code-error` : undefined}
          />
          {/* Always there (empty when all is well): an error takes the reserved space. */}
          <div className="reserved-error" id={`${ids}-code-error`} role="alert">
            {invalid ? (
              <p className="field-error">{t('totp.invalid')}</p>
            ) : (
              problem !== null && (
                <p className="field-error" data-error-code={problem.code}>
                  <strong>{problem.title}</strong> {problem.todo}
                </p>
              )
            )}
          </div>
        </div>
        <div className="check">
          <input id={`${ids}-trust`} type="checkbox" checked={trust} onChange={(e) => setTrust(e.target.checked)} />
          <label htmlFor={`${ids}-trust`}>{t('totp.trust')}</label>
        </div>
        <div className="actions">
          <button type="button" onClick={onClose}>
            {t('common.cancel')}
          </button>
          <button type="submit" className="primary" disabled={busy}>
            {busy ? t('totp.checking') : t('totp.verify')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
