// Starts the real shell (main/app) against the faked electron module, with the real core
// on an in-memory keychain, cheap scrypt and a temporary data folder, so tests/app drive
// the wiring exactly as Electron would, without the Electron binary.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startApp, type CoreFactory, type DesktopShell } from '../../main/app/main.js';
import { createCompanionCore, type CompanionCore, type CompanionPorts } from '../../main/core/companion.js';
import { createMemoryKeychain } from '../../main/core/secrets/memory-keychain.js';
import type { OdooWindowRequest } from '../../main/core/shell/ports.js';
import { FakeClock } from '../support/fakes.js';
import { app, fake, FakeMenu, FakeTray, ipcMain, type FakeBrowserWindow } from '../support/fake-electron.js';

export const CHEAP_SCRYPT = { N: 1024, r: 8, p: 1 };
export const PASSPHRASE = 'correct horse battery';

export function distDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'companion-dist-'));
  mkdirSync(path.join(dir, 'renderer'));
  writeFileSync(path.join(dir, 'renderer', 'index.html'), '<!doctype html><title>x</title>');
  return dir;
}

export interface StartedShell {
  shell: DesktopShell;
  core: CompanionCore;
  /** The ports the shell gave the core (its ShellPort above all). */
  ports: CompanionPorts;
  clock: FakeClock;
  dir: string;
  dataDir: string;
  win: () => FakeBrowserWindow;
}

export interface StartShellOptions {
  platform?: string;
  development?: boolean;
  /** Runs on the core before the shell uses it (settings, profiles, vault). */
  prepare?: (core: CompanionCore) => Promise<void>;
  /** Replaces parts of the real core (e.g. its quick-login). */
  wrap?: (core: CompanionCore, ports: CompanionPorts) => CompanionCore;
  /** Play the renderer saying it has subscribed to events (default true), as the real one does on start. */
  rendererReady?: boolean;
}

/** What the renderer does once it has subscribed to events: tells main through 'ui:ready'. */
export async function rendererReady(win: FakeBrowserWindow): Promise<unknown> {
  const contents = win.webContents;
  return ipcMain.invokeFrom(contents, contents.mainFrame, 'ui:ready', {});
}

export async function startShell(options: StartShellOptions = {}): Promise<StartedShell> {
  const dir = distDir();
  const dataDir = mkdtempSync(path.join(tmpdir(), 'companion-data-'));
  const clock = new FakeClock();
  let captured: CompanionPorts | null = null;
  const createCore: CoreFactory = async (ports) => {
    captured = ports;
    const core = await createCompanionCore({ ...ports, dataDir, keychain: createMemoryKeychain(), scryptParams: CHEAP_SCRYPT });
    await options.prepare?.(core);
    return options.wrap ? options.wrap(core, ports) : core;
  };
  fake.platform = options.platform ?? 'linux';
  const started = startApp({
    distDir: dir,
    development: options.development ?? false,
    createCore,
    clock,
    platform: options.platform ?? 'linux',
  });
  app.becomeReady();
  const shell = await started;
  if (shell === null || captured === null) throw new Error('the shell did not start');
  // Loads are asynchronous, as in Electron: our window's page is there once they settle.
  await fake.settled();
  const main = shell.mainWindow() as unknown as FakeBrowserWindow | null;
  if (options.rendererReady !== false && main !== null && ipcMain.handlers.has('ui:ready')) await rendererReady(main);
  return {
    shell,
    core: shell.core,
    ports: captured,
    clock,
    dir,
    dataDir,
    win: () => {
      const w = shell.mainWindow();
      if (w === null) throw new Error('no main window');
      return w as unknown as FakeBrowserWindow;
    },
  };
}

export function tray(): FakeTray {
  const t = FakeTray.all.at(-1);
  if (t === undefined) throw new Error('no tray');
  return t;
}

interface MenuEntry {
  id?: string;
  label?: string;
  type?: string;
  role?: string;
  enabled?: boolean;
  click?: () => void;
  submenu?: MenuEntry[];
}

export function trayItems(): MenuEntry[] {
  const menu = tray().menu;
  if (menu === null) throw new Error('the tray has no menu');
  return menu.template as MenuEntry[];
}

export function appMenuItems(): MenuEntry[] {
  return (FakeMenu.applicationMenu?.template ?? []) as MenuEntry[];
}

export function findItem(items: MenuEntry[], id: string): MenuEntry {
  for (const item of items) {
    if (item.id === id) return item;
    const inner = item.submenu ? findItemOrNull(item.submenu, id) : null;
    if (inner) return inner;
  }
  throw new Error(`no menu item ${id}`);
}

function findItemOrNull(items: MenuEntry[], id: string): MenuEntry | null {
  try {
    return findItem(items, id);
  } catch {
    return null;
  }
}

/** Events our window received, by name. */
export function sentEvents(win: FakeBrowserWindow, name?: string): unknown[] {
  return win.webContents.sent.filter(([n]) => name === undefined || n === name).map(([, p]) => p);
}

export const ORIGIN = 'https://odoo.example.com';

/** Saves a password profile on `origin` (no server is asked). */
export async function saveProfile(core: CompanionCore, id: string, label: string, origin = ORIGIN): Promise<void> {
  await core.profiles.save({
    id,
    label,
    origin,
    insecure: false,
    database: 'prod',
    login: 'anna@example.com',
    authMethod: 'password',
    transport: 'auto',
    pins: [],
    trustSelfSigned: false,
    serverVersion: '17.0',
    createdAt: 0,
    lastUsedAt: null,
    certificateValidTo: null,
  });
}

export const PIN = `sha256/${'A'.repeat(43)}=`;

/** What the core asks for when it opens a profile's Odoo window (ShellPort.openOdooWindow). */
export function odooRequest(over: Partial<OdooWindowRequest> = {}): OdooWindowRequest {
  return {
    profileId: 'acme',
    title: 'ACME production',
    origin: ORIGIN,
    url: `${ORIGIN}/web`,
    cookies: [{ name: 'session_id', value: 'sid-canary-0123456789' }],
    pins: [PIN],
    trustSelfSigned: false,
    ...over,
  };
}

/** The profile's main Odoo window. */
export function odooWindow(s: StartedShell, profileId = 'acme'): FakeBrowserWindow {
  const w = s.shell.odooWindows.windowsOf(profileId)[0];
  if (w === undefined) throw new Error('no Odoo window');
  return w as unknown as FakeBrowserWindow;
}

/** What our renderer asks over IPC, from our window's top frame. */
export function invokeFromUi(win: FakeBrowserWindow, channel: string, input: unknown): Promise<unknown> {
  return ipcMain.invokeFrom(win.webContents, win.webContents.mainFrame, channel, input);
}

/** Lets queued promise callbacks run (no timers involved). */
export async function settle(rounds = 20): Promise<void> {
  for (let i = 0; i < rounds; i += 1) await Promise.resolve();
}

export { fake };
