// `npm start` where no Electron binary can be had: one clear sentence, a non-zero exit,
// and no download stack trace.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../../', import.meta.url));

describe('npm start without an Electron binary', () => {
  it('exits non-zero with one sentence naming the cause', () => {
    const r = spawnSync(process.execPath, ['scripts/start.mjs'], {
      cwd: root,
      encoding: 'utf8',
      // Points Electron at a folder with no binary: no download is attempted.
      env: { ...process.env, ELECTRON_OVERRIDE_DIST_PATH: fileURLToPath(new URL('./no-electron-here/', import.meta.url)) },
    });
    expect(r.status).toBe(1);
    const lines = r.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^Odoo Companion cannot start here: the Electron 45 binary is not installed/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});
