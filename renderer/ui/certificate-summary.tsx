// Why: most servers carry a certificate the system already trusts, and for those one line
// says all a person needs — "Verified by Let's Encrypt" — with the certificates folded away
// for whoever wants them. A certificate the system does not trust is said in plain words
// (self-signed, expired, another name…); the OS's code stays in the folded details.
import type { TlsInspection } from '../../contract';
import { authorityName, reasonWords } from '../certificate-words';
import { t } from '../i18n';
import { CertificateCard } from './certificate-card';

export function CertificateSummary({
  tls,
  pins,
  verdict = true,
}: {
  tls: TlsInspection;
  /** The profile's pins: each certificate says whether its key is one of them. */
  pins?: readonly string[];
  /** false: only the folded details (a pin mismatch already says what matters). */
  verdict?: boolean;
}) {
  const leaf = tls.chain[0];
  const verified = tls.trustedByOs && leaf !== undefined;
  return (
    <div className="cert-summary" data-testid="certificate-summary">
      {!verdict ? null : verified ? (
        <p className="cert-summary__line" data-testid="verified-by">
          <span aria-hidden="true">✓ </span>
          {t('certWords.verifiedBy', { name: authorityName(leaf.issuer) })}
        </p>
      ) : (
        <div className="notice notice--warn" data-testid="not-verified">
          <p className="notice__title">{leaf?.selfSigned === true ? t('certWords.selfSignedTitle') : t('certWords.notVerifiedTitle')}</p>
          <p>{reasonWords(tls.osError)}</p>
        </div>
      )}
      <details className="fold">
        <summary>{t('security.presentedNow')}</summary>
        {tls.chain.map((c, i) => (
          <CertificateCard key={c.pin} cert={c} index={i} total={tls.chain.length}>
            {pins !== undefined && (
              <p className={pins.includes(c.pin) ? 'ok-text' : 'meta'}>{pins.includes(c.pin) ? t('security.pinned') : t('tls.notPinned')}</p>
            )}
          </CertificateCard>
        ))}
        <p className="meta">
          {t('security.tls')} <span className="ltr">{tls.protocol}</span>
          {tls.osError !== null && (
            <>
              {' · '}
              {t('certWords.code')} <code className="ltr">{tls.osError}</code>
            </>
          )}
        </p>
      </details>
    </div>
  );
}
