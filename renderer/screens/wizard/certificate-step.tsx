// Why: trust on first use, in plain words. A certificate the system trusts takes one
// sentence (who vouches for it), pinned by default to the keys of the authorities that
// issued it; the certificates themselves are folded away. A certificate the system does not
// trust says why in words, shows the fingerprint to compare, and pins the server's own key
// once the person confirms — one key is enough, and the warning says what that means. A
// backup pin stays possible, never required. The certificate is confirmed BEFORE any
// credential is typed, so a password never goes to a server the person has not accepted.
import type { FormEvent } from 'react';
import { t } from '../../i18n';
import { CertificateCard } from '../../ui/certificate-card';
import { describedBy, FieldMessage, hasMessage, messageId, StepActions, useStepFocus, type StepProps } from './step-parts';
import { authorityName, reasonWords } from '../../certificate-words';
import { allPins, needsTrust } from './wizard-state';

/** A pin reads the same in every language. */
const PIN_EXAMPLE = 'sha256/…';

export function CertificateStep({ state, dispatch, ids }: StepProps) {
  const main = useStepFocus<HTMLInputElement & HTMLButtonElement>();
  const probe = state.probe;
  if (probe === null) return null;
  const tls = probe.tls;
  const leaf = tls?.chain[0] ?? null;
  const untrusted = needsTrust(state);
  const count = allPins(state).length;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    dispatch({ type: 'next' });
  };

  return (
    <form onSubmit={submit} noValidate aria-labelledby={`${ids}-step`}>
      <h2 id={`${ids}-step`}>{tls === null ? t('wizard.httpTitle') : t('wizard.certTitle')}</h2>
      <dl className="facts facts--inline">
        <dt>{t('problem.server')}</dt>
        <dd className="ltr">{probe.origin}</dd>
        <dt>{t('wizard.odooVersion')}</dt>
        <dd>{probe.version.saas ? t('wizard.versionOnline', { version: probe.version.serverVersion }) : probe.version.serverVersion}</dd>
        <dt>{t('security.connection')}</dt>
        <dd>{tls === null ? t('wizard.httpConnection') : t('wizard.httpsConnection', { protocol: tls.protocol })}</dd>
      </dl>
      {tls === null ? (
        <>
          <div className="notice notice--warn">
            <p className="notice__title">{t('wizard.httpNoticeTitle')}</p>
            <p>{t('wizard.httpNoticeBody')}</p>
          </div>
          <div className="check">
            <input
              ref={main}
              id={`${ids}-accept`}
              type="checkbox"
              checked={state.acceptHttp}
              onChange={(e) => dispatch({ type: 'acceptHttp', on: e.target.checked })}
              aria-invalid={hasMessage(state, 'acceptHttp')}
              aria-describedby={describedBy(hasMessage(state, 'acceptHttp') && messageId(ids, 'acceptHttp'))}
            />
            <label htmlFor={`${ids}-accept`}>{t('wizard.httpAccept')}</label>
          </div>
          <FieldMessage state={state} field="acceptHttp" ids={ids} />
        </>
      ) : untrusted ? (
        <>
          <div className="notice notice--warn" role="note">
            <p className="notice__title">{reasonWords(tls.osError ?? (leaf?.selfSigned === true ? 'DEPTH_ZERO_SELF_SIGNED_CERT' : null))}</p>
            <p>{t('wizard.untrustedBody')}</p>
            <p>{t('wizard.oneKeyWarning')}</p>
            {tls.osError !== null && (
              <details className="tech">
                <summary>{t('wizard.technicalDetails')}</summary>
                <code className="ltr">{tls.osError}</code>
              </details>
            )}
          </div>
          {leaf !== null && <CertificateCard cert={leaf} index={0} total={tls.chain.length} />}
          <div className="check">
            <input
              ref={main}
              id={`${ids}-trust`}
              type="checkbox"
              checked={state.trustSelfSigned}
              onChange={(e) => dispatch({ type: 'trust', on: e.target.checked })}
              aria-invalid={hasMessage(state, 'trust')}
              aria-describedby={describedBy(hasMessage(state, 'trust') && messageId(ids, 'trust'))}
            />
            <label htmlFor={`${ids}-trust`}>{t('wizard.trust')}</label>
          </div>
          <FieldMessage state={state} field="trust" ids={ids} />
        </>
      ) : (
        <>
          <div className="notice notice--ok">
            <p className="notice__title">{t('wizard.verifiedBy', { authority: authorityName(leaf?.issuer ?? '') })}</p>
            <p>{t('wizard.authorityPins')}</p>
          </div>
          <details className="certs" open={hasMessage(state, 'pins')}>
            <summary>{t('wizard.showCertificates')}</summary>
            <fieldset className="plain" aria-describedby={describedBy(hasMessage(state, 'pins') && messageId(ids, 'pins'))}>
              <legend>{t('wizard.presented')}</legend>
              {tls.chain.map((cert, i) => (
                <CertificateCard key={cert.pin} cert={cert} index={i} total={tls.chain.length}>
                  <div className="check">
                    <input
                      id={`${ids}-pin-${i}`}
                      type="checkbox"
                      checked={state.pins.includes(cert.pin)}
                      aria-invalid={hasMessage(state, 'pins')}
                      onChange={(e) => dispatch({ type: 'pin', pin: cert.pin, on: e.target.checked })}
                    />
                    <label htmlFor={`${ids}-pin-${i}`}>{i === 0 ? t('wizard.pinThis') : t('wizard.pinThisBackup')}</label>
                  </div>
                </CertificateCard>
              ))}
            </fieldset>
          </details>
          <FieldMessage state={state} field="pins" ids={ids} />
        </>
      )}
      {tls !== null && (
        <div className="field">
          <label htmlFor={`${ids}-backup`}>{t('wizard.backupPin')}</label>
          <input
            id={`${ids}-backup`}
            value={state.backupPin}
            onChange={(e) => dispatch({ type: 'set', field: 'backupPin', value: e.target.value })}
            dir="ltr"
            placeholder={PIN_EXAMPLE}
            spellCheck={false}
            autoComplete="off"
            aria-invalid={hasMessage(state, 'backup')}
            aria-describedby={describedBy(`${ids}-backup-hint`, hasMessage(state, 'backup') && messageId(ids, 'backup'))}
          />
          <p className="hint" id={`${ids}-backup-hint`}>
            {t('wizard.backupHint')}
          </p>
          <FieldMessage state={state} field="backup" ids={ids} />
        </div>
      )}
      <StepActions state={state} dispatch={dispatch}>
        <button ref={tls !== null && !untrusted ? main : undefined} type="submit" className="primary">
          {tls === null ? t('common.continue') : t('wizard.trustAndPin', { count })}
        </button>
      </StepActions>
    </form>
  );
}
