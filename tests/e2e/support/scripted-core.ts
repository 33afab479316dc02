// A small stateful stand-in for the core services (vault, settings, profiles, Odoo), served
// through the real dispatcher so every input and output is checked against the contract.
// It lets the e2e tier drive each screen into states the real core only reaches slowly
// (throttling, certificate mismatch, keychain down) and holds canary secrets like the real
// core would, so the "no secret reaches the page" checks have something to find.
import { createHash } from 'node:crypto';
import type {
  Activity,
  AuthMethod,
  CertificateInfo,
  ChannelOutput,
  EventName,
  EventPayload,
  Identity,
  LockReason,
  Profile,
  SearchGroup,
  Settings,
  TlsInspection,
  VaultStatus,
} from '../../../preload/contract.js';
import { createDispatch, type Handlers } from '../../../main/core/ipc/dispatch.js';
import { AppError } from '../../../main/core/errors.js';
import type { CoreListener, TestCore } from './test-core.js';

export const CANARY = {
  passphrase: 'canary-vault-Passphrase-Quartz-Lantern-42',
  password: 'canary-odoo-password-7c1f-Xq',
  apiKey: 'canary0apikey0d41d8cd98f00b204e9800998ecf8427e',
  sessionId: 'canary-session-id-5e0d9a7b3c1f',
  jwtRefresh: 'canary-jwt-refresh-token-aa71',
  jwtAccess: 'canary-jwt-access-token-bb82',
  totpDevice: 'canary-td-cookie-cc93',
} as const;

export const TOTP_CODE = '246810';
const LOGIN = 'audrey@acme.example';
const TOTP_LOGIN = 'two-factor@acme.example';

function pinOf(seed: string): string {
  return `sha256/${createHash('sha256').update(seed).digest('base64')}`;
}
function fingerprintOf(seed: string): string {
  return createHash('sha256').update(`fp:${seed}`).digest('hex').toUpperCase().match(/../g)!.join(':');
}
function cert(seed: string, subject: string, issuer: string, selfSigned: boolean, validTo = '2027-03-01T00:00:00.000Z'): CertificateInfo {
  return {
    subject,
    issuer,
    subjectAltNames: subject.startsWith('CN=*') || subject.includes('.') ? [`DNS:${subject.replace(/^CN=/, '').split(',')[0]}`] : [],
    validFrom: '2026-01-01T00:00:00.000Z',
    validTo,
    fingerprintSha256: fingerprintOf(seed),
    pin: pinOf(seed),
    selfSigned,
  };
}

interface FakeServer {
  origin: string;
  insecure: boolean;
  version: ChannelOutput<'profiles:probe'>['version'];
  databases: string[] | null;
  tls: TlsInspection | null;
  jwtModule: boolean;
}

const VERSION_17 = { serverVersion: '17.0', series: '17.0', major: 17, minor: 0, saas: false };
const SERVERS: Record<string, FakeServer> = {
  'https://odoo.acme.example': {
    origin: 'https://odoo.acme.example',
    insecure: false,
    version: VERSION_17,
    databases: ['acme-prod', 'acme-staging'],
    tls: {
      protocol: 'TLSv1.3',
      trustedByOs: true,
      osError: null,
      chain: [
        cert('acme-leaf', 'CN=odoo.acme.example', 'CN=Example Issuing CA R3, O=Example Trust', false),
        cert('acme-intermediate', 'CN=Example Issuing CA R3, O=Example Trust', 'CN=Example Root CA, O=Example Trust', false, '2030-01-01T00:00:00.000Z'),
      ],
    },
    jwtModule: false,
  },
  'https://erp.selfhosted.example': {
    origin: 'https://erp.selfhosted.example',
    insecure: false,
    version: { serverVersion: '18.0+e', series: '18.0', major: 18, minor: 0, saas: false },
    databases: null,
    tls: {
      protocol: 'TLSv1.3',
      trustedByOs: false,
      osError: 'DEPTH_ZERO_SELF_SIGNED_CERT',
      chain: [cert('selfhosted-leaf', 'CN=erp.selfhosted.example, O=Selfhosted', 'CN=erp.selfhosted.example, O=Selfhosted', true, '2026-02-01T00:00:00.000Z')],
    },
    jwtModule: true,
  },
  'http://localhost:8069': {
    origin: 'http://localhost:8069',
    insecure: true,
    version: { serverVersion: 'saas~18.3', series: '18.3', major: 18, minor: 3, saas: true },
    databases: ['dev'],
    tls: null,
    jwtModule: false,
  },
};
const MITM_LEAF = cert('mitm-leaf', 'CN=odoo.acme.example', 'CN=Corporate Inspection CA', false);
const MITM_CA = cert('mitm-ca', 'CN=Corporate Inspection CA', 'CN=Corporate Inspection CA', true);

const SEARCH_DATA: { model: string; label: string; records: { id: number; name: string; subtitle: string | null }[] }[] = [
  {
    model: 'res.partner',
    label: 'Contacts',
    records: [
      { id: 14, name: 'Azure Interior', subtitle: 'Brussels' },
      { id: 26, name: 'Azure Interior, Brandon Freeman', subtitle: 'brandon.freeman55@example.com' },
      { id: 10, name: 'Deco Addict', subtitle: 'Antwerp' },
      { id: 11, name: 'Gemini Furniture', subtitle: 'Ghent' },
    ],
  },
  { model: 'sale.order', label: 'Sales orders', records: [{ id: 42, name: 'S00042', subtitle: 'Azure Interior · € 1,799.00' }, { id: 43, name: 'S00043', subtitle: 'Deco Addict · € 320.00' }] },
  { model: 'account.move', label: 'Invoices', records: [{ id: 17, name: 'INV/2026/00017', subtitle: 'Azure Interior · due 12 Jan' }] },
  { model: 'product.product', label: 'Products', records: [{ id: 5, name: 'Azure desk lamp', subtitle: '[LAMP-AZ]' }, { id: 6, name: 'Office chair', subtitle: '[CHAIR-01]' }] },
  { model: 'project.task', label: 'Tasks', records: [{ id: 88, name: 'Azure Interior onboarding call', subtitle: 'Implementation' }] },
];

function activity(id: number, summary: string, type: string, deadline: string, model: string, resId: number, resName: string): Activity {
  return { id, summary, activityType: type, deadline, model, resId, resName };
}

export interface ScriptedOptions {
  vault?: 'uninitialized' | 'locked';
  presence?: boolean;
  /** Seed profiles (only when the vault exists). */
  seedProfiles?: boolean;
  /** Milliseconds of the first throttle delay after 3 wrong passphrases. */
  throttleMs?: number;
}

/** Knobs the screen tests turn to put the fake Odoo into a failure state. */
export interface ScriptedControl {
  /** Every Odoo call of this profile fails with this code. */
  fail: Map<string, 'tls_pin_mismatch' | 'auth_failed' | 'network' | 'session_expired' | 'keychain_unavailable' | 'timeout'>;
  /** Search queries whose answer waits until released (stale-answer test). */
  hold: Map<string, () => void>;
  searches: string[];
}

export interface ScriptedCore extends TestCore {
  control: ScriptedControl;
  lock(reason: LockReason): void;
  /** Locks without telling the renderer (as if the event were lost): its next call answers `locked`. */
  lockSilently(): void;
  emit<E extends EventName>(event: E, payload: EventPayload<E>): void;
  profileIds(): string[];
}

type Stored = Omit<Profile, 'hasSecret'> & { secret: string | null };

export async function startScriptedCore(options: ScriptedOptions = {}): Promise<ScriptedCore> {
  const listeners = new Set<CoreListener>();
  const emit = <E extends EventName>(event: E, payload: EventPayload<E>) => {
    for (const l of listeners) l(event, payload);
  };
  const control: ScriptedControl = { fail: new Map(), hold: new Map(), searches: [] };
  const opened: { profileId: string; url: string }[] = [];
  const throttleMs = options.throttleMs ?? 3_000;

  const vault = {
    state: (options.vault ?? 'uninitialized') as VaultStatus['state'],
    passphrase: options.vault === 'locked' ? CANARY.passphrase : (null as string | null),
    presenceAvailable: options.presence ?? false,
    presenceEnabled: options.presence ?? false,
    failed: 0,
    retryAt: null as number | null,
  };
  let settings: Settings = {
    autoLockMinutes: 15,
    lockOnScreenLock: true,
    lockOnSuspend: true,
    launchAtLogin: false,
    startInTray: false,
    shortcut: 'CommandOrControl+Shift+Space',
    notifications: true,
  };
  const profiles = new Map<string, Stored>();
  /** Session ids, JWT tokens and trusted-device cookies: what main holds, never the page. */
  const sessions = new Map<string, string>();
  const pendingTotp = new Set<string>();
  let seq = 0;

  const status = (): VaultStatus => ({
    state: vault.state,
    presence: {
      available: vault.presenceAvailable,
      enabled: vault.presenceEnabled,
      kind: vault.presenceAvailable ? 'touch-id' : 'none',
    },
    retryAt: vault.retryAt !== null && vault.retryAt > Date.now() ? vault.retryAt : null,
    failedAttempts: vault.failed,
  });
  const needUnlocked = () => {
    if (vault.state !== 'unlocked') throw new AppError('locked', 'Odoo Companion is locked. Unlock it to continue.');
  };
  const publicProfile = (p: Stored): Profile => {
    const { secret, ...rest } = p;
    return { ...rest, hasSecret: secret !== null };
  };
  const profileOf = (id: string): Stored => {
    needUnlocked();
    const p = profiles.get(id);
    if (!p) throw new AppError('profile_not_found', 'This profile no longer exists.');
    return p;
  };
  const serverOf = (url: string): FakeServer => {
    let origin: string;
    try {
      const u = new URL(url.includes('://') ? url : `https://${url}`);
      origin = u.origin;
    } catch {
      throw new AppError('invalid_url', 'That is not a web address.');
    }
    if (origin.startsWith('http://') && !/^http:\/\/(localhost|127\.0\.0\.1)(:|$)/.test(origin)) {
      throw new AppError('insecure_url', 'Plain http is only allowed for a server on this computer.');
    }
    const s = SERVERS[origin];
    if (!s) throw new AppError('network', `Could not reach ${new URL(origin).host}.`);
    return s;
  };
  const identityOf = (p: Stored): Identity => ({
    uid: 7,
    name: 'Audrey Peeters',
    login: p.login,
    database: p.database,
    company: 'Acme Belgium',
    lang: 'en_US',
    tz: 'Europe/Brussels',
    serverVersion: p.serverVersion ?? '17.0',
  });
  /** Before any Odoo call: the failure knobs, then the pins against what the server presents. */
  const reach = (p: Stored) => {
    const code = control.fail.get(p.id);
    if (code === 'tls_pin_mismatch') {
      throw new AppError(
        'tls_pin_mismatch',
        `The certificate of ${new URL(p.origin).host} does not match the one saved for this profile.`,
        { host: new URL(p.origin).host, presentedPins: [MITM_LEAF.pin, MITM_CA.pin], fingerprint: MITM_LEAF.fingerprintSha256 },
      );
    }
    if (code === 'network') throw new AppError('network', `Could not reach ${new URL(p.origin).host}.`);
    if (code === 'timeout') throw new AppError('timeout', 'The server did not answer in time.');
    if (code === 'keychain_unavailable') throw new AppError('keychain_unavailable', 'The system keychain is not available.');
    if (code === 'auth_failed') throw new AppError('auth_failed', 'Odoo refused the login.');
    if (code === 'session_expired') throw new AppError('session_expired', 'The Odoo session has expired. Log in again.');
  };
  const checkCredentials = (login: string, method: AuthMethod, secret: string) => {
    const good = method === 'api-key' ? secret === CANARY.apiKey : secret === CANARY.password;
    if (!good || (login !== LOGIN && login !== TOTP_LOGIN)) throw new AppError('auth_failed', 'Odoo refused the login or the credential.');
  };
  const lock = (reason: LockReason, tell = true) => {
    if (vault.state !== 'unlocked') return;
    vault.state = 'locked';
    sessions.clear();
    pendingTotp.clear();
    for (const p of profiles.values()) if (p.session === 'active') p.session = 'stored';
    if (tell) emit('vault:locked', { reason });
  };
  const addProfile = (p: Omit<Stored, 'id' | 'createdAt'>): Stored => {
    seq += 1;
    const id = `${p.label.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 40) || 'profile'}-${seq}`;
    const stored: Stored = { ...p, id, createdAt: Date.UTC(2026, 0, 2) };
    profiles.set(id, stored);
    return stored;
  };

  if (options.seedProfiles) {
    const now = Date.now();
    const acme = SERVERS['https://odoo.acme.example']!;
    const self = SERVERS['https://erp.selfhosted.example']!;
    addProfile({
      label: 'Acme production', origin: acme.origin, insecure: false, database: 'acme-prod', login: LOGIN, authMethod: 'password', transport: 'auto',
      pins: acme.tls!.chain.map((c) => c.pin), trustSelfSigned: false, serverVersion: '17.0', lastUsedAt: now - 5 * 60_000, secret: CANARY.password,
      session: 'stored', certificateValidTo: acme.tls!.chain[0]!.validTo,
    });
    addProfile({
      label: 'Selfhosted ERP', origin: self.origin, insecure: false, database: 'erp', login: TOTP_LOGIN, authMethod: 'password', transport: 'auto',
      pins: [self.tls!.chain[0]!.pin], trustSelfSigned: true, serverVersion: '18.0+e', lastUsedAt: now - 3 * 86_400_000, secret: CANARY.password,
      session: 'none', certificateValidTo: new Date(now + 12 * 86_400_000).toISOString(),
    });
    addProfile({
      label: 'Local dev', origin: 'http://localhost:8069', insecure: true, database: 'dev', login: 'admin', authMethod: 'api-key', transport: 'auto',
      pins: [], trustSelfSigned: false, serverVersion: 'saas~18.3', lastUsedAt: null, secret: null, session: 'none', certificateValidTo: null,
    });
  }

  const handlers: Partial<Handlers> = {
    'app:info': () => ({ name: 'Odoo Companion', version: '0.1.0', platform: 'linux', vaultState: vault.state }),
    'vault:status': () => status(),
    'vault:create': ({ passphrase, enablePresence }) => {
      if (vault.state !== 'uninitialized') throw new AppError('vault_exists', 'A vault already exists.');
      vault.passphrase = passphrase;
      vault.state = 'unlocked';
      vault.presenceEnabled = enablePresence && vault.presenceAvailable;
      emit('vault:unlocked', {});
      return status();
    },
    'vault:unlock': (input) => {
      if (vault.state === 'uninitialized') throw new AppError('vault_not_initialized', 'Create a vault first.');
      if (input.method === 'presence') {
        if (!vault.presenceEnabled) throw new AppError('presence_unavailable', 'Touch ID unlock is turned off. Use the vault passphrase.');
      } else {
        if (vault.retryAt !== null && Date.now() < vault.retryAt) {
          throw new AppError('throttled', 'Too many wrong passphrases. Wait a moment before trying again.', { retryAt: vault.retryAt, failedAttempts: vault.failed });
        }
        if (input.passphrase !== vault.passphrase) {
          vault.failed += 1;
          vault.retryAt = vault.failed >= 3 ? Date.now() + throttleMs * 2 ** (vault.failed - 3) : null;
          throw new AppError('wrong_passphrase', 'That passphrase is not correct.', { failedAttempts: vault.failed, retryAt: vault.retryAt });
        }
      }
      vault.failed = 0;
      vault.retryAt = null;
      const was = vault.state;
      vault.state = 'unlocked';
      if (was !== 'unlocked') emit('vault:unlocked', {});
      return status();
    },
    'vault:lock': () => {
      lock('manual');
      return status();
    },
    'vault:changePassphrase': ({ current, next }) => {
      needUnlocked();
      if (current !== vault.passphrase) throw new AppError('wrong_passphrase', 'That passphrase is not correct.');
      vault.passphrase = next;
      return { done: true as const };
    },
    'vault:setPresence': ({ enabled }) => {
      needUnlocked();
      if (enabled && !vault.presenceAvailable) throw new AppError('presence_unavailable', 'Touch ID is not available on this computer.');
      vault.presenceEnabled = enabled;
      return status();
    },
    'vault:reset': () => {
      vault.state = 'uninitialized';
      vault.passphrase = null;
      vault.failed = 0;
      vault.retryAt = null;
      for (const p of profiles.values()) p.secret = null;
      sessions.clear();
      emit('vault:locked', { reason: 'reset' });
      return status();
    },
    'settings:get': () => settings,
    'settings:update': (patch) => {
      if (patch.shortcut !== undefined && !/^[A-Za-z]+(\+[A-Za-z0-9]+)+$/.test(patch.shortcut)) {
        throw new AppError('shortcut_unavailable', 'That shortcut cannot be registered.');
      }
      settings = { ...settings, ...Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) };
      return settings;
    },
    'profiles:list': () => {
      needUnlocked();
      return [...profiles.values()].map(publicProfile);
    },
    'profiles:probe': ({ url }) => {
      needUnlocked();
      const s = serverOf(url);
      return { origin: s.origin, insecure: s.insecure, version: s.version, databases: s.databases, tls: s.tls, jwtModule: s.jwtModule };
    },
    'profiles:testConnection': (draft) => {
      needUnlocked();
      const s = serverOf(draft.url);
      if (s.tls !== null && !s.tls.chain.some((c) => draft.pins.includes(c.pin))) {
        throw new AppError('tls_pin_mismatch', 'The certificate does not match the pins.', { host: new URL(s.origin).host, fingerprint: s.tls.chain[0]!.fingerprintSha256 });
      }
      checkCredentials(draft.login, draft.authMethod, draft.secret);
      if (draft.authMethod === 'password' && draft.login === TOTP_LOGIN) return { status: 'totp_required' as const };
      return { status: 'ok' as const, identity: { ...identityOf({ ...draft, serverVersion: s.version.serverVersion } as unknown as Stored) } };
    },
    'profiles:save': (draft) => {
      needUnlocked();
      const s = serverOf(draft.url);
      const leaf = s.tls?.chain[0] ?? null;
      if (draft.id !== undefined) {
        const p = profileOf(draft.id);
        Object.assign(p, { label: draft.label, database: draft.database, login: draft.login, authMethod: draft.authMethod });
        if (draft.secret !== undefined) p.secret = draft.secret;
        emit('profiles:changed', {});
        return publicProfile(p);
      }
      const p = addProfile({
        label: draft.label, origin: s.origin, insecure: s.insecure, database: draft.database, login: draft.login, authMethod: draft.authMethod,
        transport: draft.transport, pins: draft.pins, trustSelfSigned: draft.trustSelfSigned, serverVersion: s.version.serverVersion,
        lastUsedAt: null, secret: draft.secret ?? null, session: 'none', certificateValidTo: leaf?.validTo ?? null,
      });
      emit('profiles:changed', {});
      return publicProfile(p);
    },
    'profiles:forget': ({ id }) => {
      profileOf(id);
      profiles.delete(id);
      sessions.delete(id);
      emit('profiles:changed', {});
      return { done: true as const };
    },
    'profiles:repin': ({ id, pins, trustSelfSigned }) => {
      const p = profileOf(id);
      p.pins = pins;
      p.trustSelfSigned = trustSelfSigned;
      control.fail.delete(id);
      emit('profiles:changed', {});
      return publicProfile(p);
    },
    'profiles:inspectTls': ({ id }) => {
      const p = profileOf(id);
      const s = SERVERS[p.origin];
      if (!s || s.tls === null) throw new AppError('insecure_url', 'This profile does not use TLS.');
      if (control.fail.get(id) === 'tls_pin_mismatch') return { ...s.tls, chain: [MITM_LEAF, MITM_CA] };
      return s.tls;
    },
    'odoo:login': ({ profileId }) => {
      const p = profileOf(profileId);
      reach(p);
      if (p.secret === null) throw new AppError('auth_failed', 'No credential is saved for this profile.');
      if (p.login === TOTP_LOGIN && !sessions.has(`${profileId}/td`)) {
        pendingTotp.add(profileId);
        return { status: 'totp_required' as const };
      }
      sessions.set(profileId, CANARY.sessionId);
      p.session = 'active';
      return { status: 'ok' as const, identity: identityOf(p) };
    },
    'odoo:submitTotp': ({ profileId, code, trustDevice }) => {
      const p = profileOf(profileId);
      if (!pendingTotp.has(profileId)) throw new AppError('session_expired', 'The login step has expired. Log in again.');
      if (code !== TOTP_CODE) throw new AppError('totp_invalid', 'That code is not valid.');
      pendingTotp.delete(profileId);
      if (trustDevice) sessions.set(`${profileId}/td`, CANARY.totpDevice);
      sessions.set(profileId, CANARY.sessionId);
      p.session = 'active';
      opened.push({ profileId, url: `${p.origin}/odoo` });
      return { status: 'ok' as const, identity: identityOf(p) };
    },
    'odoo:logout': ({ profileId }) => {
      const p = profileOf(profileId);
      sessions.delete(profileId);
      p.session = 'none';
      emit('profiles:changed', {});
      return { done: true as const };
    },
    'odoo:identity': ({ profileId }) => {
      const p = profileOf(profileId);
      reach(p);
      if (p.secret === null) throw new AppError('auth_failed', 'No credential is saved for this profile.');
      if (p.authMethod === 'jwt') sessions.set(`${profileId}/jwt`, CANARY.jwtRefresh + CANARY.jwtAccess);
      return identityOf(p);
    },
    'odoo:search': async ({ profileId, query, limitPerModel }) => {
      const p = profileOf(profileId);
      reach(p);
      control.searches.push(query);
      const held = control.hold.get(query);
      if (held) await new Promise<void>((resolve) => control.hold.set(query, () => { held(); resolve(); }));
      const q = query.toLowerCase();
      return SEARCH_DATA.map((m): SearchGroup => {
        const all = m.records.filter((r) => r.name.toLowerCase().includes(q) || (r.subtitle ?? '').toLowerCase().includes(q));
        const limit = limitPerModel ?? 5;
        return { model: m.model, label: m.label, hits: all.slice(0, limit).map((r) => ({ model: m.model, ...r })), more: all.length > limit };
      });
    },
    'odoo:activities': ({ profileId }) => {
      const p = profileOf(profileId);
      reach(p);
      const day = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);
      return {
        overdue: [activity(301, 'Send the signed quotation', 'Email', day(-3), 'sale.order', 42, 'S00042')],
        today: [activity(302, 'Call about the late payment', 'Call', day(0), 'account.move', 17, 'INV/2026/00017')],
        upcoming: [
          activity(303, 'Prepare the onboarding', 'To-Do', day(4), 'project.task', 88, 'Azure Interior onboarding call'),
          activity(304, '', 'Meeting', day(9), 'res.partner', 10, 'Deco Addict'),
        ],
      };
    },
    'odoo:open': ({ profileId, record }) => {
      if (vault.state !== 'unlocked') {
        emit('ui:show', { screen: 'unlock-prompt', profileId });
        return { status: 'unlock_prompted' as const };
      }
      const p = profileOf(profileId);
      reach(p);
      if (p.authMethod !== 'password' || p.secret === null) return { status: 'setup_required' as const };
      if (p.login === TOTP_LOGIN && !sessions.has(`${profileId}/td`) && !sessions.has(profileId)) {
        pendingTotp.add(profileId);
        emit('ui:show', { screen: 'totp-prompt', profileId });
        return { status: 'totp_prompted' as const };
      }
      sessions.set(profileId, CANARY.sessionId);
      p.session = 'active';
      p.lastUsedAt = Date.now();
      opened.push({ profileId, url: record ? `${p.origin}/odoo/${record.model}/${record.id}` : `${p.origin}/odoo` });
      return { status: 'opened' as const };
    },
  };

  const dispatch = createDispatch(handlers, {
    onUnexpectedError: (channel, error) => {
      throw new Error(`scripted core: unexpected failure in ${channel}: ${String(error)}`);
    },
  });

  return {
    dispatch,
    onEvent(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    account: { url: 'https://odoo.acme.example/web/login', database: 'acme-prod', login: LOGIN, password: CANARY.password, label: 'Acme production' },
    search: { query: 'azure', group: 'Sales orders', hit: 'S00042' },
    canaries: Object.values(CANARY),
    async idle() {
      lock('idle');
    },
    opened,
    dataDir: null,
    async close() {},
    control,
    lock: (reason) => lock(reason),
    lockSilently: () => lock('manual', false),
    emit,
    profileIds: () => [...profiles.keys()],
  };
}
