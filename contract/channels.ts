// Why: the one table of what the renderer may ask main. Every channel has a strict input
// schema (unknown keys are refused) and an output schema (parsed on the way out, so a
// field that is not declared — a secret included — is stripped before it can reach the
// renderer). The dispatcher, the preload bridge and the renderer's invoke all read it.
import { z } from 'zod';
import { LOCALES, PSEUDO_LOCALE } from '../i18n/locales.js';
import { modelName, passphrase, recordId, secretInput, urlText } from './inputs.js';
import {
  activitySchema,
  avatarDataUrlSchema,
  identitySchema,
  loginResultSchema,
  openResultSchema,
  recentRecordSchema,
  searchGroupSchema,
  serverVersionSchema,
  tlsInspectionSchema,
  vaultStateSchema,
  vaultStatusSchema,
} from './shapes.js';
import { pinSchema, profileDraftSchema, profileId as id, profileSchema, settingsSchema } from './stored-views.js';
import { allProfilesChannels } from './all-profiles.js';

const empty = z.strictObject({});
const ok = z.object({ done: z.literal(true) });

/** Name = `domain:action`; the renderer calls it as invoke('domain:action', input). */
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
    input: profileDraftSchema.extend({ secret: secretInput }),
    output: loginResultSchema,
  },
  'profiles:save': {
    input: profileDraftSchema.extend({ id: id.optional(), secret: secretInput.optional() }),
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
  /**
   * Re-checks the server's live chain, then pins the keys of the authorities that issued
   * it (contract/default-pins.ts) — only for a chain the system trusts that matches a saved pin.
   */
  'profiles:useAuthorityPins': { input: z.strictObject({ id }), output: profileSchema },
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
      /** `name` and `modelName` only label the record in the recently-opened list. */
      record: z
        .strictObject({
          model: modelName,
          id: recordId,
          name: z.string().max(512).optional(),
          modelName: z.string().max(128).optional(),
        })
        .optional(),
    }),
    output: openResultSchema,
  },
  /**
   * "More in Odoo" under a search group: the profile's Odoo window at that model's list,
   * through the same quick-login. Main builds the URL from the profile's server; only
   * the quick search's models are accepted.
   */
  'odoo:openList': {
    input: z.strictObject({ profileId: id, model: modelName }),
    output: openResultSchema,
  },
  /** The records opened from this app for a profile, newest first (main's memory, emptied on lock). */
  'odoo:recent': {
    input: z.strictObject({ profileId: id }),
    output: z.array(recentRecordSchema),
  },

  /** Every profile at once, acting on activities, profile files, the policy (all-profiles.ts). */
  ...allProfilesChannels,
} as const;

export type Channels = typeof channels;
export type ChannelName = keyof Channels;
export type ChannelInput<C extends ChannelName> = z.input<Channels[C]['input']>;
export type ChannelOutput<C extends ChannelName> = z.output<Channels[C]['output']>;

export const channelNames = Object.keys(channels) as ChannelName[];

/** Hard cap on one serialized request, checked before parsing. */
export const MAX_PAYLOAD_BYTES = 64 * 1024;
