// Mutation testing of the security core (stryker.config.mjs), group by group:
//   node scripts/mutation.mjs                  CI and `npm test`: only what changed since each kept report
//   node scripts/mutation.mjs --full           `npm run test:mutation`: every mutant, reports rewritten
//   node scripts/mutation.mjs --group <name>   one group only (with or without --full)
// Each group of the core keeps the report of its last run in the repository (.stryker/<group>.json,
// with the source of every mutated file and test file it saw). When none of those files
// changed and the group's scope is the same, the kept figures are checked and Stryker does
// not start. When some did, Stryker runs in incremental mode for that group: the mutants of
// changed code, and those covered by changed tests, are tested again; the rest keep their
// kept result. Either way every file must score at least the break threshold, or this
// fails. Needs the keyring session (re-enters scripts/with-keyring.mjs when outside it).
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

const { default: config, groups } = await import(pathToFileURL(path.join(root, 'stryker.config.mjs')).href);
const breakAt = config.thresholds.break;
const toPosix = (p) => p.split(path.sep).join('/');
const only = process.argv.includes('--group') ? process.argv[process.argv.indexOf('--group') + 1] : null;
if (only !== null && !groups.some((g) => g.name === only)) {
  console.log(`mutation: no group named ${only} (groups: ${groups.map((g) => g.name).join(', ')})`);
  process.exit(2);
}

/** The files a group mutates, repository-relative and sorted. */
function scopeOf(group) {
  return [...new Set(group.mutate.flatMap((pattern) => globSync(pattern, { cwd: root }).map(toPosix)))].sort();
}

function readReport(reportPath) {
  return existsSync(reportPath) ? JSON.parse(readFileSync(reportPath, 'utf8')) : null;
}

/** Files whose content differs from the report's copy (or that it lacks, or that are gone). */
function changedSince(report, scope) {
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

/**
 * Keeps the report free of this machine's paths: only repository-relative names stay (the
 * project root, Stryker's own config, and the checkout's folder in the stack traces some
 * mutants' status reasons quote).
 */
function tidyReport(reportPath) {
  const report = readReport(reportPath);
  if (report === null) return null;
  delete report.projectRoot;
  delete report.config;
  const here = toPosix(root);
  const text = JSON.stringify(report).replaceAll(JSON.stringify(`file://${here}`).slice(1, -1), '').replaceAll(JSON.stringify(here).slice(1, -1), '');
  writeFileSync(reportPath, `${text}\n`);
  return JSON.parse(text);
}

const stryker = path.join(path.dirname(require.resolve('@stryker-mutator/core/package.json')), 'bin/stryker.js');

/** Runs (when needed) and checks one group; true when every file of it scores enough. */
function runGroup(group) {
  const started = Date.now();
  const reportPath = path.join(root, group.report);
  const scope = scopeOf(group);
  let report = readReport(reportPath);
  let strykerOk = true;
  const changed = full ? ['(full run)'] : changedSince(report, scope);
  if (changed.length === 0) {
    console.log(`mutation [${group.name}]: its files and tests are as in ${group.report}; checking its figures.`);
  } else {
    console.log(`mutation [${group.name}]: running Stryker${full ? ' on every mutant' : ` for: ${changed.join(', ')}`}`);
    const args = [stryker, 'run', '--mutate', scope.join(','), '--incrementalFile', group.report, ...(full ? ['--force'] : [])];
    const r = spawnSync(node, args, { stdio: 'inherit', cwd: root });
    report = tidyReport(reportPath);
    if (report === null) {
      console.log(`mutation [${group.name}]: Stryker left no report`);
      return false;
    }
    // Stryker's own failure (its break threshold over all files, or a broken run) fails too.
    strykerOk = r.status === 0;
    if (!strykerOk) console.log(`mutation [${group.name}]: Stryker exited with ${r.status}`);
  }
  const scoresOk = check(report);
  const ok = scoresOk && strykerOk;
  const why = !strykerOk ? 'Stryker did not complete a passing run' : `every file needs ${breakAt} %`;
  console.log(`mutation [${group.name}]: ${ok ? 'passed' : `failed (${why})`} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return ok;
}

const failedGroups = groups.filter((g) => only === null || g.name === only).filter((g) => !runGroup(g));
console.log(failedGroups.length === 0 ? 'mutation: passed' : `mutation: failed in ${failedGroups.map((g) => g.name).join(', ')}`);
process.exit(failedGroups.length === 0 ? 0 : 1);
