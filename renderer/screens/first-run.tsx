// First run: the person creates the vault passphrase that protects every Odoo credential
// on this computer, with honest strength feedback and a confirmation, and may let Touch ID
// / Windows Hello unlock it. The passphrase fields are uncontrolled and emptied after
// submit: the value lives in the DOM only while it is being typed. The minimum length is
// said before anything is typed; a refusal is said next to the button that caused it.
import { useId, useRef, useState, type FormEvent } from 'react';
import type { VaultStatus } from '../../contract';
import { invoke } from '../api';
import { useFailure } from '../app-context';
import { presenceName } from '../format';
import { t } from '../i18n';
import { MIN_PASSPHRASE, passphraseStrength, type Strength } from '../passphrase-strength';
import { ProblemNotice } from '../ui/problem-notice';

export function FirstRun({ status, version, onCreated }: { status: VaultStatus; version: string | null; onCreated: (s: VaultStatus) => void }) {
  const passRef = useRef<HTMLInputElement>(null);
  const confirmRef = useRef<HTMLInputElement>(null);
  const [strength, setStrength] = useState<Strength>(passphraseStrength(''));
  const [strengthEmpty, setStrengthEmpty] = useState(true);
  const [mismatch, setMismatch] = useState(false);
  const [tooWeak, setTooWeak] = useState(false);
  const [busy, setBusy] = useState(false);
  const [presence, setPresence] = useState(status.presence.available);
  const [problem, fail, clear] = useFailure();
  const ids = useId();

  async function submit(e: FormEvent) {
    e.preventDefault();
    clear();
    const pass = passRef.current?.value ?? '';
    const confirm = confirmRef.current?.value ?? '';
    const weak = passphraseStrength(pass).score < 2;
    setTooWeak(weak);
    setMismatch(pass !== confirm);
    if (weak) return passRef.current?.focus();
    if (pass !== confirm) return confirmRef.current?.focus();
    setBusy(true);
    try {
      const next = await invoke('vault:create', { passphrase: pass, enablePresence: presence && status.presence.available });
      onCreated(next);
    } catch (err) {
      fail(err);
    } finally {
      if (passRef.current) passRef.current.value = '';
      if (confirmRef.current) confirmRef.current.value = '';
      setStrength(passphraseStrength(''));
      setStrengthEmpty(true);
      setBusy(false);
    }
  }

  const name = presenceName(status.presence.kind);
  return (
    <main className="screen screen--center">
      <section className="card card--wide" aria-labelledby="first-run-title">
        <div className="brand" aria-hidden="true">
          <span className="brand__mark">◆</span> Odoo Companion
        </div>
        <h1 id="first-run-title">{t('firstRun.title')}</h1>
        <p className="lead">
          {t('firstRun.lead', { unlock: status.presence.available ? name : t('firstRun.deviceSignIn') })}
        </p>
        <form onSubmit={submit} noValidate>
          <div className="field">
            <label htmlFor={`${ids}-pass`}>{t('common.vaultPassphrase')}</label>
            <p className="hint hint--before" id={`${ids}-min`}>
              {t('firstRun.minLength', { min: MIN_PASSPHRASE })}
            </p>
            <input
              ref={passRef}
              id={`${ids}-pass`}
              type="password"
              autoComplete="new-password"
              autoFocus
              required
              minLength={MIN_PASSPHRASE}
              maxLength={1024}
              aria-describedby={`${ids}-min ${ids}-strength`}
              aria-invalid={tooWeak}
              onInput={(e) => {
                setStrength(passphraseStrength(e.currentTarget.value));
                setStrengthEmpty(e.currentTarget.value === '');
                setTooWeak(false);
              }}
            />
            <div className="strength" id={`${ids}-strength`} aria-live="polite">
              <meter min={0} max={4} low={2} high={3} optimum={4} value={strength.score} aria-label={t('firstRun.strength')} />
              <span className={`strength__label strength--${strength.score}`}>{strength.label}</span>
              {/* Empty: the minimum above says it all. */}
              <span className="hint">{tooWeak ? t('firstRun.tooWeak', { hint: strength.hint }) : strengthEmpty ? '' : strength.hint}</span>
            </div>
          </div>
          <div className="field">
            <label htmlFor={`${ids}-confirm`}>{t('firstRun.again')}</label>
            <input
              ref={confirmRef}
              id={`${ids}-confirm`}
              type="password"
              autoComplete="new-password"
              required
              maxLength={1024}
              aria-invalid={mismatch}
              aria-describedby={mismatch ? `${ids}-mismatch` : undefined}
              onInput={() => setMismatch(false)}
            />
            {mismatch && (
              <p className="field-error" id={`${ids}-mismatch`}>
                {t('firstRun.mismatch')}
              </p>
            )}
          </div>
          {status.presence.available && (
            <div className="check">
              <input id={`${ids}-presence`} type="checkbox" checked={presence} onChange={(e) => setPresence(e.target.checked)} />
              <label htmlFor={`${ids}-presence`}>{t('firstRun.alsoPresence', { name })}</label>
            </div>
          )}
          {problem !== null && (
            <div id={`${ids}-problem`}>
              <ProblemNotice problem={problem} />
            </div>
          )}
          <div className="actions">
            <button type="submit" className="primary" disabled={busy} aria-describedby={problem !== null ? `${ids}-problem` : undefined}>
              {busy ? t('firstRun.creating') : t('firstRun.create')}
            </button>
          </div>
        </form>
        {version !== null && <p className="meta">{t('common.version', { version })}</p>}
      </section>
    </main>
  );
}
