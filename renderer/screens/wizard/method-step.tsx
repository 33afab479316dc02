// Why: how the person signs in, in words they recognise, the recommended way first and
// chosen; the odoo_jwt method only where the server has the module.
import type { FormEvent } from 'react';
import { t } from '../../i18n';
import { METHOD_HINT, METHOD_NAME } from './method-words';
import { StepActions, useStepFocus, type StepProps } from './step-parts';
import { methodsOf } from './wizard-state';

export function MethodStep({ state, dispatch, ids }: StepProps) {
  const main = useStepFocus<HTMLInputElement>();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    dispatch({ type: 'next' });
  };
  return (
    <form onSubmit={submit} aria-labelledby={`${ids}-step`}>
      <h2 id={`${ids}-step`}>{t('wizard.methodTitle')}</h2>
      <fieldset className="plain">
        <legend>{t('wizard.methodLegend')}</legend>
        <div className="choices">
          {methodsOf(state).map((m) => (
            <div className="choice" key={m}>
              <input
                ref={state.method === m ? main : undefined}
                id={`${ids}-m-${m}`}
                type="radio"
                name="method"
                checked={state.method === m}
                onChange={() => dispatch({ type: 'method', method: m })}
                aria-describedby={`${ids}-m-${m}-help`}
              />
              <label htmlFor={`${ids}-m-${m}`}>
                {t(METHOD_NAME[m])}
                {m === 'account' && <span className="badge badge--ok">{t('wizard.recommended')}</span>}
              </label>
              <p className="hint" id={`${ids}-m-${m}-help`}>
                {t(METHOD_HINT[m])}
              </p>
            </div>
          ))}
        </div>
      </fieldset>
      <StepActions state={state} dispatch={dispatch}>
        <button type="submit" className="primary">
          {t('common.continue')}
        </button>
      </StepActions>
    </form>
  );
}
