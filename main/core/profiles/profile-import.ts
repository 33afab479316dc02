// Importing a profile file IT handed out, in two steps. The preview shows what the file
// holds (after the strict parse of profile-transfer.ts) and nothing is written. Confirming
// one profile looks at the live server first: the certificate chain it presents must match
// one of the file's pins — otherwise someone stands between this computer and the server,
// or the file is wrong, and the import is refused (never "merged" with what the server
// shows). Only then is the profile saved, without any credential: the person gives theirs
// next, as in the wizard. The administrator's policy decides which sign-in methods may be
// imported at all.
import type { ImportPreviewEntry } from '../../../contract/index.js';
import { AppError, lockedError } from '../errors.js';
import { inspectServer } from '../net/index.js';
import type { ExtraCa } from '../net/trust-store.js';
import { signInMethodAllowed, type PolicyLimits } from '../settings/admin-policy.js';
import { parseProfileFile, type TransferProfile } from './profile-transfer.js';
import { newProfileId, type ProfileRecord, type ProfileStore } from './profile-store.js';

export interface ProfileImportDeps {
  profiles: Pick<ProfileStore, 'list' | 'save'>;
  isUnlocked(): boolean;
  limits(): PolicyLimits;
  clock: { now(): number };
  /** Extra trust roots (tests); production passes none. */
  ca?: ExtraCa;
  newId?: () => string;
}

/** A profile of a file as the store keeps it: no credential, no server version yet. */
function recordFrom(
  entry: TransferProfile,
  facts: { id: string; now: number; insecure: boolean; certificateValidTo: string | null },
): ProfileRecord {
  return {
    id: facts.id,
    label: entry.label,
    origin: entry.url,
    insecure: facts.insecure,
    database: entry.database,
    login: entry.login,
    authMethod: entry.authMethod,
    transport: entry.transport,
    pins: facts.insecure ? [] : entry.pins,
    trustSelfSigned: facts.insecure ? false : entry.trustSelfSigned,
    serverVersion: null,
    createdAt: facts.now,
    lastUsedAt: null,
    certificateValidTo: facts.certificateValidTo,
    ...(entry.environment === undefined ? {} : { environment: entry.environment }),
  };
}

function sameAccount(p: Pick<ProfileRecord, 'origin' | 'database' | 'login'>, t: TransferProfile): boolean {
  return p.origin === t.url && p.database === t.database && p.login === t.login;
}

export function previewImport(text: string, deps: Pick<ProfileImportDeps, 'profiles' | 'isUnlocked' | 'limits'>): ImportPreviewEntry[] {
  if (!deps.isUnlocked()) throw lockedError();
  const saved = deps.profiles.list();
  return parseProfileFile(text).map((t, index) => ({
    index,
    label: t.label,
    url: t.url,
    database: t.database,
    login: t.login,
    authMethod: t.authMethod,
    transport: t.transport,
    environment: t.environment ?? null,
    pinCount: t.pins.length,
    trustSelfSigned: t.trustSelfSigned,
    allowed: signInMethodAllowed(t.authMethod, deps.limits()),
    existingId: saved.find((p) => sameAccount(p, t))?.id ?? null,
  }));
}

/** Saves profile `index` of the file once the live server matches its pins; resolves with the new record. */
export async function confirmImport(text: string, index: number, deps: ProfileImportDeps): Promise<ProfileRecord> {
  if (!deps.isUnlocked()) throw lockedError();
  const entry = parseProfileFile(text)[index];
  if (entry === undefined) throw new AppError('invalid_input', 'This file has no such profile.', { field: 'index' });
  if (!signInMethodAllowed(entry.authMethod, deps.limits())) {
    throw new AppError('access_denied', "Your administrator's policy does not allow this sign-in method.", {
      reason: 'admin_policy',
      authMethod: entry.authMethod,
    });
  }
  if (deps.profiles.list().some((p) => sameAccount(p, entry))) {
    throw new AppError('invalid_input', 'A profile for this server, database and login is already saved.', { field: 'index' });
  }
  const tls = await inspectServer(entry.url, deps.ca === undefined ? {} : { ca: deps.ca });
  const insecure = tls === null;
  if (tls !== null) {
    const presented = tls.chain.map((c) => c.pin);
    if (!presented.some((pin) => entry.pins.includes(pin))) {
      throw new AppError(
        'tls_pin_mismatch',
        'The server presents a certificate that matches none of the pins in the file. Nothing was saved.',
        { presented: presented.slice(0, 4), expected: entry.pins.slice(0, 4) },
      );
    }
    if (!tls.trustedByOs && !entry.trustSelfSigned) {
      throw new AppError('tls_untrusted', 'This computer does not trust the server’s certificate, and the file does not say to. Nothing was saved.', {
        osError: tls.osError,
      });
    }
  }
  const record = recordFrom(entry, {
    id: deps.newId?.() ?? newProfileId(),
    now: deps.clock.now(),
    insecure,
    certificateValidTo: tls?.chain[0]?.validTo ?? null,
  });
  return deps.profiles.save(record);
}

/**
 * The administrator's pre-set profiles (settings/admin-policy.ts) that are not saved yet —
 * none with the same server, database and login — saved without credentials; resolves with
 * those added. No live check here: the policy file is the administrator's (writable only by
 * them), the server may be offline at start, and its pins are enforced at the first
 * connection like any profile's. A preset the person deleted comes back at the next start.
 */
export async function addPresetProfiles(
  presets: readonly TransferProfile[],
  deps: Pick<ProfileImportDeps, 'profiles' | 'clock' | 'newId'>,
): Promise<ProfileRecord[]> {
  const added: ProfileRecord[] = [];
  for (const entry of presets) {
    if (deps.profiles.list().some((p) => sameAccount(p, entry))) continue;
    const insecure = new URL(entry.url).protocol === 'http:';
    const id = deps.newId?.() ?? newProfileId();
    added.push(await deps.profiles.save(recordFrom(entry, { id, now: deps.clock.now(), insecure, certificateValidTo: null })));
  }
  return added;
}
