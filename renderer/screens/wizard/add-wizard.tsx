// Why: adding a profile, step by step, on one state machine (wizard-state.ts). This
// component does what the reducer cannot: the requests to main (probe, connection test,
// save) and the typed credential, held in a ref between the test and the save and dropped
// after (or when the wizard goes away, e.g. on lock). Nothing the UI shows is read back.
import { useEffect, useId, useReducer, useRef, type FormEvent } from 'react';
import type { Profile } from '../../../contract';
import { invoke } from '../../api';
import { useFailure } from '../../app-context';
import { t, type MessageKey } from '../../i18n';
import type { View } from '../../navigation';
import { CertificateStep } from './certificate-step';
import { CredentialsStep } from './credentials-step';
import { DatabaseStep } from './database-step';
import { MethodStep } from './method-step';
import { ReviewStep } from './review-step';
import { ServerStep } from './server-step';
import type { StepProps } from './step-parts';
import { addState, checkCredentials, checkServer, draftOf, stepsOf, wizardReducer, type Step } from './wizard-state';

const STEP_NAMES: Record<Step, MessageKey> = {
  server: 'wizard.step.server',
  certificate: 'wizard.step.certificate',
  database: 'wizard.step.database',
  method: 'wizard.step.method',
  credentials: 'wizard.step.credentials',
  review: 'wizard.step.review',
};

export function AddWizard({ go, onSaved }: { go: (v: View) => void; onSaved: (p: Profile) => void }) {
  const ids = useId();
  const [state, dispatch] = useReducer(wizardReducer, undefined, addState);
  const [problem, fail, clear] = useFailure();
  const panel = useRef<HTMLDivElement>(null);
  const secretInput = useRef<HTMLInputElement>(null);
  const loginInput = useRef<HTMLInputElement>(null);
  /** The typed credential, between the connection test and the save. Never rendered. */
  const secret = useRef<string | null>(null);

  useEffect(() => () => void (secret.current = null), []);
  // A credential typed for one sign-in method is never sent as another's.
  useEffect(() => void (secret.current = null), [state.method]);
  // The administrator's policy decides which sign-in methods the method step offers.
  useEffect(() => {
    invoke('policy:get', {}).then(
      (policy) => dispatch({ type: 'policy', methods: policy.signInMethods }),
      () => {},
    );
  }, []);
  // A new step starts without the last step's failure.
  useEffect(() => clear(), [state.step, clear]);
  // A message about a control brings the focus to that control.
  useEffect(() => {
    if (state.invalid !== null) panel.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [state.invalid]);

  async function probe(e: FormEvent) {
    e.preventDefault();
    const invalid = checkServer(state);
    if (invalid !== null) return dispatch({ type: 'invalid', invalid });
    clear();
    dispatch({ type: 'busy' });
    try {
      dispatch({ type: 'probed', probe: await invoke('profiles:probe', { url: state.url.trim() }) });
    } catch (err) {
      dispatch({ type: 'failed' });
      fail(err);
    }
  }

  async function test(e: FormEvent) {
    e.preventDefault();
    const input = secretInput.current;
    const typed = input?.value ?? '';
    const invalid = checkCredentials(state, typed !== '' || secret.current !== null);
    if (invalid !== null) return dispatch({ type: 'invalid', invalid });
    if (typed !== '') secret.current = typed;
    if (input) input.value = '';
    clear();
    dispatch({ type: 'busy' });
    try {
      const { keepPassword: _keep, ...forTest } = draftOf(state);
      const result = await invoke('profiles:testConnection', { ...forTest, secret: secret.current ?? '' });
      dispatch({ type: 'tested', identity: result.status === 'ok' ? result.identity : null });
    } catch (err) {
      secret.current = null;
      dispatch({ type: 'failed' });
      fail(err);
      input?.focus();
    }
  }

  async function save(e: FormEvent) {
    e.preventDefault();
    if (state.busy) return;
    clear();
    dispatch({ type: 'busy' });
    try {
      const saved = await invoke('profiles:save', { ...draftOf(state), secret: secret.current ?? undefined });
      secret.current = null;
      onSaved(saved);
    } catch (err) {
      dispatch({ type: 'failed' });
      fail(err);
    }
  }

  const props: StepProps = { state, dispatch, ids, problem };
  const steps = stepsOf(state);
  const current = steps.indexOf(state.step as Step);
  let body;
  switch (state.step) {
    case 'server':
      body = <ServerStep {...props} onSubmit={(e) => void probe(e)} onCancel={() => go({ name: 'profiles' })} />;
      break;
    case 'certificate':
      body = <CertificateStep {...props} />;
      break;
    case 'database':
      body = <DatabaseStep {...props} />;
      break;
    case 'method':
      body = <MethodStep {...props} />;
      break;
    case 'credentials':
      body = <CredentialsStep {...props} secretRef={secretInput} loginRef={loginInput} onSubmit={(e) => void test(e)} />;
      break;
    case 'review':
      body = <ReviewStep {...props} onSubmit={(e) => void save(e)} />;
      break;
    default:
      body = null;
  }

  return (
    <section aria-labelledby="wizard-title" className="wizard">
      <h1 id="wizard-title" tabIndex={-1}>
        {t('wizard.title')}
      </h1>
      <ol className="steps" aria-label={t('wizard.steps')}>
        {steps.map((s, i) => (
          <li key={s} aria-current={i === current ? 'step' : undefined} className={i < current ? 'done' : i === current ? 'current' : ''}>
            <span className="steps__n" aria-hidden="true">
              {i < current ? '✓' : i + 1}
            </span>
            {t(STEP_NAMES[s])}
          </li>
        ))}
      </ol>
      <div className="panel" ref={panel}>
        {body}
      </div>
    </section>
  );
}
