// Why: one way to show a failure everywhere — what happened, what to do, and for a
// certificate problem the fingerprint that was presented. There is deliberately no
// "continue anyway" for certificate failures: the only way forward is an explicit re-pin.
import type { ReactNode } from 'react';
import type { Problem } from '../errors';
import { Fingerprint } from './certificate-card';

export function ProblemNotice({ problem, children }: { problem: Problem; children?: ReactNode }) {
  return (
    <div className="notice notice--error" role="alert" data-error-code={problem.code}>
      <p className="notice__title">{problem.title}</p>
      {problem.detail !== null && <p className="notice__detail">{problem.detail}</p>}
      <p>{problem.todo}</p>
      {problem.fingerprint !== null && (
        <dl className="facts">
          {problem.host !== null && (
            <>
              <dt>Server</dt>
              <dd>{problem.host}</dd>
            </>
          )}
          <dt>Presented certificate (SHA-256)</dt>
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
