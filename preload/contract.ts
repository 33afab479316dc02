// The one IPC contract between the renderer and main. Every channel has a zod input
// schema (strict: unknown keys are refused) and an output schema (parsed on the way out,
// so a field that is not declared here — a secret included — is stripped before it can
// reach the renderer). Events are main→renderer only. This file imports only zod: it is
// shared by main, the preload bundle and the renderer.
import { z } from 'zod';
import { LOCALES, PSEUDO_LOCALE } from '../i18n/locales.js';

// ---------------------------------------------------------------------------------------
// Errors: every failure that crosses IPC is `{ code, message, details? }`.
export const ERROR_CODES = [
  'invalid_input',
  'unknown_channel',
  'forbidden_sender',
  'payload_too_large',
  'internal',
  'locked',
  'vault_not_initialized',
  'vault_exists',
  'wrong_passphrase',
  'throttled',
  'reauth_required',
  'presence_unavailable',
  'presence_failed',
  'keychain_unavailable',
  'profile_not_found',
  'profile_store_corrupt',
  'invalid_url',
  'insecure_url',
  'auth_failed',
  'unknown_database',
  'password_required',
  'totp_required',
  'totp_invalid',
  'session_expired',
  'signed_in_elsewhere',
  'access_denied',
  'missing_record',
  'user_error',
  'server_error',
  'network',
  'timeout',
  'too_large',
  'bad_response',
  'redirect',
  'aborted',
  'tls_untrusted',
  'tls_pin_mismatch',
  'shortcut_unavailable',
] as const;
export const errorCodeSchema = z.enum(ERROR_CODES);
export type ErrorCode = z.infer<typeof errorCodeSchema>;

const detailValue = z.union([z.string(), z.number(), z.boolean(), z.null(), z.array(z.string())]);
export const wireErrorSchema = z.object({
  code: errorCodeSchema,
  message: z.string(),
  details: z.record(z.string(), detailValue).optional(),
});
export type WireError = z.infer<typeof wireErrorSchema>;

/** What every invoke resolves to; the renderer's client turns `ok: false` into a throw. */
export type Envelope<T> = { ok: true; value: T } | { ok: false; error: WireError };

// ---------------------------------------------------------------------------------------
// Shared shapes.
const id = z.string().regex(/^[a-z0-9-]{1,64}$/, 'not an id');
const shortText = z.string().max(256);
const passphrase = z.string().min(1).max(1024);
/**
 * A credential typed by the person. Inbound only: no output schema ever contains one.
 * 1024 characters: far above any real password or API key, and small enough that the
 * encrypted record fits every platform's keychain (the vault checks the byte size too).
 */
const secretInput = z.string().min(1).max(1024);
const urlText = z.string().min(1).max(2048);
const modelName = z.string().regex(/^[a-z][a-z0-9_.]{0,127}$/, 'not a model name');
const recordId = z.number().int().positive().max(2 ** 31 - 1);
const epochMs = z.number().int().nonnegative();

export const vaultStateSchema = z.enum(['uninitialized', 'locked', 'unlocked']);
export type VaultState = z.infer<typeof vaultStateSchema>;

export const lockReasonSchema = z.enum([
  'startup',
  'manual',
  'idle',
  'screen-lock',
  'suspend',
  'user-switch',
  'quit',
  'reset',
]);
export type LockReason = z.infer<typeof lockReasonSchema>;

export const vaultStatusSchema = z.object({
  state: vaultStateSchema,
  presence: z.object({
    available: z.boolean(),
    enabled: z.boolean(),
    kind: z.enum(['touch-id', 'windows-hello', 'none']),
  }),
  /** Wrong passphrases make the next attempt wait until this moment (epoch ms). */
  retryAt: epochMs.nullable(),
  failedAttempts: z.number().int().nonnegative(),
});
export type VaultStatus = z.infer<typeof vaultStatusSchema>;

export const settingsSchema = z.object({
  /** null = never auto-lock (the UI warns). */
  autoLockMinutes: z.number().int().min(1).max(240).nullable(),
  lockOnScreenLock: z.boolean(),
  lockOnSuspend: z.boolean(),
  launchAtLogin: z.boolean(),
  startInTray: z.boolean(),
  shortcut: z.string().min(1).max(64),
  notifications: z.boolean(),
  /** The app's language: 'system' follows the OS language (English when the OS speaks none of ours). */
  language: z.enum(['system', ...LOCALES]),
});
export type Settings = z.infer<typeof settingsSchema>;

/**
 * How a profile signs in. 'account' (recommended): the password is typed once; the app keeps
 * a web session and an API key it creates for this device, not the password. 'password':
 * the password itself is kept (profiles from before 'account'; offered the move). 'api-key':
 * a key the person pastes (calls only). 'jwt': a site with the odoo_jwt module.
 */
export const authMethodSchema = z.enum(['account', 'api-key', 'password', 'jwt']);
export type AuthMethod = z.infer<typeof authMethodSchema>;
export const transportSchema = z.enum(['auto', 'jsonrpc', 'xmlrpc', 'json2']);
export type Transport = z.infer<typeof transportSchema>;
export const pinSchema = z.string().regex(/^sha256\/[A-Za-z0-9+/]{43}=$/, 'not an SPKI pin');

export const certificateInfoSchema = z.object({
  subject: z.string(),
  issuer: z.string(),
  subjectAltNames: z.array(z.string()),
  validFrom: z.string(),
  validTo: z.string(),
  fingerprintSha256: z.string(),
  pin: pinSchema,
  selfSigned: z.boolean(),
});
export type CertificateInfo = z.infer<typeof certificateInfoSchema>;

export const tlsInspectionSchema = z.object({
  protocol: z.string(),
  trustedByOs: z.boolean(),
  /** Why the OS store refused the chain, when it did (e.g. SELF_SIGNED_CERT_IN_CHAIN). */
  osError: z.string().nullable(),
  chain: z.array(certificateInfoSchema),
});
export type TlsInspection = z.infer<typeof tlsInspectionSchema>;

export const serverVersionSchema = z.object({
  serverVersion: z.string(),
  series: z.string(),
  major: z.number().int(),
  minor: z.number().int(),
  saas: z.boolean(),
});
export type ServerVersion = z.infer<typeof serverVersionSchema>;

export const profileSchema = z.object({
  id,
  label: shortText,
  origin: z.string(),
  insecure: z.boolean(),
  database: shortText,
  login: shortText,
  authMethod: authMethodSchema,
  transport: transportSchema,
  pins: z.array(pinSchema),
  trustSelfSigned: z.boolean(),
  serverVersion: z.string().nullable(),
  createdAt: epochMs,
  lastUsedAt: epochMs.nullable(),
  /** Whether the vault holds the secret this auth method needs (never the secret). */
  hasSecret: z.boolean(),
  session: z.enum(['none', 'stored', 'active']),
  /** Leaf certificate expiry as last seen, for the "expires soon" warning. */
  certificateValidTo: z.string().nullable(),
  /**
   * The server's odoo_jwt module handed this profile's two-factor user tokens for the
   * password alone (the module never asks the second factor): the person is told.
   */
  jwtSkipsTwoFactor: z.boolean().optional(),
  /** 'account' profiles: keep the password for one-click sign-in after Odoo ends the session. */
  keepPassword: z.boolean().optional(),
  /** 'account' profiles: the API key this device created in Odoo (its name in Odoo's list), never the key. */
  deviceKey: z
    .object({ name: z.string(), createdAt: epochMs, expiresAt: z.string().nullable() })
    .nullable()
    .optional(),
  /** Why no device key exists, when Odoo refused one (a portal user, a policy). */
  deviceKeyRefused: z.string().nullable().optional(),
});
export type Profile = z.infer<typeof profileSchema>;

const profileDraft = z.strictObject({
  label: shortText.min(1),
  url: urlText,
  database: shortText.min(1),
  login: shortText.min(1),
  authMethod: authMethodSchema,
  transport: transportSchema,
  pins: z.array(pinSchema).max(8),
  trustSelfSigned: z.boolean(),
  keepPassword: z.boolean().optional(),
});

export const identitySchema = z.object({
  uid: z.number().int(),
  name: z.string(),
  login: z.string(),
  database: z.string(),
  company: z.string().nullable(),
  lang: z.string().nullable(),
  tz: z.string().nullable(),
  serverVersion: z.string(),
});
export type Identity = z.infer<typeof identitySchema>;

export const loginResultSchema = z.discriminatedUnion('status', [
  z.object({ status: z.literal('ok'), identity: identitySchema }),
  z.object({ status: z.literal('totp_required') }),
]);
export type LoginResult = z.infer<typeof loginResultSchema>;

/** An image as a data URL of one of the types an <img> shows without running code. */
export const avatarDataUrlSchema = z
  .string()
  .max(360_000)
  .regex(/^data:image\/(png|jpeg|gif|webp|svg\+xml);base64,[A-Za-z0-9+/]+={0,2}$/, 'not an image data URL');

export const openResultSchema = z.object({
  /**
   * 'opened_sign_in': the window opened on Odoo's sign-in page (an API key cannot open a
   * session); 'password_prompted': Odoo ended the session and no password is kept.
   */
  status: z.enum(['opened', 'opened_sign_in', 'unlock_prompted', 'totp_prompted', 'password_prompted', 'setup_required']),
});
export type OpenResult = z.infer<typeof openResultSchema>;

export const searchHitSchema = z.object({
  model: modelName,
  id: recordId,
  name: z.string(),
  subtitle: z.string().nullable(),
});
export const searchGroupSchema = z.object({
  model: modelName,
  label: z.string(),
  hits: z.array(searchHitSchema),
  more: z.boolean(),
});
export type SearchGroup = z.infer<typeof searchGroupSchema>;

export const activitySchema = z.object({
  id: recordId,
  summary: z.string(),
  activityType: z.string().nullable(),
  deadline: z.string(),
  model: modelName,
  resId: z.number().int(),
  resName: z.string(),
});
export type Activity = z.infer<typeof activitySchema>;

// ---------------------------------------------------------------------------------------
// Channels. Name = `domain:action`; the preload exposes it as companion.domain.action().
const empty = z.strictObject({});
const ok = z.object({ done: z.literal(true) });

export const channels = {
  'app:info': {
    input: empty,
    output: z.object({
      name: z.string(),
      version: z.string(),
      platform: z.enum(['darwin', 'win32', 'linux', 'other']),
      vaultState: vaultStateSchema,
      /** Only a demo core sets it: the band's hints (the packaged app never does). */
      demo: z.object({ hints: z.array(z.string().max(200)).max(4) }).optional(),
    }),
  },

  /** The language the UI speaks (the setting, else the OS language, else English) and its direction. */
  'app:locale': {
    input: empty,
    output: z.object({
      locale: z.enum([...LOCALES, PSEUDO_LOCALE]),
      direction: z.enum(['ltr', 'rtl']),
    }),
  },

  /**
   * The renderer has subscribed to events: main sends them from now on (until the page is
   * loaded again). Events sent before would reach a page that does not listen yet.
   */
  'ui:ready': { input: empty, output: ok },

  'vault:status': { input: empty, output: vaultStatusSchema },
  'vault:create': {
    input: z.strictObject({ passphrase: passphrase.min(8), enablePresence: z.boolean() }),
    output: vaultStatusSchema,
  },
  'vault:unlock': {
    input: z.discriminatedUnion('method', [
      z.strictObject({ method: z.literal('passphrase'), passphrase }),
      z.strictObject({ method: z.literal('presence') }),
    ]),
    output: vaultStatusSchema,
  },
  'vault:lock': { input: empty, output: vaultStatusSchema },
  'vault:changePassphrase': {
    input: z.strictObject({ current: passphrase, next: passphrase.min(8) }),
    output: ok,
  },
  'vault:setPresence': {
    input: z.strictObject({ enabled: z.boolean() }),
    output: vaultStatusSchema,
  },
  'vault:reset': {
    input: z.strictObject({ confirm: z.literal('RESET') }),
    output: vaultStatusSchema,
  },

  'settings:get': { input: empty, output: settingsSchema },
  'settings:update': { input: settingsSchema.partial().strict(), output: settingsSchema },

  'profiles:list': { input: empty, output: z.array(profileSchema) },
  'profiles:probe': {
    input: z.strictObject({ url: urlText }),
    output: z.object({
      origin: z.string(),
      insecure: z.boolean(),
      version: serverVersionSchema,
      /** null when the server hides its database list: the person types the name. */
      databases: z.array(z.string()).nullable(),
      tls: tlsInspectionSchema.nullable(),
      jwtModule: z.boolean(),
    }),
  },
  'profiles:testConnection': {
    input: profileDraft.extend({ secret: secretInput }),
    output: loginResultSchema,
  },
  'profiles:save': {
    input: profileDraft.extend({ id: id.optional(), secret: secretInput.optional() }),
    output: profileSchema,
  },
  /**
   * Forgets a profile on this device. With `password` (an 'account' profile), the device's
   * API key is first revoked in Odoo and the web session ended there; without, the key
   * stays valid in Odoo until removed there (`revoked: false`).
   */
  'profiles:forget': {
    input: z.strictObject({ id, password: secretInput.optional() }),
    output: z.object({ done: z.literal(true), revoked: z.boolean() }),
  },
  /** Moves a 'password' profile to 'account' with the person's consent: a device key, the password dropped. */
  'profiles:migrate': { input: z.strictObject({ id }), output: profileSchema },
  'profiles:repin': {
    input: z.strictObject({ id, pins: z.array(pinSchema).min(1).max(8), trustSelfSigned: z.boolean() }),
    output: profileSchema,
  },
  'profiles:inspectTls': {
    input: z.strictObject({ id }),
    output: tlsInspectionSchema,
  },

  'odoo:login': { input: z.strictObject({ profileId: id }), output: loginResultSchema },
  /**
   * Signs an 'account' profile in with the password the person just typed (the password
   * prompt, the wizard's first sign-in). The password is used, then dropped unless the
   * profile keeps it; a trusted device skips the code.
   */
  'odoo:signIn': { input: z.strictObject({ profileId: id, password: secretInput }), output: loginResultSchema },
  'odoo:submitTotp': {
    input: z.strictObject({
      profileId: id,
      code: z.string().regex(/^\d{6}$/, 'six digits'),
      trustDevice: z.boolean(),
    }),
    output: loginResultSchema,
  },
  'odoo:logout': { input: z.strictObject({ profileId: id }), output: ok },
  'odoo:identity': { input: z.strictObject({ profileId: id }), output: identitySchema },
  /**
   * The signed-in user's picture, fetched by main (the renderer has no network) and
   * checked to be an image: a data URL, or null when Odoo has none.
   */
  'odoo:avatar': {
    input: z.strictObject({ profileId: id }),
    output: z.object({ dataUrl: avatarDataUrlSchema.nullable() }),
  },
  'odoo:search': {
    input: z.strictObject({
      profileId: id,
      query: z.string().min(1).max(256),
      limitPerModel: z.number().int().min(1).max(50).optional(),
    }),
    output: z.array(searchGroupSchema),
  },
  'odoo:activities': {
    input: z.strictObject({ profileId: id }),
    output: z.object({
      overdue: z.array(activitySchema),
      today: z.array(activitySchema),
      upcoming: z.array(activitySchema),
    }),
  },
  /**
   * Quick-login: unlock → session → Odoo window, optionally at one record. When the
   * person must act first (passphrase, TOTP code), main also sends 'ui:show' and finishes
   * the login by itself once they have.
   */
  'odoo:open': {
    input: z.strictObject({
      profileId: id,
      record: z.strictObject({ model: modelName, id: recordId }).optional(),
    }),
    output: openResultSchema,
  },
} as const;

export type Channels = typeof channels;
export type ChannelName = keyof Channels;
export type ChannelInput<C extends ChannelName> = z.input<Channels[C]['input']>;
export type ChannelOutput<C extends ChannelName> = z.output<Channels[C]['output']>;

// ---------------------------------------------------------------------------------------
// Events, main → renderer.
export const events = {
  'vault:locked': z.object({ reason: lockReasonSchema }),
  'vault:unlocked': z.object({}),
  'profiles:changed': z.object({}),
  'tls:certificateExpiring': z.object({ profileId: id, validTo: z.string(), daysLeft: z.number().int() }),
  /** The shell asks the UI to show something: the tray's quick search, a prompt. */
  'ui:show': z.object({
    screen: z.enum(['quick-search', 'unlock-prompt', 'totp-prompt', 'password-prompt', 'home']),
    profileId: id.optional(),
  }),
} as const;

export type Events = typeof events;
export type EventName = keyof Events;
export type EventPayload<E extends EventName> = z.output<Events[E]>;

// ---------------------------------------------------------------------------------------
// The API the preload exposes as `window.companion`, derived from the tables above.
type SplitChannel<C extends string> = C extends `${infer D}:${infer A}` ? [D, A] : never;
type Domains = SplitChannel<ChannelName>[0];
type ActionsOf<D extends string> = {
  [C in ChannelName as SplitChannel<C>[0] extends D ? SplitChannel<C>[1] : never]: (
    input: ChannelInput<C>,
  ) => Promise<Envelope<ChannelOutput<C>>>;
};
export type CompanionApi = { [D in Domains]: ActionsOf<D> } & {
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
};

export const channelNames = Object.keys(channels) as ChannelName[];
export const eventNames = Object.keys(events) as EventName[];

/** Hard cap on one serialized request, checked before parsing. */
export const MAX_PAYLOAD_BYTES = 64 * 1024;
