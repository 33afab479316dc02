// Everything a person does with an unlocked vault: the profiles, a profile's home, the
// add/edit wizard, settings and the per-profile security page, plus our own TOTP prompt.
// Loaded lazily (the first screen is the lock screen) and unmounted on lock, so no
// profile data outlives the unlocked state. Opening Odoo (quick-login) is done here for
// every screen, because a TOTP step may interrupt it wherever it started.
import { useCallback, useContext, useEffect, useRef, useState } from 'react';
import type { Profile } from '../../contract';
import { invoke, CompanionError, on } from '../api';
import { AppContext, useFailure } from '../app-context';
import { t } from '../i18n';
import { homeOf, requestedProfile, sectionOf, type Go, type OpenInOdoo, type RecordRef, type ShellRequest, type View } from '../navigation';
import { ProblemNotice } from '../ui/problem-notice';
import { AllProfilesHome } from './all-profiles/all-profiles-home';
import { ProfileFiles } from './profile-files/profile-files';
import { ProfileHome } from './profile-home';
import { ProfileSecurity } from './profile-security';
import { ProfileWizard } from './wizard/profile-wizard';
import { ProfilesList } from './profiles-list';
import { SettingsScreen } from './settings-screen';
import { TotpDialog } from './totp-dialog';
import { PasswordDialog } from './password-dialog';

export function UnlockedShell({ request, version }: { request: ShellRequest | null; version: string | null }) {
  const { onLocked } = useContext(AppContext);
  const [profiles, setProfiles] = useState<Profile[] | null>(null);
  const [view, setView] = useState<View>({ name: 'profiles' });
  /** Our TOTP step; `open` says whether Odoo is opened once the code is accepted. */
  const [totp, setTotp] = useState<{ profileId: string; open: boolean; record?: RecordRef } | null>(null);
  const [passwordFor, setPasswordFor] = useState<string | null>(null);
  const [reload, setReload] = useState(0);
  /** Opening Odoo needs the profile's saved password, and none is saved (after a vault reset, say). */
  const [setupNeeded, setSetupNeeded] = useState<string | null>(null);
  const [expiring, setExpiring] = useState<Record<string, number>>({});
  const [status, setStatus] = useState('');
  const [problem, fail, clear] = useFailure();
  const [listProblem, failList] = useFailure();
  const mainRef = useRef<HTMLElement>(null);
  const handled = useRef(0);
  const navigations = useRef(0);

  const refresh = useCallback(async () => {
    try {
      setProfiles(await invoke('profiles:list', {}));
    } catch (e) {
      failList(e);
    }
  }, [failList]);

  useEffect(() => {
    void refresh();
    const offs = [
      on('profiles:changed', () => void refresh()),
      // The tray's "Open All profiles" and the global shortcut (search focused).
      on('ui:navigate', ({ to }) => {
        navigations.current += 1;
        setView({ name: 'all-profiles', focusSearch: to === 'all-profiles-search' ? navigations.current : 0 });
      }),
      on('tls:certificateExpiring', ({ profileId, daysLeft }) => setExpiring((m) => ({ ...m, [profileId]: daysLeft }))),
    ];
    return () => offs.forEach((off) => off());
  }, [refresh]);

  const labelOf = useCallback((id: string) => profiles?.find((p) => p.id === id)?.label ?? t('shell.theProfile'), [profiles]);

  const openInOdoo: OpenInOdoo = useCallback(
    async (profileId, record) => {
      clear();
      setSetupNeeded(null);
      const what = record?.name ?? labelOf(profileId);
      setStatus(t('shell.opening', { what }));
      try {
        const input = record === undefined ? { profileId } : { profileId, record: { model: record.model, id: record.id } };
        const result = await invoke('odoo:open', input);
        // When the person must act first, main also sends 'ui:show' (our TOTP dialog or the
        // unlock prompt) and finishes opening by itself once they have.
        if (result.status === 'opened') {
          setStatus(t('shell.opened', { what }));
          void refresh();
        } else if (result.status === 'opened_sign_in') {
          // An API key cannot open a web session: say what the window shows.
          setStatus(t('shell.openedSignIn', { what }));
        } else if (result.status === 'password_prompted') {
          setStatus(t('shell.passwordAsked'));
        } else if (result.status === 'totp_prompted') {
          setStatus(t('shell.totpAsked'));
        } else if (result.status === 'unlock_prompted') {
          setStatus(t('shell.unlockToContinue'));
        } else {
          // setup_required: main has no vault (it was reset meanwhile); the app shows first run.
          setStatus('');
          onLocked();
        }
      } catch (e) {
        setStatus('');
        if (e instanceof CompanionError && e.code === 'auth_failed' && e.details?.missing !== undefined) setSetupNeeded(profileId);
        else fail(e);
      }
    },
    [clear, fail, labelOf, refresh, onLocked],
  );

  // Requests from the tray / shortcut / unlock prompt.
  useEffect(() => {
    if (request === null || request.nonce === handled.current || profiles === null) return;
    handled.current = request.nonce;
    const target = requestedProfile(request, profiles);
    if (request.screen === 'totp-prompt' && target !== null) setTotp({ profileId: target, open: true });
    else if (request.screen === 'password-prompt' && target !== null) setPasswordFor(target);
    else if (target !== null) setView(homeOf(target, request.screen === 'quick-search' ? request.nonce : 0));
    else setView({ name: 'profiles' });
  }, [request, profiles]);

  // Moving between screens puts focus on the new screen's heading (or the search field).
  useEffect(() => {
    if ((view.name === 'home' || view.name === 'all-profiles') && view.focusSearch > 0) return;
    // A screen that put the focus on its own first control (the wizard's address field) keeps it.
    if (mainRef.current?.contains(document.activeElement) && document.activeElement !== mainRef.current) return;
    mainRef.current?.querySelector<HTMLElement>('h1')?.focus();
  }, [view]);

  async function lockNow() {
    try {
      await invoke('vault:lock', {});
    } finally {
      onLocked();
    }
  }

  const go = (v: View) => {
    clear();
    setSetupNeeded(null);
    setStatus('');
    setView(v);
  };
  const current = (id: string) => profiles?.find((p) => p.id === id) ?? null;
  const top = sectionOf(view);

  let body;
  if (profiles === null) {
    body = listProblem !== null ? <ProblemNotice problem={listProblem} /> : <p className="meta">{t('shell.loadingProfiles')}</p>;
  } else if (view.name === 'profiles') {
    body = <ProfilesList profiles={profiles} expiring={expiring} go={go} openInOdoo={openInOdoo} problem={listProblem} />;
  } else if (view.name === 'add') {
    body = <ProfileWizard profile={null} go={go} onSaved={(p) => { void refresh(); go(homeOf(p.id)); }} />;
  } else if (view.name === 'all-profiles') {
    body = <AllProfilesHome focusSearch={view.focusSearch} go={go} openInOdoo={openInOdoo} />;
  } else if (view.name === 'profile-files') {
    body = <ProfileFiles profiles={profiles} go={go} onChanged={refresh} />;
  } else if (view.name === 'settings') {
    body = <SettingsScreen version={version} />;
  } else {
    const profile = current(view.profileId);
    if (profile === null) body = <MissingProfile go={go} />;
    else if (view.name === 'edit')
      body = <ProfileWizard profile={profile} go={go} onSaved={(p) => { void refresh(); go(homeOf(p.id)); }} />;
    else if (view.name === 'security')
      body = <ProfileSecurity profile={profile} go={go} onChanged={refresh} daysLeft={expiring[profile.id] ?? null} />;
    else body = <ProfileHome key={profile.id} profile={profile} focusSearch={view.focusSearch} go={go} openInOdoo={openInOdoo} onTotp={() => setTotp({ profileId: profile.id, open: false })} onPassword={() => setPasswordFor(profile.id)} reload={reload} />;
  }

  return (
    <div className="shell">
      <header className="topbar">
        <span className="brand">
          <span className="brand__mark" aria-hidden="true">
            ◆
          </span>{' '}
          Odoo Companion
        </span>
        <nav aria-label={t('nav.main')}>
          <ul className="nav">
            <li>
              <button type="button" className="nav__item" aria-current={top === 'profiles' ? 'page' : undefined} onClick={() => go({ name: 'profiles' })}>
                {t('nav.profiles')}
              </button>
            </li>
            <li>
              <button type="button" className="nav__item" aria-current={top === 'settings' ? 'page' : undefined} onClick={() => go({ name: 'settings' })}>
                {t('nav.settings')}
              </button>
            </li>
          </ul>
        </nav>
        <button type="button" className="lock-button" onClick={() => void lockNow()}>
          <svg aria-hidden="true" width="14" height="14" viewBox="0 0 16 16" className="icon">
            <path d="M4.5 7V5a3.5 3.5 0 0 1 7 0v2" fill="none" stroke="currentColor" strokeWidth="1.6" />
            <rect x="2.5" y="7" width="11" height="8" rx="1.8" fill="currentColor" />
          </svg>{' '}
          {t('nav.lockNow')}
        </button>
      </header>
      <main ref={mainRef} className="screen">
        <p className="status-line" role="status" aria-live="polite">
          {status}
        </p>
        {problem !== null && (
          <ProblemNotice problem={problem}>
            {problem.action === 'security' && view.name === 'home' && (
              <button type="button" onClick={() => go({ name: 'security', profileId: view.profileId })}>
                {t('common.openSecurity')}
              </button>
            )}
            <button type="button" onClick={clear}>
              {t('common.dismiss')}
            </button>
          </ProblemNotice>
        )}
        {setupNeeded !== null && (
          <div className="notice notice--warn" role="alert">
            <p className="notice__title">{t('shell.setupTitle', { label: labelOf(setupNeeded) })}</p>
            <p>{t('shell.setupBody')}</p>
            <div className="actions">
              <button type="button" onClick={() => go({ name: 'edit', profileId: setupNeeded })}>
                {t('common.editProfile')}
              </button>
            </div>
          </div>
        )}
        {body}
      </main>
      {passwordFor !== null && (
        <PasswordDialog
          profileId={passwordFor}
          label={labelOf(passwordFor)}
          login={profiles?.find((p) => p.id === passwordFor)?.login ?? ''}
          onClose={() => {
            setPasswordFor(null);
            setStatus('');
          }}
          onDone={(result) => {
            const id = passwordFor;
            setPasswordFor(null);
            // Signed in: main opens the window that was waiting. A code may be asked first.
            if (result.status === 'totp_required') setTotp({ profileId: id, open: true });
            else {
              setStatus(t('shell.signedIn'));
              setReload((n) => n + 1);
            }
          }}
        />
      )}
      {totp !== null && (
        <TotpDialog
          profileId={totp.profileId}
          label={labelOf(totp.profileId)}
          onClose={() => {
            setTotp(null);
            setStatus('');
          }}
          onDone={() => {
            const again = totp;
            setTotp(null);
            // Code accepted. An opening that was waiting for it is finished by main.
            if (again.open) setStatus(t('shell.codeAccepted'));
            else setReload((n) => n + 1);
          }}
        />
      )}
    </div>
  );
}

function MissingProfile({ go }: { go: Go }) {
  return (
    <section aria-labelledby="missing-title">
      <h1 id="missing-title" tabIndex={-1}>
        {t('shell.missing')}
      </h1>
      <button type="button" onClick={() => go({ name: 'profiles' })}>
        {t('shell.backToProfiles')}
      </button>
    </section>
  );
}
