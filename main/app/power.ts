// The vault's IdleSource port on Electron's powerMonitor: OS-wide idle seconds and the
// power/session events the auto-lock policy reacts to (docs/security.md). Must be created
// after the app is ready (powerMonitor is unusable before).
//
// What each platform reports (Electron 45):
// - idle time: getSystemIdleTime() everywhere (on Linux it needs an X11 screensaver
//   extension or the compositor's idle protocol; where neither answers it stays 0, and
//   the idle auto-lock then never fires: screen lock and suspend still do);
// - 'lock-screen': macOS and Windows (on Windows a fast user switch locks the session,
//   so it arrives as 'lock-screen' too);
// - 'suspend' / 'resume': every platform;
// - user switch: macOS 'user-did-resign-active' (fast user switching).
import { powerMonitor } from 'electron';
import type { IdleEvent, IdleSource } from '../core/vault/ports.js';

type PowerEvent = 'lock-screen' | 'suspend' | 'resume' | 'user-did-resign-active';

const EVENTS: Record<IdleEvent, readonly PowerEvent[]> = {
  'lock-screen': ['lock-screen'],
  suspend: ['suspend'],
  resume: ['resume'],
  'user-switch': ['user-did-resign-active'],
};

export function createIdleSource(): IdleSource {
  return {
    idleSeconds: () => powerMonitor.getSystemIdleTime(),
    on(event, listener) {
      const names = EVENTS[event];
      const handler = (): void => listener();
      for (const name of names) powerMonitor.on(name as 'suspend', handler);
      return () => {
        for (const name of names) powerMonitor.removeListener(name as 'suspend', handler);
      };
    },
  };
}
