// Why: the login and the credential, then a connection test with them. The credential
// field is write-only: uncontrolled, read once on submit and emptied by the wizard, never
// filled back. A refused credential is explained under its field, where the focus returns.
import { useEffect, type FormEvent, type RefObject } from 'react';
import { t } from '../../i18n';
import { SECRET_NAME } from './method-words';
import { describedBy, FieldMessage, hasMessage, messageId, StepActions, StepProblem, type StepProps } from './step-parts';

export function CredentialsStep({
  state,
  dispatch,
  ids,
  problem,
  secretRef,
  loginRef,
  onSubmit,
}: StepProps & { secretRef: RefObject<HTMLInputElement | null>; loginRef: RefObject<HTMLInputElement | null>; onSubmit: (e: FormEvent) => void }) {
  // The main control: the login, or the credential once the login is there (back from the review).
  useEffect(() => (state.login.trim() === '' ? loginRef : secretRef).current?.focus(), []);
  const method = state.method;
  const secretWrong = hasMessage(state, 'secret') || problem !== null;
  return (
    <form onSubmit={onSubmit} noValidate aria-labelledby={`${ids}-step`}>
      <h2 id={`${ids}-step`}>{t('wizard.credTitle')}</h2>
      <p>{t('wizard.credLead')}</p>
      <div className="field">
        <label htmlFor={`${ids}-login`}>{t('security.login')}</label>
        <input
          ref={loginRef}
          id={`${ids}-login`}
          value={state.login}
          onChange={(e) => dispatch({ type: 'set', field: 'login', value: e.target.value })}
          autoComplete="username"
          spellCheck={false}
          maxLength={256}
          aria-invalid={hasMessage(state, 'login')}
          aria-describedby={describedBy(hasMessage(state, 'login') && messageId(ids, 'login'))}
        />
        <FieldMessage state={state} field="login" ids={ids} />
      </div>
      <div className="field">
        <label htmlFor={`${ids}-secret`}>{t(SECRET_NAME[method])}</label>
        <input
          ref={secretRef}
          id={`${ids}-secret`}
          type="password"
          autoComplete="off"
          spellCheck={false}
          maxLength={1024}
          aria-invalid={secretWrong}
          aria-describedby={describedBy(`${ids}-secret-hint`, hasMessage(state, 'secret') && messageId(ids, 'secret'), problem !== null && messageId(ids, 'problem'))}
        />
        <p className="hint" id={`${ids}-secret-hint`}>
          {method === 'api-key' ? t('wizard.apiKeyHint') : method === 'account' ? t('wizard.secretHint.account') : t('wizard.passwordHint')}
        </p>
        <FieldMessage state={state} field="secret" ids={ids} />
        <StepProblem problem={problem} ids={ids} />
      </div>
      {method === 'account' && (
        <div className="choice">
          <input
            id={`${ids}-keep`}
            type="checkbox"
            checked={state.keepPassword}
            onChange={(e) => dispatch({ type: 'keepPassword', on: e.target.checked })}
            aria-describedby={`${ids}-keep-help`}
          />
          <label htmlFor={`${ids}-keep`}>{t('wizard.keepPassword')}</label>
          <p className="hint" id={`${ids}-keep-help`}>
            {t('wizard.keepPasswordHelp')}
          </p>
        </div>
      )}
      <StepActions state={state} dispatch={dispatch}>
        <button type="submit" className="primary" disabled={state.busy}>
          {state.busy ? t('wizard.testing') : t('wizard.test')}
        </button>
      </StepActions>
    </form>
  );
}
