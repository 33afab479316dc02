// `npm test`: everything a change must pass, in the order that fails fastest —
// lint, type-check, production build, then the test tiers (unit, app, integration, odoo,
// e2e) and mutation testing of the security core (scripts/mutation.mjs: only what changed
// since the kept report) inside one private keyring session. The odoo tier (a real Odoo)
// is skipped as a whole, saying so, where no Odoo source exists; that is not a failure.
// Ends with the total over all tiers on a line of its own: `N passed, N failed, N skipped`.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const root = fileURLToPath(new URL('..', import.meta.url));
const results = path.join(root, 'test-results');
const node = process.execPath;

if (process.env.COMPANION_TEST_KEYRING !== '1') {
  // Re-enter inside a private D-Bus session with an unlocked gnome-keyring.
  const r = spawnSync(node, [path.join(root, 'scripts/with-keyring.mjs'), node, fileURLToPath(import.meta.url), ...process.argv.slice(2)], {
    stdio: 'inherit',
    cwd: root,
  });
  process.exit(r.status ?? 1);
}

const major = Number(process.versions.node.split('.')[0]);
if (major < 24) {
  console.error(`Tests run on Node 24 (Electron 45's Node); this is Node ${process.versions.node}. Use \`npm test\`, which takes Node 24 from node_modules.`);
  process.exit(1);
}

function step(name, args) {
  console.log(`\n== ${name} ==`);
  const r = spawnSync(node, args, { stdio: 'inherit', cwd: root });
  return r.status === 0;
}

const bin = (pkg, file) => path.join(path.dirname(require.resolve(`${pkg}/package.json`)), file);
const failures = [];
if (!step('lint', [bin('eslint', 'bin/eslint.js'), '.'])) failures.push('lint');
if (!step('typecheck', [bin('typescript', 'bin/tsc'), '-b'])) failures.push('typecheck');
const vite = bin('vite', 'bin/vite.js');
const built = ['renderer', 'main', 'preload'].every((mode) => step(`build ${mode}`, [vite, 'build', '--mode', mode, '--logLevel', 'warn']));
if (!built) failures.push('build');

mkdirSync(results, { recursive: true });
const totals = { passed: 0, failed: 0, skipped: 0 };
for (const tier of ['unit', 'app', 'integration', 'odoo', 'e2e']) {
  const out = path.join(results, `vitest-${tier}.json`);
  rmSync(out, { force: true });
  const ok = step(`tests: ${tier}`, [
    bin('vitest', 'vitest.mjs'),
    'run',
    '--project',
    tier,
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${out}`,
  ]);
  if (!existsSync(out)) {
    failures.push(`${tier} (no report)`);
    continue;
  }
  const report = JSON.parse(readFileSync(out, 'utf8'));
  totals.passed += report.numPassedTests;
  totals.failed += report.numFailedTests;
  totals.skipped += report.numPendingTests + report.numTodoTests;
  const skippedAsWhole = tier === 'odoo' && report.numTotalTests > 0 && report.numPendingTests === report.numTotalTests;
  if (skippedAsWhole) console.log(`${tier}: skipped as a whole (no real Odoo here)`);
  else if (report.numTotalTests === 0) failures.push(`${tier} (ran no test)`);
  if (!ok) failures.push(tier);
}

if (!step('mutation', [path.join(root, 'scripts/mutation.mjs')])) failures.push('mutation');

console.log('');
if (failures.length > 0) console.log(`failed steps: ${failures.join(', ')}`);
console.log(`${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(failures.length === 0 ? 0 : 1);
