// Why: the channels of "All my Odoos at once" — one question asked of every profile (quick
// search, my activities), acting on one activity without opening Odoo, profile files for
// IT (export, import with a check of the live server) and what the administrator's policy
// fixes. Kept apart from channels.ts so that table stays readable; it spreads these in.
// Each profile's part of an answer carries its own typed error, so one slow or failing
// server never hides the others.
import { z } from 'zod';
import { MAX_ENVIRONMENT_TEXT } from '../main/core/profiles/profile-schema.js';
import { wireErrorSchema } from './errors.js';
import { recordId } from './inputs.js';
import { activitySchema, searchGroupSchema } from './shapes.js';
import { authMethodSchema, environmentSchema, profileId, profileSchema, transportSchema } from './stored-views.js';

export { MAX_ENVIRONMENT_TEXT };

/** Whose answer this is: the profile, its label and its environment label (null when none). */
const profileTag = {
  profileId,
  label: z.string(),
  environment: environmentSchema.nullable(),
};

export const profileFailureSchema = z.object({ ...profileTag, error: wireErrorSchema });
export type ProfileFailure = z.infer<typeof profileFailureSchema>;

export const allSearchEntrySchema = z.discriminatedUnion('ok', [
  z.object({ ...profileTag, ok: z.literal(true), groups: z.array(searchGroupSchema) }),
  z.object({ ...profileTag, ok: z.literal(false), error: wireErrorSchema }),
]);
export type AllSearchEntry = z.infer<typeof allSearchEntrySchema>;

export const labelledActivitySchema = activitySchema.extend({
  profileId,
  profileLabel: z.string(),
  environment: environmentSchema.nullable(),
});
export type LabelledActivityView = z.infer<typeof labelledActivitySchema>;

export const activityBucketSchema = z.enum(['overdue', 'today', 'upcoming']);

export const rescheduleTargetSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('tomorrow') }),
  z.strictObject({ kind: z.literal('next-week') }),
  z.strictObject({ kind: z.literal('date'), date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD') }),
]);

/** One profile of an import file, as the person reviews it before confirming. */
export const importPreviewEntrySchema = z.object({
  index: z.number().int().nonnegative(),
  label: z.string(),
  url: z.string(),
  database: z.string(),
  login: z.string(),
  authMethod: authMethodSchema,
  transport: transportSchema,
  environment: environmentSchema.nullable(),
  pinCount: z.number().int().nonnegative(),
  trustSelfSigned: z.boolean(),
  /** False when the administrator's policy does not allow its sign-in method. */
  allowed: z.boolean(),
  /** A saved profile for the same server, database and login, when there is one. */
  existingId: profileId.nullable(),
});
export type ImportPreviewEntry = z.infer<typeof importPreviewEntrySchema>;

/** The longest import file the renderer may send: under the IPC payload cap, which counts two bytes a character. */
export const MAX_IMPORT_TEXT = 30_000;

export const policySettingSchema = z.enum(['autoLockMinutes', 'lockOnScreenLock', 'lockOnSuspend']);

export const policyViewSchema = z.object({
  /** 'none': no policy file; 'ok': applied; 'invalid': present but unusable (the strict fallback applies). */
  state: z.enum(['none', 'ok', 'invalid']),
  /** Why an unusable file was refused (a short code, never file content). */
  problem: z.string().nullable(),
  fixed: z.array(
    z.object({
      setting: policySettingSchema,
      /** The value the policy holds it to (for auto-lock: the longest delay allowed, in minutes). */
      value: z.union([z.number().int(), z.boolean()]),
      reason: z.enum(['admin-policy', 'policy-unreadable']),
    }),
  ),
  /** The sign-in methods the wizard may offer. */
  signInMethods: z.array(authMethodSchema),
  presenceUnlockAllowed: z.boolean(),
});
export type PolicyView = z.infer<typeof policyViewSchema>;

export const allProfilesChannels = {
  /** Quick search on every profile at once, grouped by profile then model. */
  'all:search': {
    input: z.strictObject({
      query: z.string().min(1).max(256),
      limitPerModel: z.number().int().min(1).max(20).optional(),
    }),
    output: z.object({ profiles: z.array(allSearchEntrySchema) }),
  },
  /** Every profile's activities merged, each bucket by due date, labelled with the profile. */
  'all:activities': {
    input: z.strictObject({}),
    output: z.object({
      overdue: z.array(labelledActivitySchema),
      today: z.array(labelledActivitySchema),
      upcoming: z.array(labelledActivitySchema),
      failed: z.array(profileFailureSchema),
    }),
  },
  /** Odoo's "Done" on one activity (its chatter gets the note); the list drops it without a reload. */
  'odoo:activityDone': {
    input: z.strictObject({ profileId, activityId: recordId, feedback: z.string().max(2000).optional() }),
    output: z.object({ profileId, activityId: recordId, done: z.literal(true) }),
  },
  /** A new deadline for one activity: the day written and the bucket it now belongs in. */
  'odoo:activityReschedule': {
    input: z.strictObject({ profileId, activityId: recordId, to: rescheduleTargetSchema }),
    output: z.object({ profileId, activityId: recordId, deadline: z.string(), bucket: activityBucketSchema }),
  },
  /** Writes a profile file (never a secret) where the person chooses in main's save dialog. */
  'profiles:export': {
    input: z.strictObject({ ids: z.array(profileId).min(1).max(50), includeLogin: z.boolean().optional() }),
    output: z.object({ saved: z.boolean(), count: z.number().int().nonnegative() }),
  },
  /** What a profile file contains, checked, before anything is saved. */
  'profiles:importPreview': {
    input: z.strictObject({ text: z.string().min(1).max(MAX_IMPORT_TEXT) }),
    output: z.object({ profiles: z.array(importPreviewEntrySchema) }),
  },
  /**
   * Saves one profile of a file once the live server's certificate matches the file's pins
   * (a mismatch is refused, nothing saved). It has no credential yet: the person gives it next.
   */
  'profiles:importConfirm': {
    input: z.strictObject({ text: z.string().min(1).max(MAX_IMPORT_TEXT), index: z.number().int().min(0).max(49) }),
    output: profileSchema,
  },
  /** What the administrator's policy fixes, and why. */
  'policy:get': { input: z.strictObject({}), output: policyViewSchema },
} as const;
