// A hostile renderer, fuzzed: thousands of generated payloads to every channel of the
// contract, in every vault state, against the real core and the real keychain. Every
// answer must be a value or a typed error from the contract's list; nothing may throw out
// of the dispatcher, reject unhandled, or carry a secret the core holds. Payloads are made
// by a seeded generator, so a failure reproduces. Channels that reach a server named in
// their input only get payloads that fail validation: no request leaves this machine.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { channels, ERROR_CODES } from '../../../contract/index.js';
import { FakeClock } from '../../support/fakes.js';
import { startCore, type CoreHarness } from '../../support/core-harness.js';
import { requireKeychain } from '../../support/keychain.js';

const PASSPHRASE = 'canary-fuzz-Passphrase-Juniper-93';
const CANARY_SECRET = 'canary-fuzz-secret-7f3a9c2e5b';
const PER_CHANNEL_PER_STATE = 1000;
/** Channels whose valid input makes the core contact a server. */
const NETWORK = /^(profiles:(probe|testConnection|save|inspectTls|repin|migrate|importConfirm)|odoo:|all:)/;

let h: CoreHarness;
const clock = new FakeClock(Date.now());
let unhandled = 0;
const onUnhandled = (): void => {
  unhandled += 1;
};

beforeAll(async () => {
  await requireKeychain();
  process.on('unhandledRejection', onUnhandled);
  h = await startCore({ keychain: 'os', clock });
});
afterAll(async () => {
  process.off('unhandledRejection', onUnhandled);
  await h?.close();
});

function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const STRINGS = ['', 'x', 'RESET', CANARY_SECRET, '../../etc/passwd', '__proto__', 'constructor', '\u0000', '\ud800', 'a'.repeat(5000), 'p-000000000000', 'sha256/' + 'A'.repeat(43) + '=', 'res.partner', '<script>alert(1)</script>'];
const KEYS = ['id', 'profileId', 'passphrase', 'password', 'secret', 'url', 'query', 'method', 'enabled', 'confirm', 'pins', 'record', 'model', 'label', '__proto__', 'constructor', 'language', 'extra'];

function value(r: () => number, depth: number, allowStrings: boolean): unknown {
  const k = Math.floor(r() * (depth > 3 ? 6 : 9));
  switch (k) {
    case 0:
      return null;
    case 1:
      return r() < 0.5;
    case 2:
      return [0, -1, 1e308, Number.NaN, 2 ** 53, 42][Math.floor(r() * 6)];
    case 3:
      return allowStrings ? STRINGS[Math.floor(r() * STRINGS.length)] : 7;
    case 4:
      return undefined;
    case 5:
      return allowStrings ? `${STRINGS[Math.floor(r() * STRINGS.length)]}${Math.floor(r() * 1e6)}` : [];
    case 6:
      return Array.from({ length: Math.floor(r() * 4) }, () => value(r, depth + 1, allowStrings));
    default: {
      const o: Record<string, unknown> = {};
      for (let i = Math.floor(r() * 4); i > 0; i -= 1) o[KEYS[Math.floor(r() * KEYS.length)]!] = value(r, depth + 1, allowStrings);
      return o;
    }
  }
}

/** A payload for `channel`: strings only where the channel cannot reach a server with them. */
function payload(r: () => number, channel: string): unknown {
  const network = NETWORK.test(channel);
  if (network) {
    // Objects whose fields all have the wrong type: validation refuses them before any I/O.
    const o: Record<string, unknown> = {};
    for (let i = 1 + Math.floor(r() * 3); i > 0; i -= 1) o[KEYS[Math.floor(r() * KEYS.length)]!] = value(r, 2, false);
    return r() < 0.3 ? value(r, 0, false) : o;
  }
  return value(r, 0, true);
}

const codes = new Set<string>(ERROR_CODES);

/**
 * Back to an unlocked vault with our passphrase, whatever the fuzz did (a random vault:create
 * while uninitialized, a reset, wrong passphrases that started the throttle).
 */
async function ensureUnlocked(): Promise<void> {
  clock.jumpWall(24 * 3600_000); // past any throttle delay
  if (h.core.vaultState() === 'unlocked') return;
  if (h.core.vaultState() === 'locked') {
    const r = await h.core.dispatch('vault:unlock', { method: 'passphrase', passphrase: PASSPHRASE });
    if (r.ok) return;
    expect((await h.core.dispatch('vault:reset', { confirm: 'RESET' })).ok).toBe(true);
  }
  const created = await h.core.dispatch('vault:create', { passphrase: PASSPHRASE, enablePresence: false });
  expect(created.ok).toBe(true);
}

describe('a hostile renderer, fuzzed', () => {
  it('every payload to every channel in every vault state gets a value or a typed error, and no secret', async () => {
    const names = Object.keys(channels);
    const r = rng(20261130);
    let sent = 0;
    let refused = 0;
    const answers: string[] = [];
    for (const state of ['uninitialized', 'locked', 'unlocked'] as const) {
      for (const channel of names) {
        if (state !== 'uninitialized') await ensureUnlocked();
        if (state === 'locked') h.core.lock('manual');
        for (let i = 0; i < PER_CHANNEL_PER_STATE; i += 1) {
          const input = payload(r, channel);
          const answer = await h.core.dispatch(channel, input);
          sent += 1;
          if (!answer.ok) {
            refused += 1;
            expect(codes.has(answer.error.code), `${channel}: ${answer.error.code}`).toBe(true);
          }
          answers.push(JSON.stringify(answer));
        }
      }
    }
    const everything = answers.join('\n');
    expect(everything.includes(PASSPHRASE)).toBe(false);
    expect(unhandled).toBe(0);
    console.info(`ipc fuzz: ${sent} payloads to ${names.length} channels in 3 vault states; ${refused} refused with a typed error, ${sent - refused} answered; 0 throws, ${unhandled} unhandled rejections, 0 secrets in answers`);
  }, 300_000);
});
