// The handlers of contract/all-profiles.ts: every profile at once (quick search, my
// activities), acting on one activity, profile files, and the administrator's policy —
// plus the policy's guards on the channels it limits (settings, presence unlock, sign-in
// methods). handlers.ts spreads these into its table; each stays one service call.
//
// Rules kept here:
// - "every profile" means every profile while the vault is unlocked; a locked vault
//   refuses the whole request (`locked`), never answers it profile by profile;
// - each profile runs under its own time limit (eachProfile): one slow or failing server
//   is one entry with its typed error, the others answer;
// - an export carries only what profile-transfer.ts writes (never a secret), and goes
//   where the person chooses in main's own save dialog;
// - what the policy fixes is refused with `access_denied` (details.reason 'admin_policy').
import type { Environment, PolicyView } from '../../../contract/index.js';
import { authMethodSchema } from '../../../contract/index.js';
import type { Clock } from '../clock.js';
import { AppError, lockedError, profileNotFound } from '../errors.js';
import type { Handlers } from '../ipc/dispatch.js';
import type { ExtraCa } from '../net/trust-store.js';
import type { OdooClient } from '../odoo/index.js';
import { confirmImport, previewImport } from '../profiles/profile-import.js';
import type { ProfileRecord, ProfileStore } from '../profiles/profile-store.js';
import { exportProfiles } from '../profiles/profile-transfer.js';
import {
  fixedSettings,
  presenceUnlockAllowed,
  settingsChangeAllowed,
  signInMethodAllowed,
  type AdminPolicy,
  type PolicyLimits,
} from '../settings/admin-policy.js';
import { markActivityDone, rescheduleActivity } from './activity-actions.js';
import { eachProfile, mergeActivities, type ProfileRef } from './all-profiles.js';
import { myActivities, quickSearch, todayIn } from './companion-search.js';

export type AllProfilesChannel =
  | 'all:search'
  | 'all:activities'
  | 'odoo:activityDone'
  | 'odoo:activityReschedule'
  | 'profiles:export'
  | 'profiles:importPreview'
  | 'profiles:importConfirm'
  | 'policy:get';

/** The channels the policy limits, wrapped around the plain handlers. */
export type PolicyGuardedChannel = 'settings:update' | 'vault:setPresence' | 'vault:unlock' | 'profiles:save' | 'profiles:testConnection';

export interface AllProfilesDeps {
  profiles: Pick<ProfileStore, 'list' | 'get' | 'save'>;
  vault: { isUnlocked(): boolean };
  clock: Pick<Clock, 'now' | 'setTimeout' | 'clearTimeout'>;
  policy(): AdminPolicy;
  /** Main's save dialog: asks where, writes the text; false when the person cancelled. */
  saveProfileFile?(suggestedName: string, text: string): Promise<boolean>;
  /** Extra trust roots for the import's certificate check (tests). */
  ca?: ExtraCa;
  /** Per-profile time limit (default: all-profiles.ts's). */
  timeoutMs?: number;
}

export type WithClient = <T>(profileId: string, fn: (client: OdooClient) => Promise<T>) => Promise<T>;

export const EXPORT_FILE_NAME = 'odoo-profiles.json';

function policyRefusal(message: string, details: Record<string, string | string[]>): AppError {
  return new AppError('access_denied', message, { reason: 'admin_policy', ...details });
}

/** What the settings screen and the wizard show of the policy. */
export function policyView(policy: AdminPolicy): PolicyView {
  const limits = policy.limits;
  const reason = policy.state === 'invalid' ? 'policy-unreadable' : 'admin-policy';
  return {
    state: policy.state,
    problem: policy.problem,
    fixed: fixedSettings(limits).map((setting) => ({
      setting,
      value: setting === 'autoLockMinutes' ? (limits.maxAutoLockMinutes ?? 0) : true,
      reason,
    })),
    signInMethods: authMethodSchema.options.filter((m) => signInMethodAllowed(m, limits)),
    presenceUnlockAllowed: presenceUnlockAllowed(limits),
  };
}

export function allProfilesHandlers(deps: AllProfilesDeps, withClient: WithClient): Pick<Handlers, AllProfilesChannel> {
  const environmentOf = (p: ProfileRecord): Environment | null => p.environment ?? null;
  const everyProfile = (): ProfileRecord[] => {
    if (!deps.vault.isUnlocked()) throw lockedError();
    return deps.profiles.list();
  };
  const refs = (list: readonly ProfileRecord[]): ProfileRef[] => list.map((p) => ({ id: p.id, label: p.label }));
  const options = { clock: deps.clock, ...(deps.timeoutMs === undefined ? {} : { timeoutMs: deps.timeoutMs }) };
  const tag = (byId: Map<string, ProfileRecord>, id: string) => {
    const p = byId.get(id);
    return { profileId: id, label: p?.label ?? id, environment: p === undefined ? null : environmentOf(p) };
  };

  return {
    'all:search': async ({ query, limitPerModel }) => {
      const list = everyProfile();
      const byId = new Map(list.map((p) => [p.id, p]));
      const outcomes = await eachProfile(
        refs(list),
        (id, signal) => withClient(id, (c) => quickSearch(c, query, { signal, ...(limitPerModel === undefined ? {} : { limitPerModel }) })),
        options,
      );
      return {
        profiles: outcomes.map((o) =>
          o.ok ? { ...tag(byId, o.profileId), ok: true as const, groups: o.value } : { ...tag(byId, o.profileId), ok: false as const, error: o.error },
        ),
      };
    },

    'all:activities': async () => {
      const list = everyProfile();
      const byId = new Map(list.map((p) => [p.id, p]));
      const now = deps.clock.now();
      const merged = mergeActivities(
        await eachProfile(refs(list), (id, signal) => withClient(id, (c) => myActivities(c, { now, signal })), options),
      );
      const withEnvironment = <A extends { profileId: string }>(a: A) => ({ ...a, environment: tag(byId, a.profileId).environment });
      return {
        overdue: merged.overdue.map(withEnvironment),
        today: merged.today.map(withEnvironment),
        upcoming: merged.upcoming.map(withEnvironment),
        failed: merged.failed.map((f) => ({ ...tag(byId, f.profileId), error: f.error })),
      };
    },

    'odoo:activityDone': async ({ profileId, activityId, feedback }) => {
      await withClient(profileId, (c) => markActivityDone(c, activityId, feedback ?? null));
      return { profileId, activityId, done: true as const };
    },

    'odoo:activityReschedule': async ({ profileId, activityId, to }) => {
      const now = deps.clock.now();
      return withClient(profileId, async (c) => {
        const { deadline } = await rescheduleActivity(c, activityId, to, { now });
        // The identity is the client's cached one: no request.
        const today = todayIn((await c.identity()).tz, now);
        const bucket = deadline < today ? ('overdue' as const) : deadline === today ? ('today' as const) : ('upcoming' as const);
        return { profileId, activityId, deadline, bucket };
      });
    },

    'profiles:export': async ({ ids, includeLogin }) => {
      everyProfile();
      const records = [...new Set(ids)].map((id) => deps.profiles.get(id) ?? (() => { throw profileNotFound(id); })());
      const text = exportProfiles(records, { now: deps.clock.now(), ...(includeLogin === undefined ? {} : { includeLogin }) });
      if (deps.saveProfileFile === undefined) throw new AppError('aborted', 'Files cannot be saved here.');
      const saved = await deps.saveProfileFile(EXPORT_FILE_NAME, text);
      return { saved, count: saved ? records.length : 0 };
    },

    'profiles:importPreview': ({ text }) => ({
      profiles: previewImport(text, { profiles: deps.profiles, isUnlocked: () => deps.vault.isUnlocked(), limits: () => deps.policy().limits }),
    }),

    'profiles:importConfirm': async ({ text, index }) => {
      const saved = await confirmImport(text, index, {
        profiles: deps.profiles,
        isUnlocked: () => deps.vault.isUnlocked(),
        limits: () => deps.policy().limits,
        clock: deps.clock,
        ...(deps.ca === undefined ? {} : { ca: deps.ca }),
      });
      // No credential yet: the screens see hasSecret false and ask for it next.
      return { ...saved, hasSecret: false, session: 'none' as const };
    },

    'policy:get': () => policyView(deps.policy()),
  };
}

/** The plain handlers of the channels the policy limits, refusing what it does not allow. */
export function policyGuards(base: Pick<Handlers, PolicyGuardedChannel>, limits: () => PolicyLimits): Pick<Handlers, PolicyGuardedChannel> {
  const checkMethod = (method: Parameters<typeof signInMethodAllowed>[0]): void => {
    if (!signInMethodAllowed(method, limits())) {
      throw policyRefusal("Your administrator's policy does not allow this sign-in method.", { authMethod: method });
    }
  };
  const checkPresence = (): void => {
    if (!presenceUnlockAllowed(limits())) {
      throw policyRefusal("Your administrator's policy does not allow unlocking with Touch ID or Windows Hello.", { fields: ['presence'] });
    }
  };
  return {
    'settings:update': (patch) => {
      const refused = settingsChangeAllowed(patch, limits());
      if (refused.length > 0) throw policyRefusal("Your administrator's policy sets this.", { fields: refused });
      return base['settings:update'](patch);
    },
    'vault:setPresence': (input) => {
      if (input.enabled) checkPresence();
      return base['vault:setPresence'](input);
    },
    'vault:unlock': (input) => {
      if (input.method === 'presence') checkPresence();
      return base['vault:unlock'](input);
    },
    'profiles:save': (input) => {
      checkMethod(input.authMethod);
      return base['profiles:save'](input);
    },
    'profiles:testConnection': (input) => {
      checkMethod(input.authMethod);
      return base['profiles:testConnection'](input);
    },
  };
}
