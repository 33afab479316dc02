// Vault bench: real unlock time (scrypt at the default parameters), and the auto-lock
// policy's lock lateness and wakeups per active hour on a fake clock.
//   npm run bench:vault [-- --unlocks N --runs N]
// (Node 24 with scripts/ts-hooks.mjs; the OS keychain row needs a Secret Service.)
import { createKeytarKeychain } from '../main/core/secrets/keytar-keychain.js';
import { createMemoryKeychain } from '../main/core/secrets/memory-keychain.js';
import { AutoLock } from '../main/core/vault/auto-lock.js';
import { FakeClock, FakeIdleSource } from '../tests/support/fakes.js';
import { DEFAULT_SCRYPT_PARAMS, median, parseWrappedKey, timeScrypt, WRAPPED_KEY_ITEM } from '../main/core/vault/kdf.js';
import { Vault } from '../main/core/vault/vault.js';

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const v = i === -1 ? Number.NaN : Number(process.argv[i + 1]);
  return Number.isFinite(v) && v > 0 ? v : fallback;
}
const UNLOCKS = arg('unlocks', 7);
const RUNS = arg('runs', 2000);
const MIN = 60_000;

function pct(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
}
function table(title: string, rows: Array<Record<string, string | number>>): void {
  console.log(`\n${title}`);
  const cols = Object.keys(rows[0] ?? {});
  const width = cols.map((c) => Math.max(c.length, ...rows.map((r) => String(r[c]).length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(width[i] ?? 0)).join(' | ')} |`;
  console.log(line(cols));
  console.log(`|${width.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  for (const r of rows) console.log(line(cols.map((c) => String(r[c]))));
}

// --- 1. scrypt cost per N --------------------------------------------------------------
const kdfRows: Array<Record<string, string | number>> = [];
for (const logN of [15, 16, 17, 18]) {
  const params = { N: 2 ** logN, r: 8, p: 1 };
  const times: number[] = [];
  for (let i = 0; i < 3; i += 1) times.push(await timeScrypt(params));
  kdfRows.push({ N: `2^${logN}`, 'memory MiB': (128 * params.N * params.r) / 2 ** 20, 'median ms': median(times).toFixed(0), default: params.N === DEFAULT_SCRYPT_PARAMS.N ? 'yes' : '' });
}
table('scrypt (r=8, p=1) per derivation', kdfRows);

// --- 2. real unlocks -------------------------------------------------------------------
let calibratedN = 0;
async function unlockTimes(keychain: import('../main/core/secrets/keychain.js').Keychain): Promise<number[]> {
  // No parameters given: the vault calibrates scrypt on this machine, as in the app.
  const vault = new Vault({ keychain });
  await vault.create({ passphrase: 'bench passphrase' });
  calibratedN = parseWrappedKey((await keychain.get(WRAPPED_KEY_ITEM)) ?? '').N;
  await vault.secretsFor('bench').set('api-key', 'bench-secret');
  const times: number[] = [];
  for (let i = 0; i < UNLOCKS; i += 1) {
    vault.lock('manual');
    const t0 = performance.now();
    await vault.unlockWithPassphrase('bench passphrase');
    await vault.secretsFor('bench').get('api-key');
    times.push(performance.now() - t0);
  }
  await vault.reset();
  return times;
}
const unlockRows: Array<Record<string, string | number>> = [];
const mem = (await unlockTimes(createMemoryKeychain())).sort((a, b) => a - b);
unlockRows.push({ keychain: 'in memory', unlocks: mem.length, 'min ms': mem[0]?.toFixed(0) ?? '', 'median ms': median(mem).toFixed(0), 'max ms': mem.at(-1)?.toFixed(0) ?? '' });
try {
  const real = (await unlockTimes(createKeytarKeychain({ service: `odoo-companion-bench-${process.pid}` }))).sort((a, b) => a - b);
  unlockRows.push({ keychain: 'OS keychain', unlocks: real.length, 'min ms': real[0]?.toFixed(0) ?? '', 'median ms': median(real).toFixed(0), 'max ms': real.at(-1)?.toFixed(0) ?? '' });
} catch (e) {
  unlockRows.push({ keychain: 'OS keychain', unlocks: 0, 'min ms': 'n/a', 'median ms': `unavailable (${(e as { code?: string }).code ?? 'error'})`, 'max ms': 'n/a' });
}
table(`unlock by passphrase + one secret read (calibrated N=2^${Math.log2(calibratedN)}; target 250–1000 ms)`, unlockRows);

// --- 3. auto-lock lateness -------------------------------------------------------------
function simulateWalkAway(random: () => number): { lateness: number; wakeups: number } {
  const minutes = [1, 2, 5, 10, 15, 30, 60][Math.floor(random() * 7)] as number;
  const clock = new FakeClock();
  const idle = new FakeIdleSource(clock);
  let lockedAt = Number.NaN;
  const autoLock = new AutoLock({
    idle,
    clock,
    lock: () => {
      lockedAt = clock.mono;
      autoLock.stop();
    },
    policy: { autoLockMinutes: minutes, lockOnScreenLock: true, lockOnSuspend: true },
  });
  clock.advance(Math.floor(random() * 1000));
  idle.input();
  autoLock.start();
  const activeUntil = clock.mono + Math.floor(random() * 2 * minutes * MIN);
  while (clock.mono < activeUntil) {
    clock.advanceTo(Math.min(activeUntil, clock.mono + 50 + Math.floor(random() * 30_000)));
    idle.input();
  }
  const walkedAway = idle.lastInputAt;
  clock.advance(minutes * MIN + 10_000);
  return { lateness: lockedAt - (walkedAway + minutes * MIN), wakeups: autoLock.stats().wakeups };
}
const random = rng(42);
const lateness = Array.from({ length: RUNS }, () => simulateWalkAway(random).lateness).sort((a, b) => a - b);
table(`lock lateness after the idle threshold (fake clock, ${RUNS} random walk-aways, thresholds 1–60 min)`, [
  {
    'min ms': lateness[0] ?? '',
    'p50 ms': pct(lateness, 50),
    'p90 ms': pct(lateness, 90),
    'p99 ms': pct(lateness, 99),
    'max ms': lateness.at(-1) ?? '',
    'over 1 s': lateness.filter((l) => l > 1000).length,
  },
]);

// --- 4. wakeups per active hour --------------------------------------------------------
const wakeRows: Array<Record<string, string | number>> = [];
for (const minutes of [1, 5, 15, 60, 240]) {
  const clock = new FakeClock();
  const idle = new FakeIdleSource(clock);
  let locks = 0;
  const autoLock = new AutoLock({ idle, clock, lock: () => (locks += 1), policy: { autoLockMinutes: minutes, lockOnScreenLock: true, lockOnSuspend: true } });
  autoLock.start();
  const r = rng(minutes);
  while (clock.mono < 60 * MIN) {
    clock.advanceTo(Math.min(60 * MIN, clock.mono + 100 + Math.floor(r() * 19_900)));
    idle.input();
  }
  wakeRows.push({ 'threshold min': minutes, 'wakeups/hour': autoLock.stats().wakeups, 'expected ~60/threshold': (60 / minutes).toFixed(2), 'idle reads': idle.reads, locks, 'a 1 s poll would be': 3600 });
}
table('auto-lock wakeups during one simulated active hour (input every 0.1–20 s)', wakeRows);
