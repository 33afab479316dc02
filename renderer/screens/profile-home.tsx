// Home for one profile: who I am on that Odoo (one line under the server's facts), quick
// search, and my activities (overdue, today, upcoming), each with "open in Odoo". The
// session shows one state at a time — signed in as someone, connecting, signed out, or
// what went wrong with the step that fixes it (sign in again when no credential is left
// to renew the session) — never two at once. A failure in one part (identity,
// activities) does not hide the others.
import { useCallback, useEffect, useState, type ReactNode } from 'react';
import type { ChannelOutput, Identity, Profile } from '../../contract';
import { invoke } from '../api';
import { useFailure } from '../app-context';
import { authLabel, hostOf } from '../format';
import { t } from '../i18n';
import type { Go, OpenInOdoo } from '../navigation';
import { ProblemNotice } from '../ui/problem-notice';
import { ActivityList } from './home-activities';
import { LanguageOffer } from './language-offer';
import { QuickSearch } from './quick-search';

type Activities = ChannelOutput<'odoo:activities'>;

/** Odoo ended the session and nothing is left to renew it by itself: the person signs in. */
const SESSION_ENDED = new Set(['session_expired', 'password_required']);

export function ProfileHome({
  profile,
  focusSearch,
  go,
  openInOdoo,
  openNotice = null,
  onTotp,
  onPassword,
  reload,
}: {
  profile: Profile;
  focusSearch: number;
  go: Go;
  openInOdoo: OpenInOdoo;
  /** Why opening Odoo from this page failed (its code and notice), said right under its actions. */
  openNotice?: { code: string; node: ReactNode } | null;
  onTotp: () => void;
  /** Asks for the Odoo password (the session ended and no credential is left to renew it). */
  onPassword: () => void;
  reload: number;
}) {
  const [identity, setIdentity] = useState<Identity | null>(null);
  const [avatar, setAvatar] = useState<string | null>(null);
  const [activities, setActivities] = useState<Activities | null>(null);
  const [idProblem, failId, clearId] = useFailure();
  const [actProblem, failAct, clearAct] = useFailure();
  const [signedOut, setSignedOut] = useState(false);
  const [note, setNote] = useState('');
  const [offerDeclined, setOfferDeclined] = useState(false);
  const [migration, setMigration] = useState<'offered' | 'declined' | 'moving'>('offered');

  const load = useCallback(() => {
    clearId();
    clearAct();
    setSignedOut(false);
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
      setIdentity(null);
      setAvatar(null);
      setActivities(null);
      setSignedOut(true);
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

  // Identity and activities often fail alike: the session's end is said once, at the top.
  const sessionProblem = [idProblem, actProblem].find((p) => p !== null && SESSION_ENDED.has(p.code)) ?? null;
  const topProblem = sessionProblem ?? idProblem;
  const signedIn = identity !== null && topProblem === null && !signedOut;
  // While the server's certificate matches no saved pin, or the server cannot be reached,
  // nothing is asked of it: quick search and "Open in Odoo" wait for the problem to end.
  const problemCodes = [idProblem?.code, actProblem?.code];
  const cannotAsk = problemCodes.includes('tls_pin_mismatch') ? 'mismatch' : problemCodes.includes('network') ? 'unreachable' : null;
  const canTypePassword = profile.authMethod === 'password' || profile.authMethod === 'account';

  const signIn = (
    <button type="button" className="primary" onClick={onPassword}>
      {t('home.signIn')}
    </button>
  );
  const editProfile = (
    <button type="button" onClick={() => go({ name: 'edit', profileId: profile.id })}>
      {t('common.editProfile')}
    </button>
  );
  const fixFor = (code: string) =>
    code === 'totp_required' ? (
      <button type="button" className="primary" onClick={onTotp}>
        {t('home.enterCode')}
      </button>
    ) : SESSION_ENDED.has(code) ? (
      // Nothing renews this session by itself (a retry cannot work): a password signs in
      // again; a pasted key or JWT credential is entered again on the profile.
      canTypePassword ? signIn : editProfile
    ) : code === 'auth_failed' || code === 'redirect' ? (
      editProfile
    ) : code === 'tls_pin_mismatch' || code === 'tls_untrusted' ? (
      <button type="button" onClick={() => go({ name: 'security', profileId: profile.id })}>
        {t('common.openSecurity')}
      </button>
    ) : (
      <button type="button" onClick={load}>
        {t('common.retry')}
      </button>
    );
  const openActivity = (a: Activities['overdue'][number]) =>
    void openInOdoo(profile.id, { model: a.model, id: a.resId, name: a.resName, ...(a.modelName ? { modelName: a.modelName } : {}) });
  const version = identity?.serverVersion ?? profile.serverVersion;

  return (
    <section aria-labelledby="home-title" className="home">
      <div className="page-head">
        <div>
          <h1 id="home-title" tabIndex={-1}>
            {profile.label}
          </h1>
          <p className="meta">
            <bdi className="ltr">{hostOf(profile.origin)}</bdi> · <bdi>{profile.database}</bdi> · {authLabel(profile.authMethod)}
            {version !== null && <> · {t('common.odooVersion', { version })}</>}
          </p>
          {signedIn && (
            <p className="who" data-testid="identity">
              {avatar !== null && <img className="who__avatar" src={avatar} alt="" width={28} height={28} data-testid="avatar" />}
              <span>{identity.company !== null ? t('home.whoAt', { name: identity.name, company: identity.company }) : t('home.who', { name: identity.name })}</span>
            </p>
          )}
        </div>
        <div className="actions">
          <button type="button" className="primary" disabled={cannotAsk !== null} onClick={() => void openInOdoo(profile.id)} data-main-control>
            {t('common.openInOdoo')}
          </button>
          <button type="button" onClick={() => go({ name: 'security', profileId: profile.id })}>
            {t('common.security')}
          </button>
          <button type="button" onClick={() => go({ name: 'edit', profileId: profile.id })}>
            {t('common.edit')}
          </button>
          {signedIn && (
            <button type="button" onClick={() => void signOut()}>
              {t('home.signOut')}
            </button>
          )}
        </div>
      </div>
      {/* The same failure the page already says just below (the server is down) is said once. */}
      {openNotice !== null && openNotice.code !== topProblem?.code && openNotice.node}
      {signedIn && !offerDeclined && <LanguageOffer odooLang={identity.lang} onDecline={() => setOfferDeclined(true)} onFail={failId} />}
      {note !== '' && (
        <p className="notice notice--ok" role="status">
          {note}
        </p>
      )}
      {profile.authMethod === 'password' && profile.hasSecret && signedIn && migration !== 'declined' && (
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
        {signedOut ? (
          <div className="notice notice--ok" role="status">
            <p>{t('home.signedOut')}</p>
            <div className="actions">
              <button type="button" onClick={load}>
                {t('home.signIn')}
              </button>
            </div>
          </div>
        ) : topProblem !== null ? (
          <ProblemNotice problem={topProblem}>{fixFor(topProblem.code)}</ProblemNotice>
        ) : identity === null ? (
          <p className="meta">{t('home.connecting', { host: hostOf(profile.origin) })}</p>
        ) : null}
      </section>
      <div className="home__grid">
        <QuickSearch profile={profile} focusNonce={focusSearch} openInOdoo={openInOdoo} unavailable={cannotAsk} />
        <section aria-labelledby="activities-title" className="activities">
          <h2 id="activities-title">{t('home.activities')}</h2>
          {signedOut ? (
            <p className="meta">{t('home.notLoaded', { reason: t('session.none') })}</p>
          ) : actProblem !== null && topProblem !== null && (actProblem.code === topProblem.code || sessionProblem !== null) ? (
            <p className="meta">{t('home.notLoaded', { reason: topProblem.title })}</p>
          ) : actProblem !== null ? (
            <ProblemNotice problem={actProblem}>{fixFor(actProblem.code)}</ProblemNotice>
          ) : activities === null ? (
            <p className="meta">{t('common.loading')}</p>
          ) : (
            <>
              <ActivityList kind="overdue" tone="danger" items={activities.overdue} onOpen={openActivity} />
              <ActivityList kind="today" tone="warn" items={activities.today} onOpen={openActivity} />
              <ActivityList kind="upcoming" tone="plain" items={activities.upcoming} onOpen={openActivity} />
            </>
          )}
        </section>
      </div>
    </section>
  );
}
