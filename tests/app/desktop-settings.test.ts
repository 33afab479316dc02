// The settings the desktop carries out, with electron faked: launch at login where
// Electron has it and as an XDG autostart entry on Linux, a refused shortcut that applies
// nothing at all, and a start where a taken shortcut does not keep the other settings
// from being applied.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { app, fake, FakeNotification, globalShortcut } from '../support/fake-electron.js';
import { invokeFromUi, startShell } from './harness.js';

const DEFAULT_SHORTCUT = 'CommandOrControl+Shift+Space';

beforeEach(() => fake.reset());

describe('launch at login', () => {
  it('is registered on Windows and macOS when the setting is on at start', async () => {
    for (const platform of ['win32', 'darwin']) {
      fake.reset();
      await startShell({ platform, prepare: async (core) => void (await core.settings.update({ launchAtLogin: true })) });
      expect(app.getLoginItemSettings()).toEqual({ openAtLogin: true });
    }
  });

  it('follows a change of the setting', async () => {
    const s = await startShell({ platform: 'win32' });
    expect(app.getLoginItemSettings()).toEqual({ openAtLogin: false });
    expect(await invokeFromUi(s.win(), 'settings:update', { launchAtLogin: true })).toMatchObject({ ok: true });
    expect(app.getLoginItemSettings()).toEqual({ openAtLogin: true });
    expect(await invokeFromUi(s.win(), 'settings:update', { launchAtLogin: false })).toMatchObject({ ok: true });
    expect(app.getLoginItemSettings()).toEqual({ openAtLogin: false });
  });

  it('is an XDG autostart entry on Linux (Electron has login items on macOS and Windows only)', async () => {
    const config = mkdtempSync(path.join(tmpdir(), 'companion-xdg-'));
    vi.stubEnv('XDG_CONFIG_HOME', config);
    vi.stubEnv('APPIMAGE', '');
    const entry = path.join(config, 'autostart', 'com.odoocompanion.desktop.desktop');
    try {
      const s = await startShell({ platform: 'linux' });
      expect(existsSync(entry)).toBe(false);
      expect(await invokeFromUi(s.win(), 'settings:update', { launchAtLogin: true })).toMatchObject({ ok: true });
      const text = readFileSync(entry, 'utf8');
      expect(text.split('\n')).toEqual(expect.arrayContaining(['[Desktop Entry]', 'Type=Application', `Name=${app.getName()}`, `Exec=${app.getPath('exe')}`]));
      // Electron's own login items are not used there.
      expect(app.getLoginItemSettings()).toEqual({ openAtLogin: false });
      expect(await invokeFromUi(s.win(), 'settings:update', { launchAtLogin: false })).toMatchObject({ ok: true });
      expect(existsSync(entry)).toBe(false);
      expect(readdirSync(path.join(config, 'autostart'))).toEqual([]);
    } finally {
      vi.unstubAllEnvs();
      rmSync(config, { recursive: true, force: true });
    }
  });

  it('on Linux names the AppImage file when run from one, quoted for the Exec line, and is written at start when on', async () => {
    const config = mkdtempSync(path.join(tmpdir(), 'companion-xdg-'));
    vi.stubEnv('XDG_CONFIG_HOME', config);
    vi.stubEnv('APPIMAGE', '/opt/My Apps/Odoo Companion.AppImage');
    const entry = path.join(config, 'autostart', 'com.odoocompanion.desktop.desktop');
    try {
      await startShell({ platform: 'linux', prepare: async (core) => void (await core.settings.update({ launchAtLogin: true })) });
      await expect.poll(() => existsSync(entry)).toBe(true);
      expect(readFileSync(entry, 'utf8')).toContain('Exec="/opt/My Apps/Odoo Companion.AppImage"\n');
    } finally {
      vi.unstubAllEnvs();
      rmSync(config, { recursive: true, force: true });
    }
  });
});

describe('a change the desktop refuses', () => {
  it('applies none of it: a taken shortcut leaves launch at login and the saved settings as they were', async () => {
    const s = await startShell({ platform: 'win32' });
    globalShortcut.taken.add('Alt+Space');
    const r = await invokeFromUi(s.win(), 'settings:update', { shortcut: 'Alt+Space', launchAtLogin: true });
    expect(r).toMatchObject({ ok: false, error: { code: 'shortcut_unavailable' } });
    expect(app.getLoginItemSettings()).toEqual({ openAtLogin: false });
    expect(s.core.settings.get()).toMatchObject({ shortcut: DEFAULT_SHORTCUT, launchAtLogin: false });
    expect(globalShortcut.isRegistered(DEFAULT_SHORTCUT)).toBe(true);
  });
});

describe('at start', () => {
  it('a shortcut another application owns is reported, and launch at login is still set', async () => {
    globalShortcut.taken.add(DEFAULT_SHORTCUT);
    const s = await startShell({ platform: 'win32', prepare: async (core) => void (await core.settings.update({ launchAtLogin: true })) });
    expect(s.shell.shortcut.current()).toBeNull();
    expect(FakeNotification.shown.at(-1)).toMatchObject({ body: expect.stringMatching(/shortcut cannot be used/) });
    expect(app.getLoginItemSettings()).toEqual({ openAtLogin: true });
  });
});
