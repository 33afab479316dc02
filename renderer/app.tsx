// Top-level screen switch. The vault's state decides what anyone sees: first run asks for
// a vault passphrase, a locked vault shows only the lock screen, and everything about
// profiles lives in the unlocked shell — loaded lazily, and unmounted (with every piece of
// profile data it held) the moment main says `vault:locked` or any request answers
// `locked`. The shell's requests from the tray and shortcuts arrive as `ui:show`. The
// screen the person was on (its name and profile id, nothing of its data) is kept across a
// lock, so unlocking brings them back there.
import { lazy, Suspense, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { LockReason, VaultStatus } from '../contract';
import { invoke, on } from './api';
import { AppContext } from './app-context';
import { describeProblem, type Problem } from './errors';
import { t, useCurrentLocale } from './i18n';
import type { ShellRequest, View } from './navigation';
import type { Platform } from './shortcuts';
import { FirstRun } from './screens/first-run';
import { LockScreen } from './screens/lock-screen';
import { DemoBand } from './ui/demo-band';
import { ProblemNotice } from './ui/problem-notice';

const UnlockedShell = lazy(() => import('./screens/unlocked-shell').then((m) => ({ default: m.UnlockedShell })));

type Phase =
  | { kind: 'starting' }
  | { kind: 'failed'; problem: Problem }
  | { kind: 'first-run'; status: VaultStatus }
  | { kind: 'locked'; status: VaultStatus | null; reason: LockReason | null }
  | { kind: 'unlocked' };

function phaseOf(status: VaultStatus, reason: LockReason | null = null): Phase {
  if (status.state === 'uninitialized') return { kind: 'first-run', status };
  if (status.state === 'locked') return { kind: 'locked', status, reason };
  return { kind: 'unlocked' };
}

export function App() {
  // Re-renders every screen in the new language when it changes.
  useCurrentLocale();
  const [phase, setPhase] = useState<Phase>({ kind: 'starting' });
  const [version, setVersion] = useState<string | null>(null);
  const [platform, setPlatform] = useState<Platform>('other');
  /** The unlocked shell's screen, kept while locked: unlocking goes back to it. */
  const lastView = useRef<View>({ name: 'profiles' });
  const onView = useCallback((view: View) => {
    lastView.current = view;
  }, []);
  const [request, setRequest] = useState<ShellRequest | null>(null);
  /** What the tray asked for while the vault was locked: done right after unlocking. */
  const [prompt, setPrompt] = useState<{ profileId: string | null } | null>(null);
  const nonce = useRef(0);
  const phaseRef = useRef(phase);
  const promptRef = useRef(prompt);
  useEffect(() => {
    phaseRef.current = phase;
    promptRef.current = prompt;
  });

  const load = useCallback(async (reason: LockReason | null = null) => {
    try {
      setPhase(phaseOf(await invoke('vault:status', {}), reason));
    } catch (e) {
      setPhase({ kind: 'failed', problem: describeProblem(e) });
    }
  }, []);

  const lockNow = useCallback(
    (reason: LockReason | null) => {
      setRequest(null);
      setPhase({ kind: 'locked', status: null, reason });
      void load(reason);
    },
    [load],
  );

  const onUnlocked = useCallback(() => {
    // Refs first: the `vault:unlocked` event and our own call's answer can both land here.
    phaseRef.current = { kind: 'unlocked' };
    const asked = promptRef.current;
    promptRef.current = null;
    setPhase({ kind: 'unlocked' });
    setPrompt(null);
    // Quick-login that asked for the unlock is finished by main; show that profile meanwhile.
    if (asked !== null && asked.profileId !== null) {
      nonce.current += 1;
      setRequest({ screen: 'home', profileId: asked.profileId, nonce: nonce.current });
    }
  }, []);

  useEffect(() => {
    void load();
    invoke('app:info', {}).then(
      (info) => {
        setVersion(info.version);
        setPlatform(info.platform);
      },
      () => setVersion(null),
    );
    const offs = [
      on('vault:locked', ({ reason }) => lockNow(reason)),
      // Unlocked elsewhere (the tray's presence prompt): follow.
      on('vault:unlocked', () => {
        if (phaseRef.current.kind === 'locked') onUnlocked();
      }),
      on('ui:show', ({ screen, profileId }) => {
        nonce.current += 1;
        const id = profileId ?? null;
        const kind = phaseRef.current.kind;
        if (screen === 'unlock-prompt') {
          // Quick-login needs the vault: the lock screen is the prompt; main opens Odoo after.
          if (kind === 'locked' || kind === 'starting') setPrompt({ profileId: id });
          return;
        }
        setRequest({ screen, profileId: id, nonce: nonce.current });
      }),
      // Kept while locked, like ui:show: the shortcut pressed on the lock screen opens All
      // profiles once the person has unlocked.
      on('ui:navigate', ({ to }) => {
        nonce.current += 1;
        setRequest({ screen: to, profileId: null, nonce: nonce.current });
      }),
    ];
    // Subscribed: main holds events until it hears this (it would otherwise send them
    // when the page has loaded, before this effect has run).
    invoke('ui:ready', {}).catch(() => {});
    return () => offs.forEach((off) => off());
  }, [load, lockNow, onUnlocked]);

  const context = useMemo(() => ({ onLocked: () => lockNow(null) }), [lockNow]);

  let body;
  switch (phase.kind) {
    case 'starting':
      body = (
        <main className="screen screen--center" aria-busy="true">
          <p className="meta">{t('app.starting')}</p>
        </main>
      );
      break;
    case 'failed':
      body = (
        <main className="screen screen--center">
          <section className="card" aria-labelledby="failed-title">
            <h1 id="failed-title">{t('app.failed')}</h1>
            <ProblemNotice problem={phase.problem}>
              <button type="button" onClick={() => void load()}>
                {t('common.tryAgain')}
              </button>
            </ProblemNotice>
          </section>
        </main>
      );
      break;
    case 'first-run':
      lastView.current = { name: 'profiles' };
      body = <FirstRun status={phase.status} version={version} onCreated={() => setPhase({ kind: 'unlocked' })} />;
      break;
    case 'locked':
      body = (
        <LockScreen
          status={phase.status}
          reason={phase.reason}
          prompting={prompt !== null && prompt.profileId !== null}
          version={version}
          onUnlocked={onUnlocked}
          onReset={(status) => setPhase(phaseOf(status))}
        />
      );
      break;
    case 'unlocked':
      body = (
        <Suspense
          fallback={
            <main className="screen screen--center" aria-busy="true">
              <p className="meta">{t('app.opening')}</p>
            </main>
          }
        >
          <UnlockedShell request={request} version={version} platform={platform} initialView={lastView.current} onView={onView} />
        </Suspense>
      );
      break;
  }
  return (
    <AppContext.Provider value={context}>
      <DemoBand />
      {body}
    </AppContext.Provider>
  );
}
