// Quick search across the models the server has (contacts, sales orders, invoices,
// products, tasks). Debounced ~150 ms; each request carries a sequence number and only
// the latest one may update the screen, so a slow answer to "ac" never replaces the
// answer to "acme". Keyboard: ↑/↓ move through the results (an ARIA combobox with a
// grouped listbox, search-results.tsx), Enter opens the highlighted record — or, on a
// group's last option, that model's list — in Odoo, Escape clears. With the field empty, the records opened last from this app are listed
// (main keeps them in memory per profile until the vault locks).
import { useCallback, useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import type { Profile, RecentRecord } from '../../contract';
import { invoke } from '../api';
import { t } from '../i18n';
import type { OpenInOdoo } from '../navigation';
import { ProblemNotice } from '../ui/problem-notice';
import { useDebouncedSearch } from '../use-debounced-search';
import { groupLabel, kindOf, searchEntries, SearchResults } from './search-results';


export function QuickSearch({
  profile,
  focusNonce,
  openInOdoo,
  unavailable = null,
}: {
  profile: Profile;
  focusNonce: number;
  openInOdoo: OpenInOdoo;
  /** Why the server cannot be asked now (its certificate matches no saved pin, or it cannot be reached). */
  unavailable?: 'mismatch' | 'unreachable' | null;
}) {
  const ids = useId();
  const inputRef = useRef<HTMLInputElement>(null);
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const [recent, setRecent] = useState<RecentRecord[]>([]);
  const empty = query.trim() === '';

  useEffect(() => {
    if (focusNonce > 0) inputRef.current?.focus();
  }, [focusNonce]);

  const loadRecent = useCallback(() => {
    // A nicety: when main cannot say, the space stays empty.
    invoke('odoo:recent', { profileId: profile.id }).then(setRecent, () => setRecent([]));
  }, [profile.id]);

  // Asked again each time the field empties and after each use of the profile (an opening).
  useEffect(() => {
    if (empty) loadRecent();
  }, [empty, loadRecent, profile.lastUsedAt]);

  const ask = useCallback(
    (q: string) => invoke('odoo:search', { profileId: profile.id, query: q, limitPerModel: 6 }).then((found) => found.filter((g) => g.hits.length > 0)),
    [profile.id],
  );
  const search = useDebouncedSearch(query, ask);
  const { pending, problem } = search;
  const result = search.result === null ? null : { query: search.result.query, groups: search.result.value };
  // Each new answer starts with its first entry chosen.
  useEffect(() => setActive(0), [search.result]);

  const groups = result?.groups ?? [];
  const entries = searchEntries(groups);
  const hitCount = entries.filter((e) => e.kind === 'hit').length;
  const optionId = (i: number) => `${ids}-opt-${i}`;
  const expanded = entries.length > 0;

  function open(i: number) {
    const entry = entries[i];
    if (entry === undefined) return;
    if (entry.kind === 'more') {
      void openInOdoo(profile.id, { model: entry.group.model, list: true, name: groupLabel(entry.group) });
      return;
    }
    const { hit } = entry;
    const kind = kindOf(hit.model);
    void openInOdoo(profile.id, { model: hit.model, id: hit.id, name: hit.name, ...(kind === null ? {} : { modelName: kind }) });
  }

  function onKeyDown(e: KeyboardEvent<HTMLInputElement>) {
    if (e.key === 'ArrowDown' && expanded) {
      e.preventDefault();
      setActive((a) => Math.min(entries.length - 1, a + 1));
    } else if (e.key === 'ArrowUp' && expanded) {
      e.preventDefault();
      setActive((a) => Math.max(0, a - 1));
    } else if (e.key === 'Enter') {
      e.preventDefault();
      open(active);
    } else if (e.key === 'Escape' && query !== '') {
      e.preventDefault();
      setQuery('');
    }
  }

  useEffect(() => {
    document.getElementById(optionId(active))?.scrollIntoView({ block: 'nearest' });
  });

  return (
    <section className="search" aria-labelledby={`${ids}-title`}>
      <h2 id={`${ids}-title`}>{t('search.title')}</h2>
      <div className="field">
        <label htmlFor={`${ids}-q`} className="visually-hidden">
          {t('search.label', { label: profile.label })}
        </label>
        <input
          ref={inputRef}
          id={`${ids}-q`}
          className="search__input"
          type="search"
          role="combobox"
          aria-expanded={expanded}
          aria-controls={`${ids}-list`}
          aria-autocomplete="list"
          aria-activedescendant={expanded ? optionId(active) : undefined}
          aria-describedby={`${ids}-help`}
          placeholder={t('search.placeholder')}
          autoComplete="off"
          spellCheck={false}
          maxLength={256}
          value={query}
          disabled={unavailable !== null}
          onChange={(e) => setQuery(e.target.value)}
          onKeyDown={onKeyDown}
        />
        <p className="hint" id={`${ids}-help`}>
          {unavailable === 'mismatch' ? t('search.unavailableMismatch') : unavailable === 'unreachable' ? t('search.unavailableUnreachable') : t('search.help')}
        </p>
      </div>
      <p className="visually-hidden" role="status">
        {pending ? t('search.searching') : result === null ? '' : t('search.results', { count: hitCount, query: result.query })}
      </p>
      {problem !== null && <ProblemNotice problem={problem} />}
      <SearchResults
        id={`${ids}-list`}
        groups={groups}
        active={active}
        optionId={optionId}
        hidden={!expanded}
        onHover={setActive}
        onOpen={open}
      />
      {result !== null && !pending && hitCount === 0 && problem === null && <p className="empty">{t('search.nothing', { query: result.query })}</p>}
      {empty && recent.length > 0 && (
        <section aria-labelledby={`${ids}-recent`}>
          <h3 id={`${ids}-recent`}>{t('search.recent')}</h3>
          <ul className="recent">
            {recent.map((r) => {
              // A searched model is named in the UI language; another (from an activity) as Odoo named it.
              const kind = kindOf(r.model) ?? r.modelName;
              return (
                <li key={`${r.model}-${r.id}`}>
                  <button type="button" onClick={() => void openInOdoo(profile.id, { model: r.model, id: r.id, name: r.name, ...(kind === null ? {} : { modelName: kind }) }).then(loadRecent)}>
                    <bdi className="results__name">{r.name}</bdi>
                    {kind !== null && <span className="recent__model">{kind}</span>}
                  </button>
                </li>
              );
            })}
          </ul>
        </section>
      )}
    </section>
  );
}
