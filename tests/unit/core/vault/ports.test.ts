// The presence port of a platform without a presence check (Linux).
import { describe, expect, it } from 'vitest';
import { noUserPresence } from '../../../../main/core/vault/ports.js';

describe('noUserPresence', () => {
  it('is never available, never verifies, and has no way to seal a copy', async () => {
    expect(noUserPresence.kind).toBe('none');
    expect(await noUserPresence.isAvailable()).toBe(false);
    expect(await noUserPresence.verify('unlock')).toBe(false);
    expect(noUserPresence.sealer).toBeUndefined();
  });
});
