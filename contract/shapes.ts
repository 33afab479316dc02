// Why: the shapes several channels and events share — the vault's status, what a TLS
// inspection shows, what Odoo says about the person and their records — in one place, so
// a channel reads as "input → output". Outputs hold no secret: no schema here has a
// field for one.
import { z } from 'zod';
import { epochMsSchema, pinSchema } from '../main/core/profiles/profile-schema.js';
import { modelName, recordId } from './inputs.js';

// ---------------------------------------------------------------------------------------
// The vault.
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
  retryAt: epochMsSchema.nullable(),
  failedAttempts: z.number().int().nonnegative(),
});
export type VaultStatus = z.infer<typeof vaultStatusSchema>;

// ---------------------------------------------------------------------------------------
// TLS, as the person confirms it.
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

// ---------------------------------------------------------------------------------------
// Odoo: the server, the person, their records.
export const serverVersionSchema = z.object({
  serverVersion: z.string(),
  series: z.string(),
  major: z.number().int(),
  minor: z.number().int(),
  saas: z.boolean(),
});
export type ServerVersion = z.infer<typeof serverVersionSchema>;

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
  /** The record's model as Odoo names it (res_model_id: "Sales Order"); null when Odoo did not say. */
  modelName: z.string().nullable().optional(),
  resId: z.number().int(),
  resName: z.string(),
});
export type Activity = z.infer<typeof activitySchema>;

/** A record the person opened in Odoo from this app (kept in main's memory, per profile, while unlocked). */
export const recentRecordSchema = z.object({
  model: modelName,
  id: recordId,
  name: z.string(),
  modelName: z.string().nullable(),
});
export type RecentRecord = z.infer<typeof recentRecordSchema>;
