// Why: one profile at a glance, in plain words — is it signed in, is its certificate
// checked (or is it plain http on this computer), does the certificate expire soon, is a
// credential missing — with one primary action: "Open in Odoo", or "Fix" where the
// credential it signs in with is gone (after a vault reset, say), which leads to the
// profile's edit page where it is entered again. Cards in a row share one height.
import type { ReactNode } from 'react';
import type { Profile } from '../../contract';
import { authLabel, daysUntil, formatDate, hostOf, relativeTime, sessionLabel, type Tone } from '../format';
import { EnvironmentChip } from '../environment-label';
import { t } from '../i18n';
import { homeOf, type Go, type OpenInOdoo } from '../navigation';

interface State {
  text: string;
  tone: Tone | 'plain';
}

/** The connection's protection in words (the security page keeps the detailed badge). */
function certificateState(p: Profile): State {
  if (p.insecure) return { text: t('profiles.notEncrypted'), tone: 'danger' };
  if (p.pins.length === 0) return { text: t('profiles.certNotChecked'), tone: 'warn' };
  if (p.trustSelfSigned) return { text: t('profiles.certOwnChecked'), tone: 'ok' };
  return { text: t('profiles.certChecked'), tone: 'ok' };
}

/** Signed in, session saved, signed out — or what it needs before it can sign in at all. */
function signInState(p: Profile): State {
  if (!p.hasSecret) return { text: p.authMethod === 'api-key' ? t('profiles.needsKey') : t('profiles.needsPassword'), tone: 'danger' };
  return { text: sessionLabel(p.session), tone: p.session === 'active' ? 'ok' : 'plain' };
}

export function ProfileCard({
  profile: p,
  daysLeft,
  go,
  openInOdoo,
  notice = null,
}: {
  profile: Profile;
  daysLeft: number | null;
  go: Go;
  openInOdoo: OpenInOdoo;
  /** Why its "Open in Odoo" failed, said under its actions. */
  notice?: ReactNode;
}) {
  const days = daysLeft ?? daysUntil(p.certificateValidTo);
  const titleId = `profile-${p.id}-title`;
  const states: State[] = [signInState(p), certificateState(p)];
  if (days !== null && days <= 30) {
    states.push(
      days < 0
        ? { text: t('profiles.certExpired'), tone: 'danger' }
        : { text: t('profiles.certExpires', { date: formatDate(p.certificateValidTo ?? '') }), tone: 'warn' },
    );
  }
  const facts = [p.serverVersion === null ? null : t('common.odooVersion', { version: p.serverVersion }), authLabel(p.authMethod)].filter((f) => f !== null);
  return (
    <article className="profile-card" aria-labelledby={titleId}>
      <div className="profile-card__head">
        <h2 id={titleId}>
          <button type="button" className="title-link" onClick={() => go(homeOf(p.id))}>
            {p.label}
          </button>
        </h2>
        <EnvironmentChip environment={p.environment ?? null} />
      </div>
      <p className="meta">
        <bdi className="ltr">{hostOf(p.origin)}</bdi> · <bdi>{p.database}</bdi> · <bdi>{p.login}</bdi>
      </p>
      <ul className="states" aria-label={t('profiles.status')}>
        {states.map((s) => (
          <li key={s.text} className={`state state--${s.tone}`}>
            {s.text}
          </li>
        ))}
      </ul>
      <p className="meta">
        {facts.join(' · ')} · {t('profiles.lastUsed', { when: relativeTime(p.lastUsedAt) })}
      </p>
      <div className="actions profile-card__actions">
        {p.hasSecret ? (
          <button type="button" className="primary" onClick={() => void openInOdoo(p.id)} aria-label={t('profiles.openLabel', { label: p.label })}>
            {t('common.openInOdoo')}
          </button>
        ) : (
          <button type="button" className="primary" onClick={() => go({ name: 'edit', profileId: p.id })} aria-label={t('profiles.fixLabel', { label: p.label })}>
            {t('profiles.fix')}
          </button>
        )}
        <button type="button" className="quiet" onClick={() => go({ name: 'edit', profileId: p.id })} aria-label={t('profiles.editLabel', { label: p.label })}>
          {t('common.edit')}
        </button>
        <button type="button" className="quiet" onClick={() => go({ name: 'security', profileId: p.id })} aria-label={t('profiles.securityLabel', { label: p.label })}>
          {t('common.security')}
        </button>
      </div>
      {notice}
    </article>
  );
}
