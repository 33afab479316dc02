// Why: what main may tell the renderer without being asked (main → renderer only), each
// payload with a schema main checks before sending, so an event carries nothing more.
import { z } from 'zod';
import { lockReasonSchema } from './shapes.js';
import { profileId } from './stored-views.js';

export const events = {
  'vault:locked': z.object({ reason: lockReasonSchema }),
  'vault:unlocked': z.object({}),
  'profiles:changed': z.object({}),
  'tls:certificateExpiring': z.object({ profileId, validTo: z.string(), daysLeft: z.number().int() }),
  /** The shell asks the UI to show something: the tray's quick search, a prompt. */
  'ui:show': z.object({
    screen: z.enum(['quick-search', 'unlock-prompt', 'totp-prompt', 'password-prompt', 'home']),
    profileId: profileId.optional(),
  }),
  /**
   * The shell asks the UI to go to "All profiles": its overview (the tray's entry) or its
   * quick search across every profile (the global shortcut). Our window is shown first.
   */
  'ui:navigate': z.object({ to: z.enum(['all-profiles', 'all-profiles-search']) }),
} as const;

export type Events = typeof events;
export type EventName = keyof Events;
export type EventPayload<E extends EventName> = z.output<Events[E]>;

export const eventNames = Object.keys(events) as EventName[];
