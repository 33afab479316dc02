// The security page of one profile: how it connects (origin, TLS, saved pins against the
// certificate the server presents now), how it signs in, and the two deliberate acts —
// re-pinning (only after the vault passphrase or presence check is given again, and only
// to a certificate shown in full) and forgetting the profile (after a confirmation).
import { useCallback, useEffect, useId, useRef, useState, type FormEvent } from 'react';
import type { Profile, TlsInspection, VaultStatus } from '../../preload/contract';
import { call } from '../api';
import { useFailure } from '../app-context';
import { AUTH_LABELS, formatDate, presenceName, SESSION_LABELS } from '../format';
import { CertificateCard, Fingerprint } from '../ui/certificate-card';
import { Dialog } from '../ui/dialog';
import { ProblemNotice } from '../ui/problem-notice';
import { tlsBadge } from './profiles-list';
import type { View } from './unlocked-shell';

export function ProfileSecurity({ profile, go, onChanged, daysLeft }: { profile: Profile; go: (v: View) => void; onChanged: () => Promise<void>; daysLeft: number | null }) {
  const [tls, setTls] = useState<TlsInspection | null>(null);
  const [repinning, setRepinning] = useState(false);
  const [forgetting, setForgetting] = useState(false);
  const [note, setNote] = useState('');
  const [problem, fail, clear] = useFailure();
  const [now] = useState(() => Date.now());
  const keyEnd = profile.deviceKey?.expiresAt ?? null;
  const keyDaysLeft = keyEnd === null ? null : Math.ceil((Date.parse(`${keyEnd.replace(' ', 'T')}Z`) - now) / 86_400_000);

  const inspect = useCallback(() => {
    if (profile.insecure) return;
    clear();
    call('profiles:inspectTls', { id: profile.id }).then(setTls, fail);
  }, [profile.id, profile.insecure, clear, fail]);
  useEffect(() => inspect(), [inspect]);

  const matches = tls?.chain.some((c) => profile.pins.includes(c.pin)) ?? null;
  const badge = matches === false ? { text: 'Certificate does not match', tone: 'danger' } : tlsBadge(profile);

  return (
    <section aria-labelledby="security-title" className="security">
      <div className="page-head">
        <div>
          <h1 id="security-title" tabIndex={-1}>
            Security of {profile.label}
          </h1>
          <p className="meta">{profile.origin}</p>
        </div>
        <button type="button" onClick={() => go({ name: 'home', profileId: profile.id, focusSearch: 0 })}>
          Back to {profile.label}
        </button>
      </div>
      <p className="status-line" role="status">
        {note}
      </p>

      <section className="panel" aria-labelledby="sec-signin">
        <h2 id="sec-signin">Sign-in</h2>
        <dl className="facts">
          <dt>Method</dt>
          <dd>{AUTH_LABELS[profile.authMethod]}</dd>
          <dt>Login</dt>
          <dd>{profile.login}</dd>
          <dt>Credential</dt>
          <dd>{profile.hasSecret ? 'Saved in your keychain (never shown)' : 'Missing — edit the profile to enter it again'}</dd>
          <dt>Session</dt>
          <dd>{SESSION_LABELS[profile.session]}</dd>
          {profile.authMethod === 'account' && (
            <>
              <dt>Key in Odoo</dt>
              <dd data-testid="device-key">
                {profile.deviceKey != null ? (
                  <>
                    “{profile.deviceKey.name}”{' '}
                    {profile.deviceKey.expiresAt === null ? '(does not expire)' : `(valid until ${formatDate(profile.deviceKey.expiresAt.slice(0, 10))})`}
                    {keyDaysLeft !== null && keyDaysLeft <= 14 && (
                      <strong className="warn-text"> — ends in {keyDaysLeft} days; it is renewed at your next sign-in.</strong>
                    )}
                  </>
                ) : profile.deviceKeyRefused != null ? (
                  `None: Odoo refused one (${profile.deviceKeyRefused}). Odoo Companion works with the session alone and asks for your password when Odoo ends it.`
                ) : (
                  'Not created yet: it is made at your next sign-in.'
                )}
              </dd>
              <dt>Password</dt>
              <dd>{profile.keepPassword === true ? 'Kept in your keychain (one-click sign-in)' : 'Not kept: asked when Odoo ends the session'}</dd>
            </>
          )}
        </dl>
        {profile.jwtSkipsTwoFactor === true && (
          <div className="notice notice--warn" data-testid="jwt-no-2fa">
            <p className="notice__title">This server’s JWT module does not ask for your two-factor code.</p>
            <p>
              It hands out its tokens for the password alone. Odoo windows and searches still go through a session that asked
              for your code, but anyone with your password can get tokens for this account. Tell your Odoo administrator.
            </p>
          </div>
        )}
      </section>

      <section className="panel" aria-labelledby="sec-conn">
        <h2 id="sec-conn">Connection</h2>
        <dl className="facts">
          <dt>Status</dt>
          <dd>
            <span className={`badge badge--${badge.tone}`}>{badge.text}</span>
          </dd>
          <dt>TLS</dt>
          <dd>{profile.insecure ? 'None: plain http to this computer' : tls === null ? 'Checking…' : tls.protocol}</dd>
          {profile.certificateValidTo !== null && (
            <>
              <dt>Certificate valid until</dt>
              <dd>
                {formatDate(profile.certificateValidTo)}
                {daysLeft !== null && daysLeft <= 30 && <strong className="warn-text"> ({daysLeft} days left)</strong>}
              </dd>
            </>
          )}
          <dt>Saved pins</dt>
          <dd>
            {profile.pins.length === 0 ? (
              'none'
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
              Check again
            </button>
          </ProblemNotice>
        )}
        {tls !== null && (
          <>
            {matches === false ? (
              <div className="notice notice--error" role="alert">
                <p className="notice__title">The server now presents a certificate that matches none of the saved pins.</p>
                <p>
                  Odoo Companion refuses to connect. If your administrator confirms the new fingerprint below, re-pin; otherwise someone may be
                  intercepting the connection.
                </p>
              </div>
            ) : (
              <p className="notice notice--ok">The certificate the server presents matches a saved pin.</p>
            )}
            <h3>Certificate presented now</h3>
            {tls.chain.map((c, i) => (
              <CertificateCard key={c.pin} cert={c} index={i} total={tls.chain.length}>
                <p className={profile.pins.includes(c.pin) ? 'ok-text' : 'meta'}>{profile.pins.includes(c.pin) ? '✓ Pinned' : 'Not pinned'}</p>
              </CertificateCard>
            ))}
            <div className="actions">
              <button type="button" onClick={() => setRepinning(true)}>
                Re-pin to this certificate…
              </button>
            </div>
          </>
        )}
      </section>

      <section className="panel panel--danger" aria-labelledby="sec-forget">
        <h2 id="sec-forget">Forget this profile</h2>
        <p>
          Deletes its saved credential, session and trusted-device cookie from your keychain, and the profile itself.
          {profile.authMethod === 'account' && ' With your password, the key this computer made is also removed in Odoo.'}
        </p>
        <button type="button" className="danger" onClick={() => setForgetting(true)}>
          Forget {profile.label}…
        </button>
      </section>

      {repinning && tls !== null && (
        <RepinDialog
          profile={profile}
          tls={tls}
          onClose={() => setRepinning(false)}
          onDone={async () => {
            setRepinning(false);
            setNote('New pins saved.');
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
    call('vault:status', {}).then(setVault, () => setVault(null));
  }, []);

  async function confirm(method: 'passphrase' | 'presence', e?: FormEvent) {
    e?.preventDefault();
    clear();
    setInvalid(null);
    if (pins.length === 0) return setInvalid('Pin at least one key.');
    if (needsTrust && !trust) return setInvalid('Confirm that you checked the fingerprint.');
    if (needsTrust && leaf !== undefined && !pins.includes(leaf.pin)) return setInvalid('A certificate your system does not trust must have its server key pinned.');
    const pass = passRef.current?.value ?? '';
    if (passRef.current) passRef.current.value = '';
    if (method === 'passphrase' && pass === '') return setInvalid('Enter your vault passphrase to confirm.');
    setBusy(true);
    try {
      // The unlock again is the proof that the owner, not a passer-by, changes trust.
      await call('vault:unlock', method === 'passphrase' ? { method, passphrase: pass } : { method });
      await call('profiles:repin', { id: profile.id, pins, trustSelfSigned: needsTrust && trust });
      await onDone();
    } catch (err) {
      fail(err);
    } finally {
      setBusy(false);
    }
  }

  const presence = vault?.presence;
  return (
    <Dialog id={`${ids}-repin`} title={`Re-pin ${profile.label}`} onClose={onClose}>
      <form onSubmit={(e) => void confirm('passphrase', e)} noValidate>
        <p>Only do this when your administrator confirmed the new certificate’s fingerprint. Choose the keys to trust from now on:</p>
        <fieldset className="plain">
          <legend className="visually-hidden">Keys to pin</legend>
          {tls.chain.map((c, i) => (
            <div className="check" key={c.pin}>
              <input
                id={`${ids}-p${i}`}
                type="checkbox"
                checked={pins.includes(c.pin)}
                onChange={(e) => setPins((ps) => (e.target.checked ? [...ps, c.pin] : ps.filter((x) => x !== c.pin)))}
              />
              <label htmlFor={`${ids}-p${i}`}>
                {c.subject} <Fingerprint value={c.fingerprintSha256} />
              </label>
            </div>
          ))}
        </fieldset>
        {needsTrust && (
          <div className="check">
            <input id={`${ids}-trust`} type="checkbox" checked={trust} onChange={(e) => setTrust(e.target.checked)} />
            <label htmlFor={`${ids}-trust`}>I checked the fingerprint; trust this certificate although my system does not</label>
          </div>
        )}
        <div className="field">
          <label htmlFor={`${ids}-pass`}>Vault passphrase</label>
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
            Cancel
          </button>
          {presence !== undefined && presence.available && presence.enabled && (
            <button type="button" onClick={() => void confirm('presence')} disabled={busy}>
              Confirm with {presenceName(presence.kind)}
            </button>
          )}
          <button type="submit" className="primary" disabled={busy}>
            Confirm and re-pin
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
      await call('profiles:forget', password === undefined ? { id: profile.id } : { id: profile.id, password });
      await onDone();
    } catch (e) {
      fail(e);
      setBusy(false);
    }
  }
  return (
    <Dialog id={`${ids}-forget`} title={`Forget ${profile.label}?`} onClose={onClose}>
      <p>
        Its credential, session and trusted-device cookie are deleted from your keychain and the profile disappears. Your Odoo account itself
        is not affected. To use it again you add it again.
      </p>
      {hasKey && (
        <>
          <p>
            This computer has its own key in Odoo (“{profile.deviceKey?.name}”). To remove it there too, Odoo asks for your password.
            Forgetting on this computer only leaves the key valid in Odoo until you remove it in Odoo (Account Security).
          </p>
          <div className="field">
            <label htmlFor={`${ids}-pw`}>Odoo password (to remove the key in Odoo)</label>
            <input ref={passwordRef} id={`${ids}-pw`} type="password" autoComplete="current-password" spellCheck={false} maxLength={1024} />
          </div>
        </>
      )}
      {problem !== null && <ProblemNotice problem={problem} />}
      <div className="actions">
        <button type="button" onClick={onClose} autoFocus>
          Keep it
        </button>
        {hasKey && (
          <button type="button" className="danger" onClick={() => void forget(true)} disabled={busy}>
            Remove the key in Odoo and forget
          </button>
        )}
        <button type="button" className={hasKey ? '' : 'danger'} onClick={() => void forget(false)} disabled={busy}>
          {hasKey ? 'Forget on this computer only' : `Forget ${profile.label}`}
        </button>
      </div>
    </Dialog>
  );
}
