// Quick search across the models the server has (contacts, sales orders, invoices,
// products, tasks). Debounced ~150 ms; each request carries a sequence number and only
// the latest one may update the screen, so a slow answer to "ac" never replaces the
// answer to "acme". Keyboard: ↑/↓ move through the results (an ARIA combobox with a
// grouped listbox), Enter opens the highlighted record in Odoo, Escape clears.
import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import type { Profile, SearchGroup } from '../../contract';
import { invoke } from '../api';
import { useFailure } from '../app-context';
import { t, type MessageKey } from '../i18n';
import type { OpenInOdoo } from '../navigation';
import { ProblemNotice } from '../ui/problem-notice';

export const SEARCH_DEBOUNCE_MS = 150;

/** The searched models, named as Odoo names them in each language (main's labels are English). */
const MODEL_LABELS: Record<string, MessageKey> = {
  'res.partner': 'search.model.contacts',
  'sale.order': 'search.model.salesOrders',
  'account.move': 'search.model.invoices',
  'product.product': 'search.model.products',
  'project.task': 'search.model.tasks',
};

/** A group's model, in the person's language (All profiles names its groups the same way). */
export function modelLabel(g: SearchGroup): string {
  return groupLabel(g);
}

function groupLabel(g: SearchGroup): string {
  const key = MODEL_LABELS[g.model];
  return key === undefined ? g.label : t(key);
}

export function QuickSearch({ profile, focusNonce, openInOdoo }: { profile: Profile; focusNonce: number; openInOdoo: OpenInOdoo }) {
  const ids = useId();
  const inputRef = useRef<HTMLInputElement>(null);
  const [query, setQuery] = useState('');
  const [result, setResult] = useState<{ query: string; groups: SearchGroup[] } | null>(null);
  const [pending, setPending] = useState(false);
  const [active, setActive] = useState(0);
  const [problem, fail, clear] = useFailure();
  const seq = useRef(0);

  useEffect(() => {
    if (focusNonce > 0) inputRef.current?.focus();
  }, [focusNonce]);

  useEffect(() => {
    const q = query.trim();
    const mine = ++seq.current;
    if (q === '') {
      setResult(null);
      setPending(false);
      return;
    }
    setPending(true);
    const timer = setTimeout(() => {
      invoke('odoo:search', { profileId: profile.id, query: q.slice(0, 256), limitPerModel: 6 }).then(
        (groups) => {
          if (seq.current !== mine) return; // a newer query was typed meanwhile
          clear();
          setResult({ query: q, groups: groups.filter((g) => g.hits.length > 0) });
          setActive(0);
          setPending(false);
        },
        (e: unknown) => {
          if (seq.current !== mine) return;
          fail(e);
          setPending(false);
        },
      );
    }, SEARCH_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [query, profile.id, clear, fail]);

  const hits = result?.groups.flatMap((g) => g.hits.map((h) => ({ ...h, group: g.label }))) ?? [];
  const optionId = (i: number) => `${ids}-opt-${i}`;
  const expanded = hits.length > 0;

  function open(i: number) {
    const hit = hits[i];
    if (hit === undefined) return;
    void openInOdoo(profile.id, { model: hit.model, id: hit.id, name: hit.name });
  }

  function onKeyDown(e: KeyboardEvent<HTMLInputElement>) {
    if (e.key === 'ArrowDown' && expanded) {
      e.preventDefault();
      setActive((a) => Math.min(hits.length - 1, a + 1));
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

  let flat = 0;
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
          onChange={(e) => setQuery(e.target.value)}
          onKeyDown={onKeyDown}
        />
        <p className="hint" id={`${ids}-help`}>
          {t('search.help')}
        </p>
      </div>
      <p className="visually-hidden" role="status">
        {pending ? t('search.searching') : result === null ? '' : t('search.results', { count: hits.length, query: result.query })}
      </p>
      {problem !== null && <ProblemNotice problem={problem} />}
      <div id={`${ids}-list`} role="listbox" aria-label={t('search.resultsLabel')} className="results" hidden={!expanded}>
        {result?.groups.map((g) => (
          <div role="group" key={g.model} aria-label={g.more ? t('search.groupMore', { group: groupLabel(g) }) : groupLabel(g)} className="results__group">
            <div className="results__label" aria-hidden="true">
              {groupLabel(g)}
              {g.more && <span className="meta-inline"> · {t('search.moreInOdoo')}</span>}
            </div>
            {g.hits.map((h) => {
              const i = flat++;
              return (
                <div
                  key={`${h.model}-${h.id}`}
                  id={optionId(i)}
                  role="option"
                  aria-selected={i === active}
                  className={`results__hit${i === active ? ' is-active' : ''}`}
                  onMouseMove={() => setActive(i)}
                  onClick={() => open(i)}
                >
                  <span className="results__name">{h.name}</span>
                  {h.subtitle !== null && <span className="results__sub">{h.subtitle}</span>}
                </div>
              );
            })}
          </div>
        ))}
      </div>
      {result !== null && !pending && hits.length === 0 && problem === null && <p className="empty">{t('search.nothing', { query: result.query })}</p>}
    </section>
  );
}
