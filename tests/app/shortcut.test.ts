// The global quick-search shortcut with electron faked: registered at start, opens quick
// search, a taken one is reported (never a crash), and changing it to a taken one is
// refused with 'shortcut_unavailable' while the old one keeps working.
import { beforeEach, describe, expect, it } from 'vitest';
import { fake, FakeNotification, globalShortcut, ipcMain } from '../support/fake-electron.js';
import { sentEvents, startShell } from './harness.js';

const DEFAULT = 'CommandOrControl+Shift+Space';

beforeEach(() => fake.reset());

describe('global shortcut', () => {
  it('registers the default shortcut, which opens quick search on every profile at once', async () => {
    const s = await startShell();
    expect(globalShortcut.isRegistered(DEFAULT)).toBe(true);
    s.win().hide();
    globalShortcut.registered.get(DEFAULT)?.();
    expect(s.win().isVisible()).toBe(true);
    expect(sentEvents(s.win(), 'ui:navigate')).toEqual([{ to: 'all-profiles-search' }]);
  });

  it('reports a shortcut taken by another application at start, and starts anyway', async () => {
    globalShortcut.taken.add(DEFAULT);
    const s = await startShell();
    expect(s.shell.shortcut.current()).toBeNull();
    expect(FakeNotification.shown.at(-1)).toMatchObject({ body: expect.stringMatching(/That keyboard shortcut cannot be used\. Another app may own it/) });
    expect(s.win().isVisible()).toBe(true);
  });

  it('refuses a change to a taken shortcut, keeps the old one, and saves nothing', async () => {
    const s = await startShell();
    globalShortcut.taken.add('Alt+Space');
    const contents = s.win().webContents;
    const r = await ipcMain.invokeFrom(contents, contents.mainFrame, 'settings:update', { shortcut: 'Alt+Space' });
    expect(r).toMatchObject({ ok: false, error: { code: 'shortcut_unavailable' } });
    expect(globalShortcut.isRegistered(DEFAULT)).toBe(true);
    expect(s.core.settings.get().shortcut).toBe(DEFAULT);
  });

  it('moves to a free shortcut when the setting changes', async () => {
    const s = await startShell();
    const contents = s.win().webContents;
    const r = await ipcMain.invokeFrom(contents, contents.mainFrame, 'settings:update', { shortcut: 'CommandOrControl+Alt+K' });
    expect(r).toMatchObject({ ok: true, value: { shortcut: 'CommandOrControl+Alt+K' } });
    expect(globalShortcut.isRegistered('CommandOrControl+Alt+K')).toBe(true);
    expect(globalShortcut.isRegistered(DEFAULT)).toBe(false);
  });
});

describe('global shortcut on macOS', () => {
  // There, register() answers true even when another application holds the keys.
  it('refuses a shortcut the system keeps for itself, and keeps the old one', async () => {
    const s = await startShell({ platform: 'darwin' });
    globalShortcut.taken.add('Command+Space');
    const contents = s.win().webContents;
    for (const shortcut of ['Command+Space', 'CommandOrControl+Space', 'Cmd+Shift+4']) {
      const r = await ipcMain.invokeFrom(contents, contents.mainFrame, 'settings:update', { shortcut });
      expect(r).toMatchObject({ ok: false, error: { code: 'shortcut_unavailable' } });
    }
    expect(s.core.settings.get().shortcut).toBe(DEFAULT);
    s.win().hide();
    expect(globalShortcut.press(DEFAULT)).toBe(true);
    expect(s.win().isVisible()).toBe(true);
  });
});
