// `npm start` where no Electron binary can be had: one line saying so, then the demo
// (its one-time loopback link on a machine without a display), no download stack trace.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../../', import.meta.url));

describe('npm start without an Electron binary', () => {
  it('says so in one line and starts the demo', async () => {
    const child = spawn(process.execPath, ['scripts/start.mjs'], {
      cwd: root,
      // Points Electron at a folder with no binary (no download is attempted); no window is opened.
      env: { ...process.env, ELECTRON_OVERRIDE_DIST_PATH: fileURLToPath(new URL('./no-electron-here/', import.meta.url)), COMPANION_DEMO_NO_WINDOW: '1', DISPLAY: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const link = new Promise<string>((resolve, reject) => {
      child.stdout.on('data', (d: Buffer) => {
        stdout += d.toString();
        const m = /open (http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]+) in a browser/.exec(stdout);
        if (m !== null) resolve(m[1]!);
      });
      child.on('exit', () => reject(new Error(`the demo ended: ${stdout}${stderr}`)));
    });
    try {
      const url = await link;
      const lines = stdout.trim().split('\n');
      expect(lines[0]).toMatch(/^Electron cannot run here \(its binary is not installed and could not be downloaded\), so this starts the demo instead/);
      expect(stderr).not.toMatch(/\n\s+at /);
      const page = await fetch(url, { redirect: 'manual' });
      expect(page.status).toBe(302);
    } finally {
      child.kill('SIGTERM');
      if (child.exitCode === null) await once(child, 'exit');
    }
    expect(child.exitCode).toBe(0);
  }, 120_000);
});
