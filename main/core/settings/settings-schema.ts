// What the settings are on disk: the format of `settings.json`, owned by the core. The IPC
// contract (contract/settings.ts) builds what the renderer reads and sends from this
// schema, not the other way round, so a field added for the screens cannot reach the
// file. Plain zod and the language list (no Node module): the contract imports it into
// the preload and renderer builds.
import { z } from 'zod';
import { LOCALES } from '../../../i18n/locales.js';

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
 * `settings.json` as read: keys missing from an older version's file take their defaults,
 * and keys this version does not know are dropped.
 */
export const settingsFileSchema = settingsSchema.partial();
