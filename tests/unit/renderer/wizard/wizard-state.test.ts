// The profile wizard's state machine (renderer/screens/wizard/wizard-state.ts): every
// transition forward and back, the database step skipped for a one-database server, the
// certificate step's checks (trusted chain, self-signed, plain http, backup pin), the
// connection test leading straight to the review, and editing a saved profile.
import { describe, expect, it } from 'vitest';
import type { CertificateInfo, Profile } from '../../../../contract/index.js';
import {
  addState,
  allPins,
  checkCredentials,
  checkEdit,
  checkServer,
  draftOf,
  editState,
  methodsOf,
  mustTypeSecret,
  stepsOf,
  wizardReducer,
  type Probe,
  type WizardAction,
  type WizardState,
} from '../../../../renderer/screens/wizard/wizard-state.js';

const pin = (c: string) => `sha256/${c.repeat(43)}=`;
const cert = (c: string, selfSigned = false): CertificateInfo => ({
  subject: `CN=${c}`, issuer: 'CN=CA', subjectAltNames: [], validFrom: '', validTo: '', fingerprintSha256: c, pin: pin(c), selfSigned,
});
const TRUSTED = { protocol: 'TLSv1.3', trustedByOs: true, osError: null, chain: [cert('L'), cert('I'), cert('R', true)] };
const SELF_SIGNED = { protocol: 'TLSv1.3', trustedByOs: false, osError: 'DEPTH_ZERO_SELF_SIGNED_CERT', chain: [cert('S', true)] };
const probe = (over: Partial<Probe> = {}): Probe => ({
  origin: 'https://odoo.example.com',
  insecure: false,
  version: { serverVersion: '17.0', series: '17.0', major: 17, minor: 0, saas: false },
  databases: ['prod'],
  tls: TRUSTED,
  jwtModule: false,
  ...over,
});
const IDENTITY = { uid: 2, name: 'Mitchell Admin', login: 'admin', database: 'prod', company: null, lang: null, tz: null, serverVersion: '17.0' };

const run = (state: WizardState, ...actions: WizardAction[]) => actions.reduce(wizardReducer, state);
const probed = (p: Probe = probe()) => run(addState(), { type: 'set', field: 'url', value: ' odoo.example.com ' }, { type: 'busy' }, { type: 'probed', probe: p });

describe('adding a profile', () => {
  it('starts on the server step; an empty address is refused next to the address field', () => {
    const s = addState();
    expect(s.step).toBe('server');
    expect(checkServer(s)).toEqual({ field: 'url', key: 'wizard.enterUrl' });
    expect(checkServer(run(s, { type: 'set', field: 'url', value: 'odoo.example.com' }))).toBeNull();
    // Typing in the field puts its message away; a message about another field stays.
    const refused = run(s, { type: 'invalid', invalid: { field: 'url', key: 'wizard.enterUrl' } });
    expect(run(refused, { type: 'set', field: 'label', value: 'x' }).invalid).not.toBeNull();
    expect(run(refused, { type: 'set', field: 'url', value: 'o' }).invalid).toBeNull();
  });

  it('a failed probe stays on the server step, no longer busy', () => {
    const s = run(addState(), { type: 'busy' }, { type: 'failed' });
    expect(s).toMatchObject({ step: 'server', busy: false });
  });

  it('a one-database server: the database is chosen and its step skipped, forward and back', () => {
    const s = probed();
    expect(s).toMatchObject({ step: 'certificate', database: 'prod', busy: false, pins: [pin('I'), pin('R')] });
    expect(stepsOf(s)).toEqual(['server', 'certificate', 'method', 'credentials', 'review']);
    const method = run(s, { type: 'next' });
    expect(method.step).toBe('method');
    expect(run(method, { type: 'back' }).step).toBe('certificate');
    expect(run(method, { type: 'back' }, { type: 'back' }).step).toBe('server');
    expect(run(method, { type: 'back' }, { type: 'back' }, { type: 'back' }).step).toBe('server');
  });

  it('several databases: the step is there and one must be chosen', () => {
    const s = run(probed(probe({ databases: ['prod', 'test'] })), { type: 'next' });
    expect(s).toMatchObject({ step: 'database', database: '' });
    const refused = run(s, { type: 'next' });
    expect(refused).toMatchObject({ step: 'database', invalid: { field: 'database', key: 'wizard.chooseDb' } });
    const chosen = run(refused, { type: 'set', field: 'database', value: 'test' });
    expect(chosen.invalid).toBeNull();
    expect(run(chosen, { type: 'next' }).step).toBe('method');
    expect(run(chosen, { type: 'next' }, { type: 'back' }).step).toBe('database');
  });

  it('a hidden database list (or an empty one): the name is typed on the database step', () => {
    for (const databases of [null, []]) {
      const s = run(probed(probe({ databases })), { type: 'next' });
      expect(s.step).toBe('database');
      expect(stepsOf(s)).toContain('database');
      expect(run(s, { type: 'set', field: 'database', value: ' odoo ' }, { type: 'next' }).step).toBe('method');
    }
  });

  it('a trusted certificate: the authorities’ keys by default; two keys at least; a backup pin is optional', () => {
    const s = probed();
    expect(allPins(s)).toEqual([pin('I'), pin('R')]);
    const one = run(s, { type: 'pin', pin: pin('R'), on: false });
    expect(run(one, { type: 'next' })).toMatchObject({ step: 'certificate', invalid: { field: 'pins', key: 'wizard.keepTwo' } });
    // Ticking the server's key, or pasting a backup pin, makes two again.
    expect(run(one, { type: 'pin', pin: pin('L'), on: true }, { type: 'next' }).step).toBe('method');
    expect(run(one, { type: 'set', field: 'backupPin', value: ` ${pin('B')} ` }, { type: 'next' }).step).toBe('method');
    expect(allPins(run(one, { type: 'set', field: 'backupPin', value: pin('B') }))).toEqual([pin('I'), pin('B')]);
    // Ticking twice does not count twice.
    expect(run(s, { type: 'pin', pin: pin('I'), on: true }).pins).toEqual([pin('I'), pin('R')]);
  });

  it('a backup pin that is not a pin is refused next to its field; too many pins are refused', () => {
    const s = run(probed(), { type: 'set', field: 'backupPin', value: 'sha256/short' });
    expect(allPins(s)).toEqual([pin('I'), pin('R')]);
    expect(run(s, { type: 'next' }).invalid).toEqual({ field: 'backup', key: 'wizard.backupInvalid', values: { prefix: 'sha256/' } });
    const many = 'ABCDEFGH'.split('').reduce((st, c) => run(st, { type: 'pin', pin: pin(c), on: true }), probed());
    expect(run(many, { type: 'next' }).invalid).toEqual({ field: 'pins', key: 'wizard.tooManyPins', values: { max: 8 } });
  });

  it('a self-signed certificate: its own key alone, after the person confirms the fingerprint', () => {
    const s = probed(probe({ tls: SELF_SIGNED, databases: null }));
    expect(allPins(s)).toEqual([pin('S')]);
    const refused = run(s, { type: 'next' });
    expect(refused).toMatchObject({ step: 'certificate', invalid: { field: 'trust', key: 'wizard.confirmTrust' } });
    const trusted = run(refused, { type: 'trust', on: true });
    expect(trusted.invalid).toBeNull();
    expect(run(trusted, { type: 'next' }).step).toBe('database');
    expect(draftOf(trusted)).toMatchObject({ pins: [pin('S')], trustSelfSigned: true });
    // A backup pin the administrator prepared is kept as well.
    expect(draftOf(run(trusted, { type: 'set', field: 'backupPin', value: pin('N') })).pins).toEqual([pin('S'), pin('N')]);
  });

  it('plain http on this computer: no pins, and the person accepts the unencrypted connection', () => {
    const s = probed(probe({ origin: 'http://127.0.0.1:8069', insecure: true, tls: null }));
    expect(s.pins).toEqual([]);
    expect(run(s, { type: 'next' }).invalid).toEqual({ field: 'acceptHttp', key: 'wizard.acceptHttp' });
    expect(run(s, { type: 'set', field: 'backupPin', value: pin('B') }, { type: 'acceptHttp', on: true }, { type: 'next' }).step).toBe('method');
    expect(draftOf(s)).toMatchObject({ pins: [], trustSelfSigned: false, url: 'http://127.0.0.1:8069' });
  });

  it('probing again starts the certificate step over and keeps a database the new list has', () => {
    const s = run(probed(probe({ databases: ['a', 'b'] })), { type: 'pin', pin: pin('L'), on: true }, { type: 'next' }, { type: 'set', field: 'database', value: 'b' });
    const again = run(s, { type: 'probed', probe: probe({ databases: ['b', 'c'] }) });
    expect(again).toMatchObject({ step: 'certificate', pins: [pin('I'), pin('R')], database: 'b', trustSelfSigned: false });
    expect(run(s, { type: 'probed', probe: probe({ databases: ['c', 'd'] }) }).database).toBe('');
  });

  it('the sign-in methods: the recommended one first; the JWT one only with the module', () => {
    expect(methodsOf(probed())).toEqual(['account', 'api-key']);
    const jwt = probed(probe({ jwtModule: true }));
    expect(methodsOf(jwt)).toEqual(['account', 'api-key', 'jwt']);
    const chosen = run(jwt, { type: 'method', method: 'jwt' });
    expect(chosen.method).toBe('jwt');
    // A server without the module takes the method back to the recommended one.
    expect(run(chosen, { type: 'probed', probe: probe() }).method).toBe('account');
    expect(run(probed(), { type: 'method', method: 'api-key' }, { type: 'probed', probe: probe() }).method).toBe('api-key');
  });

  it('method → credentials; the credentials are checked login first, then the credential', () => {
    const s = run(probed(), { type: 'next' }, { type: 'next' });
    expect(s.step).toBe('credentials');
    expect(checkCredentials(s, true)).toEqual({ field: 'login', key: 'wizard.enterLogin' });
    const login = run(s, { type: 'set', field: 'login', value: 'admin' });
    expect(checkCredentials(login, false)).toEqual({ field: 'secret', key: 'wizard.enterPassword' });
    expect(checkCredentials(run(login, { type: 'method', method: 'api-key' }), false)).toEqual({ field: 'secret', key: 'wizard.enterApiKey' });
    expect(checkCredentials(login, true)).toBeNull();
    // `next` does not skip the connection test.
    expect(run(login, { type: 'next' }).step).toBe('credentials');
  });

  it('a passed connection test goes straight to the review (Save); back returns to the credentials and forgets the result', () => {
    const s = run(probed(), { type: 'next' }, { type: 'next' }, { type: 'set', field: 'login', value: ' admin ' }, { type: 'busy' });
    const review = run(s, { type: 'tested', identity: IDENTITY });
    expect(review).toMatchObject({ step: 'review', busy: false, tested: { identity: IDENTITY } });
    expect(run(s, { type: 'tested', identity: null }).tested).toEqual({ identity: null });
    const back = run(review, { type: 'back' });
    expect(back).toMatchObject({ step: 'credentials', tested: null });
    // A test result only counts on the credentials step.
    expect(run(probed(), { type: 'tested', identity: IDENTITY }).step).toBe('certificate');
    // No going back while a request runs.
    expect(run(review, { type: 'busy' }, { type: 'back' }).step).toBe('review');
  });

  it('the draft: the probed origin, trimmed fields, the host as the default name, keepPassword for “account” only', () => {
    const s = run(probed(), { type: 'next' }, { type: 'next' }, { type: 'set', field: 'login', value: ' admin ' }, { type: 'keepPassword', on: true });
    expect(draftOf(s)).toEqual({
      label: 'odoo.example.com', url: 'https://odoo.example.com', database: 'prod', login: 'admin', authMethod: 'account',
      transport: 'auto', pins: [pin('I'), pin('R')], trustSelfSigned: false, keepPassword: true, environment: null,
    });
    const named = run(s, { type: 'set', field: 'label', value: ' Production ' }, { type: 'method', method: 'api-key' });
    expect(draftOf(named)).not.toHaveProperty('keepPassword');
    expect(draftOf(named).label).toBe('Production');
    // Before a probe, the typed address.
    expect(draftOf(run(addState(), { type: 'set', field: 'url', value: 'not a url' })).url).toBe('not a url');
  });
});

describe('editing a profile', () => {
  const profile = {
    id: 'p-1', label: 'Acme', origin: 'https://acme.example.com', insecure: false, database: 'acme', login: 'admin', authMethod: 'password',
    transport: 'jsonrpc', pins: [pin('A'), pin('B')], trustSelfSigned: false, hasSecret: true, session: 'none',
  } as unknown as Profile;

  it('starts from the saved profile; the steps do not apply', () => {
    const s = editState(profile);
    expect(s).toMatchObject({ mode: 'edit', step: 'edit', label: 'Acme', database: 'acme', login: 'admin', method: 'password' });
    for (const action of [{ type: 'next' }, { type: 'back' }, { type: 'tested', identity: IDENTITY }, { type: 'probed', probe: probe() }] as WizardAction[]) {
      expect(run(s, action)).toBe(s);
    }
  });

  it('keeps the server, the pins and the transport; sends the edited fields', () => {
    const s = run(editState(profile), { type: 'set', field: 'label', value: ' ' }, { type: 'set', field: 'database', value: 'acme2 ' });
    expect(draftOf(s)).toEqual({
      id: 'p-1', label: 'Acme', url: 'https://acme.example.com', database: 'acme2', login: 'admin', authMethod: 'password',
      transport: 'jsonrpc', pins: [pin('A'), pin('B')], trustSelfSigned: false, environment: null,
    });
  });

  it('a credential must be typed when the method changes or none is saved', () => {
    const s = editState(profile);
    expect(mustTypeSecret(s)).toBe(false);
    expect(checkEdit(s, false)).toBeNull();
    const changed = run(s, { type: 'method', method: 'api-key' });
    expect(mustTypeSecret(changed)).toBe(true);
    expect(checkEdit(changed, false)).toEqual({ field: 'secret', key: 'edit.enterApiKey' });
    expect(checkEdit(changed, true)).toBeNull();
    const none = editState({ ...profile, hasSecret: false });
    expect(checkEdit(none, false)).toEqual({ field: 'secret', key: 'edit.enterPassword' });
  });

  it('offers the current legacy method besides the two of today', () => {
    expect(methodsOf(editState(profile))).toEqual(['account', 'api-key', 'password']);
    expect(methodsOf(editState({ ...profile, authMethod: 'jwt' }))).toEqual(['account', 'api-key', 'jwt']);
    expect(methodsOf(editState({ ...profile, authMethod: 'account' }))).toEqual(['account', 'api-key']);
  });
});

describe('the environment label', () => {
  it('a new profile has none; choosing a kind and colour puts it in the draft', () => {
    const s = probed();
    expect(draftOf(s).environment).toBeNull();
    const labelled = run(s, { type: 'environment', value: { kind: 'production', text: '', colour: 'red' } });
    expect(draftOf(labelled).environment).toEqual({ kind: 'production', colour: 'red' });
  });

  it('a custom label keeps its trimmed text; a blank one saves no label', () => {
    const custom = run(probed(), { type: 'environment', value: { kind: 'custom', text: '  Training  ', colour: 'teal' } });
    expect(draftOf(custom).environment).toEqual({ kind: 'custom', text: 'Training', colour: 'teal' });
    const blank = run(probed(), { type: 'environment', value: { kind: 'custom', text: '   ', colour: 'teal' } });
    expect(draftOf(blank).environment).toBeNull();
  });

  it('editing starts from the saved label, and choosing none removes it (null, not absent)', () => {
    const profile = {
      id: 'p-2', label: 'Acme', origin: 'https://acme.example.com', insecure: false, database: 'acme', login: 'admin', authMethod: 'account',
      transport: 'auto', pins: [], trustSelfSigned: false, hasSecret: true, session: 'none', environment: { kind: 'staging', colour: 'orange' },
    } as unknown as Profile;
    const s = editState(profile);
    expect(s.environment).toEqual({ kind: 'staging', text: '', colour: 'orange' });
    expect(draftOf(s).environment).toEqual({ kind: 'staging', colour: 'orange' });
    expect(draftOf(run(s, { type: 'environment', value: { ...s.environment, kind: 'none' } })).environment).toBeNull();
  });
});

describe("the administrator's policy on sign-in methods", () => {
  it('offers only the allowed methods and moves the choice to an allowed one', () => {
    const s = run(probed(probe({ jwtModule: true })), { type: 'policy', methods: ['api-key', 'jwt'] });
    expect(methodsOf(s)).toEqual(['api-key', 'jwt']);
    expect(s.method).toBe('api-key');
  });

  it('editing keeps showing the saved method beside the allowed ones', () => {
    const profile = {
      id: 'p-3', label: 'Acme', origin: 'https://acme.example.com', insecure: false, database: 'acme', login: 'admin', authMethod: 'password',
      transport: 'auto', pins: [], trustSelfSigned: false, hasSecret: true, session: 'none',
    } as unknown as Profile;
    expect(methodsOf(run(editState(profile), { type: 'policy', methods: ['api-key'] }))).toEqual(['api-key', 'password']);
  });
});
