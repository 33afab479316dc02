// Why: Electron's login items exist on macOS and Windows only, so "Launch at login" on
// Linux is an XDG autostart entry (the Desktop Application Autostart Specification): a
// desktop entry in $XDG_CONFIG_HOME/autostart (default ~/.config/autostart) that the
// session starts at login. Written atomically (a whole file or none), removed when the
// setting is turned off; the Exec line is the app's own path, quoted as the Desktop Entry
// Specification asks, so a path with spaces, quotes or `$` still starts the app.
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';

/** Named after the app's desktop file (package.json desktopName), as desktops expect. */
export const AUTOSTART_FILE_NAME = 'com.odoocompanion.desktop.desktop';

/** The autostart folder: $XDG_CONFIG_HOME/autostart when it is an absolute path, else ~/.config/autostart. */
export function autostartDir(env: Readonly<Record<string, string | undefined>>, home: string): string {
  const config = env.XDG_CONFIG_HOME;
  // The Base Directory spec: a relative path in an XDG variable is invalid and is ignored.
  const base = config !== undefined && config !== '' && path.isAbsolute(config) ? config : path.join(home, '.config');
  return path.join(base, 'autostart');
}

/**
 * One Exec argument as the Desktop Entry spec wants it: in double quotes when it holds a
 * reserved character, with `"`, `` ` ``, `$` and `\` escaped inside the quotes, `%` doubled
 * (field codes); then the string-value escape, which doubles every backslash once more.
 */
export function quoteExecArgument(arg: string): string {
  const field = arg.replaceAll('%', '%%');
  const reserved = /[\s"'\\><~|&;$*?#()`]/.test(field) || field === '';
  const quoted = reserved ? `"${field.replace(/["`$\\]/g, (c) => `\\${c}`)}"` : field;
  return quoted.replaceAll('\\', '\\\\');
}

/** Line breaks would end the value (and start a new key): none may reach the file. */
function oneLine(value: string): string {
  return value.replace(/[\r\n]+/g, ' ');
}

export function autostartEntry(options: { name: string; exec: string; args?: readonly string[]; comment?: string }): string {
  const exec = [options.exec, ...(options.args ?? [])].map(quoteExecArgument).join(' ');
  return [
    '[Desktop Entry]',
    'Type=Application',
    `Name=${oneLine(options.name)}`,
    ...(options.comment === undefined ? [] : [`Comment=${oneLine(options.comment)}`]),
    `Exec=${oneLine(exec)}`,
    'Terminal=false',
    'X-GNOME-Autostart-enabled=true',
    '',
  ].join('\n');
}

/** Writes the entry whole or not at all: a temporary file beside it, then a rename. */
export async function writeAutostart(file: string, text: string): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  const temp = `${file}.${randomBytes(6).toString('hex')}.tmp`;
  try {
    await writeFile(temp, text, { mode: 0o644 });
    await rename(temp, file);
  } catch (e) {
    await rm(temp, { force: true });
    throw e;
  }
}

export async function removeAutostart(file: string): Promise<void> {
  await rm(file, { force: true });
}

/** The entry as it is now, or null when there is none. */
export async function readAutostart(file: string): Promise<string | null> {
  try {
    return await readFile(file, 'utf8');
  } catch {
    return null;
  }
}
