// Why: editing a saved profile, on the wizard's state machine in its edit mode. The server
// and its pins stay (re-pinning lives on the Security page, behind an unlock); a new
// credential is tested before it is saved, and the field is write-only like the wizard's.
import { useEffect, useId, useReducer, useRef, type FormEvent } from 'react';
import type { Profile } from '../../../contract';
import { invoke } from '../../api';
import { useFailure } from '../../app-context';
import { EnvironmentEditor } from '../../environment-label';
import { t } from '../../i18n';
import type { View } from '../../navigation';
import { METHOD_NAME, SECRET_NAME } from './method-words';
import { describedBy, FieldMessage, hasMessage, messageId, StepProblem } from './step-parts';
import { checkEdit, draftOf, editState, methodsOf, mustTypeSecret, wizardReducer } from './wizard-state';

export function EditProfile({ profile, go, onSaved }: { profile: Profile; go: (v: View) => void; onSaved: (p: Profile) => void }) {
  const ids = useId();
  const [state, dispatch] = useReducer(wizardReducer, profile, editState);
  const [problem, fail, clear] = useFailure();
  const secretInput = useRef<HTMLInputElement>(null);
  useEffect(() => {
    invoke('policy:get', {}).then(
      (policy) => dispatch({ type: 'policy', methods: policy.signInMethods }),
      () => {},
    );
  }, []);
  const mustType = mustTypeSecret(state);
  const method = state.method;

  async function submit(e: FormEvent) {
    e.preventDefault();
    const input = secretInput.current;
    const typed = input?.value ?? '';
    if (input) input.value = '';
    clear();
    const invalid = checkEdit(state, typed !== '');
    if (invalid !== null) {
      dispatch({ type: 'invalid', invalid });
      input?.focus();
      return;
    }
    const draft = draftOf(state);
    dispatch({ type: 'busy' });
    try {
      if (typed !== '') {
        const { id: _id, keepPassword: _keep, ...forTest } = draft;
        await invoke('profiles:testConnection', { ...forTest, secret: typed });
      }
      onSaved(await invoke('profiles:save', typed === '' ? draft : { ...draft, secret: typed }));
    } catch (err) {
      dispatch({ type: 'failed' });
      fail(err);
    }
  }

  const secretWrong = hasMessage(state, 'secret') || problem !== null;
  return (
    <section aria-labelledby="edit-title" className="wizard">
      <h1 id="edit-title" tabIndex={-1}>
        {t('edit.title', { label: profile.label })}
      </h1>
      <form onSubmit={(e) => void submit(e)} noValidate className="panel">
        <dl className="facts facts--inline">
          <dt>{t('problem.server')}</dt>
          <dd className="ltr">{profile.origin}</dd>
        </dl>
        <div className="field">
          <label htmlFor={`${ids}-label`}>{t('wizard.name')}</label>
          <input id={`${ids}-label`} value={state.label} onChange={(e) => dispatch({ type: 'set', field: 'label', value: e.target.value })} maxLength={256} />
        </div>
        <div className="field">
          <label htmlFor={`${ids}-db`}>{t('home.database')}</label>
          <input
            id={`${ids}-db`}
            value={state.database}
            onChange={(e) => dispatch({ type: 'set', field: 'database', value: e.target.value })}
            maxLength={256}
            spellCheck={false}
          />
        </div>
        <div className="field">
          <label htmlFor={`${ids}-login`}>{t('security.login')}</label>
          <input
            id={`${ids}-login`}
            value={state.login}
            onChange={(e) => dispatch({ type: 'set', field: 'login', value: e.target.value })}
            maxLength={256}
            autoComplete="username"
            spellCheck={false}
          />
        </div>
        <EnvironmentEditor value={state.environment} onChange={(value) => dispatch({ type: 'environment', value })} />
        <fieldset className="plain">
          <legend>{t('wizard.methodLegend')}</legend>
          <div className="choices">
            {methodsOf(state).map((m) => (
              <div className="check" key={m}>
                <input id={`${ids}-m-${m}`} type="radio" name="method" checked={method === m} onChange={() => dispatch({ type: 'method', method: m })} />
                <label htmlFor={`${ids}-m-${m}`}>
                  {t(METHOD_NAME[m])}
                  {m === 'account' && <span className="badge badge--ok">{t('wizard.recommended')}</span>}
                </label>
              </div>
            ))}
          </div>
        </fieldset>
        <div className="field">
          <label htmlFor={`${ids}-secret`}>{mustType ? t(SECRET_NAME[method]) : t(method === 'api-key' ? 'edit.newApiKey' : 'edit.newPassword')}</label>
          <input
            ref={secretInput}
            id={`${ids}-secret`}
            type="password"
            autoComplete="off"
            maxLength={4096}
            aria-invalid={secretWrong}
            aria-describedby={describedBy(`${ids}-secret-hint`, hasMessage(state, 'secret') && messageId(ids, 'secret'), problem !== null && messageId(ids, 'problem'))}
          />
          <p className="hint" id={`${ids}-secret-hint`}>
            {mustType ? t('edit.secretTested') : t('edit.secretKeep')}
          </p>
          <FieldMessage state={state} field="secret" ids={ids} />
          <StepProblem problem={problem} ids={ids} />
        </div>
        <div className="actions">
          <button type="button" onClick={() => go({ name: 'profiles' })}>
            {t('common.cancel')}
          </button>
          <button type="submit" className="primary" disabled={state.busy}>
            {state.busy ? t('wizard.saving') : t('edit.save')}
          </button>
        </div>
      </form>
    </section>
  );
}
