// Mutation testing of the security core (stryker.config.mjs), in two modes:
//   node scripts/mutation.mjs          CI and `npm test`: only what changed since the kept report
//   node scripts/mutation.mjs --full   `npm run test:mutation`: every mutant, report rewritten
// The report of the last full run is kept in the repository (.stryker/incremental.json, with
// the source of every mutated file and test file it saw). When none of those files changed
// and the scope is the same, the kept figures are checked and Stryker does not start. When
// some did, Stryker runs in incremental mode: the mutants of changed code, and those covered
// by changed tests, are tested again; the rest keep their kept result. Either way every file
// must score at least the break threshold, or this fails. Needs the keyring session
// (re-enters scripts/with-keyring.mjs when outside it).
import { spawnSync } from 'node:child_process';
import { existsSync, globSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const require = createRequire(import.meta.url);
const root = fileURLToPath(new URL('..', import.meta.url));
const node = process.execPath;
const full = process.argv.includes('--full');

if (process.env.COMPANION_TEST_KEYRING !== '1') {
  const r = spawnSync(node, [path.join(root, 'scripts/with-keyring.mjs'), node, fileURLToPath(import.meta.url), ...process.argv.slice(2)], {
    stdio: 'inherit',
    cwd: root,
  });
  process.exit(r.status ?? 1);
}

const { default: config } = await import(pathToFileURL(path.join(root, 'stryker.config.mjs')).href);
const reportPath = path.join(root, config.incrementalFile);
const breakAt = config.thresholds.break;
const toPosix = (p) => p.split(path.sep).join('/');
const scope = [...new Set(config.mutate.flatMap((pattern) => globSync(pattern, { cwd: root }).map(toPosix)))].sort();

function readReport() {
  return existsSync(reportPath) ? JSON.parse(readFileSync(reportPath, 'utf8')) : null;
}

/** Files whose content differs from the report's copy (or that it lacks, or that are gone). */
function changedSince(report) {
  if (report === null) return ['(no kept report)'];
  const changed = [];
  const kept = Object.keys(report.files).sort();
  for (const file of new Set([...scope, ...kept])) {
    const now = path.join(root, file);
    if (!scope.includes(file) || !existsSync(now) || readFileSync(now, 'utf8') !== report.files[file]?.source) changed.push(file);
  }
  for (const [file, { source }] of Object.entries(report.testFiles ?? {})) {
    const now = path.join(root, file);
    if (!existsSync(now) || readFileSync(now, 'utf8') !== source) changed.push(file);
  }
  return changed;
}

const DETECTED = new Set(['Killed', 'Timeout']);
const UNDETECTED = new Set(['Survived', 'NoCoverage']);

/** Prints the score of each file (killed + timed out over all valid, not ignored, mutants). */
function check(report) {
  let failed = false;
  const rows = Object.entries(report.files).sort(([a], [b]) => a.localeCompare(b));
  let [allDetected, allValid] = [0, 0];
  console.log('file                                        score  detected  survived  ignored');
  for (const [file, { mutants }] of rows) {
    const detected = mutants.filter((m) => DETECTED.has(m.status)).length;
    const undetected = mutants.filter((m) => UNDETECTED.has(m.status)).length;
    const ignored = mutants.filter((m) => m.status === 'Ignored').length;
    const valid = detected + undetected;
    const score = valid === 0 ? 100 : (100 * detected) / valid;
    allDetected += detected;
    allValid += valid;
    if (score < breakAt) failed = true;
    console.log(`${file.padEnd(42)} ${score.toFixed(1).padStart(6)}  ${String(detected).padStart(8)}  ${String(undetected).padStart(8)}  ${String(ignored).padStart(7)}${score < breakAt ? `  below ${breakAt} %` : ''}`);
  }
  console.log(`${'all'.padEnd(42)} ${((100 * allDetected) / Math.max(allValid, 1)).toFixed(1).padStart(6)}`);
  return !failed;
}

/** Keeps the report free of this machine's paths: only repository-relative names stay. */
function tidyReport() {
  const report = readReport();
  if (report === null) return null;
  delete report.projectRoot;
  delete report.config;
  writeFileSync(reportPath, `${JSON.stringify(report)}\n`);
  return report;
}

const started = Date.now();
let report = readReport();
let strykerOk = true;
const changed = full ? ['(full run)'] : changedSince(report);
if (changed.length === 0) {
  console.log(`mutation: the security core and its tests are as in ${config.incrementalFile}; checking its figures.`);
} else {
  console.log(`mutation: running Stryker${full ? ' on every mutant' : ` for: ${changed.join(', ')}`}`);
  const stryker = path.join(path.dirname(require.resolve('@stryker-mutator/core/package.json')), 'bin/stryker.js');
  const r = spawnSync(node, [stryker, 'run', ...(full ? ['--force'] : [])], { stdio: 'inherit', cwd: root });
  report = tidyReport();
  if (report === null) {
    console.log('mutation: Stryker left no report');
    process.exit(1);
  }
  // Stryker's own failure (its break threshold over all files, or a broken run) fails too.
  strykerOk = r.status === 0;
  if (!strykerOk) console.log(`mutation: Stryker exited with ${r.status}`);
}
const scoresOk = check(report);
const ok = scoresOk && strykerOk;
const why = !strykerOk ? 'Stryker did not complete a passing run' : `every file needs ${breakAt} %`;
console.log(`mutation: ${ok ? 'passed' : `failed (${why})`} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
process.exit(ok ? 0 : 1);
