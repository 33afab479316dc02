// The real keychain in integration tests: each test file works under its own service
// name, so runs never see each other's items or the app's, and everything is deleted
// afterwards. Needs a Secret Service on the session bus (npm run test:integration sets
// up a private D-Bus session with an unlocked gnome-keyring).
import { randomBytes } from 'node:crypto';
import keytar from 'keytar';
import { createKeytarKeychain } from '../../main/core/secrets/keytar-keychain.js';
import type { Keychain, KeychainItem } from '../../main/core/secrets/keychain.js';

/** A service name no other run uses: `odoo-companion-test-<pid>-<random>`. */
export function uniqueService(label = 'test'): string {
  return `odoo-companion-${label}-${process.pid}-${randomBytes(4).toString('hex')}`;
}

/** A keytar-backed Keychain on a fresh service. */
export function testKeychain(label?: string): Keychain {
  return createKeytarKeychain({ service: uniqueService(label) });
}

/** Every item of `service` exactly as the OS keychain holds it (what a dump would show). */
export async function rawItems(service: string): Promise<KeychainItem[]> {
  return (await keytar.findCredentials(service)).map((c) => ({ account: c.account, value: c.password }));
}

/** Deletes every item of `service`. */
export async function purgeService(service: string): Promise<void> {
  for (const c of await keytar.findCredentials(service)) await keytar.deletePassword(service, c.account);
}

/** Fails with instructions when no Secret Service is reachable, instead of a vague error. */
export async function requireKeychain(): Promise<void> {
  const service = uniqueService('probe');
  try {
    await keytar.setPassword(service, 'probe', 'probe');
    await keytar.deletePassword(service, 'probe');
  } catch (e) {
    throw new Error(
      `No usable keychain (${e instanceof Error ? e.message : String(e)}). Run integration tests inside a D-Bus session with an unlocked gnome-keyring: npm run test:integration.`,
      { cause: e },
    );
  }
}
