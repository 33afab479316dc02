// What the tray, the application menu and the shortcut can ask for, with electron faked:
// quick search, quick-login, lock, open, quit; a failure reaches the person as a
// notification in their language, never as an exception in Electron's menu code.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CompanionCore } from '../../main/core/companion.js';
import { AppError } from '../../main/core/errors.js';
import { errorSentence, translator } from '../../main/core/i18n/translator.js';
import { app, fake, FakeNotification } from '../support/fake-electron.js';
import { findItem, PASSPHRASE, saveProfile, sentEvents, settle, startShell, trayItems } from './harness.js';

beforeEach(() => fake.reset());
afterEach(() => {
  app.preferredSystemLanguages = ['en-US'];
});

describe('shell actions', () => {
  it('quick search shows our window on its quick-search screen', async () => {
    const s = await startShell();
    s.win().hide();
    await s.shell.perform({ kind: 'quick-search' });
    expect(s.win().isVisible()).toBe(true);
    expect(sentEvents(s.win(), 'ui:show')).toEqual([{ screen: 'quick-search' }]);
  });

  it('quick-login on a locked vault without presence asks our UI for the passphrase', async () => {
    const s = await startShell();
    await s.core.dispatch('vault:create', { passphrase: PASSPHRASE, enablePresence: false });
    await saveProfile(s.core, 'acme', 'ACME');
    s.core.lock('manual');
    await settle();
    findItem(trayItems(), 'profile:acme').click?.();
    await settle(50);
    expect(sentEvents(s.win(), 'ui:show')).toEqual([{ screen: 'unlock-prompt', profileId: 'acme' }]);
  });

  it('lock locks the vault; open shows our window', async () => {
    const s = await startShell({ prepare: async (core) => void (await core.dispatch('vault:create', { passphrase: PASSPHRASE, enablePresence: false })) });
    await s.shell.perform({ kind: 'lock' });
    expect(s.core.vaultState()).toBe('locked');
    s.win().hide();
    await s.shell.perform({ kind: 'open' });
    expect(s.win().isVisible()).toBe(true);
  });

  it('quit goes through the quit sequence', async () => {
    const s = await startShell({ prepare: async (core) => void (await core.dispatch('vault:create', { passphrase: PASSPHRASE, enablePresence: false })) });
    await s.shell.perform({ kind: 'quit' });
    expect(s.core.vaultState()).toBe('locked');
    await s.shell.quitting();
    expect(app.quitting).toBe(true);
  });

  it('a failure is told to the person, in their language, and nothing throws', async () => {
    app.preferredSystemLanguages = ['fr-FR'];
    const s = await startShell({
      wrap: (core): CompanionCore => ({
        ...core,
        quickLogin: {
          ...core.quickLogin,
          run: async () => {
            throw new AppError('network', 'The server could not be reached.');
          },
        },
      }),
    });
    await expect(s.shell.perform({ kind: 'quick-login', profileId: 'acme' })).resolves.toBeUndefined();
    const body = FakeNotification.shown.at(-1)?.body;
    expect(body).toBe(errorSentence(translator('fr'), 'network'));
    expect(body).not.toBe(errorSentence(translator('en'), 'network'));
  });
});
