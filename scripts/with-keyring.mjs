// Runs a command inside a private D-Bus session with an unlocked gnome-keyring Secret
// Service, so tests use the real keychain without touching the person's own: the keyring
// files live in a temporary XDG_DATA_HOME that is deleted afterwards.
//   node scripts/with-keyring.mjs <command> [args…]
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const [command, ...args] = process.argv.slice(2);
if (command === undefined) {
  console.error('usage: node scripts/with-keyring.mjs <command> [args…]');
  process.exit(2);
}

if (process.env.COMPANION_TEST_KEYRING === '1') {
  // Already inside a private keyring session (e.g. started by scripts/test-all.mjs).
  const r = spawnSync(command, args, { stdio: 'inherit' });
  process.exit(r.status ?? 1);
}

for (const tool of ['dbus-run-session', 'gnome-keyring-daemon']) {
  const found = spawnSync('sh', ['-c', `command -v ${tool}`], { stdio: 'ignore' });
  if (found.status !== 0) {
    console.error(
      `${tool} is not installed: the integration tests need dbus and gnome-keyring (Debian/Ubuntu: apt-get install dbus gnome-keyring libsecret-1-dev).`,
    );
    process.exit(1);
  }
}

const home = mkdtempSync(path.join(tmpdir(), 'companion-keyring-'));
const env = {
  ...process.env,
  XDG_DATA_HOME: path.join(home, 'data'),
  XDG_RUNTIME_DIR: path.join(home, 'run'),
  XDG_CONFIG_HOME: path.join(home, 'config'),
  COMPANION_TEST_KEYRING: '1',
};
// The runtime folder exists before the bus starts (else dbus-daemon complains it cannot
// set up its service folder). As root in a container, dbus-daemon also announces that it
// may not raise its file limit: harmless, so its own stderr goes nowhere (dbus-run-session
// still reports a bus that fails to start).
mkdirSync(env.XDG_RUNTIME_DIR, { recursive: true, mode: 0o700 });
const daemon = path.join(home, 'dbus-daemon');
writeFileSync(daemon, '#!/bin/sh\nexec dbus-daemon "$@" 2>/dev/null\n');
chmodSync(daemon, 0o755);
const script =
  'mkdir -p "$XDG_DATA_HOME" "$XDG_CONFIG_HOME" && ' +
  'printf test-keyring | gnome-keyring-daemon --unlock --components=secrets >/dev/null 2>&1 && exec "$@"';
const r = spawnSync('dbus-run-session', [`--dbus-daemon=${daemon}`, '--', 'sh', '-c', script, 'sh', command, ...args], {
  stdio: 'inherit',
  env,
});
rmSync(home, { recursive: true, force: true });
process.exit(r.status ?? 1);
