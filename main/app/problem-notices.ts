// How the shell tells about failures. The log gets names only (an error's message could
// quote data that must not reach a log); the person gets a desktop notification, in their
// language, when a failure is something they can act on (a taken shortcut, a quick-login
// that could not finish, an Odoo page that could not load).
import { app, Notification } from 'electron';
import { isAppError, toWireError } from '../core/errors.js';
import { errorSentence, type Translate } from '../core/i18n/translator.js';

function describeError(error: unknown): string {
  if (isAppError(error)) return `AppError(${error.code})`;
  return error instanceof Error ? error.name : typeof error;
}

/** Logs a failure that is a bug, by name only. */
export function logProblem(where: string, error: unknown): void {
  console.error(`[shell] ${where}: ${describeError(error)}`);
}

/** A quiet notification titled with the app's name (a product name, the same in every language). */
export function notify(body: string): void {
  if (!Notification.isSupported()) return;
  new Notification({ title: app.getName(), body, silent: true }).show();
}

/**
 * Reports a failure the person can act on: logged by name, and notified as the error
 * code's sentence in the language `translate` gives at that moment.
 */
export function problemReporter(translate: () => Translate): (where: string, error: unknown) => void {
  return (where, error) => {
    logProblem(where, error);
    notify(errorSentence(translate(), toWireError(error).code));
  };
}
