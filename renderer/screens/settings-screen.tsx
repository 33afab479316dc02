// Settings: when the vault locks itself (idle minutes or never — with a warning — screen
// lock, sleep), presence unlock, launch at login, the quick-search shortcut, notifications,
// and changing the vault passphrase. Every change is saved at once and confirmed; a change
// that is refused says why right next to its control (and to screen readers, through
// aria-describedby and an alert). Launch at login is offered only where the desktop does
// it (macOS, Windows, Linux); the shortcut is recorded from the keys pressed.
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import type { Settings, VaultStatus } from '../../contract';
import { invoke } from '../api';
import { useFailure } from '../app-context';
import { LOCALE_NAMES, LOCALES } from '../../i18n/locales';
import { presenceName } from '../format';
import { followMainLocale, t, type MessageKey } from '../i18n';
import { MIN_PASSPHRASE, passphraseStrength } from '../passphrase-strength';
import type { Problem } from '../errors';
import type { Platform } from '../shortcuts';
import { fixedBy, PolicyNote, usePolicy } from '../policy-note';
import { ProblemNotice } from '../ui/problem-notice';
import { ShortcutRecorder } from './shortcut-recorder';

const MINUTES = [1, 2, 5, 10, 15, 30, 60, 120, 240];

/** Which control a refused change belongs to: its problem is shown next to it. */
type Where = keyof Settings | 'presence';

/** A refused change, next to its control: the control names it in aria-describedby. */
function ControlProblem({ id, problem }: { id: string; problem: Problem }) {
  return (
    <div id={id} className="control-problem">
      <ProblemNotice problem={problem} />
    </div>
  );
}

export function SettingsScreen({ version, platform }: { version: string | null; platform: Platform }) {
  const ids = useId();
  const [settings, setSettings] = useState<Settings | null>(null);
  const [vault, setVault] = useState<VaultStatus | null>(null);
  const [saved, setSaved] = useState('');
  const [problem, fail, clear] = useFailure();
  const [where, setWhere] = useState<Where | null>(null);
  const policy = usePolicy();

  useEffect(() => {
    invoke('settings:get', {}).then(setSettings, fail);
    invoke('vault:status', {}).then(setVault, fail);
  }, [fail]);

  /** Saves `patch`; resolves with the problem when it is refused (also shown next to `at`). */
  async function update(patch: Partial<Settings>, what: () => string, at: Where): Promise<Problem | null> {
    clear();
    setWhere(null);
    try {
      const next = await invoke('settings:update', patch);
      setSettings(next);
      if (patch.language !== undefined) await followMainLocale();
      setSaved(t('settings.saved', { what: what() }));
      return null;
    } catch (e) {
      setWhere(at);
      setSaved('');
      return fail(e);
    }
  }

  async function setPresence(enabled: boolean) {
    clear();
    setWhere(null);
    try {
      setVault(await invoke('vault:setPresence', { enabled }));
      setSaved(enabled ? t('settings.presenceOn') : t('settings.presenceOff'));
    } catch (e) {
      setWhere('presence');
      fail(e);
    }
  }

  /** The problem of control `at`, if the last refused change was its own. */
  const problemAt = (at: Where): Problem | null => (where === at ? problem : null);
  const errorId = (at: Where) => `${ids}-${at}-problem`;
  const describedBy = (at: Where, ...others: (string | undefined)[]) =>
    [...others, problemAt(at) !== null ? errorId(at) : undefined].filter((x) => x !== undefined).join(' ') || undefined;
  const problemNextTo = (at: Where) => {
    const p = problemAt(at);
    return p === null ? null : <ControlProblem id={errorId(at)} problem={p} />;
  };

  if (settings === null) {
    return (
      <section aria-labelledby="settings-title">
        <h1 id="settings-title" tabIndex={-1}>
          {t('nav.settings')}
        </h1>
        {problem !== null ? <ProblemNotice problem={problem} /> : <p className="meta">{t('common.loading')}</p>}
      </section>
    );
  }

  const toggle = (key: 'lockOnScreenLock' | 'lockOnSuspend' | 'launchAtLogin' | 'startInTray' | 'notifications', labelKey: MessageKey, help?: string) => {
    const fixed = key === 'lockOnScreenLock' || key === 'lockOnSuspend' ? fixedBy(policy, key) : null;
    return (
    <div className="check">
      <input
        id={`${ids}-${key}`}
        type="checkbox"
        checked={settings[key]}
        disabled={fixed !== null}
        onChange={(e) => void update({ [key]: e.target.checked }, () => t(labelKey), key)}
        aria-describedby={describedBy(key, help ? `${ids}-${key}-help` : fixed !== null ? `${ids}-${key}-policy` : undefined)}
        aria-invalid={problemAt(key) !== null || undefined}
      />
      <label htmlFor={`${ids}-${key}`}>{t(labelKey)}</label>
      <PolicyNote fixed={fixed} id={`${ids}-${key}-policy`} />
      {help !== undefined && (
        <p className="hint check__help" id={`${ids}-${key}-help`}>
          {help}
        </p>
      )}
      {problemAt(key) !== null && <div className="check__help">{problemNextTo(key)}</div>}
    </div>
    );
  };
  const autoLockFixed = fixedBy(policy, 'autoLockMinutes');
  const minutes = settings.autoLockMinutes;
  const choices = minutes !== null && !MINUTES.includes(minutes) ? [...MINUTES, minutes].sort((a, b) => a - b) : MINUTES;

  return (
    <section aria-labelledby="settings-title" className="settings">
      <h1 id="settings-title" tabIndex={-1}>
        {t('nav.settings')}
      </h1>
      <p className="status-line" role="status">
        {saved}
      </p>
      {problem !== null && where === null && <ProblemNotice problem={problem} />}

      <section className="panel" aria-labelledby={`${ids}-lock`}>
        <h2 id={`${ids}-lock`}>{t('settings.locking')}</h2>
        <div className="field">
          <label htmlFor={`${ids}-auto`}>{t('settings.autoLock')}</label>
          <select
            id={`${ids}-auto`}
            data-main-control
            value={minutes === null ? 'never' : String(minutes)}
            onChange={(e) => void update({ autoLockMinutes: e.target.value === 'never' ? null : Number(e.target.value) }, () => t('settings.autoLockShort'), 'autoLockMinutes')}
            disabled={autoLockFixed !== null}
            aria-describedby={describedBy('autoLockMinutes', autoLockFixed !== null ? `${ids}-auto-policy` : minutes === null ? `${ids}-never` : undefined)}
          >
            {choices.map((m) => (
              <option key={m} value={String(m)}>
                {m < 60 ? t('settings.minutes', { m }) : t('settings.hours', { h: m / 60 })}
              </option>
            ))}
            <option value="never">{t('settings.never')}</option>
          </select>
          <PolicyNote fixed={autoLockFixed} id={`${ids}-auto-policy`} />
          {minutes === null && (
            <p className="notice notice--warn" id={`${ids}-never`}>
              {t('settings.neverWarning')}
            </p>
          )}
          {problemNextTo('autoLockMinutes')}
        </div>
        {toggle('lockOnScreenLock', 'settings.lockOnScreenLock')}
        {toggle('lockOnSuspend', 'settings.lockOnSuspend')}
        {vault !== null &&
          (policy !== null && !policy.presenceUnlockAllowed ? (
            <p className="meta">{t('policy.presenceForbidden')}</p>
          ) : vault.presence.available ? (
            <div className="check">
              <input id={`${ids}-presence`} type="checkbox" checked={vault.presence.enabled} onChange={(e) => void setPresence(e.target.checked)} aria-describedby={describedBy('presence')} />
              <label htmlFor={`${ids}-presence`}>{t('lock.withPresence', { name: presenceName(vault.presence.kind) })}</label>
              {problemAt('presence') !== null && <div className="check__help">{problemNextTo('presence')}</div>}
            </div>
          ) : (
            <p className="meta">{t('settings.noPresence')}</p>
          ))}
      </section>

      <section className="panel" aria-labelledby={`${ids}-start`}>
        <h2 id={`${ids}-start`}>{t('settings.startup')}</h2>
        {/* Only where the desktop carries it out: macOS and Windows login items, Linux autostart. */}
        {platform !== 'other' && toggle('launchAtLogin', 'settings.launchAtLogin')}
        {toggle('startInTray', 'settings.startInTray', t('settings.startInTrayHelp'))}
        {toggle('notifications', 'settings.notifications')}
        <ShortcutRecorder
          current={settings.shortcut}
          platform={platform}
          onRecord={(shortcut) => update({ shortcut }, () => t('settings.shortcutShort'), 'shortcut')}
          problem={problemAt('shortcut')}
        />
      </section>

      <section className="panel" aria-labelledby={`${ids}-language-title`}>
        <h2 id={`${ids}-language-title`}>{t('settings.languageTitle')}</h2>
        <div className="field">
          <label htmlFor={`${ids}-language`}>{t('settings.language')}</label>
          <select
            id={`${ids}-language`}
            value={settings.language}
            onChange={(e) => void update({ language: e.target.value as Settings['language'] }, () => t('settings.language'), 'language')}
            aria-describedby={describedBy('language')}
          >
            <option value="system">{t('settings.languageSystem')}</option>
            {LOCALES.map((l) => (
              <option key={l} value={l} lang={l}>
                {LOCALE_NAMES[l]}
              </option>
            ))}
          </select>
          {problemNextTo('language')}
        </div>
      </section>
      <ChangePassphrase />
      {version !== null && <p className="meta">{t('common.version', { version })}</p>}
    </section>
  );
}

function ChangePassphrase() {
  const ids = useId();
  const current = useRef<HTMLInputElement>(null);
  const next = useRef<HTMLInputElement>(null);
  const again = useRef<HTMLInputElement>(null);
  const [note, setNote] = useState<{ ok: boolean; text: string } | null>(null);
  const [problem, fail, clear] = useFailure();

  async function submit(e: FormEvent) {
    e.preventDefault();
    clear();
    const [c, n, a] = [current.current?.value ?? '', next.current?.value ?? '', again.current?.value ?? ''];
    for (const r of [current, next, again]) if (r.current) r.current.value = '';
    if (c === '') return setNote({ ok: false, text: t('passphrase.enterCurrent') });
    if (passphraseStrength(n).score < 2) return setNote({ ok: false, text: t('passphrase.tooWeak', { hint: passphraseStrength(n).hint }) });
    if (n !== a) return setNote({ ok: false, text: t('passphrase.mismatch') });
    try {
      await invoke('vault:changePassphrase', { current: c, next: n });
      setNote({ ok: true, text: t('passphrase.changed') });
    } catch (err) {
      setNote(null);
      fail(err);
    }
  }

  return (
    <form className="panel" aria-labelledby={`${ids}-title`} onSubmit={submit} noValidate>
      <h2 id={`${ids}-title`}>{t('common.vaultPassphrase')}</h2>
      <div className="field">
        <label htmlFor={`${ids}-c`}>{t('passphrase.current')}</label>
        <input ref={current} id={`${ids}-c`} type="password" autoComplete="current-password" maxLength={1024} />
      </div>
      <div className="field">
        <label htmlFor={`${ids}-n`}>{t('passphrase.new', { min: MIN_PASSPHRASE })}</label>
        <input ref={next} id={`${ids}-n`} type="password" autoComplete="new-password" maxLength={1024} />
      </div>
      <div className="field">
        <label htmlFor={`${ids}-a`}>{t('passphrase.again')}</label>
        <input ref={again} id={`${ids}-a`} type="password" autoComplete="new-password" maxLength={1024} />
      </div>
      {note !== null && (
        <p className={note.ok ? 'notice notice--ok' : 'field-error'} role={note.ok ? 'status' : 'alert'}>
          {note.text}
        </p>
      )}
      {problem !== null && <ProblemNotice problem={problem} />}
      <div className="actions">
        <button type="submit">{t('passphrase.change')}</button>
      </div>
    </form>
  );
}
