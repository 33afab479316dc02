// Sets up whatever `npm start` or `npm test` needs and is missing, then gets out of the way
// (a fraction of a second when nothing is): the system packages (apt or dnf; sudo only
// after asking, or without a question as root or with CI=true), the macOS or Windows
// build tools (checked, with what to install), and the dependencies (`npm ci` when
// node_modules is missing or does not match package-lock.json, which also brings Node 24).
// Plain Node without dependencies: it runs under whatever Node runs npm, then runs the
// given script on the Node 24 from node_modules.
//   node scripts/setup.mjs run|test <script> [args…]
//   node scripts/setup.mjs run|test --check   (say what is missing, change nothing)
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const purpose = process.argv[2] === 'test' ? 'test' : 'run';
const checkOnly = process.argv[3] === '--check';
const [script, ...scriptArgs] = checkOnly ? [] : process.argv.slice(3);
const ci = process.env.CI === 'true' || process.env.CI === '1';
const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;

// Debian/Ubuntu: keytar builds against libsecret (node-gyp: python3, make, g++); the demo
// and e2e use Chromium; openssl makes test certificates; the tests' keychain is
// gnome-keyring on a private D-Bus; the real-Odoo tier needs PostgreSQL and Odoo's Python.
const APT = {
  run: ['libsecret-1-dev', 'python3', 'make', 'g++', 'pkg-config', 'ca-certificates', 'openssl', 'chromium'],
  test: [
    'gnome-keyring', 'dbus', 'dbus-bin', 'postgresql', 'python3-psycopg2', 'python3-werkzeug', 'python3-lxml', 'python3-babel',
    'python3-dateutil', 'python3-decorator', 'python3-docutils', 'python3-passlib', 'python3-pil', 'python3-polib', 'python3-psutil',
    'python3-reportlab', 'python3-renderpm', 'python3-requests', 'python3-zeep', 'python3-openssl', 'python3-jinja2', 'python3-rjsmin',
    'python3-asn1crypto', 'python3-cryptography', 'python3-tz', 'python3-idna', 'python3-markupsafe', 'python3-num2words',
    'python3-qrcode', 'python3-stdnum', 'python3-xlsxwriter', 'python3-xlrd', 'python3-xlwt', 'python3-vobject', 'python3-ofxparse',
    'python3-pypdf2', 'python3-libsass', 'python3-geoip2', 'python3-gevent', 'python3-greenlet', 'python3-ldap', 'python3-docopt',
    'python3-chardet', 'python3-urllib3', 'python3-setuptools', 'python3-jwt',
  ],
};
const DNF = {
  run: ['libsecret-devel', 'python3', 'make', 'gcc-c++', 'pkgconf-pkg-config', 'ca-certificates', 'openssl', 'chromium'],
  test: ['gnome-keyring', 'dbus-daemon'],
};

const quiet = (cmd, args) => spawnSync(cmd, args, { stdio: 'ignore' }).status === 0;
const has = (tool) => quiet('sh', ['-c', `command -v ${tool}`]);

function ask(question) {
  // A synchronous yes/no on the terminal, without any package.
  const r = spawnSync('sh', ['-c', `printf '%s [Y/n] ' "$1" >&2; read answer; echo "$answer"`, 'sh', question], {
    stdio: ['inherit', 'pipe', 'inherit'],
    encoding: 'utf8',
  });
  return /^(y|yes|)$/i.test((r.stdout ?? '').trim());
}

function systemPackages() {
  if (process.platform === 'darwin') {
    if (!quiet('xcode-select', ['-p'])) fail('The Xcode command line tools are missing (keytar builds with them): run `xcode-select --install`, then this command again.');
    return;
  }
  if (process.platform === 'win32') {
    const vswhere = path.join(process.env['ProgramFiles(x86)'] ?? 'C:\\Program Files (x86)', 'Microsoft Visual Studio', 'Installer', 'vswhere.exe');
    if (!existsSync(vswhere)) fail('Visual Studio Build Tools are missing (keytar builds with them): install them with the "Desktop development with C++" workload, then run this command again.');
    return;
  }
  const manager = has('dpkg') && has('apt-get') ? 'apt' : has('rpm') && has('dnf') ? 'dnf' : null;
  if (manager === null) {
    console.log('setup: no apt or dnf here; install the packages the README lists for your system yourself.');
    return;
  }
  const lists = manager === 'apt' ? APT : DNF;
  const wanted = purpose === 'test' ? [...lists.run, ...lists.test] : lists.run;
  const missing =
    manager === 'apt'
      ? (() => {
          // One dpkg-query for all: unknown packages go to stderr, the others say their status.
          const out = spawnSync('dpkg-query', ['-W', '-f=${Package} ${db:Status-Status}\\n', ...wanted], { encoding: 'utf8' }).stdout ?? '';
          const ok = new Set(out.split('\n').filter((l) => l.endsWith(' installed')).map((l) => l.split(' ')[0]));
          return wanted.filter((p) => !ok.has(p));
        })()
      : wanted.filter((p) => !quiet('rpm', ['-q', '--whatprovides', p]));
  if (missing.length === 0) return;
  const commands =
    manager === 'apt'
      ? [['apt-get', 'update', '-qq'], ['apt-get', 'install', '-y', '-qq', '--no-install-recommends', ...missing]]
      : [['dnf', 'install', '-y', '-q', ...missing]];
  const shown = commands.map((c) => `${isRoot ? '' : 'sudo '}${c.join(' ')}`).join(' && ');
  if (checkOnly) {
    console.log(`setup: missing system packages: ${missing.join(' ')}`);
    return;
  }
  let sudo = [];
  if (!isRoot) {
    if (!has('sudo')) fail(`setup: these system packages are missing and there is no sudo: as root, run ${shown}`);
    if (!ci && !process.stdin.isTTY) fail(`setup: these system packages are missing: run ${shown}, then this command again.`);
    if (!ci && !ask(`setup: ${missing.length} system package(s) are missing (${missing.slice(0, 6).join(' ')}${missing.length > 6 ? ' …' : ''}). Install them with sudo ${manager === 'apt' ? 'apt-get' : 'dnf'}?`)) {
      fail(`setup: not installed. Run ${shown} yourself, then this command again.`);
    }
    sudo = ['sudo'];
  }
  console.log(`setup: installing ${missing.length} system package(s) with ${manager === 'apt' ? 'apt-get' : 'dnf'}…`);
  for (const c of commands) {
    const all = [...sudo, ...c];
    const r = spawnSync(all[0], all.slice(1), { stdio: ['inherit', 'ignore', 'inherit'], env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
    if (r.status !== 0) fail(`setup: \`${all.join(' ')}\` failed.`);
  }
}

/** node_modules matches package-lock.json: every non-optional package at its locked version, keytar built. */
function dependenciesCurrent() {
  const hidden = path.join(root, 'node_modules', '.package-lock.json');
  if (!existsSync(hidden)) return false;
  const locked = JSON.parse(readFileSync(path.join(root, 'package-lock.json'), 'utf8')).packages;
  const present = JSON.parse(readFileSync(hidden, 'utf8')).packages;
  for (const [key, entry] of Object.entries(locked)) {
    if (key === '' || entry.optional) continue;
    if (present[key]?.version !== entry.version) return false;
  }
  return existsSync(path.join(root, 'node_modules', 'keytar', 'build', 'Release', 'keytar.node'));
}

function dependencies() {
  if (dependenciesCurrent()) return;
  if (checkOnly) {
    console.log('setup: node_modules is missing or out of date: `npm ci` would run.');
    return;
  }
  console.log('setup: installing the dependencies with `npm ci` (about a minute; it also brings Node 24)…');
  const npm = process.env.npm_execpath;
  const [cmd, args] = npm !== undefined && npm.endsWith('.js') ? [process.execPath, [npm]] : [process.platform === 'win32' ? 'npm.cmd' : 'npm', []];
  const r = spawnSync(cmd, [...args, 'ci', '--no-audit', '--no-fund'], {
    stdio: ['inherit', 'inherit', 'pipe'],
    encoding: 'utf8',
    cwd: root,
    shell: process.platform === 'win32',
  });
  // npm under an older Node warns, in five lines per package, that packages want Node 24:
  // one line says it instead.
  const lines = (r.stderr ?? '').split('\n');
  const engine = lines.filter((l) => /^npm warn EBADENGINE +package:/.test(l)).length;
  process.stderr.write(lines.filter((l) => !l.startsWith('npm warn EBADENGINE')).join('\n'));
  if (engine > 0) {
    console.log(`setup: npm runs on Node ${process.versions.node} here; ${engine} packages (this one too) ask for a newer Node — harmless: every script runs on the Node 24 this install brought.`);
  }
  if (r.status !== 0) fail('setup: `npm ci` failed (see above).');
}

function fail(message) {
  console.error(message);
  process.exit(1);
}

systemPackages();
dependencies();
if (checkOnly || script === undefined) process.exit(0);
// The npm package `node` (a dev dependency) holds Node 24's own binary.
const node24 = path.join(root, 'node_modules', 'node', 'bin', process.platform === 'win32' ? 'node.exe' : 'node');
if (!existsSync(node24)) fail('setup: Node 24 is missing from node_modules (the `node` dev dependency): run `npm ci`.');
const r = spawnSync(node24, [path.resolve(root, script), ...scriptArgs], { stdio: 'inherit', cwd: root });
process.exit(r.status ?? 1);
