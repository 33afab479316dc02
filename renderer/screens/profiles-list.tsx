// The profiles: one card per Odoo database with what a careful user checks at a glance —
// is a session alive, when was it last used, how does it sign in, is the connection pinned
// (or plain http on this computer), does its certificate expire soon, are credentials
// missing (after a vault reset).
import type { Profile } from '../../preload/contract';
import type { Problem } from '../errors';
import { AUTH_LABELS, daysUntil, formatDate, hostOf, relativeTime, SESSION_LABELS } from '../format';
import { ProblemNotice } from '../ui/problem-notice';
import type { OpenInOdoo, View } from './unlocked-shell';

export function tlsBadge(p: Profile): { text: string; tone: 'ok' | 'warn' | 'danger' } {
  if (p.insecure) return { text: 'Unencrypted http (this computer only)', tone: 'danger' };
  if (p.pins.length === 0) return { text: 'Not pinned', tone: 'warn' };
  if (p.trustSelfSigned) return { text: 'Self-signed, pinned', tone: 'warn' };
  return { text: `Pinned (${p.pins.length} ${p.pins.length === 1 ? 'key' : 'keys'})`, tone: 'ok' };
}

export function ProfilesList({
  profiles,
  expiring,
  go,
  openInOdoo,
  problem,
}: {
  profiles: Profile[];
  expiring: Record<string, number>;
  go: (v: View) => void;
  openInOdoo: OpenInOdoo;
  problem: Problem | null;
}) {
  return (
    <section aria-labelledby="profiles-title">
      <div className="page-head">
        <h1 id="profiles-title" tabIndex={-1}>
          Profiles
        </h1>
        <button type="button" className="primary" onClick={() => go({ name: 'add' })}>
          Add profile
        </button>
      </div>
      {problem !== null && <ProblemNotice problem={problem} />}
      {profiles.length === 0 ? (
        <div className="empty">
          <p className="lead">No Odoo yet.</p>
          <p>Add the Odoo you work in — its address, database and how you sign in. Credentials go straight to your keychain.</p>
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
                      <button type="button" className="title-link" onClick={() => go({ name: 'home', profileId: p.id, focusSearch: 0 })}>
                        {p.label}
                      </button>
                    </h2>
                    <span className={`badge badge--${p.session === 'active' ? 'ok' : 'plain'}`}>{SESSION_LABELS[p.session]}</span>
                  </div>
                  <p className="meta">
                    {hostOf(p.origin)} · {p.database} · {p.login}
                  </p>
                  <ul className="badges" aria-label="Status">
                    <li className={`badge badge--${tls.tone}`}>{tls.text}</li>
                    <li className="badge badge--plain">{AUTH_LABELS[p.authMethod]}</li>
                    {p.serverVersion !== null && <li className="badge badge--plain">Odoo {p.serverVersion}</li>}
                    {!p.hasSecret && <li className="badge badge--danger">Credentials missing</li>}
                    {days !== null && days <= 30 && (
                      <li className={`badge badge--${days < 0 ? 'danger' : 'warn'}`}>
                        {days < 0 ? 'Certificate expired' : `Certificate expires ${formatDate(p.certificateValidTo ?? '')}`}
                      </li>
                    )}
                  </ul>
                  <p className="meta">Last used {relativeTime(p.lastUsedAt)}</p>
                  <div className="actions">
                    <button type="button" onClick={() => void openInOdoo(p.id)} aria-label={`Open in Odoo: ${p.label}`}>
                      Open in Odoo
                    </button>
                    <button type="button" onClick={() => go({ name: 'edit', profileId: p.id })} aria-label={`Edit: ${p.label}`}>
                      Edit
                    </button>
                    <button type="button" onClick={() => go({ name: 'security', profileId: p.id })} aria-label={`Security: ${p.label}`}>
                      Security
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
