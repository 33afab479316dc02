// Launch at login on Linux (main/core/shell/autostart.ts): where the XDG autostart entry
// goes, how the Exec line quotes the app's path (Desktop Entry Specification), and that the
// file is written whole or not at all, then removed — on a real temporary folder.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  autostartDir,
  autostartEntry,
  quoteExecArgument,
  readAutostart,
  removeAutostart,
  writeAutostart,
} from '../../../../main/core/shell/autostart.js';

const folders: string[] = [];
afterEach(() => {
  for (const f of folders.splice(0)) rmSync(f, { recursive: true, force: true });
});
function tempDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'companion-autostart-'));
  folders.push(dir);
  return dir;
}

describe('XDG autostart', () => {
  it('lives in $XDG_CONFIG_HOME/autostart, else ~/.config/autostart (a relative XDG path is ignored)', () => {
    expect(autostartDir({ XDG_CONFIG_HOME: '/home/ana/.cfg' }, '/home/ana')).toBe('/home/ana/.cfg/autostart');
    expect(autostartDir({}, '/home/ana')).toBe('/home/ana/.config/autostart');
    expect(autostartDir({ XDG_CONFIG_HOME: '' }, '/home/ana')).toBe('/home/ana/.config/autostart');
    expect(autostartDir({ XDG_CONFIG_HOME: 'relative/cfg' }, '/home/ana')).toBe('/home/ana/.config/autostart');
  });

  it('quotes an Exec argument as the Desktop Entry spec asks', () => {
    expect(quoteExecArgument('/usr/bin/odoo-companion')).toBe('/usr/bin/odoo-companion');
    expect(quoteExecArgument('/opt/Odoo Companion/odoo-companion')).toBe('"/opt/Odoo Companion/odoo-companion"');
    // Inside quotes: " ` $ \ escaped with a backslash; then every backslash doubled (string value).
    expect(quoteExecArgument('/opt/a"b')).toBe('"/opt/a\\\\"b"');
    expect(quoteExecArgument('/opt/$HOME`x`')).toBe('"/opt/\\\\$HOME\\\\`x\\\\`"');
    expect(quoteExecArgument('/opt/back\\slash')).toBe('"/opt/back\\\\\\\\slash"');
    // % starts a field code: doubled.
    expect(quoteExecArgument('/opt/100%')).toBe('/opt/100%%');
  });

  it('is one desktop entry whose Exec starts the app, with no line break smuggled in', () => {
    const text = autostartEntry({ name: 'Odoo Companion', exec: '/opt/Odoo Companion/app', args: ['--hidden'] });
    expect(text.split('\n')).toEqual([
      '[Desktop Entry]',
      'Type=Application',
      'Name=Odoo Companion',
      'Exec="/opt/Odoo Companion/app" --hidden',
      'Terminal=false',
      'X-GNOME-Autostart-enabled=true',
      '',
    ]);
    const hostile = autostartEntry({ name: 'X\nExec=evil', exec: '/a\nExec=evil' });
    expect(hostile.split('\n').filter((l) => l.startsWith('Exec='))).toHaveLength(1);
  });

  it('is written atomically (no temporary file left), read back, and removed', async () => {
    const dir = path.join(tempDir(), 'autostart');
    const file = path.join(dir, 'app.desktop');
    expect(await readAutostart(file)).toBeNull();
    await writeAutostart(file, 'first\n');
    await writeAutostart(file, 'second\n');
    expect(readFileSync(file, 'utf8')).toBe('second\n');
    expect(readdirSync(dir)).toEqual(['app.desktop']);
    await removeAutostart(file);
    await removeAutostart(file);
    expect(existsSync(file)).toBe(false);
  });

  it('a write that cannot finish leaves no temporary file behind', async () => {
    const dir = tempDir();
    // The rename cannot replace a folder that holds something (even as root).
    const file = path.join(dir, 'app.desktop');
    mkdirSync(file);
    writeFileSync(path.join(file, 'inside'), 'x');
    await expect(writeAutostart(file, 'new\n')).rejects.toThrow();
    expect(readdirSync(dir)).toEqual(['app.desktop']);
    expect(readdirSync(file)).toEqual(['inside']);
  });
});
