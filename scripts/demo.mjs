// `npm run demo`: builds the production renderer, then runs the demo (scripts/demo/) on
// Node 24 with the repository's TypeScript hooks. Nothing it starts is part of the app.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const root = fileURLToPath(new URL('..', import.meta.url));
const vite = path.join(path.dirname(require.resolve('vite/package.json')), 'bin', 'vite.js');
const built = spawnSync(process.execPath, [vite, 'build', '--mode', 'renderer', '--logLevel', 'warn'], { stdio: 'inherit', cwd: root });
if (built.status !== 0) process.exit(built.status ?? 1);
const r = spawnSync(process.execPath, ['--import', './scripts/ts-hooks.mjs', 'scripts/demo/run-demo.ts'], { stdio: 'inherit', cwd: root });
process.exit(r.status ?? 1);
