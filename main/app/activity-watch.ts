// Runs the activity notifier for the core: profiles from the core's profile menu,
// activities through the same dispatcher our UI uses, a click opens our window's home. It
// is on exactly while the notifications setting is on and the vault is unlocked, decided
// from the core's state at each change (lock, unlock, a saved setting), not from a copy.
import { channels } from '../../contract/index.js';
import type { Clock } from '../core/clock.js';
import type { CompanionCore } from '../core/companion.js';
import { translator } from '../core/i18n/translator.js';
import { createActivityNotifier, type ActivityNotifier } from './activity-notifier.js';

export function watchActivities(parts: {
  core: Pick<CompanionCore, 'dispatch' | 'profileMenu' | 'locale' | 'vaultState' | 'on' | 'settings'>;
  clock: Clock;
  /** A notification was clicked: show our window's home screen. */
  showHome(): void;
  onError(where: string, error: unknown): void;
}): ActivityNotifier {
  const { core } = parts;
  const notifier = createActivityNotifier({
    clock: parts.clock,
    profiles: async () => core.profileMenu(),
    async activities(profileId) {
      const r = await core.dispatch('odoo:activities', { profileId });
      if (!r.ok) return null;
      const value = channels['odoo:activities'].output.safeParse(r.value);
      return value.success ? value.data : null;
    },
    onClick: () => parts.showHome(),
    translate: () => translator(core.locale()),
    onError: parts.onError,
  });

  const follow = (): void => notifier.setActive(core.settings.get().notifications && core.vaultState() === 'unlocked');
  core.on('vault:locked', follow);
  core.on('vault:unlocked', follow);
  core.settings.onChanged((next, previous) => {
    if (next.notifications !== previous.notifications) follow();
  });
  follow();
  return notifier;
}
