// main/app's presence ports with the electron module faked: the vault key copy kept for
// presence unlock is sealed by the platform on macOS (safeStorage, behind Touch ID) and on
// Windows (a key derived from the Windows Hello key's signature); a dump of our keychain
// items opens no secret, and the platform's refusal opens nothing.
import { createHmac, randomBytes } from 'node:crypto';
import { beforeEach, describe, expect, it } from 'vitest';
import { createUserPresence, windowsHelloPresence } from '../../main/app/presence.js';
import { HELLO_CHALLENGE_ENV, HELLO_MESSAGE_ENV, HELLO_MODE_ENV } from '../../main/core/shell/windows-hello.js';
import { createMemoryKeychain } from '../../main/core/secrets/memory-keychain.js';
import { openRecord } from '../../main/core/secrets/secret-record.js';
import type { UserPresence } from '../../main/core/vault/ports.js';
import { createMemoryThrottleStore } from '../../main/core/vault/throttle.js';
import { FakeClock } from '../support/fakes.js';
import { Vault } from '../../main/core/vault/vault.js';
import { fake, safeStorage, systemPreferences } from '../support/fake-electron.js';

beforeEach(() => fake.reset());

/** Plays Windows Hello: a device key outside our keychain that signs after "Verified". */
function fakeHello() {
  const device = randomBytes(32);
  const calls: Record<string, string>[] = [];
  const state = { answer: 'Success' };
  const run = async (env: Record<string, string>): Promise<string> => {
    calls.push(env);
    if (env[HELLO_MODE_ENV] === 'check') return 'RESULT:Available';
    if (env[HELLO_MODE_ENV] !== 'sign') return 'RESULT:Verified';
    if (state.answer !== 'Success') return `RESULT:${state.answer}`;
    const challenge = Buffer.from(env[HELLO_CHALLENGE_ENV] ?? '', 'base64');
    // A 256-byte deterministic "RSA signature" of the challenge.
    const sig = Buffer.concat(Array.from({ length: 8 }, (_, i) => createHmac('sha256', device).update(challenge).update(String(i)).digest()));
    return `SIGNATURE:${sig.toString('base64')}`;
  };
  return { run, calls, state };
}

async function dumpOpensNothing(presence: UserPresence): Promise<Vault> {
  const keychain = createMemoryKeychain();
  const vault = new Vault({ keychain, clock: new FakeClock(), throttle: createMemoryThrottleStore(), scryptParams: { N: 2 ** 10, r: 8, p: 1 }, presence });
  await vault.create({ passphrase: 'correct horse battery', enablePresence: true });
  expect((await vault.status()).presence.enabled).toBe(true);
  await vault.secretsFor('acme').set('api-key', 'CANARY-app-key');
  const items = await keychain.findAll();
  const record = items.find((i) => i.account === 'acme/api-key')!.value;
  for (const m of JSON.stringify(items).matchAll(/[A-Za-z0-9+/_=-]{40,}/g)) {
    for (const part of m[0].split(/[._]/).concat(m[0])) {
      for (const enc of ['base64', 'base64url', 'hex'] as const) {
        const k = Buffer.from(part, enc);
        if (k.length === 32) expect(() => openRecord(k, 'acme/api-key', record)).toThrow();
      }
    }
  }
  vault.lock();
  return vault;
}

describe('presence seal on macOS (safeStorage behind Touch ID)', () => {
  it('a dump opens nothing; Touch ID then the OS store open it; a refusal opens nothing', async () => {
    systemPreferences.touchId = true;
    const vault = await dumpOpensNothing(createUserPresence('darwin'));
    systemPreferences.touchIdAnswer = false;
    await expect(vault.unlockWithPresence()).rejects.toMatchObject({ code: 'presence_failed' });
    systemPreferences.touchIdAnswer = true;
    await vault.unlockWithPresence();
    expect(await vault.secretsFor('acme').get('api-key')).toBe('CANARY-app-key');
  });

  it('is not offered when the OS store is unavailable', async () => {
    systemPreferences.touchId = true;
    safeStorage.available = false;
    expect(await createUserPresence('darwin').isAvailable()).toBe(false);
  });
});

describe('presence seal on Windows (Windows Hello signature)', () => {
  it('a dump opens nothing; the Hello key signs the stored challenge to open it; data travels as data', async () => {
    const hello = fakeHello();
    const vault = await dumpOpensNothing(windowsHelloPresence(hello.run));
    hello.state.answer = 'UserCanceled';
    await expect(vault.unlockWithPresence()).rejects.toMatchObject({ code: 'presence_failed' });
    hello.state.answer = 'Success';
    await vault.unlockWithPresence();
    expect(await vault.secretsFor('acme').get('api-key')).toBe('CANARY-app-key');
    const signs = hello.calls.filter((c) => c[HELLO_MODE_ENV] === 'sign');
    // Seal, refused open, open: the same stored challenge each time it is opened.
    expect(signs).toHaveLength(3);
    expect(signs[1]?.[HELLO_CHALLENGE_ENV]).toBe(signs[2]?.[HELLO_CHALLENGE_ENV]);
    expect(signs[2]?.[HELLO_MESSAGE_ENV]).toBe('unlock Odoo Companion');
  });

  it('a short or garbled signature, or a broken bridge, opens nothing', async () => {
    for (const out of ['SIGNATURE:AAAA', 'garbage', 'RESULT:Verified']) {
      const p = windowsHelloPresence(async (env) => (env[HELLO_MODE_ENV] === 'check' ? 'RESULT:Available' : out));
      expect(await p.sealer!.seal(randomBytes(32), 'x')).toBeNull();
    }
    const broken = windowsHelloPresence(async () => {
      throw new Error('powershell.exe not found');
    });
    expect(await broken.sealer!.seal(randomBytes(32), 'x')).toBeNull();
  });
});
