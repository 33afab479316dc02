// Settings: when the vault locks itself (idle minutes or never — with a warning — screen
// lock, sleep), presence unlock, launch at login, the quick-search shortcut, notifications,
// and changing the vault passphrase. Every change is saved at once and confirmed.
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import type { Settings, VaultStatus } from '../../contract';
import { invoke } from '../api';
import { useFailure } from '../app-context';
import { LOCALE_NAMES, LOCALES } from '../../i18n/locales';
import { presenceName } from '../format';
import { followMainLocale, t, type MessageKey } from '../i18n';
import { MIN_PASSPHRASE, passphraseStrength } from '../passphrase-strength';
import { fixedBy, PolicyNote, usePolicy } from '../policy-note';
import { ProblemNotice } from '../ui/problem-notice';

const MINUTES = [1, 2, 5, 10, 15, 30, 60, 120, 240];

export function SettingsScreen({ version }: { version: string | null }) {
  const ids = useId();
  const [settings, setSettings] = useState<Settings | null>(null);
  const [vault, setVault] = useState<VaultStatus | null>(null);
  const [shortcut, setShortcut] = useState('');
  const [saved, setSaved] = useState('');
  const [problem, fail, clear] = useFailure();
  const policy = usePolicy();

  useEffect(() => {
    invoke('settings:get', {}).then((s) => {
      setSettings(s);
      setShortcut(s.shortcut);
    }, fail);
    invoke('vault:status', {}).then(setVault, fail);
  }, [fail]);

  async function update(patch: Partial<Settings>, what: () => string) {
    clear();
    try {
      const next = await invoke('settings:update', patch);
      setSettings(next);
      setShortcut(next.shortcut);
      if (patch.language !== undefined) await followMainLocale();
      setSaved(t('settings.saved', { what: what() }));
    } catch (e) {
      fail(e);
      setSaved('');
    }
  }

  async function setPresence(enabled: boolean) {
    clear();
    try {
      setVault(await invoke('vault:setPresence', { enabled }));
      setSaved(enabled ? t('settings.presenceOn') : t('settings.presenceOff'));
    } catch (e) {
      fail(e);
    }
  }

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
      <input id={`${ids}-${key}`} type="checkbox" checked={settings[key]} disabled={fixed !== null} onChange={(e) => void update({ [key]: e.target.checked }, () => t(labelKey))} aria-describedby={help ? `${ids}-${key}-help` : fixed !== null ? `${ids}-${key}-policy` : undefined} />
      <label htmlFor={`${ids}-${key}`}>{t(labelKey)}</label>
      <PolicyNote fixed={fixed} id={`${ids}-${key}-policy`} />
      {help !== undefined && (
        <p className="hint check__help" id={`${ids}-${key}-help`}>
          {help}
        </p>
      )}
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
      {problem !== null && <ProblemNotice problem={problem} />}

      <section className="panel" aria-labelledby={`${ids}-lock`}>
        <h2 id={`${ids}-lock`}>{t('settings.locking')}</h2>
        <div className="field">
          <label htmlFor={`${ids}-auto`}>{t('settings.autoLock')}</label>
          <select
            id={`${ids}-auto`}
            value={minutes === null ? 'never' : String(minutes)}
            onChange={(e) => void update({ autoLockMinutes: e.target.value === 'never' ? null : Number(e.target.value) }, () => t('settings.autoLockShort'))}
            disabled={autoLockFixed !== null}
            aria-describedby={autoLockFixed !== null ? `${ids}-auto-policy` : minutes === null ? `${ids}-never` : undefined}
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
        </div>
        {toggle('lockOnScreenLock', 'settings.lockOnScreenLock')}
        {toggle('lockOnSuspend', 'settings.lockOnSuspend')}
        {vault !== null &&
          (policy !== null && !policy.presenceUnlockAllowed ? (
            <p className="meta">{t('policy.presenceForbidden')}</p>
          ) : vault.presence.available ? (
            <div className="check">
              <input id={`${ids}-presence`} type="checkbox" checked={vault.presence.enabled} onChange={(e) => void setPresence(e.target.checked)} />
              <label htmlFor={`${ids}-presence`}>{t('lock.withPresence', { name: presenceName(vault.presence.kind) })}</label>
            </div>
          ) : (
            <p className="meta">{t('settings.noPresence')}</p>
          ))}
      </section>

      <section className="panel" aria-labelledby={`${ids}-start`}>
        <h2 id={`${ids}-start`}>{t('settings.startup')}</h2>
        {toggle('launchAtLogin', 'settings.launchAtLogin')}
        {toggle('startInTray', 'settings.startInTray', t('settings.startInTrayHelp'))}
        {toggle('notifications', 'settings.notifications')}
        <form
          className="field"
          onSubmit={(e) => {
            e.preventDefault();
            if (shortcut.trim() !== '') void update({ shortcut: shortcut.trim() }, () => t('settings.shortcutShort'));
          }}
        >
          <label htmlFor={`${ids}-shortcut`}>{t('settings.shortcut')}</label>
          <div className="inline">
            <input id={`${ids}-shortcut`} className="ltr" value={shortcut} onChange={(e) => setShortcut(e.target.value)} maxLength={64} spellCheck={false} aria-describedby={`${ids}-shortcut-help`} />
            <button type="submit">{t('settings.saveShortcut')}</button>
          </div>
          <p className="hint" id={`${ids}-shortcut-help`}>
            {t('settings.shortcutHelp', { example: 'CommandOrControl+Shift+Space' })}
          </p>
        </form>
      </section>

      <section className="panel" aria-labelledby={`${ids}-language-title`}>
        <h2 id={`${ids}-language-title`}>{t('settings.languageTitle')}</h2>
        <div className="field">
          <label htmlFor={`${ids}-language`}>{t('settings.language')}</label>
          <select
            id={`${ids}-language`}
            value={settings.language}
            onChange={(e) => void update({ language: e.target.value as Settings['language'] }, () => t('settings.language'))}
          >
            <option value="system">{t('settings.languageSystem')}</option>
            {LOCALES.map((l) => (
              <option key={l} value={l} lang={l}>
                {LOCALE_NAMES[l]}
              </option>
            ))}
          </select>
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
