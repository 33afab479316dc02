// The tray icon with electron faked: a padlock per state (template images on macOS), a
// left click that opens the app on Windows, and no update once it is gone.
import { beforeEach, describe, expect, it } from 'vitest';
import type { ShellAction } from '../../main/core/shell/menu-model.js';
import { english } from '../../main/core/i18n/translator.js';
import { createTray } from '../../main/app/tray.js';
import { app, fake, FakeNativeImage, FakeTray } from '../support/fake-electron.js';
import { startShell, tray } from './harness.js';

beforeEach(() => fake.reset());

describe('tray', () => {
  it('uses template images on macOS, with a 2x representation', async () => {
    await startShell({ platform: 'darwin' });
    const image = tray().image as FakeNativeImage;
    expect(image.template).toBe(true);
    expect(image.representations.map((r) => r.scaleFactor)).toEqual([2]);
    expect(Buffer.isBuffer(image.source) && image.source.subarray(1, 4).toString()).toBe('PNG');
  });

  it('opens the app on a left click on Windows only', () => {
    app.becomeReady();
    const asked: ShellAction[] = [];
    createTray({ platform: 'win32', perform: (a) => asked.push(a) });
    createTray({ platform: 'linux', perform: (a) => asked.push(a) });
    const [windows, linux] = FakeTray.all;
    linux?.emit('click');
    windows?.emit('click');
    expect(asked).toEqual([{ kind: 'open' }]);
  });

  it('ignores updates once destroyed (Electron throws on a destroyed tray)', () => {
    app.becomeReady();
    const shellTray = createTray({ platform: 'linux', perform: () => {} });
    const input = { state: 'unlocked' as const, profiles: [], quickSearchShortcut: null, t: english };
    shellTray.update(input);
    shellTray.destroy();
    shellTray.destroy();
    expect(() => shellTray.update(input)).not.toThrow();
    expect(tray().destroyed).toBe(true);
  });
});
