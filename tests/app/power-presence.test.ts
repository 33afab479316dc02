// Power and presence adapters with electron faked: powerMonitor feeds the vault's
// IdleSource (screen lock, suspend, idle time, user switch), Touch ID goes through
// systemPreferences, Windows Hello through the PowerShell bridge, Linux has none.
import { beforeEach, describe, expect, it } from 'vitest';
import { createIdleSource } from '../../main/app/power.js';
import { createUserPresence, windowsHelloPresence } from '../../main/app/presence.js';
import { HELLO_MESSAGE_ENV, HELLO_MODE_ENV } from '../../main/core/shell/windows-hello.js';
import { fake, powerMonitor, systemPreferences } from '../support/fake-electron.js';
import { PASSPHRASE, settle, startShell } from './harness.js';

beforeEach(() => fake.reset());

describe('IdleSource on powerMonitor', () => {
  it('reports idle seconds and forwards the events it maps, until unsubscribed', () => {
    fake.platform = 'darwin'; // the one platform with all four events
    const idle = createIdleSource();
    powerMonitor.idleSeconds = 42;
    expect(idle.idleSeconds()).toBe(42);
    const seen: string[] = [];
    const offs = (['lock-screen', 'suspend', 'resume', 'user-switch'] as const).map((e) => idle.on(e, () => seen.push(e)));
    for (const name of ['lock-screen', 'suspend', 'resume', 'user-did-resign-active']) expect(powerMonitor.simulate(name)).toBe(true);
    for (const off of offs) off();
    powerMonitor.simulate('lock-screen');
    expect(seen).toEqual(['lock-screen', 'suspend', 'resume', 'user-switch']);
    expect(powerMonitor.listenerCount('lock-screen')).toBe(0);
  });

  it('locks the vault on screen lock (Windows and macOS)', async () => {
    const s = await startShell({ platform: 'win32' });
    await s.core.dispatch('vault:create', { passphrase: PASSPHRASE, enablePresence: false });
    expect(s.core.vaultState()).toBe('unlocked');
    expect(powerMonitor.simulate('lock-screen')).toBe(true);
    await settle();
    expect(s.core.vaultState()).toBe('locked');
    expect(s.win().webContents.sent).toContainEqual(['vault:locked', { reason: 'screen-lock' }]);
  });

  it('locks the vault on suspend on Linux, where no screen-lock event exists', async () => {
    const s = await startShell({ platform: 'linux' });
    await s.core.dispatch('vault:create', { passphrase: PASSPHRASE, enablePresence: false });
    expect(powerMonitor.simulate('lock-screen')).toBe(false);
    expect(s.core.vaultState()).toBe('unlocked');
    expect(powerMonitor.simulate('suspend')).toBe(true);
    await settle();
    expect(s.core.vaultState()).toBe('locked');
    expect(s.win().webContents.sent).toContainEqual(['vault:locked', { reason: 'suspend' }]);
  });

  it('locks the vault after the idle threshold, driven by the clock', async () => {
    const s = await startShell();
    await s.core.dispatch('vault:create', { passphrase: PASSPHRASE, enablePresence: false });
    powerMonitor.idleSeconds = 15 * 60;
    s.clock.advance(15 * 60 * 1000);
    await settle();
    expect(s.core.vaultState()).toBe('locked');
  });
});

describe('UserPresence', () => {
  it('uses Touch ID on macOS and answers false when it is refused', async () => {
    const p = createUserPresence('darwin');
    expect(p.kind).toBe('touch-id');
    expect(await p.isAvailable()).toBe(false);
    systemPreferences.touchId = true;
    expect(await p.isAvailable()).toBe(true);
    expect(await p.verify('unlock Odoo Companion')).toBe(true);
    systemPreferences.touchIdAnswer = false;
    expect(await p.verify('unlock Odoo Companion')).toBe(false);
    expect(systemPreferences.prompts).toEqual(['unlock Odoo Companion', 'unlock Odoo Companion']);
  });

  it('uses Windows Hello through the bridge, passing the prompt as data', async () => {
    const calls: Record<string, string>[] = [];
    const answers = ['RESULT:Available', 'RESULT:Verified', 'RESULT:Canceled'];
    const p = windowsHelloPresence(async (env) => {
      calls.push(env);
      return answers.shift() ?? '';
    });
    expect(p.kind).toBe('windows-hello');
    expect(await p.isAvailable()).toBe(true);
    expect(await p.verify('unlock Odoo Companion')).toBe(true);
    expect(await p.verify('unlock Odoo Companion')).toBe(false);
    expect(calls[0]).toEqual({ [HELLO_MODE_ENV]: 'check' });
    expect(calls[1]).toEqual({ [HELLO_MODE_ENV]: 'verify', [HELLO_MESSAGE_ENV]: 'unlock Odoo Companion' });
  });

  it('treats a failing bridge as no presence, never as a success', async () => {
    const p = windowsHelloPresence(async () => {
      throw new Error('powershell.exe not found');
    });
    expect(await p.isAvailable()).toBe(false);
    expect(await p.verify('x')).toBe(false);
  });

  it('offers none on Linux', async () => {
    const p = createUserPresence('linux');
    expect(p.kind).toBe('none');
    expect(await p.isAvailable()).toBe(false);
  });
});
