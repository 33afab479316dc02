// The lock screen: the only thing shown while the vault is locked. Presence unlock when
// it is set up, the passphrase otherwise. Wrong passphrases are throttled by main; the
// countdown to `retryAt` is driven by local timers (main is not polled). "Forgot" leads to
// the vault reset, which deletes secrets and keeps the profiles' non-secret settings. The
// passphrase can be shown while typed, Caps Lock is pointed out, and a refusal is said
// right under the field (described by it, announced as an alert).
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import type { LockReason, VaultStatus } from '../../contract';
import { invoke, CompanionError } from '../api';
import { useFailure } from '../app-context';
import { lockReasonText, presenceName } from '../format';
import { t } from '../i18n';
import { Dialog } from '../ui/dialog';
import { ProblemNotice } from '../ui/problem-notice';

/** Seconds left until `at`, re-rendered once per second by a timer while waiting. */
function useSecondsUntil(at: number | null): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (at === null || at <= now) return;
    const t = setTimeout(() => setNow(Date.now()), Math.min(1000, at - now));
    return () => clearTimeout(t);
  }, [at, now]);
  return at === null ? 0 : Math.max(0, Math.ceil((at - now) / 1000));
}

export function LockScreen({
  status,
  reason,
  prompting,
  version,
  onUnlocked,
  onReset,
}: {
  status: VaultStatus | null;
  reason: LockReason | null;
  prompting: boolean;
  version: string | null;
  onUnlocked: (s: VaultStatus) => void;
  onReset: (s: VaultStatus) => void;
}) {
  const passRef = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState(false);
  const [retryAt, setRetryAt] = useState<number | null>(status?.retryAt ?? null);
  const [attempts, setAttempts] = useState(status?.failedAttempts ?? 0);
  const [resetting, setResetting] = useState(false);
  const [problem, fail, clear] = useFailure();
  const [shown, setShown] = useState(false);
  /** The control whose refusal is shown: the presence button or the passphrase field. */
  const [from, setFrom] = useState<'presence' | 'passphrase'>('passphrase');
  const [capsLock, setCapsLock] = useState(false);
  const wait = useSecondsUntil(retryAt);
  const ids = useId();

  useEffect(() => {
    if (status === null) return;
    setRetryAt(status.retryAt);
    setAttempts(status.failedAttempts);
  }, [status]);

  function failed(e: unknown) {
    const p = fail(e);
    if (e instanceof CompanionError) {
      if (p.retryAt !== null) setRetryAt(p.retryAt);
      const n = e.details?.failedAttempts;
      if (typeof n === 'number') setAttempts(n);
    }
  }

  async function unlock(e: FormEvent) {
    e.preventDefault();
    const input = passRef.current;
    if (input === null || input.value === '' || wait > 0) return;
    clear();
    setFrom('passphrase');
    setBusy(true);
    const passphrase = input.value;
    input.value = '';
    setShown(false);
    try {
      onUnlocked(await invoke('vault:unlock', { method: 'passphrase', passphrase }));
    } catch (err) {
      failed(err);
      input.focus();
    } finally {
      setBusy(false);
    }
  }

  async function unlockWithPresence() {
    clear();
    setFrom('presence');
    setBusy(true);
    try {
      onUnlocked(await invoke('vault:unlock', { method: 'presence' }));
    } catch (err) {
      failed(err);
    } finally {
      setBusy(false);
    }
  }

  const presence = status?.presence;
  const canPresence = presence !== undefined && presence.available && presence.enabled;
  const why = lockReasonText(reason);
  // Throttling is told by the countdown; any other refusal right under the field.
  const shownProblem = problem !== null && problem.code !== 'throttled' ? problem : null;
  const fieldProblem = from === 'passphrase' ? shownProblem : null;
  const presenceProblem = from === 'presence' ? shownProblem : null;
  const described = [`${ids}-wait`, capsLock ? `${ids}-caps` : '', fieldProblem !== null ? `${ids}-problem` : ''].filter((x) => x !== '').join(' ');
  const caps = (e: { getModifierState(key: string): boolean }) => setCapsLock(e.getModifierState('CapsLock'));
  return (
    <main className="screen screen--center lock">
      <section className="card" aria-labelledby="lock-title">
        <div className="brand" aria-hidden="true">
          <span className="brand__mark">◆</span> Odoo Companion
        </div>
        <h1 id="lock-title">{prompting ? t('lock.promptTitle') : t('lock.title')}</h1>
        <p className="lead">
          {prompting ? t('lock.promptLead') : t('lock.lead')}
          {why !== null && !prompting && <span className="meta-inline"> {why}</span>}
        </p>
        {canPresence && (
          <div className="actions actions--stack">
            <button
              type="button"
              className="primary"
              onClick={() => void unlockWithPresence()}
              disabled={busy}
              aria-describedby={presenceProblem !== null ? `${ids}-presence-problem` : undefined}
            >
              {t('lock.withPresence', { name: presenceName(presence.kind) })}
            </button>
            {presenceProblem !== null && (
              <div id={`${ids}-presence-problem`}>
                <ProblemNotice problem={presenceProblem} />
              </div>
            )}
            <p className="divider">
              <span>{t('lock.orPassphrase')}</span>
            </p>
          </div>
        )}
        <form onSubmit={unlock} noValidate>
          <div className="field">
            <label htmlFor={`${ids}-pass`}>{t('common.vaultPassphrase')}</label>
            <div className="inline">
              <input
                ref={passRef}
                id={`${ids}-pass`}
                type={shown ? 'text' : 'password'}
                autoComplete="current-password"
                autoCapitalize="off"
                spellCheck={false}
                autoFocus={!canPresence}
                maxLength={1024}
                required
                aria-describedby={described}
                aria-invalid={fieldProblem !== null || undefined}
                onKeyDown={caps}
                onKeyUp={caps}
                onBlur={() => setCapsLock(false)}
              />
              <button type="button" className="reveal" aria-pressed={shown} aria-controls={`${ids}-pass`} onClick={() => setShown((v) => !v)}>
                {t('lock.showPassphrase')}
              </button>
            </div>
            {capsLock && (
              <p className="hint hint--warn" id={`${ids}-caps`} role="status">
                {t('lock.capsLock')}
              </p>
            )}
            {fieldProblem !== null && (
              <div id={`${ids}-problem`}>
                <ProblemNotice problem={fieldProblem} />
              </div>
            )}
          </div>
          <p id={`${ids}-wait`} className={wait > 0 ? 'hint countdown' : 'hint'} aria-live="polite" data-testid="retry-countdown">
            {wait > 0
              ? t('lock.throttled', { attempts, wait })
              : attempts > 0
                ? t('lock.attempts', { attempts })
                : ''}
          </p>
          <div className="actions">
            <button type="submit" className={canPresence ? '' : 'primary'} disabled={busy || wait > 0}>
              {busy ? t('lock.unlocking') : t('lock.unlock')}
            </button>
            <button type="button" className="link" onClick={() => setResetting(true)}>
              {t('lock.forgot')}
            </button>
          </div>
        </form>
        {version !== null && <p className="meta">{t('common.version', { version })}</p>}
      </section>
      {resetting && <ResetDialog onClose={() => setResetting(false)} onReset={onReset} />}
    </main>
  );
}

function ResetDialog({ onClose, onReset }: { onClose: () => void; onReset: (s: VaultStatus) => void }) {
  const [typed, setTyped] = useState('');
  const [problem, fail] = useFailure();
  const ids = useId();
  async function reset(e: FormEvent) {
    e.preventDefault();
    if (typed !== 'RESET') return;
    try {
      onReset(await invoke('vault:reset', { confirm: 'RESET' }));
    } catch (err) {
      fail(err);
    }
  }
  return (
    <Dialog id={`${ids}-reset`} title={t('reset.title')} onClose={onClose}>
      <form onSubmit={reset}>
        <p>{t('reset.body')}</p>
        <div className="field">
          <label htmlFor={`${ids}-typed`}>{t('reset.typeToConfirm', { word: 'RESET' })}</label>
          <input id={`${ids}-typed`} value={typed} onChange={(e) => setTyped(e.target.value)} autoComplete="off" autoFocus />
        </div>
        {problem !== null && <ProblemNotice problem={problem} />}
        <div className="actions">
          <button type="button" onClick={onClose}>
            {t('common.cancel')}
          </button>
          <button type="submit" className="danger" disabled={typed !== 'RESET'}>
            {t('reset.confirm')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
