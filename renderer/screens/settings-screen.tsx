// Settings: when the vault locks itself (idle minutes or never — with a warning — screen
// lock, sleep), presence unlock, launch at login, the quick-search shortcut, notifications,
// and changing the vault passphrase. Every change is saved at once and confirmed.
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import type { Settings, VaultStatus } from '../../preload/contract';
import { call } from '../api';
import { useFailure } from '../app-context';
import { presenceName } from '../format';
import { MIN_PASSPHRASE, passphraseStrength } from '../passphrase-strength';
import { ProblemNotice } from '../ui/problem-notice';

const MINUTES = [1, 2, 5, 10, 15, 30, 60, 120, 240];

export function SettingsScreen({ version }: { version: string | null }) {
  const ids = useId();
  const [settings, setSettings] = useState<Settings | null>(null);
  const [vault, setVault] = useState<VaultStatus | null>(null);
  const [shortcut, setShortcut] = useState('');
  const [saved, setSaved] = useState('');
  const [problem, fail, clear] = useFailure();

  useEffect(() => {
    call('settings:get', {}).then((s) => {
      setSettings(s);
      setShortcut(s.shortcut);
    }, fail);
    call('vault:status', {}).then(setVault, fail);
  }, [fail]);

  async function update(patch: Partial<Settings>, what: string) {
    clear();
    try {
      const next = await call('settings:update', patch);
      setSettings(next);
      setShortcut(next.shortcut);
      setSaved(`${what} saved.`);
    } catch (e) {
      fail(e);
      setSaved('');
    }
  }

  async function setPresence(enabled: boolean) {
    clear();
    try {
      setVault(await call('vault:setPresence', { enabled }));
      setSaved(enabled ? 'Presence unlock turned on.' : 'Presence unlock turned off.');
    } catch (e) {
      fail(e);
    }
  }

  if (settings === null) {
    return (
      <section aria-labelledby="settings-title">
        <h1 id="settings-title" tabIndex={-1}>
          Settings
        </h1>
        {problem !== null ? <ProblemNotice problem={problem} /> : <p className="meta">Loading…</p>}
      </section>
    );
  }

  const toggle = (key: 'lockOnScreenLock' | 'lockOnSuspend' | 'launchAtLogin' | 'startInTray' | 'notifications', label: string, help?: string) => (
    <div className="check">
      <input id={`${ids}-${key}`} type="checkbox" checked={settings[key]} onChange={(e) => void update({ [key]: e.target.checked }, label)} aria-describedby={help ? `${ids}-${key}-help` : undefined} />
      <label htmlFor={`${ids}-${key}`}>{label}</label>
      {help !== undefined && (
        <p className="hint check__help" id={`${ids}-${key}-help`}>
          {help}
        </p>
      )}
    </div>
  );
  const minutes = settings.autoLockMinutes;
  const choices = minutes !== null && !MINUTES.includes(minutes) ? [...MINUTES, minutes].sort((a, b) => a - b) : MINUTES;

  return (
    <section aria-labelledby="settings-title" className="settings">
      <h1 id="settings-title" tabIndex={-1}>
        Settings
      </h1>
      <p className="status-line" role="status">
        {saved}
      </p>
      {problem !== null && <ProblemNotice problem={problem} />}

      <section className="panel" aria-labelledby={`${ids}-lock`}>
        <h2 id={`${ids}-lock`}>Locking</h2>
        <div className="field">
          <label htmlFor={`${ids}-auto`}>Lock after this much inactivity</label>
          <select
            id={`${ids}-auto`}
            value={minutes === null ? 'never' : String(minutes)}
            onChange={(e) => void update({ autoLockMinutes: e.target.value === 'never' ? null : Number(e.target.value) }, 'Auto-lock')}
            aria-describedby={minutes === null ? `${ids}-never` : undefined}
          >
            {choices.map((m) => (
              <option key={m} value={String(m)}>
                {m < 60 ? `${m} ${m === 1 ? 'minute' : 'minutes'}` : `${m / 60} ${m === 60 ? 'hour' : 'hours'}`}
              </option>
            ))}
            <option value="never">Never</option>
          </select>
          {minutes === null && (
            <p className="notice notice--warn" id={`${ids}-never`}>
              Odoo Companion will stay unlocked while you are away: anyone at this computer can open your Odoo. Lock it yourself (tray or
              shortcut) or keep “lock when the screen locks” on.
            </p>
          )}
        </div>
        {toggle('lockOnScreenLock', 'Lock when the screen locks')}
        {toggle('lockOnSuspend', 'Lock when the computer sleeps')}
        {vault !== null &&
          (vault.presence.available ? (
            <div className="check">
              <input id={`${ids}-presence`} type="checkbox" checked={vault.presence.enabled} onChange={(e) => void setPresence(e.target.checked)} />
              <label htmlFor={`${ids}-presence`}>Unlock with {presenceName(vault.presence.kind)}</label>
            </div>
          ) : (
            <p className="meta">Touch ID / Windows Hello is not available on this computer: unlock with your passphrase.</p>
          ))}
      </section>

      <section className="panel" aria-labelledby={`${ids}-start`}>
        <h2 id={`${ids}-start`}>Startup and notifications</h2>
        {toggle('launchAtLogin', 'Launch at login')}
        {toggle('startInTray', 'Start in the tray', 'Open only the tray icon, not this window, when Odoo Companion starts.')}
        {toggle('notifications', 'Notify me when activities fall due')}
        <form
          className="field"
          onSubmit={(e) => {
            e.preventDefault();
            if (shortcut.trim() !== '') void update({ shortcut: shortcut.trim() }, 'Shortcut');
          }}
        >
          <label htmlFor={`${ids}-shortcut`}>Quick search shortcut</label>
          <div className="inline">
            <input id={`${ids}-shortcut`} value={shortcut} onChange={(e) => setShortcut(e.target.value)} maxLength={64} spellCheck={false} aria-describedby={`${ids}-shortcut-help`} />
            <button type="submit">Save shortcut</button>
          </div>
          <p className="hint" id={`${ids}-shortcut-help`}>
            For example CommandOrControl+Shift+Space. Works from any app.
          </p>
        </form>
      </section>

      <ChangePassphrase />
      {version !== null && <p className="meta">Odoo Companion {version}</p>}
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
    if (c === '') return setNote({ ok: false, text: 'Enter your current passphrase.' });
    if (passphraseStrength(n).score < 2) return setNote({ ok: false, text: `The new passphrase is too weak. ${passphraseStrength(n).hint}` });
    if (n !== a) return setNote({ ok: false, text: 'The two new passphrases are different.' });
    try {
      await call('vault:changePassphrase', { current: c, next: n });
      setNote({ ok: true, text: 'Passphrase changed.' });
    } catch (err) {
      setNote(null);
      fail(err);
    }
  }

  return (
    <form className="panel" aria-labelledby={`${ids}-title`} onSubmit={submit} noValidate>
      <h2 id={`${ids}-title`}>Vault passphrase</h2>
      <div className="field">
        <label htmlFor={`${ids}-c`}>Current passphrase</label>
        <input ref={current} id={`${ids}-c`} type="password" autoComplete="current-password" maxLength={1024} />
      </div>
      <div className="field">
        <label htmlFor={`${ids}-n`}>New passphrase (at least {MIN_PASSPHRASE} characters)</label>
        <input ref={next} id={`${ids}-n`} type="password" autoComplete="new-password" maxLength={1024} />
      </div>
      <div className="field">
        <label htmlFor={`${ids}-a`}>New passphrase again</label>
        <input ref={again} id={`${ids}-a`} type="password" autoComplete="new-password" maxLength={1024} />
      </div>
      {note !== null && (
        <p className={note.ok ? 'notice notice--ok' : 'field-error'} role={note.ok ? 'status' : 'alert'}>
          {note.text}
        </p>
      )}
      {problem !== null && <ProblemNotice problem={problem} />}
      <div className="actions">
        <button type="submit">Change passphrase</button>
      </div>
    </form>
  );
}
