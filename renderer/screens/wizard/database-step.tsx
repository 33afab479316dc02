// Why: which database on the server. Only asked when there is a choice: a server with
// exactly one database skips this step (the review names it), one that lists several
// offers them, one that hides its list lets the person type the name.
import type { FormEvent } from 'react';
import { hostOf } from '../../format';
import { t } from '../../i18n';
import { describedBy, FieldMessage, hasMessage, messageId, StepActions, useStepFocus, type StepProps } from './step-parts';

export function DatabaseStep({ state, dispatch, ids }: StepProps) {
  const main = useStepFocus<HTMLInputElement>();
  const probe = state.probe;
  if (probe === null) return null;
  const listed = probe.databases ?? [];
  const wrong = hasMessage(state, 'database');
  const described = describedBy(wrong && messageId(ids, 'database'));
  const set = (value: string) => dispatch({ type: 'set', field: 'database', value });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    dispatch({ type: 'next' });
  };
  // The radio that takes the focus: the chosen one, else the first.
  const focused = listed.includes(state.database) ? state.database : listed[0];

  return (
    <form onSubmit={submit} noValidate aria-labelledby={`${ids}-step`}>
      <h2 id={`${ids}-step`}>{t('wizard.dbTitle')}</h2>
      {listed.length > 0 ? (
        <fieldset className="plain" aria-describedby={described}>
          <legend>{t('wizard.dbList', { host: hostOf(probe.origin) })}</legend>
          <div className="choices">
            {listed.map((db) => (
              <div className="check" key={db}>
                <input
                  ref={db === focused ? main : undefined}
                  id={`${ids}-db-${db}`}
                  type="radio"
                  name="database"
                  value={db}
                  checked={state.database === db}
                  onChange={() => set(db)}
                  aria-invalid={wrong}
                />
                <label htmlFor={`${ids}-db-${db}`}>{db}</label>
              </div>
            ))}
          </div>
        </fieldset>
      ) : (
        <div className="field">
          <label htmlFor={`${ids}-db`}>{t('wizard.dbName')}</label>
          <input
            ref={main}
            id={`${ids}-db`}
            value={state.database}
            onChange={(e) => set(e.target.value)}
            maxLength={256}
            spellCheck={false}
            aria-invalid={wrong}
            aria-describedby={describedBy(`${ids}-db-hint`, described)}
          />
          <p className="hint" id={`${ids}-db-hint`}>
            {t('wizard.dbHint')}
          </p>
        </div>
      )}
      <FieldMessage state={state} field="database" ids={ids} />
      <StepActions state={state} dispatch={dispatch}>
        <button type="submit" className="primary">
          {t('common.continue')}
        </button>
      </StepActions>
    </form>
  );
}
