// kill -9 while new profiles are being saved through the real core and the real keychain:
// a crash may leave secrets whose profile was never written, and the next unlock must
// sweep every one of them; a listed profile always has its secret.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { purgeService, requireKeychain, uniqueService } from '../../support/keychain.js';
import { runAndKill } from './fixtures/kill-while-saving.js';

const child = fileURLToPath(new URL('./fixtures/profile-save-child.ts', import.meta.url));
const KILLS = 100;
const LANES = 2;
const dirs: string[] = [];
const services: string[] = [];
/** V8's compile cache shared by the children: most of a child's start is compiling the core. */
let compileCache = '';

beforeAll(async () => {
  await requireKeychain();
  compileCache = await mkdtemp(join(tmpdir(), 'oc-orphans-cache-'));
  dirs.push(compileCache);
});
afterAll(async () => {
  for (const d of dirs) await rm(d, { recursive: true, force: true });
  for (const s of services) await purgeService(s);
});

interface Ready {
  before: number;
  after: number;
  withoutSecret: number;
}

/** Crashes the save loop inside a save; resolves with what it counted before and after its unlock. */
async function crashOnce(dir: string, service: string, acks: number, delayMs: number): Promise<Ready> {
  const lines = await runAndKill({ child, args: [dir, service], acks, delayMs, env: { ...process.env, NODE_COMPILE_CACHE: compileCache } });
  const [, before, after, withoutSecret] = lines.find((w) => w[0] === 'ready')!;
  return { before: Number(before), after: Number(after), withoutSecret: Number(withoutSecret) };
}

describe('orphaned secrets after crashes', () => {
  it(`${KILLS} SIGKILLs while saving new profiles: every unlock leaves 0 orphans, no profile lacks its secret`, async () => {
    let seed = 20261130;
    const random = () => ((seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32);
    const totals = { leftByCrashes: 0, afterUnlock: 0, withoutSecret: 0, runs: 0 };
    const lane = async (laneNo: number, kills: number) => {
      const dir = await mkdtemp(join(tmpdir(), `oc-orphans-${laneNo}-`));
      const service = uniqueService(`orphans${laneNo}`);
      dirs.push(dir);
      services.push(service);
      // One run more than kills: the last one only unlocks and audits what the last kill left.
      for (let i = 0; i <= kills; i += 1) {
        const r = await crashOnce(dir, service, i === kills ? 0 : Math.floor(random() * 4), i === kills ? 0 : random() * 12);
        totals.runs += 1;
        if (i > 0) totals.leftByCrashes += r.before;
        totals.afterUnlock += r.after;
        totals.withoutSecret += r.withoutSecret;
      }
    };
    await Promise.all(Array.from({ length: LANES }, (_, i) => lane(i, KILLS / LANES)));
    console.info(
      `orphans: ${KILLS} kills left ${totals.leftByCrashes} orphaned keychain items in all; after each of ${totals.runs} unlocks: ${totals.afterUnlock}; profiles without their secret: ${totals.withoutSecret}`,
    );
    expect(totals.afterUnlock).toBe(0);
    expect(totals.withoutSecret).toBe(0);
  }, 900_000);
});
