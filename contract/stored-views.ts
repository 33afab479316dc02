// Why: the renderer's view of what the core stores — a profile, the settings — is built
// here from the core's own storage schemas (main/core/profiles/profile-schema.ts,
// main/core/settings/settings-schema.ts), by picking and extending, never the other way
// round. A field added for the screens therefore lives only on the wire: it cannot
// change what profiles.json or settings.json may hold.
// Outputs are plain (not strict) objects: parsing a handler's answer strips any key they
// do not declare, so a secret added to a result by mistake never reaches the renderer.
import { z } from 'zod';
import {
  authMethodSchema,
  environmentSchema,
  pinSchema,
  profileIdSchema,
  profileRecordSchema,
  transportSchema,
  type AuthMethod,
  type Environment,
  type Transport,
} from '../main/core/profiles/profile-schema.js';
import { settingsSchema as storedSettingsSchema } from '../main/core/settings/settings-schema.js';
import { urlText } from './inputs.js';

export { authMethodSchema, environmentSchema, pinSchema, transportSchema, type AuthMethod, type Environment, type Transport };

/** The id every request names a profile by: the stored record's. */
export const profileId = profileIdSchema;

/** A profile as the screens see it: the stored record and what the vault says about it. */
export const profileSchema = z.object({
  ...profileRecordSchema.shape,
  /** Whether the vault holds the secret this auth method needs (never the secret). */
  hasSecret: z.boolean(),
  /** Computed from the vault and the live clients, never stored. */
  session: z.enum(['none', 'stored', 'active']),
});
export type Profile = z.infer<typeof profileSchema>;

const stored = profileRecordSchema.shape;

/** What the wizard sends to test or save a profile: the stored fields a person chooses, and the address. */
export const profileDraftSchema = profileRecordSchema
  .pick({ label: true, database: true, login: true, authMethod: true, transport: true, pins: true, trustSelfSigned: true, keepPassword: true, environment: true })
  .extend({
    label: stored.label.min(1),
    url: urlText,
    database: stored.database.min(1),
    login: stored.login.min(1),
    pins: stored.pins.max(8),
    /** The environment label; null removes it, absent keeps the saved one. */
    environment: environmentSchema.nullable().optional(),
  })
  .strict();

/** The settings as the screens read and change them: every stored setting, as stored. */
export const settingsSchema = z.object(storedSettingsSchema.shape);
export type Settings = z.infer<typeof settingsSchema>;
