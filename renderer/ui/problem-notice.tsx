// Why: one way to show a failure everywhere — what happened, what to do, and for a
// certificate problem the fingerprint that was presented. There is deliberately no
// "continue anyway" for certificate failures: the only way forward is an explicit re-pin.
// A certificate the system refused is explained in words; its code only in folded details.
import type { ReactNode } from 'react';
import { reasonWords } from '../certificate-words';
import type { Problem } from '../errors';
import { t } from '../i18n';
import { Fingerprint } from './certificate-card';
import { PinMismatchNotice } from './pin-mismatch-notice';

export function ProblemNotice({ problem, children }: { problem: Problem; children?: ReactNode }) {
  const cert = problem.certificate;
  if (problem.code === 'tls_pin_mismatch' && cert !== null && problem.host !== null) {
    const server = cert.port === null ? problem.host : `${problem.host.includes(':') ? `[${problem.host}]` : problem.host}:${cert.port}`;
    return (
      <PinMismatchNotice facts={{ ...cert, server, fingerprint: problem.fingerprint }}>{children}</PinMismatchNotice>
    );
  }
  const reason = problem.code === 'tls_untrusted' ? (cert?.reason ?? null) : null;
  return (
    <div className="notice notice--error" role="alert" data-error-code={problem.code}>
      <p className="notice__title">{problem.title}</p>
      {problem.code === 'tls_untrusted' && <p className="notice__detail">{reasonWords(reason)}</p>}
      {problem.detail !== null &&
        (problem.detailFromOdoo ? (
          // Odoo's own words, as Odoo sent them (in the Odoo user's language), marked as Odoo's.
          <figure className="notice__detail notice__detail--odoo">
            <figcaption>{t('problem.odooSays')}</figcaption>
            <blockquote dir="auto">{problem.detail}</blockquote>
          </figure>
        ) : (
          <p className="notice__detail">{problem.detail}</p>
        ))}
      <p>{problem.todo}</p>
      {problem.fingerprint !== null && (
        <dl className="facts">
          {problem.host !== null && (
            <>
              <dt>{t('problem.server')}</dt>
              <dd className="ltr">{problem.host}</dd>
            </>
          )}
          <dt>{t('problem.presentedCertificate')}</dt>
          <dd>
            <span data-testid="presented-fingerprint">
              <Fingerprint value={problem.fingerprint} />
            </span>
          </dd>
        </dl>
      )}
      {reason !== null && <TechnicalDetails code={reason} />}
      {children !== undefined && <div className="actions">{children}</div>}
    </div>
  );
}

/** The raw verification code, folded away: for the administrator the person may call. */
export function TechnicalDetails({ code }: { code: string }) {
  return (
    <details className="fold">
      <summary>{t('certWords.technical')}</summary>
      <p>
        {t('certWords.code')} <code className="ltr">{code}</code>
      </p>
    </details>
  );
}
