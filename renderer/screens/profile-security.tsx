// The security page of one profile: how it connects (origin, TLS, saved pins against the
// certificate the server presents now), how it signs in, and the two deliberate acts —
// re-pinning (only after the vault passphrase or presence check is given again, and only
// to a certificate shown in full) and forgetting the profile (after a confirmation).
import { useCallback, useEffect, useId, useRef, useState, type FormEvent } from 'react';
import type { Profile, TlsInspection, VaultStatus } from '../../contract';
import { invoke } from '../api';
import { useFailure } from '../app-context';
import { authLabel, daysUntil, formatDate, presenceName, sessionLabel, tlsBadge } from '../format';
import { t } from '../i18n';
import { homeOf, type Go } from '../navigation';
import { CertificateCard, Fingerprint } from '../ui/certificate-card';
import { Dialog } from '../ui/dialog';
import { ProblemNotice } from '../ui/problem-notice';

export function ProfileSecurity({ profile, go, onChanged, daysLeft }: { profile: Profile; go: Go; onChanged: () => Promise<void>; daysLeft: number | null }) {
  const [tls, setTls] = useState<TlsInspection | null>(null);
  const [repinning, setRepinning] = useState(false);
  const [forgetting, setForgetting] = useState(false);
  const [note, setNote] = useState('');
  const [problem, fail, clear] = useFailure();
  const [now] = useState(() => Date.now());
  const keyEnd = profile.deviceKey?.expiresAt ?? null;
  const keyDaysLeft = daysUntil(keyEnd, now);

  const inspect = useCallback(() => {
    if (profile.insecure) return;
    clear();
    invoke('profiles:inspectTls', { id: profile.id }).then(setTls, fail);
  }, [profile.id, profile.insecure, clear, fail]);
  useEffect(() => inspect(), [inspect]);

  const matches = tls?.chain.some((c) => profile.pins.includes(c.pin)) ?? null;
  const badge = matches === false ? { text: t('security.mismatchBadge'), tone: 'danger' } : tlsBadge(profile);

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
      <p className="status-line" role="status">
        {note}
      </p>

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

      <section className="panel" aria-labelledby="sec-conn">
        <h2 id="sec-conn">{t('security.connection')}</h2>
        <dl className="facts">
          <dt>{t('profiles.status')}</dt>
          <dd>
            <span className={`badge badge--${badge.tone}`}>{badge.text}</span>
          </dd>
          <dt>{t('security.tls')}</dt>
          <dd>{profile.insecure ? t('security.tlsNone') : tls === null ? t('security.checking') : tls.protocol}</dd>
          {profile.certificateValidTo !== null && (
            <>
              <dt>{t('security.validUntil')}</dt>
              <dd>
                {formatDate(profile.certificateValidTo)}
                {daysLeft !== null && daysLeft <= 30 && <strong className="warn-text"> {t('security.daysLeft', { days: daysLeft })}</strong>}
              </dd>
            </>
          )}
          <dt>{t('security.savedPins')}</dt>
          <dd>
            {profile.pins.length === 0 ? (
              t('security.noPins')
            ) : (
              <ul className="pins">
                {profile.pins.map((p) => (
                  <li key={p}>
                    <code className="fingerprint">{p}</code>
                  </li>
                ))}
              </ul>
            )}
          </dd>
        </dl>
        {problem !== null && (
          <ProblemNotice problem={problem}>
            <button type="button" onClick={inspect}>
              {t('security.checkAgain')}
            </button>
          </ProblemNotice>
        )}
        {tls !== null && (
          <>
            {matches === false ? (
              <div className="notice notice--error" role="alert">
                <p className="notice__title">{t('security.mismatchTitle')}</p>
                <p>{t('security.mismatchBody')}</p>
              </div>
            ) : (
              <p className="notice notice--ok">{t('security.matches')}</p>
            )}
            <h3>{t('security.presentedNow')}</h3>
            {tls.chain.map((c, i) => (
              <CertificateCard key={c.pin} cert={c} index={i} total={tls.chain.length}>
                <p className={profile.pins.includes(c.pin) ? 'ok-text' : 'meta'}>{profile.pins.includes(c.pin) ? t('security.pinned') : t('tls.notPinned')}</p>
              </CertificateCard>
            ))}
            <div className="actions">
              <button type="button" onClick={() => setRepinning(true)}>
                {t('security.repin')}
              </button>
            </div>
          </>
        )}
      </section>

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

      {repinning && tls !== null && (
        <RepinDialog
          profile={profile}
          tls={tls}
          onClose={() => setRepinning(false)}
          onDone={async () => {
            setRepinning(false);
            setNote(t('security.pinsSaved'));
            await onChanged();
          }}
        />
      )}
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

function RepinDialog({ profile, tls, onClose, onDone }: { profile: Profile; tls: TlsInspection; onClose: () => void; onDone: () => Promise<void> }) {
  const ids = useId();
  const [pins, setPins] = useState<string[]>(tls.chain.slice(0, 2).map((c) => c.pin));
  const [trust, setTrust] = useState(false);
  const [vault, setVault] = useState<VaultStatus | null>(null);
  const [invalid, setInvalid] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const passRef = useRef<HTMLInputElement>(null);
  const [problem, fail, clear] = useFailure();
  const needsTrust = !tls.trustedByOs;
  const leaf = tls.chain[0];

  useEffect(() => {
    invoke('vault:status', {}).then(setVault, () => setVault(null));
  }, []);

  async function confirm(method: 'passphrase' | 'presence', e?: FormEvent) {
    e?.preventDefault();
    clear();
    setInvalid(null);
    if (pins.length === 0) return setInvalid(t('repin.pinOne'));
    if (needsTrust && !trust) return setInvalid(t('repin.confirmChecked'));
    if (needsTrust && leaf !== undefined && !pins.includes(leaf.pin)) return setInvalid(t('repin.leafRequired'));
    const pass = passRef.current?.value ?? '';
    if (passRef.current) passRef.current.value = '';
    if (method === 'passphrase' && pass === '') return setInvalid(t('repin.enterPassphrase'));
    setBusy(true);
    try {
      // The unlock again is the proof that the owner, not a passer-by, changes trust.
      await invoke('vault:unlock', method === 'passphrase' ? { method, passphrase: pass } : { method });
      await invoke('profiles:repin', { id: profile.id, pins, trustSelfSigned: needsTrust && trust });
      await onDone();
    } catch (err) {
      fail(err);
    } finally {
      setBusy(false);
    }
  }

  const presence = vault?.presence;
  return (
    <Dialog id={`${ids}-repin`} title={t('repin.title', { label: profile.label })} onClose={onClose}>
      <form onSubmit={(e) => void confirm('passphrase', e)} noValidate>
        <p>{t('repin.lead')}</p>
        <fieldset className="plain">
          <legend className="visually-hidden">{t('repin.keys')}</legend>
          {tls.chain.map((c, i) => (
            <div className="check" key={c.pin}>
              <input
                id={`${ids}-p${i}`}
                type="checkbox"
                checked={pins.includes(c.pin)}
                onChange={(e) => setPins((ps) => (e.target.checked ? [...ps, c.pin] : ps.filter((x) => x !== c.pin)))}
              />
              <label htmlFor={`${ids}-p${i}`}>
                <bdi className="ltr">{c.subject}</bdi> <Fingerprint value={c.fingerprintSha256} />
              </label>
            </div>
          ))}
        </fieldset>
        {needsTrust && (
          <div className="check">
            <input id={`${ids}-trust`} type="checkbox" checked={trust} onChange={(e) => setTrust(e.target.checked)} />
            <label htmlFor={`${ids}-trust`}>{t('repin.trust')}</label>
          </div>
        )}
        <div className="field">
          <label htmlFor={`${ids}-pass`}>{t('common.vaultPassphrase')}</label>
          <input ref={passRef} id={`${ids}-pass`} type="password" autoComplete="current-password" maxLength={1024} autoFocus />
        </div>
        {invalid !== null && (
          <p className="field-error" role="alert">
            {invalid}
          </p>
        )}
        {problem !== null && <ProblemNotice problem={problem} />}
        <div className="actions">
          <button type="button" onClick={onClose}>
            {t('common.cancel')}
          </button>
          {presence !== undefined && presence.available && presence.enabled && (
            <button type="button" onClick={() => void confirm('presence')} disabled={busy}>
              {t('repin.withPresence', { name: presenceName(presence.kind) })}
            </button>
          )}
          <button type="submit" className="primary" disabled={busy}>
            {t('repin.confirm')}
          </button>
        </div>
      </form>
    </Dialog>
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
