// How failures are told, with electron faked: the log gets names only (never an error's
// message, which may quote data), the person a quiet notification in their language.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { logProblem, notify, problemReporter } from '../../main/app/problem-notices.js';
import { AppError } from '../../main/core/errors.js';
import { errorSentence, translator } from '../../main/core/i18n/translator.js';
import { fake, FakeNotification } from '../support/fake-electron.js';

const CANARY = 'sid-canary-0123456789';

let logged: string[] = [];
beforeEach(() => {
  fake.reset();
  logged = [];
  vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => void logged.push(args.join(' ')));
});
afterEach(() => vi.restoreAllMocks());

describe('the log', () => {
  it('names the failure, never its message', () => {
    logProblem('quick-login', new AppError('auth_failed', `refused for ${CANARY}`));
    logProblem('tray', new TypeError(`cannot read ${CANARY}`));
    logProblem('odd', CANARY);
    expect(logged).toEqual(['[shell] quick-login: AppError(auth_failed)', '[shell] tray: TypeError', '[shell] odd: string']);
  });
});

describe('notifications', () => {
  it('are quiet and titled with the app name', () => {
    notify('Something to know.');
    expect(FakeNotification.shown).toEqual([{ title: 'Odoo Companion', body: 'Something to know.', silent: true }]);
  });

  it("say what happened in the person's language at that moment, and log it by name", () => {
    let language: 'fr' | 'de' = 'fr';
    const report = problemReporter(() => translator(language));
    report('shortcut', new AppError('shortcut_unavailable', `taken: ${CANARY}`));
    language = 'de';
    report('quick-login', new Error(CANARY));
    expect(FakeNotification.shown.map((n) => n.body)).toEqual([
      errorSentence(translator('fr'), 'shortcut_unavailable'),
      errorSentence(translator('de'), 'internal'),
    ]);
    expect(JSON.stringify(FakeNotification.shown)).not.toContain(CANARY);
    expect(logged).toEqual(['[shell] shortcut: AppError(shortcut_unavailable)', '[shell] quick-login: Error']);
  });
});
