// Quick-login order with fake ports: profile → unlock (presence, else the passphrase
// prompt) → stored session confirmed, or re-authentication (TOTP prompt when needed) →
// window with cookies and pins.
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../../main/core/errors.js';
import type { OdooWindowRequest } from '../../../../main/core/shell/ports.js';
import { createQuickLogin, PENDING_TTL_MS, type QuickLoginPorts } from '../../../../main/core/shell/quick-login.js';
import type { VaultState } from '../../../../contract/index.js';

const ORIGIN = 'https://odoo.example.com';
const PIN = `sha256/${'B'.repeat(43)}=`;

interface World {
  state: VaultState;
  presence: boolean;
  stored: boolean;
  login: 'ok' | 'totp_required' | 'password';
  authMethod: 'account' | 'password' | 'api-key' | 'jwt';
  major: number | null;
  now: number;
  log: string[];
  opened: OdooWindowRequest[];
  shown: unknown[];
}

function world(over: Partial<World> = {}): { w: World; ports: QuickLoginPorts } {
  const w: World = { state: 'unlocked', presence: false, stored: true, login: 'ok', authMethod: 'password', major: 17, now: 0, log: [], opened: [], shown: [], ...over };
  const ports: QuickLoginPorts = {
    profile: async (id) => {
      w.log.push('profile');
      return id === 'acme'
        ? { id, label: 'ACME', origin: ORIGIN, authMethod: w.authMethod, pins: [PIN], trustSelfSigned: false, serverMajor: w.major }
        : null;
    },
    vault: {
      state: () => w.state,
      unlockWithPresence: async () => {
        w.log.push('presence');
        if (w.presence) w.state = 'unlocked';
        return w.presence;
      },
    },
    sessions: {
      confirmStored: async () => {
        w.log.push('confirmStored');
        return w.stored ? [{ name: 'session_id', value: 'stored-sid' }] : null;
      },
      authenticate: async () => {
        w.log.push('authenticate');
        if (w.login === 'password') throw new AppError('password_required', 'Enter your Odoo password.');
        return w.login === 'ok' ? { status: 'ok', cookies: [{ name: 'session_id', value: 'fresh-sid' }] } : { status: 'totp_required' };
      },
    },
    shell: {
      openOdooWindow: async (r) => {
        w.log.push('open');
        w.opened.push(r);
      },
      emit: (event, payload) => {
        w.log.push(`emit:${event}`);
        w.shown.push(payload);
      },
    },
    now: () => w.now,
  };
  return { w, ports };
}

describe('quick-login', () => {
  it('reuses a confirmed stored session when unlocked', async () => {
    const { w, ports } = world();
    await expect(createQuickLogin(ports).run('acme')).resolves.toEqual({ status: 'opened' });
    expect(w.log).toEqual(['profile', 'confirmStored', 'open']);
    expect(w.opened[0]).toEqual({
      profileId: 'acme',
      title: 'ACME',
      origin: ORIGIN,
      url: `${ORIGIN}/web`,
      cookies: [{ name: 'session_id', value: 'stored-sid' }],
      pins: [PIN],
      trustSelfSigned: false,
    });
  });

  it('unlocks with presence first, then checks the session, then opens', async () => {
    const { w, ports } = world({ state: 'locked', presence: true });
    await createQuickLogin(ports).run('acme');
    expect(w.log).toEqual(['profile', 'presence', 'confirmStored', 'open']);
  });

  it('re-authenticates when the stored session is not confirmed', async () => {
    const { w, ports } = world({ stored: false });
    await createQuickLogin(ports).run('acme', { model: 'sale.order', id: 5 });
    expect(w.log).toEqual(['profile', 'confirmStored', 'authenticate', 'open']);
    expect(w.opened[0]?.cookies).toEqual([{ name: 'session_id', value: 'fresh-sid' }]);
    expect(w.opened[0]?.url).toBe(`${ORIGIN}/web#model=sale.order&id=5&view_type=form`);
  });

  it('uses the /odoo record form from 18', async () => {
    const { w, ports } = world({ major: 18 });
    await createQuickLogin(ports).run('acme', { model: 'sale.order', id: 5 });
    expect(w.opened[0]?.url).toBe(`${ORIGIN}/odoo/sale.order/5`);
  });

  it('asks for the passphrase when presence fails, and goes on after the unlock', async () => {
    const { w, ports } = world({ state: 'locked', presence: false });
    const ql = createQuickLogin(ports);
    await expect(ql.run('acme')).resolves.toEqual({ status: 'unlock_prompted' });
    expect(w.log).toEqual(['profile', 'presence', 'emit:ui:show']);
    expect(w.shown).toEqual([{ screen: 'unlock-prompt', profileId: 'acme' }]);
    expect(ql.pending()).toEqual({ profileId: 'acme', waitingFor: 'unlock' });
    w.state = 'unlocked';
    w.log.length = 0;
    await expect(ql.onUnlocked()).resolves.toEqual({ status: 'opened' });
    expect(w.log).toEqual(['profile', 'confirmStored', 'open']);
    expect(ql.pending()).toBeNull();
  });

  it('forgets a login that waited too long for the unlock', async () => {
    const { w, ports } = world({ state: 'locked' });
    const ql = createQuickLogin(ports);
    await ql.run('acme');
    w.now = PENDING_TTL_MS + 1;
    w.state = 'unlocked';
    await expect(ql.onUnlocked()).resolves.toBeNull();
    expect(w.opened).toEqual([]);
  });

  it('asks for the TOTP code in our UI and opens once it was accepted', async () => {
    const { w, ports } = world({ stored: false, login: 'totp_required' });
    const ql = createQuickLogin(ports);
    await expect(ql.run('acme')).resolves.toEqual({ status: 'totp_prompted' });
    expect(w.shown).toEqual([{ screen: 'totp-prompt', profileId: 'acme' }]);
    await expect(ql.onTotpAccepted('other')).resolves.toBeNull();
    w.stored = true; // submitTotp stored the new session
    await expect(ql.onTotpAccepted('acme')).resolves.toEqual({ status: 'opened' });
  });

  it('drops a login waiting for a code when the vault locks', async () => {
    const { ports } = world({ stored: false, login: 'totp_required' });
    const ql = createQuickLogin(ports);
    await ql.run('acme');
    ql.onLocked();
    expect(ql.pending()).toBeNull();
  });

  it('sends the person to setup when there is no vault', async () => {
    const { w, ports } = world({ state: 'uninitialized' });
    await expect(createQuickLogin(ports).run('acme')).resolves.toEqual({ status: 'setup_required' });
    expect(w.shown).toEqual([{ screen: 'home' }]);
  });

  it('refuses unknown profiles before unlocking anything', async () => {
    const unknown = world({ state: 'locked' });
    await expect(createQuickLogin(unknown.ports).run('nope')).rejects.toMatchObject({ code: 'profile_not_found' });
    expect(unknown.w.log).toEqual(['profile']);
  });

  it('opens an API-key profile at the record with no cookie, and says Odoo shows its sign-in page', async () => {
    const { w, ports } = world({ state: 'locked', presence: true, authMethod: 'api-key' });
    await expect(createQuickLogin(ports).run('acme', { model: 'res.partner', id: 9 })).resolves.toEqual({ status: 'opened_sign_in' });
    expect(w.log).toEqual(['profile', 'presence', 'open']);
    expect(w.opened[0]).toMatchObject({ cookies: [], url: `${ORIGIN}/web#model=res.partner&id=9&view_type=form` });
  });

  it('opens a JWT profile with the web session odoo_jwt opened, like a password profile', async () => {
    const { w, ports } = world({ stored: false, authMethod: 'jwt' });
    await expect(createQuickLogin(ports).run('acme')).resolves.toEqual({ status: 'opened' });
    expect(w.log).toEqual(['profile', 'confirmStored', 'authenticate', 'open']);
    expect(w.opened[0]?.cookies).toEqual([{ name: 'session_id', value: 'fresh-sid' }]);
  });

  it('an "Odoo account" whose session Odoo ended asks for the password only, then opens once signed in', async () => {
    const { w, ports } = world({ stored: false, authMethod: 'account', login: 'password' });
    const ql = createQuickLogin(ports);
    await expect(ql.run('acme', { model: 'res.partner', id: 3 })).resolves.toEqual({ status: 'password_prompted' });
    expect(w.shown).toContainEqual({ screen: 'password-prompt', profileId: 'acme' });
    expect(w.opened).toHaveLength(0);
    expect(ql.pending()).toEqual({ profileId: 'acme', waitingFor: 'password' });
    w.login = 'ok'; // the person typed the password; main signed in
    await expect(ql.onSignedIn('acme')).resolves.toEqual({ status: 'opened' });
    expect(w.opened[0]?.url).toBe(`${ORIGIN}/web#model=res.partner&id=3&view_type=form`);
    expect(ql.pending()).toBeNull();
  });

  it('shares one login between two quick clicks', async () => {
    const { w, ports } = world();
    const ql = createQuickLogin(ports);
    await Promise.all([ql.run('acme'), ql.run('acme')]);
    expect(w.opened).toHaveLength(1);
  });
});
