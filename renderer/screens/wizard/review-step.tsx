// Why: right after a successful connection test, what will be saved and the Save button,
// which has the focus: Enter saves. A failed save is explained next to the button.
import type { FormEvent } from 'react';
import { EnvironmentEditor } from '../../environment-label';
import { t } from '../../i18n';
import { METHOD_NAME } from './method-words';
import { StepActions, StepProblem, useStepFocus, type StepProps } from './step-parts';
import { draftOf, onlyDatabase } from './wizard-state';

export function ReviewStep({ state, dispatch, ids, problem, onSubmit }: StepProps & { onSubmit: (e: FormEvent) => void }) {
  // Back on Save after a failed save (the button was disabled while saving, which drops the focus).
  const save = useStepFocus<HTMLButtonElement>(problem);
  const probe = state.probe;
  if (probe === null) return null;
  const d = draftOf(state);
  const identity = state.tested?.identity ?? null;
  const only = onlyDatabase(probe);
  return (
    <form onSubmit={onSubmit} aria-labelledby={`${ids}-step`}>
      <h2 id={`${ids}-step`}>{t('wizard.reviewTitle')}</h2>
      {identity !== null ? (
        <div className="notice notice--ok" role="status">
          <p className="notice__title">
            {identity.company !== null
              ? t('wizard.signedInAsCompany', { name: identity.name, company: identity.company })
              : t('wizard.signedInAs', { name: identity.name })}
          </p>
        </div>
      ) : (
        <div className="notice notice--ok" role="status">
          <p className="notice__title">{t('wizard.totpLaterTitle')}</p>
          <p>{state.method === 'account' ? t('wizard.totpLaterAccount') : t('wizard.totpLaterBody')}</p>
        </div>
      )}
      {state.method === 'account' && <p>{t('wizard.accountSaveNote', { kept: state.keepPassword ? 'yes' : 'no' })}</p>}
      <dl className="facts">
        <dt>{t('wizard.name')}</dt>
        <dd>{d.label}</dd>
        <dt>{t('problem.server')}</dt>
        <dd>
          <bdi className="ltr">{d.url}</bdi> ({t('common.odooVersion', { version: probe.version.serverVersion })})
        </dd>
        <dt>{t('home.database')}</dt>
        <dd>{only !== null ? t('wizard.dbOnlyOne', { name: only }) : d.database}</dd>
        <dt>{t('security.login')}</dt>
        <dd>
          <bdi>{d.login}</bdi>
        </dd>
        <dt>{t('wizard.methodLegend')}</dt>
        <dd>{t(METHOD_NAME[d.authMethod])}</dd>
        <dt>{t('wizard.pinnedKeys')}</dt>
        <dd>
          {d.pins.length === 0
            ? t('wizard.pinnedNone')
            : d.trustSelfSigned
              ? t('wizard.pinnedSelfSigned', { count: d.pins.length })
              : t('wizard.pinnedCount', { count: d.pins.length })}
        </dd>
      </dl>
      <EnvironmentEditor value={state.environment} onChange={(value) => dispatch({ type: 'environment', value })} />
      <StepProblem problem={problem} ids={ids} />
      <StepActions state={state} dispatch={dispatch}>
        <button ref={save} type="submit" className="primary" disabled={state.busy} aria-describedby={problem !== null ? `${ids}-problem-msg` : undefined}>
          {state.busy ? t('wizard.saving') : t('wizard.save')}
        </button>
      </StepActions>
    </form>
  );
}
