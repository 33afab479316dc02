// Why: what every wizard step shares — the props a step gets, its message next to the
// control it is about (linked with aria-describedby, announced through role=alert), focus
// on the step's main control when the step appears, and the Back / main-action row.
import { useEffect, useRef, type Dispatch, type ReactNode } from 'react';
import type { Problem } from '../../errors';
import { t } from '../../i18n';
import { ProblemNotice } from '../../ui/problem-notice';
import type { Field, WizardAction, WizardState } from './wizard-state';

export interface StepProps {
  state: WizardState;
  dispatch: Dispatch<WizardAction>;
  /** Prefix for this wizard's element ids. */
  ids: string;
  /** What main answered when the step's request failed: shown next to the control that sent it. */
  problem: Problem | null;
}

/** The id of the message about `field`, for aria-describedby. */
export const messageId = (ids: string, field: Field | 'problem'): string => `${ids}-${field}-msg`;

/** The ids a control is described by: its hint, and its message when there is one. */
export function describedBy(...ids: (string | null | false | undefined)[]): string | undefined {
  const list = ids.filter((id): id is string => typeof id === 'string' && id !== '');
  return list.length > 0 ? list.join(' ') : undefined;
}

/** Whether the state holds a message about `field`. */
export function hasMessage(state: WizardState, field: Field): boolean {
  return state.invalid?.field === field;
}

/** The message about one control, placed next to it. */
export function FieldMessage({ state, field, ids }: { state: WizardState; field: Field; ids: string }) {
  const invalid = state.invalid;
  if (invalid === null || invalid.field !== field) return null;
  return (
    <p className="field-error" id={messageId(ids, field)} role="alert">
      {t(invalid.key, invalid.values)}
    </p>
  );
}

/** What main answered, next to the control that asked. */
export function StepProblem({ problem, ids }: { problem: Problem | null; ids: string }) {
  if (problem === null) return null;
  return (
    <div id={messageId(ids, 'problem')}>
      <ProblemNotice problem={problem} />
    </div>
  );
}

/** A ref whose element gets the focus when the step appears (and again when `again` changes). */
export function useStepFocus<T extends HTMLElement>(again: unknown = null) {
  const ref = useRef<T>(null);
  useEffect(() => {
    ref.current?.focus();
  }, [again]);
  return ref;
}

export function StepActions({ state, dispatch, children }: { state: WizardState; dispatch: Dispatch<WizardAction>; children: ReactNode }) {
  return (
    <div className="actions">
      <button type="button" onClick={() => dispatch({ type: 'back' })} disabled={state.busy}>
        {t('common.back')}
      </button>
      {children}
    </div>
  );
}
