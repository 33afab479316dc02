// Everything a person does with an unlocked vault: the profiles, a profile's home, the
// add/edit wizard, settings and the per-profile security page, plus our own TOTP prompt.
// Loaded lazily (the first screen is the lock screen) and unmounted on lock, so no
// profile data outlives the unlocked state. Opening Odoo (quick-login) is done here for
// every screen, because a TOTP step may interrupt it wherever it started. The keyboard is
// the shell's too: after each move the new screen's main control has the focus (the
// element marked `data-main-control`, else its heading), and Ctrl/Cmd+K, "/", "?" and
// Ctrl/Cmd+L work on every screen.
import { useCallback, useContext, useEffect, useRef, useState, type ReactNode } from 'react';
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
import { ShortcutsDialog } from './shortcuts-dialog';
import { isPrimary, isTypingTarget, type Platform } from '../shortcuts';

/** Where the focus goes when a screen opens: its main control, else its heading. */
const MAIN_CONTROL = '[data-main-control]:not(:disabled)';

/** The saved profile in the list at once, before the list is read again (no "no longer exists" flash). */
function withSaved(list: Profile[] | null, saved: Profile): Profile[] {
  if (list === null) return [saved];
  return list.some((p) => p.id === saved.id) ? list.map((p) => (p.id === saved.id ? saved : p)) : [...list, saved];
}

export function UnlockedShell({
  request,
  version,
  platform,
  initialView,
  onView,
}: {
  request: ShellRequest | null;
  version: string | null;
  platform: Platform;
  /** The screen to open on (the one the person was on when the vault locked). */
  initialView: View;
  /** Told each move, so the app can come back here after a lock. */
  onView: (view: View) => void;
}) {
  const { onLocked } = useContext(AppContext);
  const [profiles, setProfiles] = useState<Profile[] | null>(null);
  const [view, setView] = useState<View>(initialView);
  const [shortcutsOpen, setShortcutsOpen] = useState(false);
  const [globalShortcut, setGlobalShortcut] = useState<string | null>(null);
  /** Our TOTP step; `open` says whether Odoo is opened once the code is accepted. */
  const [totp, setTotp] = useState<{ profileId: string; open: boolean; record?: RecordRef } | null>(null);
  const [passwordFor, setPasswordFor] = useState<string | null>(null);
  const [reload, setReload] = useState(0);
  /** Opening Odoo needs the profile's saved password, and none is saved (after a vault reset, say). */
  const [setupNeeded, setSetupNeeded] = useState<string | null>(null);
  const [expiring, setExpiring] = useState<Record<string, number>>({});
  const [status, setStatus] = useState('');
  const [problem, fail, clear] = useFailure();
  /** The profile whose "Open in Odoo" failed: its refusal shows beside that button, not at the top. */
  const [failedFor, setFailedFor] = useState<string | null>(null);
  const [listProblem, failList] = useFailure();
  const mainRef = useRef<HTMLElement>(null);
  const handled = useRef(0);
  /** Each request to focus the search gets a new number (tray, Ctrl/Cmd+K, "/"), so the same one twice still counts. */
  const searchNonce = useRef(initialView.name === 'home' ? initialView.focusSearch : 0);

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
        const result =
          record === undefined
            ? await invoke('odoo:open', { profileId })
            : 'list' in record
              ? await invoke('odoo:openList', { profileId, model: record.model })
              : await invoke('odoo:open', { profileId, record: recordInput(record) });
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
        else {
          fail(e);
          setFailedFor(profileId);
        }
      }
    },
    [clear, fail, labelOf, refresh, onLocked],
  );

  // Requests from the tray / shortcut / unlock prompt.
  useEffect(() => {
    if (request === null || request.nonce === handled.current || profiles === null) return;
    handled.current = request.nonce;
    if (request.screen === 'all-profiles' || request.screen === 'all-profiles-search') {
      setView({ name: 'all-profiles', focusSearch: request.screen === 'all-profiles-search' ? ++searchNonce.current : 0 });
      return;
    }
    const target = requestedProfile(request, profiles);
    if (request.screen === 'totp-prompt' && target !== null) setTotp({ profileId: target, open: true });
    else if (request.screen === 'password-prompt' && target !== null) setPasswordFor(target);
    else if (target !== null) setView(homeOf(target, request.screen === 'quick-search' ? ++searchNonce.current : 0));
    else setView({ name: 'profiles' });
  }, [request, profiles]);

  useEffect(() => onView(view), [view, onView]);

  // Moving between screens puts focus on the new screen's main control (or the search field
  // when that was asked), once the screen is there. A screen that focused a field of its
  // own (the wizard's first field) keeps it.
  const loaded = profiles !== null;
  useEffect(() => {
    if (!loaded || ((view.name === 'home' || view.name === 'all-profiles') && view.focusSearch > 0)) return;
    const main = mainRef.current;
    const active = document.activeElement;
    if (main === null || (active !== null && main.contains(active) && isTypingTarget(active))) return;
    const control = main.querySelector<HTMLElement>(MAIN_CONTROL);
    if (control !== null) return control.focus();
    // The screen is still loading (settings, say): its heading meanwhile, its main control
    // as soon as it shows — unless the person has moved on by then.
    const heading = main.querySelector<HTMLElement>('h1');
    heading?.focus();
    const watch = new MutationObserver(() => {
      const now = document.activeElement;
      if (now !== heading && now !== document.body && now !== null) return watch.disconnect();
      const ready = main.querySelector<HTMLElement>(MAIN_CONTROL);
      if (ready === null) return;
      watch.disconnect();
      ready.focus();
    });
    watch.observe(main, { childList: true, subtree: true });
    return () => watch.disconnect();
  }, [view, loaded]);

  // A failure to open Odoo is said beside the control that asked (the profile's card, the
  // profile's page); on any other screen, at the top.
  const besideControl = view.name === 'profiles' || view.name === 'home';
  const openNotice = (profileId: string): ReactNode =>
    problem === null || failedFor !== profileId ? null : (
      <ProblemNotice problem={problem}>
        {problem.action === 'security' && (
          <button type="button" onClick={() => go({ name: 'security', profileId })}>
            {t('common.openSecurity')}
          </button>
        )}
        <button type="button" onClick={clear}>
          {t('common.dismiss')}
        </button>
      </ProblemNotice>
    );

  async function lockNow() {
    try {
      await invoke('vault:lock', {});
    } finally {
      onLocked();
    }
  }
  const lockRef = useRef(lockNow);
  lockRef.current = lockNow;

  // Keys on every screen: Ctrl/Cmd+K or "/" search the profile shown, "?" lists the keys,
  // Ctrl/Cmd+L locks. Single keys are left alone while the person types in a field.
  const viewRef = useRef(view);
  viewRef.current = view;
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || document.querySelector('dialog[open]') !== null) return;
      const typing = isTypingTarget(document.activeElement);
      const plain = !e.ctrlKey && !e.metaKey && !e.altKey;
      const current = viewRef.current;
      if ((isPrimary(e, platform) && e.code === 'KeyK') || (plain && e.key === '/' && !typing)) {
        if (current.name !== 'home') return;
        e.preventDefault();
        setView(homeOf(current.profileId, ++searchNonce.current));
      } else if (plain && e.key === '?' && !typing) {
        e.preventDefault();
        setShortcutsOpen(true);
        invoke('settings:get', {}).then((s) => setGlobalShortcut(s.shortcut), () => setGlobalShortcut(null));
      } else if (isPrimary(e, platform) && e.code === 'KeyL') {
        e.preventDefault();
        void lockRef.current();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [platform]);

  const go = (v: View) => {
    clear();
    setSetupNeeded(null);
    setStatus('');
    setView(v);
  };
  const current = (id: string) => profiles?.find((p) => p.id === id) ?? null;
  // Saved: its page at once, from the answer itself; the list is read again meanwhile.
  const saved = (p: Profile) => {
    setProfiles((list) => withSaved(list, p));
    void refresh();
    go(homeOf(p.id));
  };
  const top = sectionOf(view);

  let body: ReactNode;
  if (profiles === null) {
    body = listProblem !== null ? <ProblemNotice problem={listProblem} /> : <p className="meta">{t('shell.loadingProfiles')}</p>;
  } else if (view.name === 'profiles') {
    body = <ProfilesList profiles={profiles} expiring={expiring} go={go} openInOdoo={openInOdoo} problem={listProblem} openNotice={openNotice} />;
  } else if (view.name === 'add') {
    body = <ProfileWizard profile={null} go={go} onSaved={saved} />;
  } else if (view.name === 'all-profiles') {
    body = <AllProfilesHome focusSearch={view.focusSearch} go={go} openInOdoo={openInOdoo} />;
  } else if (view.name === 'profile-files') {
    body = <ProfileFiles profiles={profiles} go={go} onChanged={refresh} />;
  } else if (view.name === 'settings') {
    body = <SettingsScreen version={version} platform={platform} />;
  } else {
    const profile = current(view.profileId);
    if (profile === null) body = <MissingProfile go={go} />;
    else if (view.name === 'edit')
      body = <ProfileWizard profile={profile} go={go} onSaved={saved} />;
    else if (view.name === 'security')
      body = <ProfileSecurity profile={profile} go={go} onChanged={refresh} daysLeft={expiring[profile.id] ?? null} />;
    else body = <ProfileHome key={profile.id} profile={profile} focusSearch={view.focusSearch} go={go} openInOdoo={openInOdoo} openNotice={problem !== null && failedFor === profile.id ? { code: problem.code, node: openNotice(profile.id) } : null} onTotp={() => setTotp({ profileId: profile.id, open: false })} onPassword={() => setPasswordFor(profile.id)} reload={reload} />;
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
        {!besideControl && failedFor !== null && openNotice(failedFor)}
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
      {shortcutsOpen && <ShortcutsDialog platform={platform} globalShortcut={globalShortcut} onClose={() => setShortcutsOpen(false)} />}
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

/** The record as odoo:open takes it: its names (for the recently-opened list) only when known, within bounds. */
function recordInput(r: RecordRef) {
  return {
    model: r.model,
    id: r.id,
    ...(r.name === undefined ? {} : { name: r.name.slice(0, 512) }),
    ...(r.modelName === undefined ? {} : { modelName: r.modelName.slice(0, 128) }),
  };
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
