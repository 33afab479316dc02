// Why: the TLS tests ask "was this request refused, and how?" many times; one helper says
// it the same way everywhere (and fails the test when the request went through).
import { expect } from 'vitest';
import { AppError } from '../../../main/core/errors.js';

/** The rejection of `promise`, which must be an AppError. */
export async function refusal(promise: Promise<unknown>): Promise<AppError> {
  const outcome = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(outcome, 'the request should have been refused').toBeInstanceOf(AppError);
  return outcome as AppError;
}
