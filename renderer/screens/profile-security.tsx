// The security page of one profile: how it signs in, how it connects (security-connection:
// the certificate in one line, pins behind details, re-pinning after the vault passphrase
// or presence check is given again), and forgetting the profile (after a confirmation).
import { useId, useRef, useState } from 'react';
import type { Profile } from '../../contract';
import { invoke } from '../api';
import { useFailure } from '../app-context';
import { authLabel, daysUntil, formatDate, sessionLabel } from '../format';
import { t } from '../i18n';
import { homeOf, type Go } from '../navigation';
import { Dialog } from '../ui/dialog';
import { ProblemNotice } from '../ui/problem-notice';
import { ConnectionPanel } from './security-connection';

export function ProfileSecurity({ profile, go, onChanged, daysLeft }: { profile: Profile; go: Go; onChanged: () => Promise<void>; daysLeft: number | null }) {
  const [forgetting, setForgetting] = useState(false);
  const [now] = useState(() => Date.now());
  const keyEnd = profile.deviceKey?.expiresAt ?? null;
  const keyDaysLeft = daysUntil(keyEnd, now);

  return (
    <section aria-labelledby="security-title" className="security">
      <div className="page-head">
        <div>
          <h1 id="security-title" tabIndex={-1}>
            {t('security.title', { label: profile.label })}
          </h1>
          <p className="meta ltr">{profile.origin}</p>
        </div>
        <button type="button" onClick={() => go(homeOf(profile.id))}>
          {t('security.back', { label: profile.label })}
        </button>
      </div>

      <section className="panel" aria-labelledby="sec-signin">
        <h2 id="sec-signin">{t('security.signIn')}</h2>
        <dl className="facts">
          <dt>{t('security.method')}</dt>
          <dd>{authLabel(profile.authMethod)}</dd>
          <dt>{t('security.login')}</dt>
          <dd>
            <bdi>{profile.login}</bdi>
          </dd>
          <dt>{t('security.credential')}</dt>
          <dd>{profile.hasSecret ? t('security.credentialSaved') : t('security.credentialMissing')}</dd>
          <dt>{t('security.session')}</dt>
          <dd>{sessionLabel(profile.session)}</dd>
          {profile.authMethod === 'account' && (
            <>
              <dt>{t('security.deviceKey')}</dt>
              <dd data-testid="device-key">
                {profile.deviceKey != null ? (
                  <>
                    {profile.deviceKey.expiresAt === null
                      ? t('security.deviceKey.noExpiry', { name: profile.deviceKey.name })
                      : t('security.deviceKey.until', { name: profile.deviceKey.name, date: formatDate(profile.deviceKey.expiresAt) })}
                    {keyDaysLeft !== null && keyDaysLeft <= 14 && (
                      <strong className="warn-text"> {t('security.deviceKey.endsSoon', { days: Math.max(0, keyDaysLeft) })}</strong>
                    )}
                  </>
                ) : profile.deviceKeyRefused != null ? (
                  t('security.deviceKey.refused', { reason: profile.deviceKeyRefused })
                ) : (
                  t('security.deviceKey.notYet')
                )}
              </dd>
              <dt>{t('security.password')}</dt>
              <dd>{profile.keepPassword === true ? t('security.password.kept') : t('security.password.notKept')}</dd>
            </>
          )}
        </dl>
        {profile.jwtSkipsTwoFactor === true && (
          <div className="notice notice--warn" data-testid="jwt-no-2fa">
            <p className="notice__title">{t('security.jwtNo2faTitle')}</p>
            <p>{t('security.jwtNo2faBody')}</p>
          </div>
        )}
      </section>

      <ConnectionPanel profile={profile} daysLeft={daysLeft} onChanged={onChanged} />

      <section className="panel panel--danger" aria-labelledby="sec-forget">
        <h2 id="sec-forget">{t('security.forgetTitle')}</h2>
        <p>
          {t('security.forgetBody')}
          {profile.authMethod === 'account' && <> {t('security.forgetAccountNote')}</>}
        </p>
        <button type="button" className="danger" onClick={() => setForgetting(true)}>
          {t('security.forgetButton', { label: profile.label })}
        </button>
      </section>

      {forgetting && (
        <ForgetDialog
          profile={profile}
          onClose={() => setForgetting(false)}
          onDone={async () => {
            await onChanged();
            go({ name: 'profiles' });
          }}
        />
      )}
    </section>
  );
}

function ForgetDialog({ profile, onClose, onDone }: { profile: Profile; onClose: () => void; onDone: () => Promise<void> }) {
  const ids = useId();
  const [problem, fail, clear] = useFailure();
  const [busy, setBusy] = useState(false);
  const passwordRef = useRef<HTMLInputElement>(null);
  const hasKey = profile.authMethod === 'account' && profile.deviceKey != null;
  /** With `revoke`, the key this device made is removed in Odoo first (Odoo asks the password). */
  async function forget(revoke: boolean) {
    const input = passwordRef.current;
    const password = revoke ? (input?.value ?? '') : undefined;
    if (input !== null) input.value = '';
    if (revoke && password === '') {
      input?.focus();
      return;
    }
    clear();
    setBusy(true);
    try {
      await invoke('profiles:forget', password === undefined ? { id: profile.id } : { id: profile.id, password });
      await onDone();
    } catch (e) {
      fail(e);
      setBusy(false);
    }
  }
  return (
    <Dialog id={`${ids}-forget`} title={t('forget.title', { label: profile.label })} onClose={onClose}>
      <p>{t('forget.body')}</p>
      {hasKey && (
        <>
          <p>{t('forget.deviceKey', { name: profile.deviceKey?.name ?? '' })}</p>
          <div className="field">
            <label htmlFor={`${ids}-pw`}>{t('forget.passwordLabel')}</label>
            <input ref={passwordRef} id={`${ids}-pw`} type="password" autoComplete="current-password" spellCheck={false} maxLength={1024} />
          </div>
        </>
      )}
      {problem !== null && <ProblemNotice problem={problem} />}
      <div className="actions">
        <button type="button" onClick={onClose} autoFocus>
          {t('forget.keep')}
        </button>
        {hasKey && (
          <button type="button" className="danger" onClick={() => void forget(true)} disabled={busy}>
            {t('forget.revoke')}
          </button>
        )}
        <button type="button" className={hasKey ? '' : 'danger'} onClick={() => void forget(false)} disabled={busy}>
          {hasKey ? t('forget.localOnly') : t('forget.confirm', { label: profile.label })}
        </button>
      </div>
    </Dialog>
  );
}
