// Why: importing a profile file the person received. The file is read here (the renderer
// has no file system: the browser's file picker hands us its text) and sent to main, which
// checks it and answers what it contains — server, database, label, method, pins — before
// anything is saved. Each profile is added on its own confirmation, after main has checked
// the live server's certificate against the file's pins; a refusal says why and saves
// nothing. An added profile has no credential yet: the person gives it next (Edit).
import { useId, useState } from 'react';
import type { ImportPreviewEntry } from '../../../contract';
import { invoke } from '../../api';
import { useFailure } from '../../app-context';
import { EnvironmentChip } from '../../environment-label';
import { describeProblem, type Problem } from '../../errors';
import { authLabel } from '../../format';
import { t } from '../../i18n';
import type { Go } from '../../navigation';
import { ProblemNotice } from '../../ui/problem-notice';

/** The longest file main accepts (contract's MAX_IMPORT_TEXT; kept local: types only from the contract). */
const MAX_IMPORT_TEXT = 30_000;

type Outcome = { kind: 'added'; profileId: string } | { kind: 'refused'; problem: Problem } | { kind: 'busy' };

export function ImportProfiles({ go, onChanged }: { go: Go; onChanged: () => void }) {
  const ids = useId();
  const [file, setFile] = useState<{ name: string; text: string; entries: ImportPreviewEntry[] } | null>(null);
  const [outcomes, setOutcomes] = useState<Record<number, Outcome>>({});
  const [unreadable, setUnreadable] = useState<Problem | null>(null);
  const [problem, fail, clear] = useFailure();

  async function read(picked: File | undefined) {
    clear();
    setFile(null);
    setOutcomes({});
    setUnreadable(null);
    if (picked === undefined) return;
    try {
      const text = await picked.text();
      if (text.length === 0 || text.length > MAX_IMPORT_TEXT) {
        setUnreadable({ ...describeProblem(null), title: t('files.unreadable'), todo: t('files.tooLarge'), detail: null, action: null });
        return;
      }
      const preview = await invoke('profiles:importPreview', { text });
      setFile({ name: picked.name, text, entries: preview.profiles });
    } catch (e) {
      const p = describeProblem(e);
      if (p.code === 'invalid_input') setUnreadable({ ...p, title: t('files.unreadable'), todo: t('files.unreadableTodo'), detail: null });
      else fail(e);
    }
  }

  async function confirm(entry: ImportPreviewEntry) {
    if (file === null) return;
    setOutcomes((o) => ({ ...o, [entry.index]: { kind: 'busy' } }));
    try {
      const saved = await invoke('profiles:importConfirm', { text: file.text, index: entry.index });
      setOutcomes((o) => ({ ...o, [entry.index]: { kind: 'added', profileId: saved.id } }));
      onChanged();
    } catch (e) {
      const p = describeProblem(e);
      if (p.code === 'locked') fail(e);
      setOutcomes((o) => ({ ...o, [entry.index]: { kind: 'refused', problem: p } }));
    }
  }

  return (
    <section className="panel" aria-labelledby={`${ids}-title`}>
      <h2 id={`${ids}-title`}>{t('files.importTitle')}</h2>
      <div className="field">
        <label htmlFor={`${ids}-file`}>{t('files.pick')}</label>
        <input id={`${ids}-file`} type="file" accept=".json,application/json" onChange={(e) => void read(e.target.files?.[0])} />
        <p className="hint">{t('files.importHelp')}</p>
      </div>
      {problem !== null && <ProblemNotice problem={problem} />}
      {unreadable !== null && <ProblemNotice problem={unreadable} />}
      {file !== null && (
        <section aria-labelledby={`${ids}-preview`}>
          <h3 id={`${ids}-preview`}>{t('files.previewTitle', { name: file.name, count: file.entries.length })}</h3>
          <ul className="profile-list">
            {file.entries.map((entry) => (
              <li key={entry.index}>
                <PreviewEntry entry={entry} outcome={outcomes[entry.index] ?? null} onConfirm={() => void confirm(entry)} go={go} />
              </li>
            ))}
          </ul>
        </section>
      )}
    </section>
  );
}

function PreviewEntry({ entry, outcome, onConfirm, go }: { entry: ImportPreviewEntry; outcome: Outcome | null; onConfirm: () => void; go: Go }) {
  const ids = useId();
  return (
    <article className="profile-card" aria-labelledby={`${ids}-t`} data-testid="import-entry">
      <div className="profile-card__head">
        <h4 id={`${ids}-t`}>{entry.label}</h4>
        <EnvironmentChip environment={entry.environment} />
      </div>
      <dl className="facts">
        <dt>{t('problem.server')}</dt>
        <dd>
          <bdi className="ltr">{entry.url}</bdi>
        </dd>
        <dt>{t('home.database')}</dt>
        <dd>
          <bdi>{entry.database}</bdi>
        </dd>
        {entry.login !== '' && (
          <>
            <dt>{t('security.login')}</dt>
            <dd>
              <bdi>{entry.login}</bdi>
            </dd>
          </>
        )}
        <dt>{t('wizard.methodLegend')}</dt>
        <dd>{authLabel(entry.authMethod)}</dd>
        <dt>{t('wizard.pinnedKeys')}</dt>
        <dd>{entry.pinCount === 0 ? t('wizard.pinnedNone') : entry.trustSelfSigned ? t('wizard.pinnedSelfSigned', { count: entry.pinCount }) : t('wizard.pinnedCount', { count: entry.pinCount })}</dd>
      </dl>
      {!entry.allowed ? (
        <p className="notice notice--warn">{t('files.notAllowed')}</p>
      ) : entry.existingId !== null && outcome?.kind !== 'added' ? (
        <p className="meta">{t('files.alreadyThere')}</p>
      ) : outcome?.kind === 'added' ? (
        <div className="notice notice--ok" role="status">
          <p className="notice__title">{t('files.added', { label: entry.label })}</p>
          <p>{t('files.addedTodo')}</p>
          <div className="actions">
            <button type="button" className="primary" onClick={() => go({ name: 'edit', profileId: outcome.profileId })}>
              {t('files.giveCredentials')}
            </button>
          </div>
        </div>
      ) : (
        <div className="actions">
          <button type="button" className="primary" disabled={outcome?.kind === 'busy'} onClick={onConfirm} aria-label={t('files.addLabel', { label: entry.label })}>
            {outcome?.kind === 'busy' ? t('files.checking') : t('files.add')}
          </button>
        </div>
      )}
      {outcome?.kind === 'refused' && (
        <ProblemNotice problem={{ ...outcome.problem, title: t('files.refused', { reason: outcome.problem.title }) }} />
      )}
    </article>
  );
}
