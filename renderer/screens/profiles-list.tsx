// The profiles: one card per Odoo database with what a careful user checks at a glance —
// is a session alive, when was it last used, how does it sign in, is the connection pinned
// (or plain http on this computer), does its certificate expire soon, are credentials
// missing (after a vault reset).
import type { Profile } from '../../contract';
import { EnvironmentChip } from '../environment-label';
import type { Problem } from '../errors';
import { authLabel, daysUntil, formatDate, hostOf, relativeTime, sessionLabel, tlsBadge } from '../format';
import { t } from '../i18n';
import { homeOf, type Go, type OpenInOdoo } from '../navigation';
import { ProblemNotice } from '../ui/problem-notice';

export function ProfilesList({
  profiles,
  expiring,
  go,
  openInOdoo,
  problem,
}: {
  profiles: Profile[];
  expiring: Record<string, number>;
  go: Go;
  openInOdoo: OpenInOdoo;
  problem: Problem | null;
}) {
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
          <button type="button" className="primary" onClick={() => go({ name: 'add' })}>
            {t('profiles.add')}
          </button>
        </div>
      </div>
      {problem !== null && <ProblemNotice problem={problem} />}
      {profiles.length === 0 ? (
        <div className="empty">
          <p className="lead">{t('profiles.emptyTitle')}</p>
          <p>{t('profiles.emptyBody')}</p>
        </div>
      ) : (
        <ul className="profile-list">
          {profiles.map((p) => {
            const tls = tlsBadge(p);
            const days = expiring[p.id] ?? daysUntil(p.certificateValidTo);
            const titleId = `profile-${p.id}-title`;
            return (
              <li key={p.id}>
                <article className="profile-card" aria-labelledby={titleId}>
                  <div className="profile-card__head">
                    <h2 id={titleId}>
                      <button type="button" className="title-link" onClick={() => go(homeOf(p.id))}>
                        {p.label}
                      </button>
                    </h2>
                    <EnvironmentChip environment={p.environment ?? null} />
                    <span className={`badge badge--${p.session === 'active' ? 'ok' : 'plain'}`}>{sessionLabel(p.session)}</span>
                  </div>
                  <p className="meta">
                    <bdi className="ltr">{hostOf(p.origin)}</bdi> · <bdi>{p.database}</bdi> · <bdi>{p.login}</bdi>
                  </p>
                  <ul className="badges" aria-label={t('profiles.status')}>
                    <li className={`badge badge--${tls.tone}`}>{tls.text}</li>
                    <li className="badge badge--plain">{authLabel(p.authMethod)}</li>
                    {p.serverVersion !== null && <li className="badge badge--plain">{t('common.odooVersion', { version: p.serverVersion })}</li>}
                    {!p.hasSecret && <li className="badge badge--danger">{t('profiles.credentialsMissing')}</li>}
                    {days !== null && days <= 30 && (
                      <li className={`badge badge--${days < 0 ? 'danger' : 'warn'}`}>
                        {days < 0 ? t('profiles.certExpired') : t('profiles.certExpires', { date: formatDate(p.certificateValidTo ?? '') })}
                      </li>
                    )}
                  </ul>
                  <p className="meta">{t('profiles.lastUsed', { when: relativeTime(p.lastUsedAt) })}</p>
                  <div className="actions">
                    <button type="button" onClick={() => void openInOdoo(p.id)} aria-label={t('profiles.openLabel', { label: p.label })}>
                      {t('common.openInOdoo')}
                    </button>
                    <button type="button" onClick={() => go({ name: 'edit', profileId: p.id })} aria-label={t('profiles.editLabel', { label: p.label })}>
                      {t('common.edit')}
                    </button>
                    <button type="button" onClick={() => go({ name: 'security', profileId: p.id })} aria-label={t('profiles.securityLabel', { label: p.label })}>
                      {t('common.security')}
                    </button>
                  </div>
                </article>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
