import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Keychain } from '../../../main/core/secrets/keychain.js';
import { purgeService, rawItems, requireKeychain, testKeychain } from '../../support/keychain.js';

const hooks = fileURLToPath(new URL('../../../scripts/ts-hooks.mjs', import.meta.url));
const child = fileURLToPath(new URL('./fixtures/keychain-child.ts', import.meta.url));

const raceChild = fileURLToPath(new URL('./fixtures/keychain-race-child.ts', import.meta.url));

function runChild(env: NodeJS.ProcessEnv, service: string, script = child, args: string[] = []): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, ['--no-warnings', '--import', hooks, script, service, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    p.stdout.on('data', (d: Buffer) => (out += d.toString()));
    p.stderr.on('data', (d: Buffer) => (err += d.toString()));
    p.on('error', reject);
    p.on('close', (code, signal) => {
      if (signal !== null) {
        reject(new Error(`child died of ${signal}: ${err.slice(-300)}`));
        return;
      }
      try {
        resolve(JSON.parse(out.trim().split('\n').pop() ?? '') as Record<string, unknown>);
      } catch {
        reject(new Error(`child printed no result: ${out} ${err}`));
      }
    });
  });
}

let kc: Keychain;
beforeAll(async () => {
  await requireKeychain();
  kc = testKeychain('adapter');
});
afterAll(async () => {
  await purgeService(kc.service);
});

describe('keytar keychain against the real Secret Service', () => {
  it('stores, replaces, lists and deletes items of its own service only', async () => {
    expect(await kc.get('p1/password')).toBeNull();
    await kc.set('p1/password', 'v1.first');
    await kc.set('p1/password', 'v1.second');
    await kc.set('p1/api-key', 'v1.third');
    expect(await kc.get('p1/password')).toBe('v1.second');
    expect((await kc.findAll()).sort((a, b) => a.account.localeCompare(b.account))).toEqual([
      { account: 'p1/api-key', value: 'v1.third' },
      { account: 'p1/password', value: 'v1.second' },
    ]);
    expect(await rawItems(kc.service)).toHaveLength(2);
    expect(await kc.delete('p1/password')).toBe(true);
    expect(await kc.delete('p1/password')).toBe(false);
    expect(await kc.get('p1/password')).toBeNull();
    const other = testKeychain('other');
    expect(await other.findAll()).toEqual([]);
  });

  it('no D-Bus session → keychain_unavailable with a message a person understands', async () => {
    const result = await runChild({ ...process.env, DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/bus' }, kc.service);
    expect(result).toMatchObject({ ok: false, code: 'keychain_unavailable', details: { reason: 'unreachable', operation: 'write' } });
    expect(result.message).toMatch(/keychain cannot be reached/);
  });

  it('the same child with the real session bus succeeds (the failure above is the bus, not the child)', async () => {
    expect(await runChild(process.env, kc.service)).toEqual({ ok: true });
  });

  it('overlapping writes, deletes and listings never crash the process (libsecret is not safe for that)', async () => {
    const result = await runChild(process.env, `${kc.service}-race`, raceChild, ['40']);
    expect(result).toEqual({ rounds: 40 });
  });
});
