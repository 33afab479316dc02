// `npm run demo` (after scripts/demo.mjs has built the renderer): the production renderer
// and the real core against the bundled Odoo test server, nothing saved. Opens it in
// Electron where Electron can be had, else in Chromium or the system browser; without a
// display it prints the one-time loopback link. Ctrl-C stops everything and removes the
// throw-away data folder.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startDemoCore } from './demo-core.js';
import { bundlePageBridge, serveDemo } from './demo-server.js';

const root = fileURLToPath(new URL('../../', import.meta.url));

function electronBinary(): string | null {
  const r = spawnSync(process.execPath, ['-e', "process.stdout.write(require('electron'))"], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  return r.status === 0 && r.stdout !== '' && existsSync(r.stdout) ? r.stdout : null;
}

const hasDisplay = process.platform === 'darwin' || process.platform === 'win32' || Boolean(process.env.DISPLAY ?? process.env.WAYLAND_DISPLAY);
const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Opens the link in a window; returns what was started, or null when there is nothing to show it on. */
function openWindow(url: string, profileDir: string): ChildProcess | null {
  if (!hasDisplay || process.env.COMPANION_DEMO_NO_WINDOW === '1') return null;
  const electron = electronBinary();
  if (electron !== null) return spawn(electron, [url], { stdio: 'ignore' });
  if (existsSync(chromium)) {
    // Chromium refuses to start as root with its sandbox (CI containers run as root).
    const asRoot = process.getuid?.() === 0 ? ['--no-sandbox'] : [];
    return spawn(chromium, [`--app=${url}`, `--user-data-dir=${profileDir}`, '--no-first-run', '--disable-sync', ...asRoot], { stdio: 'ignore' });
  }
  const opener = process.platform === 'darwin' ? ['open', url] : process.platform === 'win32' ? ['cmd', '/c', 'start', '', url] : ['xdg-open', url];
  spawn(opener[0]!, opener.slice(1), { stdio: 'ignore', detached: true }).unref();
  return null;
}

const [bridge, core] = await Promise.all([bundlePageBridge(), startDemoCore({ say: (line) => console.log(line) })]);
const server = await serveDemo(core, path.join(root, 'dist', 'renderer'), bridge);
const profileDir = mkdtempSync(path.join(tmpdir(), 'companion-demo-browser-'));
const window = openWindow(server.url, profileDir);
console.log(
  window === null && !hasDisplay
    ? `No display here: open ${server.url} in a browser on this computer (the link works once, from this computer only). Ctrl-C stops the demo.`
    : `The demo is open (link, once: ${server.url}). Ctrl-C stops it.`,
);

let stopping = false;
async function stop(): Promise<void> {
  if (stopping) return;
  stopping = true;
  window?.kill();
  await server.close();
  await core.close();
  rmSync(profileDir, { recursive: true, force: true });
  process.exit(0);
}
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());
window?.on('exit', () => void stop());
