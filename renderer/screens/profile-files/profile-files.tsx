// Why: profiles IT can hand out. Export writes the chosen profiles to a file through main's
// save dialog (never a secret: main builds the file); import reads a file the person picks,
// shows what it contains before anything is saved, and adds each profile once confirmed
// (import-profiles.tsx). Both on one screen, reached from the profiles list.
import { useId, useState } from 'react';
import type { Profile } from '../../../contract';
import { invoke } from '../../api';
import { useFailure } from '../../app-context';
import { EnvironmentChip } from '../../environment-label';
import { t } from '../../i18n';
import type { Go } from '../../navigation';
import { ProblemNotice } from '../../ui/problem-notice';
import { ImportProfiles } from './import-profiles';

export function ProfileFiles({ profiles, go, onChanged }: { profiles: Profile[]; go: Go; onChanged: () => void }) {
  return (
    <section aria-labelledby="files-title">
      <div className="page-head">
        <h1 id="files-title" tabIndex={-1}>
          {t('files.title')}
        </h1>
        <button type="button" onClick={() => go({ name: 'profiles' })}>
          {t('shell.backToProfiles')}
        </button>
      </div>
      <ExportProfiles profiles={profiles} />
      <ImportProfiles go={go} onChanged={onChanged} />
    </section>
  );
}

function ExportProfiles({ profiles }: { profiles: Profile[] }) {
  const ids = useId();
  const [chosen, setChosen] = useState<string[]>([]);
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, fail, clear] = useFailure();

  async function exportChosen() {
    clear();
    setNote('');
    setBusy(true);
    try {
      const r = await invoke('profiles:export', { ids: chosen });
      setNote(r.saved ? t('files.exported', { count: r.count }) : t('files.exportCancelled'));
    } catch (e) {
      fail(e);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="panel" aria-labelledby={`${ids}-title`}>
      <h2 id={`${ids}-title`}>{t('files.exportTitle')}</h2>
      <p className="hint">{t('files.exportHelp')}</p>
      {profiles.length === 0 ? (
        <p className="meta">{t('profiles.emptyTitle')}</p>
      ) : (
        <fieldset className="plain">
          <legend>{t('files.choose')}</legend>
          {profiles.map((p) => (
            <div className="check" key={p.id}>
              <input
                id={`${ids}-${p.id}`}
                type="checkbox"
                checked={chosen.includes(p.id)}
                onChange={(e) => setChosen((c) => (e.target.checked ? [...c, p.id] : c.filter((x) => x !== p.id)))}
              />
              <label htmlFor={`${ids}-${p.id}`}>
                {p.label} <EnvironmentChip environment={p.environment ?? null} />
              </label>
            </div>
          ))}
        </fieldset>
      )}
      <div className="actions">
        <button type="button" className="primary" disabled={busy || chosen.length === 0} onClick={() => void exportChosen()}>
          {t('files.export', { count: chosen.length })}
        </button>
      </div>
      <p className="status-line" role="status">
        {note}
      </p>
      {problem !== null && <ProblemNotice problem={problem} />}
    </section>
  );
}
