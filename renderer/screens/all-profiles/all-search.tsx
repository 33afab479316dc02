// Why: quick search on every unlocked profile at once. One question goes to main
// (`all:search`), which asks each profile under its own time limit; the answer is shown
// grouped by profile (with its environment label) then by model, and a profile that was
// slow or failed says why in plain words instead of hiding the others. Debounced, and only
// the latest query may update the screen. Enter in the field opens the first result.
import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import type { AllSearchEntry } from '../../../contract';
import { CompanionError, invoke } from '../../api';
import { EnvironmentChip } from '../../environment-label';
import { describeProblem } from '../../errors';
import { t } from '../../i18n';
import type { OpenInOdoo } from '../../navigation';
import { ProblemNotice } from '../../ui/problem-notice';
import { useDebouncedSearch } from '../../use-debounced-search';
import { groupLabel } from '../search-results';

/** Every profile at once, five per model (stable: the hook asks again only for a new query). */
const askAll = (q: string) => invoke('all:search', { query: q, limitPerModel: 5 }).then((r) => r.profiles);

export function AllSearch({ focusNonce, openInOdoo }: { focusNonce: number; openInOdoo: OpenInOdoo }) {
  const ids = useId();
  const inputRef = useRef<HTMLInputElement>(null);
  const [query, setQuery] = useState('');

  useEffect(() => {
    if (focusNonce > 0) inputRef.current?.focus();
  }, [focusNonce]);

  const search = useDebouncedSearch(query, askAll);
  const { pending, problem } = search;
  const result = search.result === null ? null : { query: search.result.query, profiles: search.result.value };

  const hits = result?.profiles.flatMap((p) => (p.ok ? p.groups.flatMap((g) => g.hits.map((h) => ({ ...h, profileId: p.profileId }))) : [])) ?? [];

  function onKeyDown(e: KeyboardEvent<HTMLInputElement>) {
    if (e.key === 'Enter') {
      e.preventDefault();
      const first = hits[0];
      if (first !== undefined) void openInOdoo(first.profileId, { model: first.model, id: first.id, name: first.name });
    } else if (e.key === 'Escape' && query !== '') {
      e.preventDefault();
      setQuery('');
    }
  }

  return (
    <section className="search" aria-labelledby={`${ids}-title`}>
      <h2 id={`${ids}-title`}>{t('all.searchTitle')}</h2>
      <div className="field">
        <label htmlFor={`${ids}-q`}>{t('all.searchLabel')}</label>
        <input
          ref={inputRef}
          id={`${ids}-q`}
          className="search__input"
          type="search"
          placeholder={t('search.placeholder')}
          autoComplete="off"
          spellCheck={false}
          maxLength={256}
          value={query}
          aria-describedby={`${ids}-help`}
          onChange={(e) => setQuery(e.target.value)}
          onKeyDown={onKeyDown}
        />
        <p className="hint" id={`${ids}-help`}>
          {t('all.searchHelp')}
        </p>
      </div>
      <p className="visually-hidden" role="status">
        {pending ? t('search.searching') : result === null ? '' : t('search.results', { count: hits.length, query: result.query })}
      </p>
      {problem !== null && <ProblemNotice problem={problem} />}
      {result?.profiles.map((entry) => (
        <ProfileResults key={entry.profileId} entry={entry} openInOdoo={openInOdoo} />
      ))}
    </section>
  );
}

function ProfileResults({ entry, openInOdoo }: { entry: AllSearchEntry; openInOdoo: OpenInOdoo }) {
  const ids = useId();
  const found = entry.ok ? entry.groups.filter((g) => g.hits.length > 0) : [];
  return (
    <section className="all-group" aria-labelledby={`${ids}-p`} data-testid="all-search-profile">
      <div className="all-group__head">
        <h3 id={`${ids}-p`}>{entry.label}</h3>
        <EnvironmentChip environment={entry.environment} />
      </div>
      {!entry.ok ? (
        <ProfileFailure error={entry.error} label={entry.label} />
      ) : found.length === 0 ? (
        <p className="meta">{t('all.nothingHere')}</p>
      ) : (
        found.map((g) => (
          <div key={g.model} className="results__group">
            <h4 className="results__label" id={`${ids}-${g.model}`}>
              {groupLabel(g)}
            </h4>
            {g.more && (
              <button type="button" className="quiet small" onClick={() => void openInOdoo(entry.profileId, { model: g.model, list: true, name: groupLabel(g) })}>
                {t('search.moreLabel', { group: groupLabel(g) })}
              </button>
            )}
            <ul className="activity-list" aria-labelledby={`${ids}-${g.model}`}>
              {g.hits.map((h) => (
                <li key={h.id}>
                  <div>
                    <span className="results__name">{h.name}</span>
                    {h.subtitle !== null && <span className="meta"> {h.subtitle}</span>}
                  </div>
                  <button type="button" className="small" onClick={() => void openInOdoo(entry.profileId, { model: h.model, id: h.id, name: h.name })} aria-label={t('home.openRecord', { name: h.name })}>
                    {t('common.open')}
                  </button>
                </li>
              ))}
            </ul>
          </div>
        ))
      )}
    </section>
  );
}

/** Why one profile did not answer, in the same words as everywhere else. */
export function ProfileFailure({ error, label }: { error: ConstructorParameters<typeof CompanionError>[0]; label: string }) {
  const problem = describeProblem(new CompanionError(error));
  return (
    <div className="notice notice--warn" data-error-code={problem.code}>
      <p className="notice__title">{t('all.profileFailed', { label, reason: problem.title })}</p>
      <p>{problem.todo}</p>
    </div>
  );
}
