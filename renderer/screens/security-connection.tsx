// The "Connection" panel of a profile's security page: how the server's certificate stands
// now in one line ("Verified by …", or what is wrong in plain words), a pin mismatch said
// plainly (who presents now, who was expected, host and port), the one-click move to the
// authorities' keys for a profile pinned to its server's own key, and the saved pins behind
// "details" with re-pinning as an advanced action. What a change saved is shown after it.
import { useCallback, useEffect, useState } from 'react';
import type { CertificateInfo, Profile, TlsInspection } from '../../contract';
import { authorityPinsOffer } from '../../contract/default-pins';
import { invoke } from '../api';
import { useFailure } from '../app-context';
import { pinOwner } from '../certificate-words';
import { formatDate, tlsBadge } from '../format';
import { t } from '../i18n';
import { CertificateSummary } from '../ui/certificate-summary';
import { PinMismatchNotice, type MismatchFacts } from '../ui/pin-mismatch-notice';
import { ProblemNotice } from '../ui/problem-notice';
import { RepinDialog } from './repin-dialog';

/** `host:port` of an origin, the port written even when it is the default. */
export function serverOf(origin: string): string {
  try {
    const url = new URL(origin);
    return `${url.hostname}:${url.port === '' ? (url.protocol === 'http:' ? '80' : '443') : url.port}`;
  } catch {
    return origin;
  }
}

function mismatchFacts(profile: Profile, tls: TlsInspection): MismatchFacts {
  const leaf = tls.chain[0];
  return {
    server: serverOf(profile.origin),
    presentedIssuer: leaf?.issuer ?? null,
    presentedNames: tls.chain.map((c) => c.subject),
    presentedPins: tls.chain.map((c) => c.pin),
    expectedIssuer: profile.certificateIssuer ?? null,
    expectedPins: profile.pins,
    fingerprint: leaf?.fingerprintSha256 ?? null,
  };
}

/** The pins as a list, each named by the certificate of `chain` that holds it, when it does. */
function PinList({ pins, chain }: { pins: readonly string[]; chain: readonly CertificateInfo[] }) {
  return (
    <ul className="pins">
      {pins.map((p) => {
        const owner = pinOwner(p, chain);
        return (
          <li key={p}>
            {owner !== null && <bdi className="ltr">{owner}</bdi>} <code className="fingerprint">{p}</code>
          </li>
        );
      })}
    </ul>
  );
}

export function ConnectionPanel({ profile, daysLeft, onChanged }: { profile: Profile; daysLeft: number | null; onChanged: () => Promise<void> }) {
  const [tls, setTls] = useState<TlsInspection | null>(null);
  const [repinning, setRepinning] = useState(false);
  const [busy, setBusy] = useState(false);
  /** What the last change saved, named from the chain it was made against. */
  const [saved, setSaved] = useState<{ pins: string[]; chain: CertificateInfo[] } | null>(null);
  const [problem, fail, clear] = useFailure();

  const inspect = useCallback(() => {
    if (profile.insecure) return;
    clear();
    invoke('profiles:inspectTls', { id: profile.id }).then(setTls, fail);
  }, [profile.id, profile.insecure, clear, fail]);
  useEffect(() => inspect(), [inspect]);

  const matches = tls?.chain.some((c) => profile.pins.includes(c.pin)) ?? null;
  const badge = matches === false ? { text: t('security.mismatchBadge'), tone: 'danger' } : tlsBadge(profile);
  const offer = tls === null ? null : authorityPinsOffer(profile, tls);

  async function done(next: Profile, chain: CertificateInfo[]) {
    setSaved({ pins: next.pins, chain });
    await onChanged();
  }

  async function useAuthorities() {
    if (tls === null) return;
    clear();
    setBusy(true);
    try {
      await done(await invoke('profiles:useAuthorityPins', { id: profile.id }), tls.chain);
    } catch (e) {
      fail(e);
    } finally {
      setBusy(false);
    }
  }

  const repinButton = (
    <button type="button" onClick={() => setRepinning(true)}>
      {t('security.repin')}
    </button>
  );

  return (
    <section className="panel" aria-labelledby="sec-conn">
      <h2 id="sec-conn">{t('security.connection')}</h2>
      <dl className="facts">
        <dt>{t('profiles.status')}</dt>
        <dd>
          <span className={`badge badge--${badge.tone}`}>{badge.text}</span>
        </dd>
        <dt>{t('problem.server')}</dt>
        <dd className="ltr">{serverOf(profile.origin)}</dd>
        {profile.insecure && (
          <>
            <dt>{t('security.tls')}</dt>
            <dd>{t('security.tlsNone')}</dd>
          </>
        )}
        {profile.certificateValidTo !== null && (
          <>
            <dt>{t('security.validUntil')}</dt>
            <dd>
              {formatDate(profile.certificateValidTo)}
              {daysLeft !== null && daysLeft <= 30 && <strong className="warn-text"> {t('security.daysLeft', { days: daysLeft })}</strong>}
            </dd>
          </>
        )}
      </dl>
      {!profile.insecure && tls === null && problem === null && <p className="meta">{t('security.checking')}</p>}
      {problem !== null && (
        <ProblemNotice problem={problem}>
          <button type="button" onClick={inspect}>
            {t('security.checkAgain')}
          </button>
        </ProblemNotice>
      )}
      {saved !== null && (
        <div className="notice notice--ok" role="status" data-testid="pins-result">
          <p className="notice__title">{t('security.pinsSaved')}</p>
          <p>{t('pins.savedNow', { count: saved.pins.length })}</p>
          <PinList pins={saved.pins} chain={saved.chain} />
        </div>
      )}
      {tls !== null && (
        <>
          {matches === false ? (
            <PinMismatchNotice facts={mismatchFacts(profile, tls)} title={t('security.mismatchTitle')} todo={t('security.mismatchBody')}>
              {repinButton}
            </PinMismatchNotice>
          ) : (
            <p className="notice notice--ok">{t('security.matches')}</p>
          )}
          <CertificateSummary tls={tls} pins={profile.pins} verdict={matches !== false} />
          {offer !== null && (
            <div className="notice" data-testid="authority-offer">
              <p className="notice__title">{t('pins.offerTitle')}</p>
              <p>{t('pins.offerBody')}</p>
              <PinList pins={offer} chain={tls.chain} />
              <div className="actions">
                <button type="button" className="primary" disabled={busy} onClick={() => void useAuthorities()} data-main-control>
                  {t('pins.useAuthorities')}
                </button>
              </div>
            </div>
          )}
        </>
      )}
      {!profile.insecure && (
        <details className="fold" data-testid="saved-pins">
          <summary>
            {t('security.savedPins')} · {tlsBadge(profile).text}
          </summary>
          {profile.pins.length === 0 ? <p>{t('security.noPins')}</p> : <PinList pins={profile.pins} chain={tls?.chain ?? []} />}
          {tls !== null && matches !== false && (
            <>
              <p className="meta">{t('pins.repinAdvanced')}</p>
              <div className="actions">{repinButton}</div>
            </>
          )}
        </details>
      )}
      {repinning && tls !== null && (
        <RepinDialog
          profile={profile}
          tls={tls}
          onClose={() => setRepinning(false)}
          onDone={async (next) => {
            setRepinning(false);
            await done(next, tls.chain);
          }}
        />
      )}
    </section>
  );
}
