// Why: one way to show a failure everywhere — what happened, what to do, and for a
// certificate problem the fingerprint that was presented. There is deliberately no
// "continue anyway" for certificate failures: the only way forward is an explicit re-pin.
import type { ReactNode } from 'react';
import type { Problem } from '../errors';
import { t } from '../i18n';
import { Fingerprint } from './certificate-card';

export function ProblemNotice({ problem, children }: { problem: Problem; children?: ReactNode }) {
  return (
    <div className="notice notice--error" role="alert" data-error-code={problem.code}>
      <p className="notice__title">{problem.title}</p>
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
      {children !== undefined && <div className="actions">{children}</div>}
    </div>
  );
}
