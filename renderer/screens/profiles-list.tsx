// The profiles: one card per Odoo database (profile-card.tsx). Past six profiles a search
// field and a sort (name, last used) appear, so the one wanted is found without scrolling.
import { useId, useState, type ReactNode } from 'react';
import type { Profile } from '../../contract';
import type { Problem } from '../errors';
import { currentLocale, t } from '../i18n';
import type { Go, OpenInOdoo } from '../navigation';
import { ProblemNotice } from '../ui/problem-notice';
import { ProfileCard } from './profile-card';

/** Up to this many profiles the list is short enough to read at a glance. */
export const FIND_FROM = 7;

type SortKey = 'name' | 'lastUsed';

function shown(profiles: readonly Profile[], query: string, sort: SortKey): Profile[] {
  const locale = currentLocale();
  const q = query.trim().toLocaleLowerCase(locale);
  const found = q === '' ? [...profiles] : profiles.filter((p) => [p.label, p.origin, p.database, p.login].some((f) => f.toLocaleLowerCase(locale).includes(q)));
  const byName = (a: Profile, b: Profile) => a.label.localeCompare(b.label, locale, { sensitivity: 'base' });
  return found.sort(sort === 'name' ? byName : (a, b) => (b.lastUsedAt ?? -1) - (a.lastUsedAt ?? -1) || byName(a, b));
}

export function ProfilesList({
  profiles,
  expiring,
  go,
  openInOdoo,
  problem,
  openNotice,
}: {
  profiles: Profile[];
  expiring: Record<string, number>;
  go: Go;
  openInOdoo: OpenInOdoo;
  problem: Problem | null;
  /** Why opening a profile's Odoo failed, shown in its card (null: nothing to say). */
  openNotice: (profileId: string) => ReactNode;
}) {
  const ids = useId();
  const [query, setQuery] = useState('');
  const [sort, setSort] = useState<SortKey>('name');
  const finding = profiles.length >= FIND_FROM;
  const list = finding ? shown(profiles, query, sort) : profiles;
  return (
    <section aria-labelledby="profiles-title">
      <div className="page-head">
        <h1 id="profiles-title" tabIndex={-1}>
          {t('nav.profiles')}
        </h1>
        <div className="actions">
          {profiles.length > 0 && (
            <button type="button" onClick={() => go({ name: 'all-profiles', focusSearch: 0 })}>
              {t('all.openButton')}
            </button>
          )}
          <button type="button" onClick={() => go({ name: 'profile-files' })}>
            {t('files.title')}
          </button>
          <button type="button" className="primary" onClick={() => go({ name: 'add' })} data-main-control>
            {t('profiles.add')}
          </button>
        </div>
      </div>
      {problem !== null && <ProblemNotice problem={problem} />}
      {finding && (
        <div className="list-tools">
          <div className="field">
            <label htmlFor={`${ids}-find`}>{t('profiles.find')}</label>
            <input id={`${ids}-find`} type="search" autoComplete="off" spellCheck={false} maxLength={128} value={query} onChange={(e) => setQuery(e.target.value)} />
          </div>
          <div className="field">
            <label htmlFor={`${ids}-sort`}>{t('profiles.sortBy')}</label>
            <select id={`${ids}-sort`} value={sort} onChange={(e) => setSort(e.target.value === 'lastUsed' ? 'lastUsed' : 'name')}>
              <option value="name">{t('profiles.sortName')}</option>
              <option value="lastUsed">{t('profiles.sortLastUsed')}</option>
            </select>
          </div>
        </div>
      )}
      {profiles.length === 0 ? (
        <div className="empty">
          <p className="lead">{t('profiles.emptyTitle')}</p>
          <p>{t('profiles.emptyBody')}</p>
        </div>
      ) : list.length === 0 ? (
        <p className="empty" role="status">
          {t('profiles.noMatch', { query: query.trim() })}
        </p>
      ) : (
        <ul className="profile-list">
          {list.map((p) => (
            <li key={p.id}>
              <ProfileCard profile={p} daysLeft={expiring[p.id] ?? null} go={go} openInOdoo={openInOdoo} notice={openNotice(p.id)} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
