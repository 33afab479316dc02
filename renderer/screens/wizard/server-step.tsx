// Why: the first step — where the person's Odoo is. The address is checked by main (probe:
// version, databases, certificate) before anything else is asked; a refused address is
// explained under the address field, and the focus stays in that field to correct it.
import type { FormEvent } from 'react';
import { t } from '../../i18n';
import { describedBy, FieldMessage, hasMessage, messageId, StepProblem, useStepFocus, type StepProps } from './step-parts';

/** An address reads the same in every language. */
const URL_EXAMPLE = 'https://mycompany.odoo.com';

export function ServerStep({ state, dispatch, ids, problem, onSubmit, onCancel }: StepProps & { onSubmit: (e: FormEvent) => void; onCancel: () => void }) {
  // Back to the address field whenever a message about it appears.
  const urlRef = useStepFocus<HTMLInputElement>(problem ?? state.invalid);
  const wrong = hasMessage(state, 'url') || problem !== null;
  return (
    <form onSubmit={onSubmit} noValidate aria-labelledby={`${ids}-step`}>
      <h2 id={`${ids}-step`}>{t('wizard.whereTitle')}</h2>
      <div className="field">
        <label htmlFor={`${ids}-url`}>{t('wizard.url')}</label>
        <input
          ref={urlRef}
          id={`${ids}-url`}
          type="url"
          inputMode="url"
          dir="ltr"
          placeholder={URL_EXAMPLE}
          value={state.url}
          onChange={(e) => dispatch({ type: 'set', field: 'url', value: e.target.value })}
          autoComplete="url"
          spellCheck={false}
          maxLength={2048}
          aria-invalid={wrong}
          aria-describedby={describedBy(`${ids}-url-hint`, hasMessage(state, 'url') && messageId(ids, 'url'), problem !== null && messageId(ids, 'problem'))}
          required
        />
        <p className="hint" id={`${ids}-url-hint`}>
          {t('wizard.urlHint')}
        </p>
        <FieldMessage state={state} field="url" ids={ids} />
        <StepProblem problem={problem} ids={ids} />
      </div>
      <div className="field">
        <label htmlFor={`${ids}-label`}>{t('wizard.labelOptional')}</label>
        <input
          id={`${ids}-label`}
          value={state.label}
          onChange={(e) => dispatch({ type: 'set', field: 'label', value: e.target.value })}
          maxLength={256}
          placeholder={t('wizard.labelPlaceholder')}
        />
      </div>
      <div className="actions">
        <button type="button" onClick={onCancel}>
          {t('common.cancel')}
        </button>
        <button type="submit" className="primary" disabled={state.busy}>
          {state.busy ? t('wizard.checking') : t('wizard.check')}
        </button>
      </div>
    </form>
  );
}
