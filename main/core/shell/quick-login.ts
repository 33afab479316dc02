// Quick-login from the tray (docs/architecture.md): one click on a profile ends in that profile's
// Odoo window, whatever state things are in. The order is fixed and tested:
//   1. the profile is known. An API-key profile opens its pinned window at the record,
//      where Odoo shows its sign-in page (API keys never open a web session): the outcome
//      says so ('opened_sign_in'), never plain 'opened';
//   2. unlock if locked: platform presence first (Touch ID / Windows Hello); when that is
//      unavailable or refused, our UI is asked for the passphrase ('ui:show'
//      unlock-prompt) and the login continues once the vault reports it is unlocked;
//   3. the stored session is reused when Odoo confirms it (one request), otherwise the
//      profile re-authenticates; a TOTP step is asked for in our UI ('ui:show'
//      totp-prompt) and the login continues once the code was accepted; an 'Odoo
//      account' profile whose session Odoo ended, with no password kept, asks for the
//      password only ('ui:show' password-prompt) and continues once it signed in;
//   4. the session cookies are handed to the shell, which opens or focuses the window.
// Nothing here touches a secret except passing the cookie values through to the shell.
import { AppError, isAppError, profileNotFound } from '../errors.js';
import { odooWindowUrl, type OdooTarget } from './odoo-urls.js';
import type { OdooCookie, ShellPort } from './ports.js';
import type { VaultState } from '../../../contract/index.js';
import type { EnvironmentMark } from './environment-label.js';

export interface QuickLoginProfile {
  id: string;
  label: string;
  origin: string;
  authMethod: 'account' | 'password' | 'api-key' | 'jwt';
  pins: string[];
  trustSelfSigned: boolean;
  /** The server's major version when known (decides the record URL form). */
  serverMajor: number | null;
  /** The environment label's tag and colour, when the profile has one (its windows show it). */
  environment?: EnvironmentMark | null;
}

export interface QuickLoginPorts {
  /** Non-secret profile metadata (readable while locked); null when unknown. */
  profile(profileId: string): Promise<QuickLoginProfile | null>;
  vault: {
    state(): VaultState;
    /** One platform presence attempt; false when unavailable, cancelled or failed. */
    unlockWithPresence(): Promise<boolean>;
  };
  sessions: {
    /**
     * The stored web session's cookies when Odoo confirms the session (one request, or
     * none when it was confirmed moments ago); null when none is stored or it expired.
     */
    confirmStored(profileId: string): Promise<OdooCookie[] | null>;
    /** A fresh login with the password the vault holds. */
    authenticate(profileId: string): Promise<{ status: 'ok'; cookies: OdooCookie[] } | { status: 'totp_required' }>;
  };
  /** openOdooWindow, and emit for 'ui:show'. */
  shell: Pick<ShellPort, 'openOdooWindow' | 'emit'>;
  /** Epoch ms; a login waiting for an unlock or a code expires. */
  now(): number;
}

export type QuickLoginOutcome =
  | { status: 'opened' }
  | { status: 'unlock_prompted' }
  | { status: 'totp_prompted' }
  | { status: 'password_prompted' }
  | { status: 'opened_sign_in' }
  | { status: 'setup_required' };

/** A login waiting for the person (passphrase or TOTP code) is kept this long. */
export const PENDING_TTL_MS = 5 * 60_000;

interface Pending {
  profileId: string;
  record: OdooTarget | undefined;
  waitingFor: 'unlock' | 'totp' | 'password';
  since: number;
}

export interface QuickLogin {
  run(profileId: string, record?: OdooTarget): Promise<QuickLoginOutcome>;
  /** The vault was unlocked: a login waiting for it goes on. */
  onUnlocked(): Promise<QuickLoginOutcome | null>;
  /** A TOTP code for `profileId` was accepted: a login waiting for it goes on. */
  onTotpAccepted(profileId: string): Promise<QuickLoginOutcome | null>;
  /** The person signed `profileId` in with a typed password: a login waiting for it goes on. */
  onSignedIn(profileId: string): Promise<QuickLoginOutcome | null>;
  /** The vault was locked: a login waiting for a code is abandoned. */
  onLocked(): void;
  /** What is waiting, for tests and diagnostics (no secret in it). */
  pending(): { profileId: string; waitingFor: 'unlock' | 'totp' | 'password' } | null;
}

export function createQuickLogin(ports: QuickLoginPorts): QuickLogin {
  let pending: Pending | null = null;
  const inFlight = new Map<string, Promise<QuickLoginOutcome>>();

  async function attempt(profileId: string, record: OdooTarget | undefined): Promise<QuickLoginOutcome> {
    const profile = await ports.profile(profileId);
    if (profile === null) throw profileNotFound();
    // Build the URL before anything else: a bad record reference fails without prompting.
    const url = odooWindowUrl(profile.origin, profile.serverMajor, record);

    const state = ports.vault.state();
    if (state === 'uninitialized') {
      ports.shell.emit('ui:show', { screen: 'home' });
      return { status: 'setup_required' };
    }
    if (state === 'locked') {
      const unlocked = await ports.vault.unlockWithPresence();
      if (!unlocked || ports.vault.state() !== 'unlocked') {
        pending = { profileId, record, waitingFor: 'unlock', since: ports.now() };
        ports.shell.emit('ui:show', { screen: 'unlock-prompt', profileId });
        return { status: 'unlock_prompted' };
      }
    }

    const open = (cookies: OdooCookie[]) =>
      ports.shell.openOdooWindow({
        profileId,
        title: profile.label,
        ...(profile.environment === null || profile.environment === undefined ? {} : { environment: profile.environment }),
        origin: profile.origin,
        url,
        cookies,
        pins: [...profile.pins],
        trustSelfSigned: profile.trustSelfSigned,
      });
    // An API key cannot open a web session: the window opens and Odoo asks the person to
    // sign in. Password and JWT profiles (odoo_jwt's /api/authenticate opens a web session)
    // bring their session cookie.
    if (profile.authMethod === 'api-key') {
      await open([]);
      return { status: 'opened_sign_in' };
    }

    let cookies: OdooCookie[] | null;
    let login: Awaited<ReturnType<QuickLoginPorts['sessions']['authenticate']>> | null = null;
    try {
      cookies = await ports.sessions.confirmStored(profileId);
      if (cookies === null) login = await ports.sessions.authenticate(profileId);
    } catch (e) {
      if (!isAppError(e, 'password_required')) throw e;
      // Odoo ended the session and no password is kept: one prompt, the password only.
      pending = { profileId, record, waitingFor: 'password', since: ports.now() };
      ports.shell.emit('ui:show', { screen: 'password-prompt', profileId });
      return { status: 'password_prompted' };
    }
    if (login !== null) {
      if (login.status === 'totp_required') {
        pending = { profileId, record, waitingFor: 'totp', since: ports.now() };
        ports.shell.emit('ui:show', { screen: 'totp-prompt', profileId });
        return { status: 'totp_prompted' };
      }
      cookies = login.cookies;
    }
    if (cookies === null || !cookies.some((c) => c.name === 'session_id')) {
      throw new AppError('bad_response', 'Odoo did not open a session.', { reason: 'no_session_cookie' });
    }

    if (pending?.profileId === profileId) pending = null;
    await open(cookies);
    return { status: 'opened' };
  }

  function run(profileId: string, record?: OdooTarget): Promise<QuickLoginOutcome> {
    // Two clicks on the same profile while the first is under way share one login.
    const running = inFlight.get(profileId);
    if (running !== undefined) return running;
    const job = attempt(profileId, record).finally(() => inFlight.delete(profileId));
    inFlight.set(profileId, job);
    return job;
  }

  function take(waitingFor: Pending['waitingFor'], profileId?: string): Pending | null {
    const p = pending;
    if (p === null || p.waitingFor !== waitingFor) return null;
    if (profileId !== undefined && p.profileId !== profileId) return null;
    pending = null;
    return ports.now() - p.since <= PENDING_TTL_MS ? p : null;
  }

  return {
    run,
    async onUnlocked() {
      const p = take('unlock');
      return p === null ? null : run(p.profileId, p.record);
    },
    async onTotpAccepted(profileId) {
      // A password prompt may have led to a TOTP step: either way, the login goes on.
      const p = take('totp', profileId) ?? take('password', profileId);
      return p === null ? null : run(p.profileId, p.record);
    },
    async onSignedIn(profileId) {
      const p = take('password', profileId);
      return p === null ? null : run(p.profileId, p.record);
    },
    onLocked() {
      if (pending?.waitingFor === 'totp') pending = null;
    },
    pending() {
      return pending === null ? null : { profileId: pending.profileId, waitingFor: pending.waitingFor };
    },
  };
}
