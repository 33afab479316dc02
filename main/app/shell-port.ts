// The ShellPort the core is built with: what the core asks of the desktop, carried out by
// the parts that own it — Odoo windows by OdooWindows, events by our window's ready-queue,
// confirmations by a native dialog attached to our window. It needs no core, so it exists
// before the core does and is handed to it at creation.
import type { ShellPort } from '../core/shell/ports.js';
import { confirmWithDialog } from './confirm-dialog.js';
import type { MainWindowHost } from './main-window.js';
import type { OdooWindows } from './odoo-windows.js';

export function createShellPort(parts: {
  odooWindows: Pick<OdooWindows, 'openOdooWindow' | 'closeOdooWindows'>;
  mainWindow: Pick<MainWindowHost, 'deliver' | 'rendererReady' | 'current'>;
}): ShellPort {
  const { odooWindows, mainWindow } = parts;
  return {
    openOdooWindow: (request) => odooWindows.openOdooWindow(request),
    closeOdooWindows: (profileId) => odooWindows.closeOdooWindows(profileId),
    emit: (event, payload) => mainWindow.deliver(event, payload),
    rendererReady: () => mainWindow.rendererReady(),
    confirm: (request) => confirmWithDialog(request, mainWindow.current()),
  };
}
