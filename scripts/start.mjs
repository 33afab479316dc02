// `npm start`: build, then run the app in Electron. Electron's binary is fetched from
// Electron's release server on first use; where that cannot happen, say so in one
// sentence and exit non-zero instead of printing a download stack trace.
import { spawn, spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

function electronBinary() {
  const result = spawnSync(process.execPath, ['-e', "process.stdout.write(require('electron'))"], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return result.status === 0 && result.stdout ? result.stdout : null;
}

const build = spawnSync(process.execPath, [require.resolve('vite/bin/vite.js'), 'build', '--mode', 'renderer'], {
  stdio: 'inherit',
});
if (build.status !== 0) process.exit(build.status ?? 1);
for (const mode of ['main', 'preload']) {
  const r = spawnSync(process.execPath, [require.resolve('vite/bin/vite.js'), 'build', '--mode', mode], { stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

const binary = electronBinary();
if (binary === null) {
  console.error(
    'Odoo Companion cannot start here: the Electron 45 binary is not installed and could not be downloaded from Electron\'s release server (no access to it from this machine) — run `npm start` on a desktop machine with internet access, or set ELECTRON_OVERRIDE_DIST_PATH to an unpacked Electron 45.',
  );
  process.exit(1);
}

const child = spawn(binary, ['.'], { stdio: 'inherit', env: { ...process.env, NODE_ENV: 'development' } });
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
