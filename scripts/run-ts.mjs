// Runs a TypeScript entry point (a bench, a tool) with the same module resolution as the
// app's build and tests, through Vite's module runner: `node scripts/run-ts.mjs bench/rpc.ts`.
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { runnerImport } from 'vite';

const [entry, ...rest] = process.argv.slice(2);
if (entry === undefined) {
  console.error('usage: node scripts/run-ts.mjs <file.ts> [args…]');
  process.exit(2);
}
process.argv = [process.argv[0], path.resolve(entry), ...rest];
const { module } = await runnerImport(pathToFileURL(path.resolve(entry)).href, {
  configFile: false,
  logLevel: 'warn',
});
if (typeof module.main === 'function') await module.main();
