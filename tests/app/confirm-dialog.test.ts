// main/app with the electron module faked: an irreversible request from our renderer
// opens main's native dialog, and only the person's answer there lets it through.
import { beforeEach, describe, expect, it } from 'vitest';
import { dialog, fake, ipcMain } from '../support/fake-electron.js';
import { PASSPHRASE, startShell } from './harness.js';

beforeEach(() => fake.reset());

describe('native confirmation of destructive actions', () => {
  it('a reset from the renderer alone changes nothing; the dialog answer decides', async () => {
    const { win, core } = await startShell({
      prepare: async (c) => {
        await c.dispatch('vault:create', { passphrase: PASSPHRASE, enablePresence: false });
      },
    });
    const invoke = (channel: string, input: unknown) => ipcMain.invokeFrom(win().webContents, win().webContents.mainFrame, channel, input);

    dialog.response = 0; // Cancel, Escape, or the dialog closed
    expect(await invoke('vault:reset', { confirm: 'RESET' })).toMatchObject({ ok: false, error: { code: 'aborted' } });
    expect(core.vaultState()).toBe('unlocked');

    const [parent, options] = dialog.shown[0] as [unknown, { buttons: string[]; cancelId: number; defaultId: number; type: string }];
    expect(parent).toBe(win()); // attached to our window, not a free-floating prompt
    expect(options).toMatchObject({ type: 'warning', cancelId: 0, defaultId: 0 });
    expect(options.buttons).toEqual(['Cancel', 'Delete everything']);

    dialog.response = 1;
    expect(await invoke('vault:reset', { confirm: 'RESET' })).toMatchObject({ ok: true, value: { state: 'uninitialized' } });
    expect(dialog.shown).toHaveLength(2);
  });
});
