// What a profile is on disk: the record format of `profiles.json`, owned by the core.
// The IPC contract (contract/profiles.ts) builds the renderer's Profile from this record
// by adding what is computed from the vault, never the other way round: a field added
// for the screens cannot reach the file. Plain zod and nothing else (no Node module), so
// the contract can import it into the preload and renderer builds.
import { z } from 'zod';

/** A profile id: what the core generates, and what every request names a profile by. */
export const profileIdSchema = z.string().regex(/^[a-z0-9-]{1,64}$/, 'not an id');

/** A label, database or login: short text, never a secret. */
export const profileTextSchema = z.string().max(256);

/** Epoch milliseconds. */
export const epochMsSchema = z.number().int().nonnegative();

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

/** An SPKI pin: `sha256/` and the base64 of 32 bytes. */
export const pinSchema = z.string().regex(/^sha256\/[A-Za-z0-9+/]{43}=$/, 'not an SPKI pin');

/** The colours an environment label may take: names only, mapped to fixed values by the shell. */
export const ENVIRONMENT_COLOURS = ['red', 'orange', 'yellow', 'green', 'teal', 'blue', 'purple', 'grey'] as const;
export const environmentColourSchema = z.enum(ENVIRONMENT_COLOURS);
export type EnvironmentColour = z.infer<typeof environmentColourSchema>;

/** The longest text of a custom environment label. */
export const MAX_ENVIRONMENT_TEXT = 24;

/**
 * Which kind of database a profile reaches, so production is never mistaken for a test
 * copy: a fixed kind, or a short text of the person's own ('custom' only), and a colour.
 */
export const environmentSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.enum(['production', 'staging', 'test']), colour: environmentColourSchema }),
  z.strictObject({
    kind: z.literal('custom'),
    text: z
      .string()
      .min(1)
      .max(MAX_ENVIRONMENT_TEXT)
      .regex(/^\P{Cc}*$/u, 'no control characters')
      .refine((t) => t.trim().length > 0, 'not blank'),
    colour: environmentColourSchema,
  }),
]);
export type Environment = z.infer<typeof environmentSchema>;

/**
 * One profile as stored. Strict: a key it does not declare — a secret, or a field the
 * screens see but the file must not hold — is refused, on save as on load.
 */
export const profileRecordSchema = z.strictObject({
  id: profileIdSchema,
  label: profileTextSchema,
  origin: z.string(),
  insecure: z.boolean(),
  database: profileTextSchema,
  login: profileTextSchema,
  authMethod: authMethodSchema,
  transport: transportSchema,
  pins: z.array(pinSchema),
  trustSelfSigned: z.boolean(),
  serverVersion: z.string().nullable(),
  createdAt: epochMsSchema,
  lastUsedAt: epochMsSchema.nullable(),
  /** Leaf certificate expiry as last seen, for the "expires soon" warning. */
  certificateValidTo: z.string().nullable(),
  /**
   * Who signed the leaf certificate of the last accepted connection (its issuer's name), so a
   * later pin mismatch can say which authority was expected beside the one presenting now.
   */
  certificateIssuer: z.string().max(1024).optional(),
  /**
   * The server's odoo_jwt module handed this profile's two-factor user tokens for the
   * password alone (the module never asks the second factor): the person is told.
   */
  jwtSkipsTwoFactor: z.boolean().optional(),
  /** 'account' profiles: keep the password for one-click sign-in after Odoo ends the session. */
  keepPassword: z.boolean().optional(),
  /** 'account' profiles: the API key this device created in Odoo (its name in Odoo's list), never the key. */
  deviceKey: z
    .object({ name: z.string(), createdAt: epochMsSchema, expiresAt: z.string().nullable() })
    .nullable()
    .optional(),
  /** Why no device key exists, when Odoo refused one (a portal user, a policy). */
  deviceKeyRefused: z.string().nullable().optional(),
  /** The environment label (absent in files from before it existed, and when none is chosen). */
  environment: environmentSchema.optional(),
});
export type ProfileRecord = z.infer<typeof profileRecordSchema>;

export const PROFILES_FILE_VERSION = 1;

/** The whole of `profiles.json`. */
export const profilesFileSchema = z.object({
  version: z.literal(PROFILES_FILE_VERSION),
  profiles: z.array(profileRecordSchema),
});
export type ProfilesFile = z.infer<typeof profilesFileSchema>;
