// First-screen JavaScript budget: the gzip size of every script the production
// index.html loads before anything is lazily imported. Budget 200 kB (gzip).
//   npm run bench:bundle   (builds the renderer first)
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const BUDGET = 200 * 1024;
const dist = fileURLToPath(new URL('../dist/renderer/', import.meta.url));
const html = readFileSync(path.join(dist, 'index.html'), 'utf8');
const firstScreen = [...html.matchAll(/(?:src|href)="\.?\/?(assets\/[^"]+\.js)"/g)].map((m) => m[1]);
const all = readdirSync(path.join(dist, 'assets')).filter((f) => f.endsWith('.js'));

const size = (file) => {
  const raw = readFileSync(path.join(dist, file));
  return { raw: raw.length, gzip: gzipSync(raw, { level: 9 }).length };
};
const kb = (n) => `${(n / 1024).toFixed(1)} kB`;

let total = 0;
console.log('first-screen scripts');
for (const file of firstScreen) {
  const s = size(file);
  total += s.gzip;
  console.log(`  ${file.padEnd(40)} ${kb(s.raw).padStart(10)} raw ${kb(s.gzip).padStart(10)} gzip`);
}
const lazy = all.filter((f) => !firstScreen.includes(`assets/${f}`));
for (const f of lazy) {
  const s = size(`assets/${f}`);
  console.log(`  (lazy) assets/${f.padEnd(33)} ${kb(s.raw).padStart(10)} raw ${kb(s.gzip).padStart(10)} gzip`);
}
console.log(`first-screen JS: ${kb(total)} gzip of a ${kb(BUDGET)} budget (${((100 * total) / BUDGET).toFixed(0)}%)`);
if (total > BUDGET) {
  console.error('over budget');
  process.exit(1);
}
