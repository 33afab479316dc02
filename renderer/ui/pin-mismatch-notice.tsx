// Why: a pin mismatch is the one failure where the person must judge who they are talking
// to, so it says it plainly: which server (host AND port), which authority presents the
// certificate NOW, which one was EXPECTED (and the saved keys, folded), and what to do —
// ask IT, or re-pin after re-confirming. There is no "continue anyway".
import type { ReactNode } from 'react';
import { authorityLabel } from '../certificate-words';
import { t } from '../i18n';
import { Fingerprint } from './certificate-card';

export interface MismatchFacts {
  /** `host:port`. */
  server: string;
  /** The issuer (distinguished name) of the certificate presented now, when known. */
  presentedIssuer: string | null;
  /** The presented chain, leaf first: names (distinguished) and key pins. */
  presentedNames: readonly string[];
  presentedPins: readonly string[];
  /** The issuer of the certificate last accepted for this profile, when known. */
  expectedIssuer: string | null;
  /** The profile's pins. */
  expectedPins: readonly string[];
  /** SHA-256 fingerprint of the certificate presented now. */
  fingerprint: string | null;
}

export function PinMismatchNotice({
  facts,
  title = t('error.tls_pin_mismatch.title'),
  todo = t('error.tls_pin_mismatch.todo'),
  children,
}: {
  facts: MismatchFacts;
  /** What happened and what to do; by default the error's own sentences. */
  title?: string;
  todo?: string;
  children?: ReactNode;
}) {
  return (
    <div className="notice notice--error mismatch" role="alert" data-error-code="tls_pin_mismatch" data-testid="pin-mismatch">
      <p className="notice__title">{title}</p>
      <p>{todo}</p>
      <dl className="facts">
        <dt>{t('problem.server')}</dt>
        <dd className="ltr" data-testid="mismatch-server">
          {facts.server}
        </dd>
        <dt>{t('mismatch.presentingNow')}</dt>
        <dd data-testid="mismatch-presenting">
          <bdi>{facts.presentedIssuer === null ? t('mismatch.unknownAuthority') : authorityLabel(facts.presentedIssuer)}</bdi>
          {facts.presentedIssuer !== null && facts.presentedIssuer === facts.expectedIssuer && (
            <span className="meta-inline"> {t('mismatch.sameAuthority')}</span>
          )}
        </dd>
        <dt>{t('mismatch.expected')}</dt>
        <dd data-testid="mismatch-expected">
          {facts.expectedIssuer === null ? (
            t('mismatch.expectedKeys', { count: facts.expectedPins.length })
          ) : (
            <bdi>{authorityLabel(facts.expectedIssuer)}</bdi>
          )}
        </dd>
        {facts.fingerprint !== null && (
          <>
            <dt>{t('problem.presentedCertificate')}</dt>
            <dd>
              <span data-testid="presented-fingerprint">
                <Fingerprint value={facts.fingerprint} />
              </span>
            </dd>
          </>
        )}
      </dl>
      <details className="fold">
        <summary>{t('mismatch.keys')}</summary>
        <p className="meta">{t('mismatch.presentedKeys')}</p>
        <ul className="pins">
          {facts.presentedPins.map((pin, i) => (
            <li key={pin}>
              <bdi className="ltr">{facts.presentedNames[i] ?? ''}</bdi> <code className="fingerprint">{pin}</code>
            </li>
          ))}
        </ul>
        <p className="meta">{t('mismatch.savedKeys')}</p>
        <ul className="pins">
          {facts.expectedPins.map((pin) => (
            <li key={pin}>
              <code className="fingerprint">{pin}</code>
            </li>
          ))}
        </ul>
      </details>
      {children !== undefined && <div className="actions">{children}</div>}
    </div>
  );
}
