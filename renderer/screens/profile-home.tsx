// Home for one profile: who I am on that Odoo (name, company, database, server version),
// quick search, and my activities (overdue, today, upcoming), each with "open in Odoo".
// A failure in one part (identity, activities) does not hide the others.
import { useCallback, useEffect, useState } from 'react';
import type { Activity, ChannelOutput, Identity, Profile } from '../../preload/contract';
import { call } from '../api';
import { useFailure } from '../app-context';
import { AUTH_LABELS, formatDate, hostOf, SESSION_LABELS } from '../format';
import { ProblemNotice } from '../ui/problem-notice';
import { QuickSearch } from './quick-search';
import type { OpenInOdoo, View } from './unlocked-shell';

type Activities = ChannelOutput<'odoo:activities'>;

export function ProfileHome({
  profile,
  focusSearch,
  go,
  openInOdoo,
  onTotp,
  onPassword,
  reload,
}: {
  profile: Profile;
  focusSearch: number;
  go: (v: View) => void;
  openInOdoo: OpenInOdoo;
  onTotp: () => void;
  /** Asks for the Odoo password ("Odoo account" whose session Odoo ended). */
  onPassword: () => void;
  reload: number;
}) {
  const [identity, setIdentity] = useState<Identity | null>(null);
  const [avatar, setAvatar] = useState<string | null>(null);
  const [activities, setActivities] = useState<Activities | null>(null);
  const [idProblem, failId, clearId] = useFailure();
  const [actProblem, failAct, clearAct] = useFailure();
  const [note, setNote] = useState('');
  const [migration, setMigration] = useState<'offered' | 'declined' | 'moving'>('offered');

  const load = useCallback(() => {
    clearId();
    clearAct();
    call('odoo:identity', { profileId: profile.id }).then((id) => {
      setIdentity(id);
      // The picture is a nicety, asked once signed in: without it the identity still shows.
      call('odoo:avatar', { profileId: profile.id }).then(
        (r) => setAvatar(r.dataUrl),
        () => setAvatar(null),
      );
    }, failId);
    call('odoo:activities', { profileId: profile.id }).then(setActivities, failAct);
  }, [profile.id, clearId, clearAct, failId, failAct]);

  useEffect(() => load(), [load, reload]);

  async function signOut() {
    try {
      await call('odoo:logout', { profileId: profile.id });
      setNote('Signed out of Odoo. The saved credential stays in your keychain.');
    } catch (e) {
      failId(e);
    }
  }

  /** With the person's consent: a key for this device replaces the kept password. */
  async function migrate() {
    setMigration('moving');
    try {
      await call('profiles:migrate', { id: profile.id });
      setNote('Done: this computer now has its own key in Odoo, and your password is no longer kept.');
    } catch (e) {
      setMigration('offered');
      failId(e);
    }
  }

  const retry = (
    <button type="button" onClick={load}>
      Retry
    </button>
  );
  const fixFor = (code: string) =>
    code === 'totp_required' ? (
      <button type="button" className="primary" onClick={onTotp}>
        Enter the code
      </button>
    ) : code === 'password_required' ? (
      <button type="button" className="primary" onClick={onPassword}>
        Sign in
      </button>
    ) : code === 'auth_failed' || code === 'redirect' ? (
      <button type="button" onClick={() => go({ name: 'edit', profileId: profile.id })}>
        Edit the profile
      </button>
    ) : code === 'tls_pin_mismatch' || code === 'tls_untrusted' ? (
      <button type="button" onClick={() => go({ name: 'security', profileId: profile.id })}>
        Open the Security page
      </button>
    ) : (
      retry
    );

  return (
    <section aria-labelledby="home-title" className="home">
      <div className="page-head">
        <div>
          <h1 id="home-title" tabIndex={-1}>
            {profile.label}
          </h1>
          <p className="meta">
            {hostOf(profile.origin)} · {profile.database} · {AUTH_LABELS[profile.authMethod]} · {SESSION_LABELS[profile.session]}
          </p>
        </div>
        <div className="actions">
          <button type="button" className="primary" onClick={() => void openInOdoo(profile.id)}>
            Open in Odoo
          </button>
          <button type="button" onClick={() => go({ name: 'security', profileId: profile.id })}>
            Security
          </button>
          <button type="button" onClick={() => go({ name: 'edit', profileId: profile.id })}>
            Edit
          </button>
          {profile.session !== 'none' && (
            <button type="button" onClick={() => void signOut()}>
              Sign out
            </button>
          )}
        </div>
      </div>
      {note !== '' && (
        <p className="notice notice--ok" role="status">
          {note}
        </p>
      )}
      {profile.authMethod === 'password' && profile.hasSecret && identity !== null && migration !== 'declined' && (
        <div className="notice notice--warn" data-testid="migration-offer">
          <p className="notice__title">Stop keeping your Odoo password on this computer?</p>
          <p>Odoo Companion can create its own key for this computer in Odoo (you can remove it there at any time) and forget your password.</p>
          <div className="actions">
            <button type="button" className="primary" disabled={migration === 'moving'} onClick={() => void migrate()}>
              {migration === 'moving' ? 'Switching…' : 'Switch to “Odoo account”'}
            </button>
            <button type="button" onClick={() => setMigration('declined')}>
              Not now
            </button>
          </div>
        </div>
      )}
      <section aria-label="Who you are" className="identity">
        {idProblem !== null ? (
          <ProblemNotice problem={idProblem}>{fixFor(idProblem.code)}</ProblemNotice>
        ) : identity === null ? (
          <p className="meta">Connecting to {hostOf(profile.origin)}…</p>
        ) : (
          <div className="identity__row">
          {avatar !== null && <img className="identity__avatar" src={avatar} alt="" width={48} height={48} data-testid="avatar" />}
          <dl className="facts facts--inline" data-testid="identity">
            <dt>Signed in as</dt>
            <dd>{identity.name}</dd>
            {identity.company !== null && (
              <>
                <dt>Company</dt>
                <dd>{identity.company}</dd>
              </>
            )}
            <dt>Database</dt>
            <dd>{identity.database}</dd>
            <dt>Odoo</dt>
            <dd>{identity.serverVersion}</dd>
          </dl>
          </div>
        )}
      </section>
      <div className="home__grid">
        <QuickSearch profile={profile} focusNonce={focusSearch} openInOdoo={openInOdoo} />
        <section aria-labelledby="activities-title" className="activities">
          <h2 id="activities-title">My activities</h2>
          {actProblem !== null && idProblem !== null && actProblem.code === idProblem.code ? (
            <p className="meta">Not loaded: {idProblem.title.charAt(0).toLowerCase() + idProblem.title.slice(1)}</p>
          ) : actProblem !== null ? (
            <ProblemNotice problem={actProblem}>{fixFor(actProblem.code)}</ProblemNotice>
          ) : activities === null ? (
            <p className="meta">Loading…</p>
          ) : (
            <>
              <ActivityList title="Overdue" tone="danger" items={activities.overdue} onOpen={(a) => void openInOdoo(profile.id, { model: a.model, id: a.resId, name: a.resName })} />
              <ActivityList title="Today" tone="warn" items={activities.today} onOpen={(a) => void openInOdoo(profile.id, { model: a.model, id: a.resId, name: a.resName })} />
              <ActivityList title="Upcoming" tone="plain" items={activities.upcoming} onOpen={(a) => void openInOdoo(profile.id, { model: a.model, id: a.resId, name: a.resName })} />
            </>
          )}
        </section>
      </div>
    </section>
  );
}

function ActivityList({ title, tone, items, onOpen }: { title: string; tone: string; items: Activity[]; onOpen: (a: Activity) => void }) {
  const id = `act-${title.toLowerCase()}`;
  return (
    <div className="activity-group">
      <h3 id={id}>
        {title} <span className={`count badge badge--${items.length === 0 ? 'plain' : tone}`}>{items.length}</span>
      </h3>
      {items.length === 0 ? (
        <p className="meta">Nothing {title === 'Upcoming' ? 'planned' : title.toLowerCase()}.</p>
      ) : (
        <ul className="activity-list" aria-labelledby={id}>
          {items.map((a) => (
            <li key={a.id}>
              <div>
                <span className="activity__summary">{a.summary || a.activityType || 'Activity'}</span>
                <span className="meta">
                  {a.resName} · {a.activityType !== null && a.summary !== '' ? `${a.activityType} · ` : ''}due {formatDate(a.deadline)}
                </span>
              </div>
              {a.resId > 0 && (
                <button type="button" className="small" onClick={() => onOpen(a)} aria-label={`Open ${a.resName} in Odoo`}>
                  Open
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
