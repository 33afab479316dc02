// Home for one profile: who I am on that Odoo (name, company, database, server version),
// quick search, and my activities (overdue, today, upcoming), each with "open in Odoo".
// A failure in one part (identity, activities) does not hide the others.
import { useCallback, useEffect, useState } from 'react';
import type { Activity, ChannelOutput, Identity, Profile } from '../../contract';
import { invoke } from '../api';
import { useFailure } from '../app-context';
import { authLabel, formatDate, hostOf, sessionLabel } from '../format';
import { LOCALE_NAMES, matchLocale, PSEUDO_LOCALE, type Locale } from '../../i18n/locales';
import { currentLocale, followMainLocale, t, type MessageKey } from '../i18n';
import type { Go, OpenInOdoo } from '../navigation';
import { ProblemNotice } from '../ui/problem-notice';
import { QuickSearch } from './quick-search';

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
  go: Go;
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
  const [offerDeclined, setOfferDeclined] = useState(false);
  const [migration, setMigration] = useState<'offered' | 'declined' | 'moving'>('offered');

  const load = useCallback(() => {
    clearId();
    clearAct();
    invoke('odoo:identity', { profileId: profile.id }).then((id) => {
      setIdentity(id);
      // The picture is a nicety, asked once signed in: without it the identity still shows.
      invoke('odoo:avatar', { profileId: profile.id }).then(
        (r) => setAvatar(r.dataUrl),
        () => setAvatar(null),
      );
    }, failId);
    invoke('odoo:activities', { profileId: profile.id }).then(setActivities, failAct);
  }, [profile.id, clearId, clearAct, failId, failAct]);

  useEffect(() => load(), [load, reload]);

  async function signOut() {
    try {
      await invoke('odoo:logout', { profileId: profile.id });
      setNote(t('home.signedOut'));
    } catch (e) {
      failId(e);
    }
  }

  /** With the person's consent: a key for this device replaces the kept password. */
  async function migrate() {
    setMigration('moving');
    try {
      await invoke('profiles:migrate', { id: profile.id });
      setNote(t('home.migrate.done'));
    } catch (e) {
      setMigration('offered');
      failId(e);
    }
  }

  // While the server's certificate matches no saved pin, nothing is asked of it.
  const pinMismatch = idProblem?.code === 'tls_pin_mismatch' || actProblem?.code === 'tls_pin_mismatch';
  const retry = (
    <button type="button" onClick={load}>
      {t('common.retry')}
    </button>
  );
  const fixFor = (code: string) =>
    code === 'totp_required' ? (
      <button type="button" className="primary" onClick={onTotp}>
        {t('home.enterCode')}
      </button>
    ) : code === 'password_required' ? (
      <button type="button" className="primary" onClick={onPassword}>
        {t('home.signIn')}
      </button>
    ) : code === 'auth_failed' || code === 'redirect' ? (
      <button type="button" onClick={() => go({ name: 'edit', profileId: profile.id })}>
        {t('common.editProfile')}
      </button>
    ) : code === 'tls_pin_mismatch' || code === 'tls_untrusted' ? (
      <button type="button" onClick={() => go({ name: 'security', profileId: profile.id })}>
        {t('common.openSecurity')}
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
            <bdi className="ltr">{hostOf(profile.origin)}</bdi> · <bdi>{profile.database}</bdi> · {authLabel(profile.authMethod)} · {sessionLabel(profile.session)}
          </p>
        </div>
        <div className="actions">
          <button type="button" className="primary" disabled={pinMismatch} onClick={() => void openInOdoo(profile.id)}>
            {t('common.openInOdoo')}
          </button>
          <button type="button" onClick={() => go({ name: 'security', profileId: profile.id })}>
            {t('common.security')}
          </button>
          <button type="button" onClick={() => go({ name: 'edit', profileId: profile.id })}>
            {t('common.edit')}
          </button>
          {profile.session !== 'none' && (
            <button type="button" onClick={() => void signOut()}>
              {t('home.signOut')}
            </button>
          )}
        </div>
      </div>
      {identity !== null && !offerDeclined && (
        <LanguageOffer odooLang={identity.lang} onDecline={() => setOfferDeclined(true)} onFail={failId} />
      )}
      {note !== '' && (
        <p className="notice notice--ok" role="status">
          {note}
        </p>
      )}
      {profile.authMethod === 'password' && profile.hasSecret && identity !== null && migration !== 'declined' && (
        <div className="notice notice--warn" data-testid="migration-offer">
          <p className="notice__title">{t('home.migrate.title')}</p>
          <p>{t('home.migrate.body')}</p>
          <div className="actions">
            <button type="button" className="primary" disabled={migration === 'moving'} onClick={() => void migrate()}>
              {migration === 'moving' ? t('home.migrate.moving') : t('home.migrate.accept')}
            </button>
            <button type="button" onClick={() => setMigration('declined')}>
              {t('home.migrate.later')}
            </button>
          </div>
        </div>
      )}
      <section aria-label={t('home.whoYouAre')} className="identity">
        {idProblem !== null ? (
          <ProblemNotice problem={idProblem}>{fixFor(idProblem.code)}</ProblemNotice>
        ) : identity === null ? (
          <p className="meta">{t('home.connecting', { host: hostOf(profile.origin) })}</p>
        ) : (
          <div className="identity__row">
          {avatar !== null && <img className="identity__avatar" src={avatar} alt="" width={48} height={48} data-testid="avatar" />}
          <dl className="facts facts--inline" data-testid="identity">
            <dt>{t('home.signedInAs')}</dt>
            <dd>{identity.name}</dd>
            {identity.company !== null && (
              <>
                <dt>{t('home.company')}</dt>
                <dd>{identity.company}</dd>
              </>
            )}
            <dt>{t('home.database')}</dt>
            <dd>{identity.database}</dd>
            <dt>{t('home.odoo')}</dt>
            <dd>{identity.serverVersion}</dd>
          </dl>
          </div>
        )}
      </section>
      <div className="home__grid">
        <QuickSearch profile={profile} focusNonce={focusSearch} openInOdoo={openInOdoo} disabled={pinMismatch} />
        <section aria-labelledby="activities-title" className="activities">
          <h2 id="activities-title">{t('home.activities')}</h2>
          {actProblem !== null && idProblem !== null && actProblem.code === idProblem.code ? (
            <p className="meta">{t('home.notLoaded', { reason: idProblem.title })}</p>
          ) : actProblem !== null ? (
            <ProblemNotice problem={actProblem}>{fixFor(actProblem.code)}</ProblemNotice>
          ) : activities === null ? (
            <p className="meta">{t('common.loading')}</p>
          ) : (
            <>
              <ActivityList kind="overdue" tone="danger" items={activities.overdue} onOpen={(a) => void openInOdoo(profile.id, { model: a.model, id: a.resId, name: a.resName })} />
              <ActivityList kind="today" tone="warn" items={activities.today} onOpen={(a) => void openInOdoo(profile.id, { model: a.model, id: a.resId, name: a.resName })} />
              <ActivityList kind="upcoming" tone="plain" items={activities.upcoming} onOpen={(a) => void openInOdoo(profile.id, { model: a.model, id: a.resId, name: a.resName })} />
            </>
          )}
        </section>
      </div>
    </section>
  );
}

/**
 * After sign-in, Odoo says which language its user works in: when the app speaks another
 * one, it offers to switch (a setting, so it sticks). Declining hides it for this visit.
 */
function LanguageOffer({ odooLang, onDecline, onFail }: { odooLang: string | null; onDecline: () => void; onFail: (e: unknown) => void }) {
  const offered = odooLang === null ? null : matchLocale(odooLang);
  const current = currentLocale();
  if (offered === null || offered === PSEUDO_LOCALE || offered === current || current === PSEUDO_LOCALE) return null;
  // The language named in the person's current language ("anglais" in French).
  const language = new Intl.DisplayNames([current], { type: 'language' }).of(offered) ?? LOCALE_NAMES[offered as Locale];
  async function accept() {
    try {
      await invoke('settings:update', { language: offered as Locale });
      await followMainLocale();
    } catch (e) {
      onFail(e);
    }
  }
  return (
    <div className="notice" role="note" data-testid="language-offer">
      <p>{t('home.offerLanguage', { language })}</p>
      <div className="actions">
        <button type="button" onClick={() => void accept()}>
          {t('home.useLanguage', { language })}
        </button>
        <button type="button" onClick={onDecline}>
          {t('home.notNow')}
        </button>
      </div>
    </div>
  );
}

const ACTIVITY_TEXT: Record<'overdue' | 'today' | 'upcoming', { title: MessageKey; empty: MessageKey }> = {
  overdue: { title: 'home.overdue', empty: 'home.nothingOverdue' },
  today: { title: 'home.today', empty: 'home.nothingToday' },
  upcoming: { title: 'home.upcoming', empty: 'home.nothingUpcoming' },
};

function ActivityList({ kind, tone, items, onOpen }: { kind: 'overdue' | 'today' | 'upcoming'; tone: string; items: Activity[]; onOpen: (a: Activity) => void }) {
  const id = `act-${kind}`;
  const title = t(ACTIVITY_TEXT[kind].title);
  return (
    <div className="activity-group">
      <h3 id={id}>
        {title} <span className={`count badge badge--${items.length === 0 ? 'plain' : tone}`}>{items.length}</span>
      </h3>
      {items.length === 0 ? (
        <p className="meta">{t(ACTIVITY_TEXT[kind].empty)}</p>
      ) : (
        <ul className="activity-list" aria-labelledby={id}>
          {items.map((a) => (
            <li key={a.id}>
              <div>
                <span className="activity__summary">{a.summary || a.activityType || t('home.activity')}</span>
                <span className="meta">
                  {a.resName} · {a.activityType !== null && a.summary !== '' ? `${a.activityType} · ` : ''}
                  {t('home.due', { date: formatDate(a.deadline) })}
                </span>
              </div>
              {a.resId > 0 && (
                <button type="button" className="small" onClick={() => onOpen(a)} aria-label={t('home.openRecord', { name: a.resName })}>
                  {t('common.open')}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
