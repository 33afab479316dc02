// `npm start`: run the app in Electron, after a production build. Electron's binary is
// fetched from Electron's release server on first use; where that cannot happen, say so in
// one line and start the demo instead (scripts/demo.mjs), rather than a download stack trace.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);

/** The Electron executable, downloading it if this machine can; null when there is none. */
function electronBinary() {
  const result = spawnSync(process.execPath, ['-e', "process.stdout.write(require('electron'))"], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const binary = result.status === 0 ? result.stdout : '';
  return binary !== '' && existsSync(binary) ? binary : null;
}

const binary = electronBinary();
if (binary === null) {
  console.log(
    'Electron cannot run here (its binary is not installed and could not be downloaded), so this starts the demo instead: the same screens and core in a browser, nothing saved.',
  );
  await import('./demo.mjs');
} else {
  run(binary);
}

function run(electron) {
  const vite = path.join(path.dirname(require.resolve('vite/package.json')), 'bin', 'vite.js');
  for (const mode of ['renderer', 'main', 'preload']) {
    const r = spawnSync(process.execPath, [vite, 'build', '--mode', mode, '--logLevel', 'warn'], { stdio: 'inherit' });
    if (r.status !== 0) process.exit(r.status ?? 1);
  }
  const child = spawn(electron, ['.'], { stdio: 'inherit', env: { ...process.env, NODE_ENV: 'development' } });
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}
