import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import type { Activity } from '../../../../contract/index.js';
import { activityKey, decideActivityNotifications, nextActivityCheckDelay } from '../../../../main/core/shell/activity-notifications.js';
import { isValidShortcut, reservedBySystem } from '../../../../main/core/shell/shortcut.js';
import { trayIconPixels, trayIconPng } from '../../../../main/core/shell/tray-icon.js';
import {
  encodedHelloCommand,
  helloAvailable,
  helloPowerShellArgs,
  helloVerified,
  powerShellPath,
  WINDOWS_HELLO_SCRIPT,
} from '../../../../main/core/shell/windows-hello.js';

describe('tray icon', () => {
  it('is a valid RGBA PNG of the asked size', () => {
    const png = trayIconPng('locked', { size: 32, template: false });
    expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    expect(png.readUInt32BE(16)).toBe(32);
    expect(png.readUInt32BE(20)).toBe(32);
    const idatLength = png.readUInt32BE(33);
    const raw = inflateSync(png.subarray(41, 41 + idatLength));
    expect(raw.length).toBe(32 * (32 * 4 + 1));
  });

  it('differs between locked and unlocked, and is black-only as a template', () => {
    const locked = trayIconPixels('locked', { size: 16, template: true });
    const unlocked = trayIconPixels('unlocked', { size: 16, template: true });
    expect(Buffer.from(locked).equals(Buffer.from(unlocked))).toBe(false);
    for (let i = 0; i < locked.length; i += 4) expect([locked[i], locked[i + 1], locked[i + 2]]).toEqual([0, 0, 0]);
    const opaque = [...locked].filter((_, i) => i % 4 === 3 && locked[i] === 255).length;
    expect(opaque).toBeGreaterThan(40);
  });
});

describe('Windows Hello bridge', () => {
  it('runs a constant script from the system PowerShell, without profile or prompts', () => {
    const args = helloPowerShellArgs();
    expect(args.slice(0, 6)).toEqual(['-NoLogo', '-NoProfile', '-NonInteractive', '-ExecutionPolicy', 'Bypass', '-EncodedCommand']);
    expect(Buffer.from(encodedHelloCommand(), 'base64').toString('utf16le')).toBe(WINDOWS_HELLO_SCRIPT);
    expect(WINDOWS_HELLO_SCRIPT).toContain('UserConsentVerifier');
    expect(powerShellPath('D:\\Win')).toBe('D:\\Win\\System32\\WindowsPowerShell\\v1.0\\powershell.exe');
    expect(powerShellPath('..\\evil')).toBe('C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe');
  });

  it('counts only the exact success words', () => {
    expect(helloVerified('RESULT:Verified')).toBe(true);
    expect(helloVerified('RESULT:Verified\r\n')).toBe(true);
    for (const out of ['RESULT:Canceled', 'RESULT:DeviceNotPresent', 'Verified', 'RESULT:VerifiedX', '', 'RESULT:Verified trailing']) {
      expect(helloVerified(out)).toBe(false);
    }
    expect(helloAvailable('RESULT:Available')).toBe(true);
    expect(helloAvailable('RESULT:NotConfiguredForUser')).toBe(false);
  });
});

describe('global shortcut check', () => {
  it.each([
    ['CommandOrControl+Shift+Space', true],
    ['Alt+Space', true],
    ['Ctrl+Alt+K', true],
    ['CmdOrCtrl+F12', true],
    ['Space', false],
    ['Shift+A', false],
    ['Ctrl+Ctrl+A', false],
    ['Ctrl+Banana', false],
    ['Hyper+A', false],
    ['', false],
  ])('%j → %s', (accelerator, ok) => {
    expect(isValidShortcut(accelerator)).toBe(ok);
  });
});

describe('shortcuts the system keeps (macOS, where register() would answer true)', () => {
  it.each([
    ['Command+Space', 'darwin', true],
    ['CommandOrControl+Space', 'darwin', true],
    ['Cmd+Option+Space', 'darwin', true],
    ['Ctrl+Space', 'darwin', true],
    ['Shift+Cmd+4', 'darwin', true],
    ['Cmd+Alt+Esc', 'darwin', true],
    ['CommandOrControl+Shift+Space', 'darwin', false],
    ['CommandOrControl+Space', 'win32', false],
    ['Ctrl+Space', 'linux', false],
  ])('%j on %s → %s', (accelerator, platform, reserved) => {
    expect(reservedBySystem(accelerator, platform)).toBe(reserved);
  });
});

function activity(id: number, deadline: string): Activity {
  return { id, summary: 'Call back', activityType: null, deadline, model: 'res.partner', resId: 1, resName: 'Secret Customer Ltd' };
}

describe('activity notifications', () => {
  it('announces new due and overdue activities once, with counts only', () => {
    const first = decideActivityNotifications(
      [{ profileId: 'acme', label: 'ACME', today: [activity(1, '2026-01-05'), activity(2, '2026-01-05')], overdue: [activity(3, '2026-01-02')] }],
      new Set(),
    );
    expect(first.notifications).toEqual([{ profileId: 'acme', title: 'ACME', body: '2 activities due today, 1 activity overdue' }]);
    expect(JSON.stringify(first.notifications)).not.toContain('Secret Customer');
    const again = decideActivityNotifications(
      [{ profileId: 'acme', label: 'ACME', today: [activity(1, '2026-01-05'), activity(2, '2026-01-05')], overdue: [activity(3, '2026-01-02')] }],
      first.announced,
    );
    expect(again.notifications).toEqual([]);
  });

  it('announces again when a deadline moves, and forgets what is done', () => {
    const announced = new Set([activityKey('acme', activity(1, '2026-01-04')), activityKey('acme', activity(9, '2026-01-01'))]);
    const d = decideActivityNotifications([{ profileId: 'acme', label: 'ACME', today: [activity(1, '2026-01-05')], overdue: [] }], announced);
    expect(d.notifications).toHaveLength(1);
    expect([...d.announced]).toEqual([activityKey('acme', activity(1, '2026-01-05'))]);
  });

  it('looks again in 15 minutes, or just after midnight', () => {
    expect(nextActivityCheckDelay(new Date(2026, 0, 5, 10, 0, 0))).toBe(15 * 60_000);
    expect(nextActivityCheckDelay(new Date(2026, 0, 5, 23, 59, 0))).toBe(65_000);
  });
});
