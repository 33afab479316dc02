// Why: the profile wizard is one state machine, so each step can be read alone and every
// move tested without a DOM: a pure reducer (what each action does to the state), the
// checks each step makes before it lets the person go on, and the selectors the screens
// read (which steps there are, the pins and the draft to send). Requests to main and the
// typed credential stay in the components: nothing secret ever enters this state.
import type { AuthMethod, ChannelOutput, Identity, Profile } from '../../../contract';
import { draftOfEnvironment, environmentOfDraft, type EnvironmentDraft } from '../../environment-draft';
import { hostOf } from '../../format';
import type { MessageKey, MessageValues } from '../../i18n';
import { defaultPins } from '../../../contract/default-pins';

export type Probe = ChannelOutput<'profiles:probe'>;
export type Step = 'server' | 'certificate' | 'database' | 'method' | 'credentials' | 'review';
export const ALL_STEPS: readonly Step[] = ['server', 'certificate', 'database', 'method', 'credentials', 'review'];

/** The contract's SPKI pin form (kept local: zod stays out of the renderer bundle). */
const PIN = /^sha256\/[A-Za-z0-9+/]{43}=$/;
export const MAX_PINS = 8;

/** The control a message is about: the screens show it next to that control. */
export type Field = 'url' | 'acceptHttp' | 'pins' | 'backup' | 'trust' | 'database' | 'login' | 'secret';
export interface Invalid {
  field: Field;
  key: MessageKey;
  values?: MessageValues;
}

export interface WizardState {
  /** 'add': the steps; 'edit': one form for a saved profile (server and pins stay). */
  mode: 'add' | 'edit';
  step: Step | 'edit';
  /** The profile being edited (edit mode only). */
  editing: Profile | null;
  url: string;
  label: string;
  probe: Probe | null;
  /** The keys of the presented chain the person pins (a pasted backup pin comes on top). */
  pins: string[];
  backupPin: string;
  trustSelfSigned: boolean;
  acceptHttp: boolean;
  database: string;
  method: AuthMethod;
  keepPassword: boolean;
  login: string;
  /** The environment label as the editor holds it (saved through environmentOfDraft). */
  environment: EnvironmentDraft;
  /** The sign-in methods the administrator's policy allows (null: every method). */
  allowedMethods: readonly AuthMethod[] | null;
  /** The connection test passed: who Odoo said we are (null: the two-factor code comes later). */
  tested: { identity: Identity | null } | null;
  busy: boolean;
  invalid: Invalid | null;
}

export type TextField = 'url' | 'label' | 'backupPin' | 'database' | 'login';

export type WizardAction =
  | { type: 'set'; field: TextField; value: string }
  | { type: 'pin'; pin: string; on: boolean }
  | { type: 'trust'; on: boolean }
  | { type: 'acceptHttp'; on: boolean }
  | { type: 'method'; method: AuthMethod }
  | { type: 'keepPassword'; on: boolean }
  | { type: 'environment'; value: EnvironmentDraft }
  /** The administrator's policy was read: only these methods may be offered. */
  | { type: 'policy'; methods: readonly AuthMethod[] }
  /** A request to main started / failed (the failure itself is the screen's to show). */
  | { type: 'busy' }
  | { type: 'failed' }
  | { type: 'invalid'; invalid: Invalid }
  | { type: 'probed'; probe: Probe }
  /** The certificate, database or method step is done: checked, then the next step. */
  | { type: 'next' }
  | { type: 'back' }
  | { type: 'tested'; identity: Identity | null };

const BLANK: WizardState = {
  mode: 'add',
  step: 'server',
  editing: null,
  url: '',
  label: '',
  probe: null,
  pins: [],
  backupPin: '',
  trustSelfSigned: false,
  acceptHttp: false,
  database: '',
  method: 'account',
  keepPassword: false,
  login: '',
  environment: draftOfEnvironment(null),
  allowedMethods: null,
  tested: null,
  busy: false,
  invalid: null,
};

export function addState(): WizardState {
  return BLANK;
}

export function editState(profile: Profile): WizardState {
  return {
    ...BLANK,
    mode: 'edit',
    step: 'edit',
    editing: profile,
    url: profile.origin,
    label: profile.label,
    pins: profile.pins,
    trustSelfSigned: profile.trustSelfSigned,
    database: profile.database,
    method: profile.authMethod,
    login: profile.login,
    environment: draftOfEnvironment(profile.environment),
  };
}

// ---------------------------------------------------------------------------------------
// Selectors.

/** The server's only database, when it lists exactly one: the database step is skipped. */
export function onlyDatabase(probe: Probe | null): string | null {
  return probe?.databases?.length === 1 ? (probe.databases[0] ?? null) : null;
}

/** The steps this server needs, in order. */
export function stepsOf(state: WizardState): Step[] {
  return onlyDatabase(state.probe) === null ? [...ALL_STEPS] : ALL_STEPS.filter((s) => s !== 'database');
}

export function backupValid(state: WizardState): boolean {
  const b = state.backupPin.trim();
  return b === '' || PIN.test(b);
}

/** The system does not trust the certificate: only its own key counts, after a confirmation. */
export function needsTrust(state: WizardState): boolean {
  const tls = state.probe?.tls ?? null;
  return tls !== null && !tls.trustedByOs;
}

/** Every pin the profile will keep: the chosen chain keys and a valid pasted backup. */
export function allPins(state: WizardState): string[] {
  if (state.mode === 'edit') return state.pins;
  if (state.probe?.tls == null) return [];
  const b = state.backupPin.trim();
  return [...new Set([...state.pins, ...(b !== '' && backupValid(state) ? [b] : [])])];
}

/** What a new profile can pick; 'password' (kept password) only stays on profiles that have it. */
export function methodsOf(state: WizardState): AuthMethod[] {
  const base: AuthMethod[] = ['account', 'api-key'];
  let methods: AuthMethod[];
  if (state.mode === 'edit') {
    const current = state.editing?.authMethod;
    methods = current === 'password' || current === 'jwt' ? [...base, current] : base;
  } else methods = state.probe?.jwtModule ? [...base, 'jwt'] : base;
  const allowed = state.allowedMethods;
  // The administrator's policy: only what it allows (a saved profile keeps showing its own).
  return allowed === null ? methods : methods.filter((m) => allowed.includes(m) || (state.mode === 'edit' && m === state.editing?.authMethod));
}

/** Editing: a credential must be typed when the method changes or none is saved. */
export function mustTypeSecret(state: WizardState): boolean {
  const p = state.editing;
  return p === null || state.method !== p.authMethod || !p.hasSecret;
}

/** The profile as `profiles:testConnection` / `profiles:save` take it (without the credential). */
export function draftOf(state: WizardState) {
  const p = state.editing;
  const origin = p?.origin ?? state.probe?.origin ?? state.url.trim();
  return {
    ...(p === null ? {} : { id: p.id }),
    label: state.label.trim() || (p?.label ?? hostOf(origin)),
    url: origin,
    database: state.database.trim(),
    login: state.login.trim(),
    authMethod: state.method,
    transport: p?.transport ?? ('auto' as const),
    pins: allPins(state),
    trustSelfSigned: p?.trustSelfSigned ?? (needsTrust(state) && state.trustSelfSigned),
    ...(p === null && state.method === 'account' ? { keepPassword: state.keepPassword } : {}),
    environment: environmentOfDraft(state.environment),
  };
}

// ---------------------------------------------------------------------------------------
// Checks, one per step: null when the person may go on.

export function checkServer(state: WizardState): Invalid | null {
  return state.url.trim() === '' ? { field: 'url', key: 'wizard.enterUrl' } : null;
}

export function checkCertificate(state: WizardState): Invalid | null {
  const tls = state.probe?.tls ?? null;
  if (tls === null) return state.acceptHttp ? null : { field: 'acceptHttp', key: 'wizard.acceptHttp' };
  if (!backupValid(state)) return { field: 'backup', key: 'wizard.backupInvalid', values: { prefix: 'sha256/' } };
  const pins = allPins(state);
  if (pins.length > MAX_PINS) return { field: 'pins', key: 'wizard.tooManyPins', values: { max: MAX_PINS } };
  if (needsTrust(state)) return state.trustSelfSigned ? null : { field: 'trust', key: 'wizard.confirmTrust' };
  return pins.length < 2 ? { field: 'pins', key: 'wizard.keepTwo' } : null;
}

export function checkDatabase(state: WizardState): Invalid | null {
  return state.database.trim() === '' ? { field: 'database', key: 'wizard.chooseDb' } : null;
}

/** `hasSecret`: a credential was typed (or kept from the last test). */
export function checkCredentials(state: WizardState, hasSecret: boolean): Invalid | null {
  if (state.login.trim() === '') return { field: 'login', key: 'wizard.enterLogin' };
  if (!hasSecret) return { field: 'secret', key: state.method === 'api-key' ? 'wizard.enterApiKey' : 'wizard.enterPassword' };
  return null;
}

export function checkEdit(state: WizardState, typedSecret: boolean): Invalid | null {
  if (!mustTypeSecret(state) || typedSecret) return null;
  return { field: 'secret', key: state.method === 'api-key' ? 'edit.enterApiKey' : 'edit.enterPassword' };
}

// ---------------------------------------------------------------------------------------
// The reducer.

const FIELD_OF: Record<TextField, Field | null> = { url: 'url', label: null, backupPin: 'backup', database: 'database', login: 'login' };

/** Editing a control puts its message away; a message about another control stays. */
function clearFor(state: WizardState, field: Field | null): Invalid | null {
  return state.invalid !== null && state.invalid.field === field ? null : state.invalid;
}

function move(state: WizardState, step: Step): WizardState {
  return { ...state, step, invalid: null, busy: false, tested: step === 'review' ? state.tested : null };
}

function neighbour(state: WizardState, by: 1 | -1): Step | null {
  const steps = stepsOf(state);
  const i = steps.indexOf(state.step as Step);
  return i < 0 ? null : (steps[i + by] ?? null);
}

const CHECKS: Partial<Record<Step, (s: WizardState) => Invalid | null>> = {
  certificate: checkCertificate,
  database: checkDatabase,
  method: () => null,
};

export function wizardReducer(state: WizardState, action: WizardAction): WizardState {
  switch (action.type) {
    case 'set':
      return { ...state, [action.field]: action.value, invalid: clearFor(state, FIELD_OF[action.field]) };
    case 'pin': {
      const pins = action.on ? [...new Set([...state.pins, action.pin])] : state.pins.filter((p) => p !== action.pin);
      return { ...state, pins, invalid: clearFor(state, 'pins') };
    }
    case 'trust':
      return { ...state, trustSelfSigned: action.on, invalid: clearFor(state, 'trust') };
    case 'acceptHttp':
      return { ...state, acceptHttp: action.on, invalid: clearFor(state, 'acceptHttp') };
    case 'method':
      return { ...state, method: action.method, invalid: clearFor(state, 'secret') };
    case 'keepPassword':
      return { ...state, keepPassword: action.on };
    case 'environment':
      return { ...state, environment: action.value };
    case 'policy': {
      const next = { ...state, allowedMethods: action.methods };
      const offered = methodsOf(next);
      return offered.includes(next.method) || offered[0] === undefined ? next : { ...next, method: offered[0] };
    }
    case 'busy':
      return { ...state, busy: true, invalid: null };
    case 'failed':
      return { ...state, busy: false };
    case 'invalid':
      return { ...state, busy: false, invalid: action.invalid };
    case 'probed': {
      if (state.mode !== 'add') return state;
      const { probe } = action;
      const only = onlyDatabase(probe);
      const listed = probe.databases ?? [];
      return move(
        {
          ...state,
          probe,
          pins: probe.tls === null ? [] : defaultPins(probe.tls),
          backupPin: '',
          trustSelfSigned: false,
          acceptHttp: false,
          database: only ?? (listed.includes(state.database) ? state.database : ''),
          method: !probe.jwtModule && state.method === 'jwt' ? (methodsOf({ ...state, probe })[0] ?? 'account') : state.method,
        },
        'certificate',
      );
    }
    case 'next': {
      const check = state.mode === 'add' ? CHECKS[state.step as Step] : undefined;
      if (check === undefined) return state;
      const invalid = check(state);
      if (invalid !== null) return { ...state, invalid };
      const to = neighbour(state, 1);
      return to === null ? state : move(state, to);
    }
    case 'back': {
      if (state.mode !== 'add' || state.busy) return state;
      const to = neighbour(state, -1);
      return to === null ? state : move(state, to);
    }
    case 'tested':
      return state.mode === 'add' && state.step === 'credentials' ? move({ ...state, tested: { identity: action.identity } }, 'review') : state;
  }
}
