// How an Odoo window is made: the BrowserWindow options of a profile's main window and of
// the windows its pages open, both on the hardened preferences of core/shell (remote
// content: no preload, no node, sandbox, the profile's partition). One place, so a window
// window.open makes can never get weaker options than the one we opened.
import { BrowserWindow, type BrowserWindowConstructorOptions } from 'electron';
import { odooWindowPreferences } from '../core/shell/odoo-window-policy.js';

/** What window.open may create: Electron takes these as overrideBrowserWindowOptions. */
export function odooChildWindowOptions(partition: string, development: boolean): BrowserWindowConstructorOptions {
  return { autoHideMenuBar: true, webPreferences: odooWindowPreferences(partition, development) };
}

/** A profile's main Odoo window, hidden until its first page has painted. */
export function createOdooBrowserWindow(options: { title: string; partition: string; development: boolean }): BrowserWindow {
  const win = new BrowserWindow({
    width: 1280,
    height: 860,
    minWidth: 640,
    minHeight: 480,
    show: false,
    title: options.title,
    ...odooChildWindowOptions(options.partition, options.development),
  });
  win.once('ready-to-show', () => {
    win.show();
    win.focus();
  });
  return win;
}
