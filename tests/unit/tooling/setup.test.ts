// scripts/setup.mjs, the first step of `npm start` and `npm test`: it installs only the
// system packages that are missing, says what it would do with --check, refuses to use
// sudo without asking where nobody can answer, and is quick when nothing is missing.
// Runs a copy of the script in a temporary project with fake dpkg-query, apt-get and sudo.
import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

const setupScript = fileURLToPath(new URL('../../../scripts/setup.mjs', import.meta.url));
let dir: string;
let installed: string[];

function fake(name: string, body: string): void {
  const file = path.join(dir, 'bin', name);
  writeFileSync(file, `#!/bin/sh\n${body}\n`);
  chmodSync(file, 0o755);
}

function run(args: string[], env: Record<string, string> = {}) {
  writeFileSync(path.join(dir, 'installed'), installed.map((p) => `${p} installed`).join('\n') + '\n');
  return spawnSync(process.execPath, [path.join(dir, 'scripts', 'setup.mjs'), ...args], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { PATH: `${path.join(dir, 'bin')}:${process.env.PATH ?? ''}`, HOME: dir, ...env },
  });
}

const aptCalls = (): string => (existsSync(path.join(dir, 'apt.log')) ? readFileSync(path.join(dir, 'apt.log'), 'utf8') : '');

beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'companion-setup-'));
  mkdirSync(path.join(dir, 'scripts'));
  mkdirSync(path.join(dir, 'bin'));
  copyFileSync(setupScript, path.join(dir, 'scripts', 'setup.mjs'));
  // A project whose node_modules matches its lock file (nothing for npm ci to do).
  writeFileSync(path.join(dir, 'package-lock.json'), JSON.stringify({ packages: { '': {}, 'node_modules/a': { version: '1.0.0' } } }));
  mkdirSync(path.join(dir, 'node_modules', 'keytar', 'build', 'Release'), { recursive: true });
  writeFileSync(path.join(dir, 'node_modules', '.package-lock.json'), JSON.stringify({ packages: { 'node_modules/a': { version: '1.0.0' } } }));
  writeFileSync(path.join(dir, 'node_modules', 'keytar', 'build', 'Release', 'keytar.node'), '');
  fake('dpkg', 'exit 0');
  fake('dpkg-query', `cat "${path.join(dir, 'installed')}"`);
  fake('apt-get', `echo "$*" >> "${path.join(dir, 'apt.log')}"`);
  fake('sudo', 'exec "$@"');
  installed = [];
});

afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('scripts/setup.mjs', () => {
  it('with --check names what is missing and changes nothing', () => {
    installed = ['libsecret-1-dev', 'python3', 'make', 'g++', 'pkg-config', 'ca-certificates', 'openssl'];
    const r = run(['run', '--check']);
    expect(r.status).toBe(0);
    expect(r.stdout.trim()).toBe('setup: missing system packages: chromium');
    expect(aptCalls()).toBe('');
  });

  it('installs only the missing packages with CI=true, without a question', () => {
    installed = ['libsecret-1-dev', 'python3', 'make', 'g++', 'pkg-config', 'ca-certificates', 'openssl'];
    const r = run(['run', 'scripts/none.mjs'], { CI: 'true' });
    const calls = aptCalls().trim().split('\n');
    expect(calls[0]).toBe('update -qq');
    expect(calls[1]).toBe('install -y -qq --no-install-recommends chromium');
    // Then it would run the script on Node 24, which this bare project does not have.
    expect(r.stderr).toContain('Node 24 is missing from node_modules');
  });

  it('does nothing when nothing is missing', () => {
    installed = ['libsecret-1-dev', 'python3', 'make', 'g++', 'pkg-config', 'ca-certificates', 'openssl', 'chromium'];
    const r = run(['run', '--check'], { CI: 'true' });
    expect(r.status).toBe(0);
    expect(r.stdout).toBe('');
    expect(aptCalls()).toBe('');
  });

  it.runIf(process.getuid?.() !== 0)('does not use sudo where nobody can answer its question', () => {
    const r = run(['run', 'scripts/none.mjs']);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/^setup: these system packages are missing: run sudo apt-get update -qq && sudo apt-get install/);
    expect(aptCalls()).toBe('');
  });
});
