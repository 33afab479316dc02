// Profiles IT can hand out: a file with what a profile is (server, database, label,
// sign-in method, certificate pins, environment label) and never a secret. Exporting writes only those
// fields; importing reads a file that may be truncated, hand-edited or hostile, so it is
// parsed strictly — a size cap before parsing, an exact shape (unknown keys refused, so
// `__proto__` and friends cannot ride along), every server address through the same URL
// policy as the wizard and every pin through the same pin rules — and any problem is one
// `invalid_input` error that names where it is. Nothing here touches the store: the
// caller shows what the file contains, checks each certificate against the live server,
// and asks for the credentials before anything is saved.
import { z } from 'zod';
import { authMethodSchema, environmentSchema, transportSchema, type Environment } from '../../../contract/index.js';
import { AppError, isAppError } from '../errors.js';
import { validatePins } from '../net/pins.js';
import { normalizeServerUrl } from '../net/url-policy.js';

export const TRANSFER_FORMAT = 'odoo-companion-profiles';
export const TRANSFER_VERSION = 1;
/** A file of 50 profiles is under 40 KB; anything near this cap is not one of ours. */
export const MAX_TRANSFER_BYTES = 256 * 1024;
export const MAX_TRANSFER_PROFILES = 50;

const text = (max: number) => z.string().max(max);

const transferProfileSchema = z
  .object({
    label: text(256).min(1),
    url: text(2048).min(1),
    database: text(256),
    /** Often left empty by IT: each person types their own. */
    login: text(256),
    authMethod: authMethodSchema,
    transport: transportSchema,
    pins: z.array(text(200)).min(1).max(16),
    trustSelfSigned: z.boolean(),
    /** The environment label (production, staging…), when the profile has one. */
    environment: environmentSchema.optional(),
  })
  .strict();

const transferFileSchema = z
  .object({
    format: z.literal(TRANSFER_FORMAT),
    version: z.literal(TRANSFER_VERSION),
    exportedAt: text(64).optional(),
    profiles: z.array(transferProfileSchema).min(1).max(MAX_TRANSFER_PROFILES),
  })
  .strict();

export type TransferProfile = z.infer<typeof transferProfileSchema>;

/** What a stored profile gives to an export (the store's record has more; none of it secret). */
export interface ExportableProfile {
  label: string;
  origin: string;
  database: string;
  login: string;
  authMethod: TransferProfile['authMethod'];
  transport: TransferProfile['transport'];
  pins: readonly string[];
  trustSelfSigned: boolean;
  environment?: Environment | undefined;
}

/** The export file's text: only the listed fields, whatever else the records carry. */
export function exportProfiles(profiles: readonly ExportableProfile[], options: { now: number; includeLogin?: boolean }): string {
  const file = {
    format: TRANSFER_FORMAT,
    version: TRANSFER_VERSION,
    exportedAt: new Date(options.now).toISOString(),
    profiles: profiles.map((p) => ({
      label: p.label,
      url: p.origin,
      database: p.database,
      login: options.includeLogin === false ? '' : p.login,
      authMethod: p.authMethod,
      transport: p.transport,
      pins: [...p.pins],
      trustSelfSigned: p.trustSelfSigned,
      ...(p.environment === undefined ? {} : { environment: p.environment }),
    })),
  };
  return `${JSON.stringify(transferFileSchema.parse(file), null, 2)}\n`;
}

function invalid(problem: string, where?: string): AppError {
  return new AppError('invalid_input', 'This file is not a profile file Odoo Companion can import. Nothing was changed.', {
    problem,
    ...(where === undefined ? {} : { where }),
  });
}

/** Reads an export file; every profile in the result has a normalised URL and canonical pins. */
export function parseProfileFile(content: Uint8Array | string): TransferProfile[] {
  const size = typeof content === 'string' ? Buffer.byteLength(content, 'utf8') : content.byteLength;
  if (size > MAX_TRANSFER_BYTES) throw invalid('too-large');
  let textContent: string;
  try {
    textContent = typeof content === 'string' ? content : new TextDecoder('utf-8', { fatal: true }).decode(content);
  } catch {
    throw invalid('not-utf8');
  }
  let json: unknown;
  try {
    json = JSON.parse(textContent.replace(/^\uFEFF/, ''));
  } catch {
    throw invalid('not-json');
  }
  return profilesFromJson(json);
}

/** The profiles of an already parsed file (the administrator's policy embeds the same list). */
export function profilesFromJson(json: unknown): TransferProfile[] {
  const parsed = transferFileSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw invalid('wrong-shape', issue === undefined ? undefined : issue.path.join('.') || '(file)');
  }
  return parsed.data.profiles.map((p, i) => {
    let url: string;
    try {
      url = normalizeServerUrl(p.url).origin;
    } catch (e) {
      if (isAppError(e)) throw invalid(e.code === 'insecure_url' ? 'insecure-url' : 'bad-url', `profiles.${i}.url`);
      throw e;
    }
    try {
      return { ...p, url, pins: validatePins(p.pins) };
    } catch (e) {
      if (isAppError(e)) throw invalid('bad-pins', `profiles.${i}.pins`);
      throw e;
    }
  });
}
