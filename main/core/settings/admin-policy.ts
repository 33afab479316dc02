// The administrator's policy: a JSON file in the OS's usual place for machine-wide managed
// settings, writable only by an administrator, that pre-sets profiles (with their pins)
// and limits what the person may change: the longest auto-lock delay, locking on screen
// lock and sleep, the sign-in methods allowed, and unlocking with Touch ID / Windows
// Hello. The app reads it at start; the settings screen shows what it fixes and why.
//
// A policy file that exists but cannot be read is not ignored: ignoring it would hand the
// person the freedoms the administrator meant to take away. It is reported, and the
// strict fallback below applies until it is fixed.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import type { AuthMethod, Settings } from '../../../contract/index.js';
import { authMethodSchema } from '../../../contract/index.js';
import { profilesFromJson, TRANSFER_FORMAT, TRANSFER_VERSION, type TransferProfile } from '../profiles/profile-transfer.js';

export const MAX_POLICY_BYTES = 256 * 1024;

/** Where each OS keeps machine-wide managed settings (docs/security.md, "Administrator policy"). */
export function policyPath(platform: NodeJS.Platform, env: Readonly<Record<string, string | undefined>>): string {
  if (platform === 'win32') return path.win32.join(env.ProgramData ?? 'C:\\ProgramData', 'Odoo Companion', 'policy.json');
  if (platform === 'darwin') return '/Library/Application Support/Odoo Companion/policy.json';
  return '/etc/odoo-companion/policy.json';
}

const limitsSchema = z
  .object({
    maxAutoLockMinutes: z.number().int().min(1).max(240).optional(),
    lockOnScreenLock: z.literal(true).optional(),
    lockOnSuspend: z.literal(true).optional(),
    signInMethods: z.array(authMethodSchema).min(1).optional(),
    presenceUnlock: z.enum(['allowed', 'disabled']).optional(),
  })
  .strict();

const policyFileSchema = z
  .object({
    version: z.literal(1),
    limits: limitsSchema.optional(),
    /** The same shape as an exported profile file (profile-transfer.ts), minus its header. */
    profiles: z.array(z.unknown()).max(50).optional(),
  })
  .strict();

export type PolicyLimits = z.infer<typeof limitsSchema>;

export interface AdminPolicy {
  /** 'none': no file; 'ok': read and applied; 'invalid': present but unusable (strict fallback applies). */
  state: 'none' | 'ok' | 'invalid';
  /** Where it was looked for. */
  path: string;
  /** Why an invalid file was refused (no file content, only the reason). */
  problem: string | null;
  limits: PolicyLimits;
  profiles: TransferProfile[];
}

/** What applies while a policy file is present but unreadable: the strictest usual choice. */
export const STRICT_FALLBACK: Readonly<PolicyLimits> = Object.freeze({
  maxAutoLockMinutes: 15,
  lockOnScreenLock: true,
  lockOnSuspend: true,
  presenceUnlock: 'disabled',
});

function invalid(file: string, problem: string): AdminPolicy {
  return { state: 'invalid', path: file, problem, limits: { ...STRICT_FALLBACK }, profiles: [] };
}

/** Parses a policy file's content (exported for tests and the settings screen's preview). */
export function parsePolicy(file: string, content: Uint8Array | string): AdminPolicy {
  const size = typeof content === 'string' ? Buffer.byteLength(content, 'utf8') : content.byteLength;
  if (size > MAX_POLICY_BYTES) return invalid(file, 'too-large');
  let json: unknown;
  try {
    const text = typeof content === 'string' ? content : new TextDecoder('utf-8', { fatal: true }).decode(content);
    json = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch {
    return invalid(file, 'not-json');
  }
  const parsed = policyFileSchema.safeParse(json);
  if (!parsed.success) {
    const at = parsed.error.issues[0]?.path.join('.') || '(file)';
    return invalid(file, `wrong-shape:${at}`);
  }
  let profiles: TransferProfile[] = [];
  if (parsed.data.profiles !== undefined && parsed.data.profiles.length > 0) {
    try {
      profiles = profilesFromJson({ format: TRANSFER_FORMAT, version: TRANSFER_VERSION, profiles: parsed.data.profiles });
    } catch {
      return invalid(file, 'bad-profiles');
    }
  }
  return { state: 'ok', path: file, problem: null, limits: parsed.data.limits ?? {}, profiles };
}

/** Reads the policy at `file`; a missing file is "no policy", any other failure is invalid. */
export async function loadPolicy(file: string): Promise<AdminPolicy> {
  let content: Buffer;
  try {
    content = await readFile(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return { state: 'none', path: file, problem: null, limits: {}, profiles: [] };
    return invalid(file, 'unreadable');
  }
  return parsePolicy(file, content);
}

export type PolicyFixedSetting = 'autoLockMinutes' | 'lockOnScreenLock' | 'lockOnSuspend';

/** The settings the policy fixes or bounds, for the settings screen. */
export function fixedSettings(limits: PolicyLimits): PolicyFixedSetting[] {
  const out: PolicyFixedSetting[] = [];
  if (limits.maxAutoLockMinutes !== undefined) out.push('autoLockMinutes');
  if (limits.lockOnScreenLock === true) out.push('lockOnScreenLock');
  if (limits.lockOnSuspend === true) out.push('lockOnSuspend');
  return out;
}

/** Settings as the policy allows them: a longer (or no) auto-lock is brought down to the limit. */
export function applyPolicy(settings: Settings, limits: PolicyLimits): Settings {
  const next = { ...settings };
  const max = limits.maxAutoLockMinutes;
  if (max !== undefined && (next.autoLockMinutes === null || next.autoLockMinutes > max)) next.autoLockMinutes = max;
  if (limits.lockOnScreenLock === true) next.lockOnScreenLock = true;
  if (limits.lockOnSuspend === true) next.lockOnSuspend = true;
  return next;
}

/** Whether a change the person asks for stays inside the policy (the settings screen disables the rest). */
export function settingsChangeAllowed(patch: Partial<Settings>, limits: PolicyLimits): PolicyFixedSetting[] {
  const refused: PolicyFixedSetting[] = [];
  const max = limits.maxAutoLockMinutes;
  if (max !== undefined && 'autoLockMinutes' in patch && (patch.autoLockMinutes === null || (patch.autoLockMinutes ?? 0) > max)) {
    refused.push('autoLockMinutes');
  }
  if (limits.lockOnScreenLock === true && patch.lockOnScreenLock === false) refused.push('lockOnScreenLock');
  if (limits.lockOnSuspend === true && patch.lockOnSuspend === false) refused.push('lockOnSuspend');
  return refused;
}

export function signInMethodAllowed(method: AuthMethod, limits: PolicyLimits): boolean {
  return limits.signInMethods === undefined || limits.signInMethods.includes(method);
}

export function presenceUnlockAllowed(limits: PolicyLimits): boolean {
  return limits.presenceUnlock !== 'disabled';
}
