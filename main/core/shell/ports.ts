// What the core asks of the desktop shell. main/app implements it with Electron; tests and
// the e2e harness implement it with recorders. Core decides *what* (which origin, which
// cookies, which pins, which URL); the shell only does it.
import type { EventName, EventPayload } from '../../../contract/index.js';
import type { ConfirmRequest } from './confirmations.js';
import type { EnvironmentMark } from './environment-label.js';

export interface OdooCookie {
  name: 'session_id' | 'td_id';
  value: string;
  /** Seconds since epoch, or undefined for a session cookie. */
  expirationDate?: number;
}

export interface OdooWindowRequest {
  profileId: string;
  /** Window title: the profile label, never a secret. */
  title: string;
  /** The profile's environment label: a tag before the title, a band in a palette colour. */
  environment?: EnvironmentMark;
  origin: string;
  /** Where to open: the web client root or one record (version-specific URL form). */
  url: string;
  /** Set as httpOnly cookies (secure on https) in the profile's in-memory partition. */
  cookies: OdooCookie[];
  pins: string[];
  trustSelfSigned: boolean;
}

export interface ShellPort {
  /** Opens or focuses the profile's Odoo window, pinned, at `url`. */
  openOdooWindow(request: OdooWindowRequest): Promise<void>;
  /** Closes Odoo windows (one profile, or all) and clears their partitions and cookies. */
  closeOdooWindows(profileId?: string): Promise<void>;
  /** Pushes an event to our own UI (held until the UI is ready for events). */
  emit<E extends EventName>(event: E, payload: EventPayload<E>): void;
  /** Our UI has subscribed to events ('ui:ready'): what was held is sent, in order. */
  rendererReady(): void;
  /**
   * Asks the person, in a native dialog owned by main (not by our renderer), before an
   * irreversible action. Resolves true only when they chose to go ahead.
   */
  confirm(request: ConfirmRequest): Promise<boolean>;
}
