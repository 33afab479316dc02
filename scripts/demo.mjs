// `npm run demo` (and `npm start` where Electron cannot be had): builds the production
// renderer, then runs the demo (scripts/demo/run-demo.ts) in this process through the
// repository's TypeScript hooks. Nothing it starts is part of the app.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const root = fileURLToPath(new URL('..', import.meta.url));
const vite = path.join(path.dirname(require.resolve('vite/package.json')), 'bin', 'vite.js');
const built = spawnSync(process.execPath, [vite, 'build', '--mode', 'renderer', '--logLevel', 'warn'], { stdio: 'inherit', cwd: root });
if (built.status !== 0) process.exit(built.status ?? 1);
await import('./ts-hooks.mjs');
await import('./demo/run-demo.ts');
