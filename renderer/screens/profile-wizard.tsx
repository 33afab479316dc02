// Adding or editing a profile. Adding is a wizard: server address → probe (version, https,
// certificate) → confirm the certificate pins → database → sign-in method → credentials
// and a test connection → save. The certificate is confirmed BEFORE any credential is
// typed, so a password is never sent to a server the person has not accepted.
// Credentials are write-only: an uncontrolled password field, read once on submit and
// emptied; the value is held in a ref only until `profiles:save` and dropped after (or
// when the wizard goes away, e.g. on lock). Nothing the UI shows is ever read back.
import { useEffect, useId, useRef, useState, type FormEvent, type ReactNode } from 'react';
import type { AuthMethod, ChannelOutput, Identity, Profile } from '../../contract';
import { invoke } from '../api';
import { useFailure } from '../app-context';
import { authLabel, hostOf } from '../format';
import { t, type MessageKey } from '../i18n';
import { CertificateCard } from '../ui/certificate-card';
import type { View } from '../navigation';
import { ProblemNotice } from '../ui/problem-notice';

type Probe = ChannelOutput<'profiles:probe'>;
/** The contract's SPKI pin form (kept local: zod stays out of the renderer bundle). */
const PIN = /^sha256\/[A-Za-z0-9+/]{43}=$/;
/** Examples in the fields: an address and a pin read the same in every language. */
const URL_EXAMPLE = 'https://mycompany.odoo.com';
const PIN_EXAMPLE = 'sha256/…';

type Step = 'server' | 'certificate' | 'database' | 'method' | 'credentials' | 'review';
const STEPS: { id: Step; label: MessageKey }[] = [
  { id: 'server', label: 'wizard.step.server' },
  { id: 'certificate', label: 'wizard.step.certificate' },
  { id: 'database', label: 'wizard.step.database' },
  { id: 'method', label: 'wizard.step.method' },
  { id: 'credentials', label: 'wizard.step.credentials' },
  { id: 'review', label: 'wizard.step.review' },
];

/** One line per method: what it gives, and what stays on this computer. */
const METHOD_HELP: Record<AuthMethod, MessageKey> = {
  account: 'wizard.methodHelp.account',
  'api-key': 'wizard.methodHelp.apiKey',
  password: 'wizard.methodHelp.password',
  jwt: 'wizard.methodHelp.jwt',
};

function secretName(m: AuthMethod): string {
  return m === 'api-key' ? t('wizard.secret.apiKey') : t('wizard.secret.password');
}

/** What a new profile can pick; 'password' (kept password) is for profiles made before 'account'. */
const NEW_METHODS: AuthMethod[] = ['account', 'api-key'];

export function ProfileWizard({ profile, go, onSaved }: { profile: Profile | null; go: (v: View) => void; onSaved: (p: Profile) => void }) {
  return profile === null ? <AddWizard go={go} onSaved={onSaved} /> : <EditProfile profile={profile} go={go} onSaved={onSaved} />;
}

function AddWizard({ go, onSaved }: { go: (v: View) => void; onSaved: (p: Profile) => void }) {
  const ids = useId();
  const [step, setStep] = useState<Step>('server');
  const [label, setLabel] = useState('');
  const [url, setUrl] = useState('');
  const [probe, setProbe] = useState<Probe | null>(null);
  const [pins, setPins] = useState<string[]>([]);
  const [backupPin, setBackupPin] = useState('');
  const [trustSelfSigned, setTrustSelfSigned] = useState(false);
  const [accepted, setAccepted] = useState(false);
  const [database, setDatabase] = useState('');
  const [method, setMethod] = useState<AuthMethod>('account');
  const [keepPassword, setKeepPassword] = useState(false);
  const [login, setLogin] = useState('');
  const [identity, setIdentity] = useState<Identity | null>(null);
  const [totpLater, setTotpLater] = useState(false);
  const [busy, setBusy] = useState(false);
  const [invalid, setInvalid] = useState<string | null>(null);
  const [problem, fail, clear] = useFailure();
  const secretInput = useRef<HTMLInputElement>(null);
  /** The typed credential, between the test connection and the save. Never rendered. */
  const secret = useRef<string | null>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);

  useEffect(() => () => void (secret.current = null), []);
  useEffect(() => headingRef.current?.focus(), [step]);

  const move = (s: Step) => {
    clear();
    setInvalid(null);
    setStep(s);
  };

  const backupValid = backupPin.trim() === '' || PIN.test(backupPin.trim());
  const allPins = [...new Set([...pins, ...(backupPin.trim() !== '' && backupValid ? [backupPin.trim()] : [])])];
  const tls = probe?.tls ?? null;
  const leaf = tls?.chain[0] ?? null;
  const needsTrust = tls !== null && !tls.trustedByOs;

  function draft() {
    return {
      label: label.trim() || hostOf(probe?.origin ?? url),
      url: probe?.origin ?? url,
      database: database.trim(),
      login: login.trim(),
      authMethod: method,
      transport: 'auto' as const,
      pins: allPins,
      trustSelfSigned: needsTrust && trustSelfSigned,
      ...(method === 'account' ? { keepPassword } : {}),
    };
  }

  async function runProbe(e: FormEvent) {
    e.preventDefault();
    if (url.trim() === '') return setInvalid(t('wizard.enterUrl'));
    clear();
    setBusy(true);
    try {
      const p = await invoke('profiles:probe', { url: url.trim() });
      setProbe(p);
      const chain = p.tls?.chain ?? [];
      // Default: the server's key and, as the backup, its issuer's key (survives a renewal).
      setPins(chain.slice(0, 2).map((c) => c.pin));
      setTrustSelfSigned(false);
      setAccepted(false);
      setDatabase(p.databases?.length === 1 ? (p.databases[0] ?? '') : '');
      if (!p.jwtModule && method === 'jwt') setMethod('account');
      move('certificate');
    } catch (err) {
      fail(err);
    } finally {
      setBusy(false);
    }
  }

  function confirmCertificate(e: FormEvent) {
    e.preventDefault();
    if (tls === null) {
      if (!accepted) return setInvalid(t('wizard.acceptHttp'));
    } else {
      if (!backupValid) return setInvalid(t('wizard.backupInvalid', { prefix: 'sha256/' }));
      if (allPins.length > 8) return setInvalid(t('wizard.tooManyPins', { max: 8 }));
      if (needsTrust && !trustSelfSigned) return setInvalid(t('wizard.confirmTrust'));
      if (needsTrust && leaf !== null && !allPins.includes(leaf.pin)) return setInvalid(t('repin.leafRequired'));
      if (allPins.length < 2) {
        return setInvalid(
          tls.chain.length < 2
            ? t('wizard.noIssuer')
            : t('wizard.keepTwo'),
        );
      }
    }
    move('database');
  }

  async function testConnection(e: FormEvent) {
    e.preventDefault();
    const input = secretInput.current;
    const typed = input?.value ?? '';
    if (login.trim() === '') return setInvalid(t('wizard.enterLogin'));
    if (typed === '' && secret.current === null) return setInvalid(t(method === 'api-key' ? 'wizard.enterApiKey' : 'wizard.enterPassword'));
    if (typed !== '') secret.current = typed;
    if (input) input.value = '';
    clear();
    setInvalid(null);
    setBusy(true);
    try {
      const { keepPassword: _keep, ...forTest } = draft();
      const result = await invoke('profiles:testConnection', { ...forTest, secret: secret.current ?? '' });
      if (result.status === 'ok') {
        setIdentity(result.identity);
        setTotpLater(false);
      } else {
        setIdentity(null);
        setTotpLater(true);
      }
      move('review');
    } catch (err) {
      secret.current = null;
      fail(err);
      input?.focus();
    } finally {
      setBusy(false);
    }
  }

  async function save() {
    clear();
    setBusy(true);
    try {
      const saved = await invoke('profiles:save', { ...draft(), secret: secret.current ?? undefined });
      secret.current = null;
      onSaved(saved);
    } catch (err) {
      fail(err);
    } finally {
      setBusy(false);
    }
  }

  const stepIndex = STEPS.findIndex((s) => s.id === step);
  const heading = (text: string) => (
    <h2 ref={headingRef} tabIndex={-1} id={`${ids}-step`}>
      {text}
    </h2>
  );
  const error = (
    <>
      {invalid !== null && (
        <p className="field-error" role="alert">
          {invalid}
        </p>
      )}
      {problem !== null && <ProblemNotice problem={problem} />}
    </>
  );
  const back = (to: Step) => (
    <button type="button" onClick={() => move(to)}>
      {t('common.back')}
    </button>
  );

  let body: ReactNode;
  if (step === 'server') {
    body = (
      <form onSubmit={runProbe} noValidate aria-labelledby={`${ids}-step`}>
        {heading(t('wizard.whereTitle'))}
        <div className="field">
          <label htmlFor={`${ids}-url`}>{t('wizard.url')}</label>
          <input
            id={`${ids}-url`}
            type="url"
            inputMode="url"
            dir="ltr"
            placeholder={URL_EXAMPLE}
            value={url}
            onChange={(e) => setUrl(e.target.value)}
            autoComplete="url"
            spellCheck={false}
            maxLength={2048}
            aria-describedby={`${ids}-url-hint`}
            required
          />
          <p className="hint" id={`${ids}-url-hint`}>
            {t('wizard.urlHint')}
          </p>
        </div>
        <div className="field">
          <label htmlFor={`${ids}-label`}>{t('wizard.labelOptional')}</label>
          <input id={`${ids}-label`} value={label} onChange={(e) => setLabel(e.target.value)} maxLength={256} placeholder={t('wizard.labelPlaceholder')} />
        </div>
        {error}
        <div className="actions">
          <button type="button" onClick={() => go({ name: 'profiles' })}>
            {t('common.cancel')}
          </button>
          <button type="submit" className="primary" disabled={busy}>
            {busy ? t('wizard.checking') : t('wizard.check')}
          </button>
        </div>
      </form>
    );
  } else if (step === 'certificate' && probe !== null) {
    body = (
      <form onSubmit={confirmCertificate} noValidate aria-labelledby={`${ids}-step`}>
        {heading(tls === null ? t('wizard.httpTitle') : t('wizard.certTitle'))}
        <dl className="facts facts--inline">
          <dt>{t('problem.server')}</dt>
          <dd className="ltr">{probe.origin}</dd>
          <dt>{t('wizard.odooVersion')}</dt>
          <dd>
            {probe.version.saas ? t('wizard.versionOnline', { version: probe.version.serverVersion }) : probe.version.serverVersion}
          </dd>
          <dt>{t('security.connection')}</dt>
          <dd>{tls === null ? t('wizard.httpConnection') : t('wizard.httpsConnection', { protocol: tls.protocol })}</dd>
        </dl>
        {tls === null ? (
          <>
            <div className="notice notice--warn">
              <p className="notice__title">{t('wizard.httpNoticeTitle')}</p>
              <p>{t('wizard.httpNoticeBody')}</p>
            </div>
            <div className="check">
              <input id={`${ids}-accept`} type="checkbox" checked={accepted} onChange={(e) => setAccepted(e.target.checked)} />
              <label htmlFor={`${ids}-accept`}>{t('wizard.httpAccept')}</label>
            </div>
          </>
        ) : (
          <>
            <p>{tls.trustedByOs ? t('wizard.pinLeadIfYouCan') : t('wizard.pinLead')}</p>
            {needsTrust && (
              <div className="notice notice--warn" role="note">
                <p className="notice__title">
                  {tls.osError !== null ? t('wizard.untrustedWithReason', { reason: tls.osError }) : t('wizard.untrusted')}
                </p>
                <p>{t('wizard.untrustedBody')}</p>
              </div>
            )}
            <fieldset className="plain">
              <legend>{t('wizard.presented')}</legend>
              {tls.chain.map((cert, i) => (
                <CertificateCard key={cert.pin} cert={cert} index={i} total={tls.chain.length}>
                  <div className="check">
                    <input
                      id={`${ids}-pin-${i}`}
                      type="checkbox"
                      checked={pins.includes(cert.pin)}
                      onChange={(e) => setPins((ps) => (e.target.checked ? [...ps, cert.pin] : ps.filter((x) => x !== cert.pin)))}
                    />
                    <label htmlFor={`${ids}-pin-${i}`}>
                      {i === 0 ? t('wizard.pinThis') : t('wizard.pinThisBackup')}
                    </label>
                  </div>
                </CertificateCard>
              ))}
            </fieldset>
            <div className="field">
              <label htmlFor={`${ids}-backup`}>{tls.chain.length < 2 ? t('wizard.backupPin') : t('wizard.extraBackupPin')}</label>
              <input
                id={`${ids}-backup`}
                value={backupPin}
                onChange={(e) => setBackupPin(e.target.value)}
                dir="ltr"
                placeholder={PIN_EXAMPLE}
                spellCheck={false}
                autoComplete="off"
                aria-invalid={!backupValid}
                aria-describedby={`${ids}-backup-hint`}
              />
              <p className="hint" id={`${ids}-backup-hint`}>
                {t('wizard.backupHint')}
              </p>
            </div>
            {needsTrust && (
              <div className="check">
                <input id={`${ids}-trust`} type="checkbox" checked={trustSelfSigned} onChange={(e) => setTrustSelfSigned(e.target.checked)} />
                <label htmlFor={`${ids}-trust`}>{t('wizard.trust')}</label>
              </div>
            )}
          </>
        )}
        {error}
        <div className="actions">
          {back('server')}
          <button type="submit" className="primary">
            {tls === null ? t('common.continue') : t('wizard.trustAndPin', { count: allPins.length })}
          </button>
        </div>
      </form>
    );
  } else if (step === 'database' && probe !== null) {
    body = (
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (database.trim() === '') return setInvalid(t('wizard.chooseDb'));
          move('method');
        }}
        noValidate
        aria-labelledby={`${ids}-step`}
      >
        {heading(t('wizard.dbTitle'))}
        {probe.databases !== null && probe.databases.length > 0 ? (
          <fieldset className="plain">
            <legend>{t('wizard.dbList', { host: hostOf(probe.origin) })}</legend>
            <div className="choices">
              {probe.databases.map((db) => (
                <div className="check" key={db}>
                  <input id={`${ids}-db-${db}`} type="radio" name="database" value={db} checked={database === db} onChange={() => setDatabase(db)} />
                  <label htmlFor={`${ids}-db-${db}`}>{db}</label>
                </div>
              ))}
            </div>
          </fieldset>
        ) : (
          <div className="field">
            <label htmlFor={`${ids}-db`}>{t('wizard.dbName')}</label>
            <input id={`${ids}-db`} value={database} onChange={(e) => setDatabase(e.target.value)} maxLength={256} spellCheck={false} aria-describedby={`${ids}-db-hint`} />
            <p className="hint" id={`${ids}-db-hint`}>
              {t('wizard.dbHint')}
            </p>
          </div>
        )}
        {error}
        <div className="actions">
          {back('certificate')}
          <button type="submit" className="primary">
            {t('common.continue')}
          </button>
        </div>
      </form>
    );
  } else if (step === 'method' && probe !== null) {
    const methods: AuthMethod[] = probe.jwtModule ? [...NEW_METHODS, 'jwt'] : NEW_METHODS;
    body = (
      <form
        onSubmit={(e) => {
          e.preventDefault();
          move('credentials');
        }}
        aria-labelledby={`${ids}-step`}
      >
        {heading(t('wizard.methodTitle'))}
        <fieldset className="plain">
          <legend>{t('wizard.step.method')}</legend>
          <div className="choices">
            {methods.map((m) => (
              <div className="choice" key={m}>
                <input
                  id={`${ids}-m-${m}`}
                  type="radio"
                  name="method"
                  checked={method === m}
                  onChange={() => setMethod(m)}
                  aria-describedby={`${ids}-m-${m}-help`}
                />
                <label htmlFor={`${ids}-m-${m}`}>
                  {authLabel(m)}
                  {m === 'account' && <span className="badge badge--ok">{t('wizard.recommended')}</span>}
                </label>
                <p className="hint" id={`${ids}-m-${m}-help`}>
                  {t(METHOD_HELP[m])}
                </p>
              </div>
            ))}
          </div>
        </fieldset>
        {error}
        <div className="actions">
          {back('database')}
          <button type="submit" className="primary">
            {t('common.continue')}
          </button>
        </div>
      </form>
    );
  } else if (step === 'credentials' && probe !== null) {
    body = (
      <form onSubmit={testConnection} noValidate aria-labelledby={`${ids}-step`}>
        {heading(t('wizard.credTitle'))}
        <p>{t('wizard.credLead')}</p>
        <div className="field">
          <label htmlFor={`${ids}-login`}>{t('security.login')}</label>
          <input id={`${ids}-login`} value={login} onChange={(e) => setLogin(e.target.value)} autoComplete="username" spellCheck={false} maxLength={256} />
        </div>
        <div className="field">
          <label htmlFor={`${ids}-secret`}>{secretName(method)}</label>
          <input
            ref={secretInput}
            id={`${ids}-secret`}
            type="password"
            autoComplete="off"
            spellCheck={false}
            maxLength={1024}
            aria-describedby={`${ids}-secret-hint`}
          />
          <p className="hint" id={`${ids}-secret-hint`}>
            {method === 'api-key' ? t('wizard.apiKeyHint') : method === 'account' ? t('wizard.secretHint.account') : t('wizard.passwordHint')}
          </p>
        </div>
        {method === 'account' && (
          <div className="choice">
            <input id={`${ids}-keep`} type="checkbox" checked={keepPassword} onChange={(e) => setKeepPassword(e.target.checked)} aria-describedby={`${ids}-keep-help`} />
            <label htmlFor={`${ids}-keep`}>{t('wizard.keepPassword')}</label>
            <p className="hint" id={`${ids}-keep-help`}>
              {t('wizard.keepPasswordHelp')}
            </p>
          </div>
        )}
        {error}
        <div className="actions">
          {back('method')}
          <button type="submit" className="primary" disabled={busy}>
            {busy ? t('wizard.testing') : t('wizard.test')}
          </button>
        </div>
      </form>
    );
  } else if (step === 'review' && probe !== null) {
    const d = draft();
    body = (
      <section aria-labelledby={`${ids}-step`}>
        {heading(t('wizard.reviewTitle'))}
        {identity !== null && (
          <div className="notice notice--ok" role="status">
            <p className="notice__title">
              {identity.company !== null
                ? t('wizard.signedInAsCompany', { name: identity.name, company: identity.company })
                : t('wizard.signedInAs', { name: identity.name })}
            </p>
          </div>
        )}
        {totpLater && (
          <div className="notice notice--ok" role="status">
            <p className="notice__title">{t('wizard.totpLaterTitle')}</p>
            <p>{method === 'account' ? t('wizard.totpLaterAccount') : t('wizard.totpLaterBody')}</p>
          </div>
        )}
        {method === 'account' && <p>{t('wizard.accountSaveNote', { kept: keepPassword ? 'yes' : 'no' })}</p>}
        <dl className="facts">
          <dt>{t('wizard.name')}</dt>
          <dd>{d.label}</dd>
          <dt>{t('problem.server')}</dt>
          <dd>
            <bdi className="ltr">{d.url}</bdi> ({t('common.odooVersion', { version: probe.version.serverVersion })})
          </dd>
          <dt>{t('home.database')}</dt>
          <dd>{d.database}</dd>
          <dt>{t('security.login')}</dt>
          <dd>
            <bdi>{d.login}</bdi>
          </dd>
          <dt>{t('wizard.step.method')}</dt>
          <dd>{authLabel(d.authMethod)}</dd>
          <dt>{t('wizard.pinnedKeys')}</dt>
          <dd>
            {d.pins.length === 0
              ? t('wizard.pinnedNone')
              : d.trustSelfSigned
                ? t('wizard.pinnedSelfSigned', { count: d.pins.length })
                : t('wizard.pinnedCount', { count: d.pins.length })}
          </dd>
        </dl>
        {error}
        <div className="actions">
          {back('credentials')}
          <button type="button" className="primary" onClick={() => void save()} disabled={busy}>
            {busy ? t('wizard.saving') : t('wizard.save')}
          </button>
        </div>
      </section>
    );
  }

  return (
    <section aria-labelledby="wizard-title" className="wizard">
      <h1 id="wizard-title" tabIndex={-1}>
        {t('wizard.title')}
      </h1>
      <ol className="steps" aria-label={t('wizard.steps')}>
        {STEPS.map((s, i) => (
          <li key={s.id} aria-current={s.id === step ? 'step' : undefined} className={i < stepIndex ? 'done' : i === stepIndex ? 'current' : ''}>
            <span className="steps__n" aria-hidden="true">
              {i < stepIndex ? '✓' : i + 1}
            </span>
            {t(s.label)}
          </li>
        ))}
      </ol>
      <div className="panel">{body}</div>
    </section>
  );
}

/** Editing keeps the server and its pins (re-pinning lives on the Security page, behind an unlock). */
function EditProfile({ profile, go, onSaved }: { profile: Profile; go: (v: View) => void; onSaved: (p: Profile) => void }) {
  const ids = useId();
  const [label, setLabel] = useState(profile.label);
  const [database, setDatabase] = useState(profile.database);
  const [login, setLogin] = useState(profile.login);
  const [method, setMethod] = useState<AuthMethod>(profile.authMethod);
  const [busy, setBusy] = useState(false);
  const [note, setNote] = useState<string | null>(null);
  const [problem, fail, clear] = useFailure();
  const secretInput = useRef<HTMLInputElement>(null);
  const methods: AuthMethod[] = [...NEW_METHODS, ...(['password', 'jwt'] as const).filter((m) => m === profile.authMethod)];
  const mustTypeSecret = method !== profile.authMethod || !profile.hasSecret;

  async function submit(e: FormEvent) {
    e.preventDefault();
    const input = secretInput.current;
    const typed = input?.value ?? '';
    if (input) input.value = '';
    clear();
    setNote(null);
    if (mustTypeSecret && typed === '') {
      setNote(t(method === 'api-key' ? 'edit.enterApiKey' : 'edit.enterPassword'));
      return;
    }
    const draft = {
      id: profile.id,
      label: label.trim() || profile.label,
      url: profile.origin,
      database: database.trim(),
      login: login.trim(),
      authMethod: method,
      transport: profile.transport,
      pins: profile.pins,
      trustSelfSigned: profile.trustSelfSigned,
    };
    setBusy(true);
    try {
      if (typed !== '') {
        const { id: _id, ...forTest } = draft;
        await invoke('profiles:testConnection', { ...forTest, secret: typed });
      }
      onSaved(await invoke('profiles:save', typed === '' ? draft : { ...draft, secret: typed }));
    } catch (err) {
      fail(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section aria-labelledby="edit-title" className="wizard">
      <h1 id="edit-title" tabIndex={-1}>
        {t('edit.title', { label: profile.label })}
      </h1>
      <form onSubmit={submit} noValidate className="panel">
        <dl className="facts facts--inline">
          <dt>{t('problem.server')}</dt>
          <dd className="ltr">{profile.origin}</dd>
        </dl>
        <div className="field">
          <label htmlFor={`${ids}-label`}>{t('wizard.name')}</label>
          <input id={`${ids}-label`} value={label} onChange={(e) => setLabel(e.target.value)} maxLength={256} />
        </div>
        <div className="field">
          <label htmlFor={`${ids}-db`}>{t('home.database')}</label>
          <input id={`${ids}-db`} value={database} onChange={(e) => setDatabase(e.target.value)} maxLength={256} spellCheck={false} />
        </div>
        <div className="field">
          <label htmlFor={`${ids}-login`}>{t('security.login')}</label>
          <input id={`${ids}-login`} value={login} onChange={(e) => setLogin(e.target.value)} maxLength={256} autoComplete="username" spellCheck={false} />
        </div>
        <fieldset className="plain">
          <legend>{t('wizard.step.method')}</legend>
          <div className="choices">
            {methods.map((m) => (
              <div className="check" key={m}>
                <input id={`${ids}-m-${m}`} type="radio" name="method" checked={method === m} onChange={() => setMethod(m)} />
                <label htmlFor={`${ids}-m-${m}`}>
                  {authLabel(m)}
                  {m === 'account' && <span className="badge badge--ok">{t('wizard.recommended')}</span>}
                </label>
              </div>
            ))}
          </div>
        </fieldset>
        <div className="field">
          <label htmlFor={`${ids}-secret`}>{mustTypeSecret ? secretName(method) : t(method === 'api-key' ? 'edit.newApiKey' : 'edit.newPassword')}</label>
          <input ref={secretInput} id={`${ids}-secret`} type="password" autoComplete="off" maxLength={4096} aria-describedby={`${ids}-secret-hint`} />
          <p className="hint" id={`${ids}-secret-hint`}>
            {mustTypeSecret ? t('edit.secretTested') : t('edit.secretKeep')}
          </p>
        </div>
        {note !== null && (
          <p className="field-error" role="alert">
            {note}
          </p>
        )}
        {problem !== null && <ProblemNotice problem={problem} />}
        <div className="actions">
          <button type="button" onClick={() => go({ name: 'profiles' })}>
            {t('common.cancel')}
          </button>
          <button type="submit" className="primary" disabled={busy}>
            {busy ? t('wizard.saving') : t('edit.save')}
          </button>
        </div>
      </form>
    </section>
  );
}
