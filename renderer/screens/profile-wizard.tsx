// Adding or editing a profile. Adding is a wizard: server address → probe (version, https,
// certificate) → confirm the certificate pins → database → sign-in method → credentials
// and a test connection → save. The certificate is confirmed BEFORE any credential is
// typed, so a password is never sent to a server the person has not accepted.
// Credentials are write-only: an uncontrolled password field, read once on submit and
// emptied; the value is held in a ref only until `profiles:save` and dropped after (or
// when the wizard goes away, e.g. on lock). Nothing the UI shows is ever read back.
import { useEffect, useId, useRef, useState, type FormEvent, type ReactNode } from 'react';
import type { AuthMethod, ChannelOutput, Identity, Profile } from '../../preload/contract';
import { call } from '../api';
import { useFailure } from '../app-context';
import { AUTH_LABELS, hostOf } from '../format';
import { CertificateCard } from '../ui/certificate-card';
import { ProblemNotice } from '../ui/problem-notice';
import type { View } from './unlocked-shell';

type Probe = ChannelOutput<'profiles:probe'>;
/** The contract's SPKI pin form (kept local: zod stays out of the renderer bundle). */
const PIN = /^sha256\/[A-Za-z0-9+/]{43}=$/;
type Step = 'server' | 'certificate' | 'database' | 'method' | 'credentials' | 'review';
const STEPS: { id: Step; label: string }[] = [
  { id: 'server', label: 'Server' },
  { id: 'certificate', label: 'Certificate' },
  { id: 'database', label: 'Database' },
  { id: 'method', label: 'Sign-in method' },
  { id: 'credentials', label: 'Credentials' },
  { id: 'review', label: 'Save' },
];

/** One line per method: what it gives, and what stays on this computer. */
const METHOD_HELP: Record<AuthMethod, string> = {
  account:
    'Search, activities and one-click Odoo windows. You type your password once; this computer keeps a session and an API key it creates for itself in Odoo — not your password.',
  'api-key':
    'Search and activities with a key you paste (from Odoo or your administrator). Odoo windows open on Odoo’s sign-in page. Keeps the key.',
  password: 'Search, activities and one-click Odoo windows, by keeping your Odoo password on this computer (encrypted).',
  jwt: 'For servers with the JWT module: search, activities and Odoo windows. Keeps your password and a refresh token.',
};

function secretName(m: AuthMethod): string {
  return m === 'api-key' ? 'API key' : 'Password';
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
    if (url.trim() === '') return setInvalid('Enter the address of your Odoo.');
    clear();
    setBusy(true);
    try {
      const p = await call('profiles:probe', { url: url.trim() });
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
      if (!accepted) return setInvalid('Confirm that you accept an unencrypted connection to this computer.');
    } else {
      if (!backupValid) return setInvalid('The backup pin must look like sha256/ followed by 44 base64 characters.');
      if (allPins.length > 8) return setInvalid('Pin at most 8 keys.');
      if (needsTrust && !trustSelfSigned) return setInvalid('Confirm that you checked the fingerprint before trusting this certificate.');
      if (needsTrust && leaf !== null && !allPins.includes(leaf.pin)) return setInvalid('A certificate your system does not trust must have its server key pinned.');
      if (allPins.length < 2) {
        return setInvalid(
          tls.chain.length < 2
            ? 'This certificate has no issuer to keep as a backup: paste a backup pin from your administrator, so a renewed certificate does not lock you out.'
            : 'Keep two pins: the server’s key and a backup (its issuer’s key, or a pin your administrator gives you).',
        );
      }
    }
    move('database');
  }

  async function testConnection(e: FormEvent) {
    e.preventDefault();
    const input = secretInput.current;
    const typed = input?.value ?? '';
    if (login.trim() === '') return setInvalid('Enter your Odoo login (usually your email address).');
    if (typed === '' && secret.current === null) return setInvalid(`Enter your ${secretName(method)}.`);
    if (typed !== '') secret.current = typed;
    if (input) input.value = '';
    clear();
    setInvalid(null);
    setBusy(true);
    try {
      const { keepPassword: _keep, ...forTest } = draft();
      const result = await call('profiles:testConnection', { ...forTest, secret: secret.current ?? '' });
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
      const saved = await call('profiles:save', { ...draft(), secret: secret.current ?? undefined });
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
      Back
    </button>
  );

  let body: ReactNode;
  if (step === 'server') {
    body = (
      <form onSubmit={runProbe} noValidate aria-labelledby={`${ids}-step`}>
        {heading('Where is your Odoo?')}
        <div className="field">
          <label htmlFor={`${ids}-url`}>Odoo address</label>
          <input
            id={`${ids}-url`}
            type="url"
            inputMode="url"
            placeholder="https://mycompany.odoo.com"
            value={url}
            onChange={(e) => setUrl(e.target.value)}
            autoComplete="url"
            spellCheck={false}
            maxLength={2048}
            aria-describedby={`${ids}-url-hint`}
            required
          />
          <p className="hint" id={`${ids}-url-hint`}>
            The address you use in your browser. Only https:// is accepted, except for a server on this computer.
          </p>
        </div>
        <div className="field">
          <label htmlFor={`${ids}-label`}>Name for this profile (optional)</label>
          <input id={`${ids}-label`} value={label} onChange={(e) => setLabel(e.target.value)} maxLength={256} placeholder="Production" />
        </div>
        {error}
        <div className="actions">
          <button type="button" onClick={() => go({ name: 'profiles' })}>
            Cancel
          </button>
          <button type="submit" className="primary" disabled={busy}>
            {busy ? 'Checking the server…' : 'Check server'}
          </button>
        </div>
      </form>
    );
  } else if (step === 'certificate' && probe !== null) {
    body = (
      <form onSubmit={confirmCertificate} noValidate aria-labelledby={`${ids}-step`}>
        {heading(tls === null ? 'Unencrypted connection' : 'Confirm the server’s certificate')}
        <dl className="facts facts--inline">
          <dt>Server</dt>
          <dd>{probe.origin}</dd>
          <dt>Odoo version</dt>
          <dd>
            {probe.version.serverVersion}
            {probe.version.saas ? ' (Odoo Online)' : ''}
          </dd>
          <dt>Connection</dt>
          <dd>{tls === null ? 'http — not encrypted' : `https — ${tls.protocol}`}</dd>
        </dl>
        {tls === null ? (
          <>
            <div className="notice notice--warn">
              <p className="notice__title">This server is reached over plain http.</p>
              <p>That is only allowed for a server on this computer (a development Odoo). Nothing can be pinned.</p>
            </div>
            <div className="check">
              <input id={`${ids}-accept`} type="checkbox" checked={accepted} onChange={(e) => setAccepted(e.target.checked)} />
              <label htmlFor={`${ids}-accept`}>I understand this connection is not encrypted</label>
            </div>
          </>
        ) : (
          <>
            <p>
              Odoo Companion will only talk to this server while it presents one of the keys you pin here. Compare the fingerprint with
              the one your administrator gives you{tls.trustedByOs ? ' if you can' : ''}.
            </p>
            {needsTrust && (
              <div className="notice notice--warn" role="note">
                <p className="notice__title">Your system does not trust this certificate{tls.osError !== null ? ` (${tls.osError})` : ''}.</p>
                <p>Continue only if your administrator confirmed this exact fingerprint, for example for a self-signed server.</p>
              </div>
            )}
            <fieldset className="plain">
              <legend>Certificates presented by the server</legend>
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
                      Pin this key{i === 0 ? '' : ' (backup: keeps working when the server certificate is renewed)'}
                    </label>
                  </div>
                </CertificateCard>
              ))}
            </fieldset>
            <div className="field">
              <label htmlFor={`${ids}-backup`}>{tls.chain.length < 2 ? 'Backup pin' : 'Extra backup pin (optional)'}</label>
              <input
                id={`${ids}-backup`}
                value={backupPin}
                onChange={(e) => setBackupPin(e.target.value)}
                placeholder="sha256/…"
                spellCheck={false}
                autoComplete="off"
                aria-invalid={!backupValid}
                aria-describedby={`${ids}-backup-hint`}
              />
              <p className="hint" id={`${ids}-backup-hint`}>
                A pin your administrator prepared for the next certificate, so a planned change does not lock you out.
              </p>
            </div>
            {needsTrust && (
              <div className="check">
                <input id={`${ids}-trust`} type="checkbox" checked={trustSelfSigned} onChange={(e) => setTrustSelfSigned(e.target.checked)} />
                <label htmlFor={`${ids}-trust`}>I checked the fingerprint and trust this certificate</label>
              </div>
            )}
          </>
        )}
        {error}
        <div className="actions">
          {back('server')}
          <button type="submit" className="primary">
            {tls === null ? 'Continue' : `Trust and pin ${allPins.length} ${allPins.length === 1 ? 'key' : 'keys'}`}
          </button>
        </div>
      </form>
    );
  } else if (step === 'database' && probe !== null) {
    body = (
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (database.trim() === '') return setInvalid('Choose or type the database name.');
          move('method');
        }}
        noValidate
        aria-labelledby={`${ids}-step`}
      >
        {heading('Which database?')}
        {probe.databases !== null && probe.databases.length > 0 ? (
          <fieldset className="plain">
            <legend>Databases on {hostOf(probe.origin)}</legend>
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
            <label htmlFor={`${ids}-db`}>Database name</label>
            <input id={`${ids}-db`} value={database} onChange={(e) => setDatabase(e.target.value)} maxLength={256} spellCheck={false} aria-describedby={`${ids}-db-hint`} />
            <p className="hint" id={`${ids}-db-hint`}>
              This server does not list its databases. Your administrator can tell you the name (it is often in the address).
            </p>
          </div>
        )}
        {error}
        <div className="actions">
          {back('certificate')}
          <button type="submit" className="primary">
            Continue
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
        {heading('How do you sign in?')}
        <fieldset className="plain">
          <legend>Sign-in method</legend>
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
                  {AUTH_LABELS[m]}
                  {m === 'account' && <span className="badge badge--ok">Recommended</span>}
                </label>
                <p className="hint" id={`${ids}-m-${m}-help`}>
                  {METHOD_HELP[m]}
                </p>
              </div>
            ))}
          </div>
        </fieldset>
        {error}
        <div className="actions">
          {back('database')}
          <button type="submit" className="primary">
            Continue
          </button>
        </div>
      </form>
    );
  } else if (step === 'credentials' && probe !== null) {
    body = (
      <form onSubmit={testConnection} noValidate aria-labelledby={`${ids}-step`}>
        {heading('Your credentials')}
        <p>
          They go straight to your system keychain, encrypted with your vault key. Odoo Companion never shows them again: to change one, type
          a new one.
        </p>
        <div className="field">
          <label htmlFor={`${ids}-login`}>Login</label>
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
            {method === 'api-key'
              ? 'In Odoo: your avatar → My Profile (Preferences) → Account Security → New API Key.'
              : method === 'account'
                ? 'Your Odoo password, used once to sign in and to create this computer’s key in Odoo, then forgotten.'
                : 'Your Odoo password. If your account uses two-factor authentication, the code is asked when you open Odoo.'}
          </p>
        </div>
        {method === 'account' && (
          <div className="choice">
            <input id={`${ids}-keep`} type="checkbox" checked={keepPassword} onChange={(e) => setKeepPassword(e.target.checked)} aria-describedby={`${ids}-keep-help`} />
            <label htmlFor={`${ids}-keep`}>Keep my password on this computer</label>
            <p className="hint" id={`${ids}-keep-help`}>
              Off: when Odoo ends your session, Odoo Companion asks for your password once. On: it signs in again by itself (the password is
              kept encrypted in your keychain).
            </p>
          </div>
        )}
        {error}
        <div className="actions">
          {back('method')}
          <button type="submit" className="primary" disabled={busy}>
            {busy ? 'Testing…' : 'Test connection'}
          </button>
        </div>
      </form>
    );
  } else if (step === 'review' && probe !== null) {
    const d = draft();
    body = (
      <section aria-labelledby={`${ids}-step`}>
        {heading('Connection works — save the profile')}
        {identity !== null && (
          <div className="notice notice--ok" role="status">
            <p className="notice__title">
              Signed in as {identity.name}
              {identity.company !== null ? ` (${identity.company})` : ''}.
            </p>
          </div>
        )}
        {totpLater && (
          <div className="notice notice--ok" role="status">
            <p className="notice__title">Password accepted. This account uses two-factor authentication.</p>
            <p>
              {method === 'account'
                ? 'After saving, Odoo Companion asks for the 6-digit code once, then creates this computer’s key in Odoo.'
                : 'Odoo Companion will ask for the 6-digit code the first time you open Odoo.'}
            </p>
          </div>
        )}
        {method === 'account' && (
          <p>
            Saving signs you in and creates an API key for this computer in Odoo (you will see it in Odoo under Account Security). Your
            password is then {keepPassword ? 'kept, encrypted, in your keychain' : 'forgotten'}.
          </p>
        )}
        <dl className="facts">
          <dt>Name</dt>
          <dd>{d.label}</dd>
          <dt>Server</dt>
          <dd>
            {d.url} (Odoo {probe.version.serverVersion})
          </dd>
          <dt>Database</dt>
          <dd>{d.database}</dd>
          <dt>Login</dt>
          <dd>{d.login}</dd>
          <dt>Sign-in method</dt>
          <dd>{AUTH_LABELS[d.authMethod]}</dd>
          <dt>Pinned keys</dt>
          <dd>{d.pins.length === 0 ? 'none (unencrypted local server)' : `${d.pins.length}${d.trustSelfSigned ? ', trusted as self-signed' : ''}`}</dd>
        </dl>
        {error}
        <div className="actions">
          {back('credentials')}
          <button type="button" className="primary" onClick={() => void save()} disabled={busy}>
            {busy ? 'Saving…' : 'Save profile'}
          </button>
        </div>
      </section>
    );
  }

  return (
    <section aria-labelledby="wizard-title" className="wizard">
      <h1 id="wizard-title" tabIndex={-1}>
        Add an Odoo profile
      </h1>
      <ol className="steps" aria-label="Steps">
        {STEPS.map((s, i) => (
          <li key={s.id} aria-current={s.id === step ? 'step' : undefined} className={i < stepIndex ? 'done' : i === stepIndex ? 'current' : ''}>
            <span className="steps__n" aria-hidden="true">
              {i < stepIndex ? '✓' : i + 1}
            </span>
            {s.label}
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
      setNote(`Enter the ${secretName(method)}: the sign-in method changed or no credential is saved.`);
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
        await call('profiles:testConnection', { ...forTest, secret: typed });
      }
      onSaved(await call('profiles:save', typed === '' ? draft : { ...draft, secret: typed }));
    } catch (err) {
      fail(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section aria-labelledby="edit-title" className="wizard">
      <h1 id="edit-title" tabIndex={-1}>
        Edit {profile.label}
      </h1>
      <form onSubmit={submit} noValidate className="panel">
        <dl className="facts facts--inline">
          <dt>Server</dt>
          <dd>{profile.origin}</dd>
        </dl>
        <div className="field">
          <label htmlFor={`${ids}-label`}>Name</label>
          <input id={`${ids}-label`} value={label} onChange={(e) => setLabel(e.target.value)} maxLength={256} />
        </div>
        <div className="field">
          <label htmlFor={`${ids}-db`}>Database</label>
          <input id={`${ids}-db`} value={database} onChange={(e) => setDatabase(e.target.value)} maxLength={256} spellCheck={false} />
        </div>
        <div className="field">
          <label htmlFor={`${ids}-login`}>Login</label>
          <input id={`${ids}-login`} value={login} onChange={(e) => setLogin(e.target.value)} maxLength={256} autoComplete="username" spellCheck={false} />
        </div>
        <fieldset className="plain">
          <legend>Sign-in method</legend>
          <div className="choices">
            {methods.map((m) => (
              <div className="check" key={m}>
                <input id={`${ids}-m-${m}`} type="radio" name="method" checked={method === m} onChange={() => setMethod(m)} />
                <label htmlFor={`${ids}-m-${m}`}>
                  {AUTH_LABELS[m]}
                  {m === 'api-key' && <span className="badge badge--ok">Recommended</span>}
                </label>
              </div>
            ))}
          </div>
        </fieldset>
        <div className="field">
          <label htmlFor={`${ids}-secret`}>{mustTypeSecret ? secretName(method) : `New ${secretName(method).toLowerCase()} (optional)`}</label>
          <input ref={secretInput} id={`${ids}-secret`} type="password" autoComplete="off" maxLength={4096} aria-describedby={`${ids}-secret-hint`} />
          <p className="hint" id={`${ids}-secret-hint`}>
            {mustTypeSecret ? 'It is tested, then stored in your keychain.' : 'Leave empty to keep the saved one. The saved one is never shown.'}
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
            Cancel
          </button>
          <button type="submit" className="primary" disabled={busy}>
            {busy ? 'Saving…' : 'Save'}
          </button>
        </div>
      </form>
    </section>
  );
}
