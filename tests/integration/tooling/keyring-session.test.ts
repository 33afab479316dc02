// The integration tier runs against the real Secret Service of a private keyring session
// (scripts/with-keyring.mjs). This proves the session is there and keytar reaches it.
import { randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';

const keytar = createRequire(import.meta.url)('keytar') as typeof import('keytar');

describe('test keyring session', () => {
  it('is private to the test run', () => {
    expect(process.env.COMPANION_TEST_KEYRING).toBe('1');
    expect(process.env.DBUS_SESSION_BUS_ADDRESS).toBeTruthy();
  });

  it('stores, finds and deletes an item through keytar', async () => {
    const service = `odoo-companion-test-${randomUUID()}`;
    await keytar.setPassword(service, 'probe', 'value-1');
    expect(await keytar.getPassword(service, 'probe')).toBe('value-1');
    expect(await keytar.findCredentials(service)).toEqual([{ account: 'probe', password: 'value-1' }]);
    expect(await keytar.deletePassword(service, 'probe')).toBe(true);
    expect(await keytar.getPassword(service, 'probe')).toBeNull();
  });
});
