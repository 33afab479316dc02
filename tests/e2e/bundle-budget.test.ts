// The first screen (lock screen / first run) must stay light: every script index.html
// loads before anything lazy is ≤ 200 kB gzip, the unlocked screens stay in a lazy chunk.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { expect, it } from 'vitest';
import { rendererDist } from '../support/e2e-harness.js';

it('first-screen JS stays within 200 kB gzip and the unlocked screens load lazily', () => {
  const html = readFileSync(path.join(rendererDist, 'index.html'), 'utf8');
  const first = [...html.matchAll(/(?:src|href)="\.?\/?(assets\/[^"]+\.js)"/g)].map((m) => m[1]!);
  const total = first.reduce((sum, file) => sum + gzipSync(readFileSync(path.join(rendererDist, file)), { level: 9 }).length, 0);
  expect(first.length).toBeGreaterThan(0);
  expect(total).toBeLessThanOrEqual(200 * 1024);
  const lazy = readdirSync(path.join(rendererDist, 'assets')).filter((f) => f.endsWith('.js') && !first.includes(`assets/${f}`));
  expect(lazy.some((f) => f.startsWith('unlocked-shell'))).toBe(true);
});
