// Why: trust-on-first-use only protects anyone if the person can compare what they see
// with what their administrator says, so a certificate is always shown in full: subject,
// issuer, names, validity, SHA-256 fingerprint and the SPKI pin that would be saved.
import { Fragment, type ReactNode } from 'react';
import type { CertificateInfo } from '../../contract';
import { daysUntil, formatDate } from '../format';
import { t } from '../i18n';

/** A fingerprint that wraps between byte pairs, never inside one. */
export function Fingerprint({ value }: { value: string }) {
  const parts = value.split(':');
  return (
    <code className="fingerprint">
      {parts.map((p, i) => (
        <Fragment key={i}>
          {p}
          {i < parts.length - 1 && (
            <>
              :<wbr />
            </>
          )}
        </Fragment>
      ))}
    </code>
  );
}

export function roleOf(index: number, total: number, cert: CertificateInfo): string {
  if (index === 0) return cert.selfSigned ? t('cert.serverSelfSigned') : t('cert.server');
  if (index === total - 1 && cert.selfSigned) return t('cert.root');
  return t('cert.issuer');
}

export function CertificateCard({ cert, index, total, children }: { cert: CertificateInfo; index: number; total: number; children?: ReactNode }) {
  const days = daysUntil(cert.validTo);
  return (
    <div className="cert" data-testid={`cert-${index}`}>
      <p className="cert__role">{roleOf(index, total, cert)}</p>
      <dl className="facts">
        <dt>{t('cert.subject')}</dt>
        <dd className="ltr">{cert.subject}</dd>
        <dt>{t('cert.issuerField')}</dt>
        <dd className="ltr">{cert.issuer}</dd>
        {cert.subjectAltNames.length > 0 && (
          <>
            <dt>{t('cert.names')}</dt>
            <dd className="ltr">{cert.subjectAltNames.join(', ')}</dd>
          </>
        )}
        <dt>{t('cert.valid')}</dt>
        <dd>
          {t('cert.validRange', { from: formatDate(cert.validFrom), to: formatDate(cert.validTo) })}
          {days !== null && days < 0 && <strong className="danger-text"> {t('cert.expired')}</strong>}
          {days !== null && days >= 0 && days <= 30 && <strong className="warn-text"> {t('cert.expiresIn', { days })}</strong>}
        </dd>
        <dt>{t('cert.fingerprint')}</dt>
        <dd>
          <Fingerprint value={cert.fingerprintSha256} />
        </dd>
        <dt>{t('cert.pin')}</dt>
        <dd>
          <code className="fingerprint">{cert.pin}</code>
        </dd>
      </dl>
      {children}
    </div>
  );
}
