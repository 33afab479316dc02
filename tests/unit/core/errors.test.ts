import { describe, expect, it } from 'vitest';
import { AppError, toWireError } from '../../../main/core/errors.js';

describe('toWireError', () => {
  it('keeps the code, message and details of an AppError', () => {
    const e = new AppError('redirect', 'The server redirected to another address.', { location: 'https://b.example/' });
    expect(toWireError(e)).toEqual({
      code: 'redirect',
      message: 'The server redirected to another address.',
      details: { location: 'https://b.example/' },
    });
  });

  it('hides anything else behind a fixed internal message, never its text or stack', () => {
    const wire = toWireError(new Error('password=canary-7f3a at /home/x/app.js:12'));
    expect(wire.code).toBe('internal');
    expect(JSON.stringify(wire)).not.toContain('canary-7f3a');
    expect(JSON.stringify(wire)).not.toContain('app.js');
  });
});
