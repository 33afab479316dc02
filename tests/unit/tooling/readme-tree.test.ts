// The README's "Where things live" is how a newcomer enters the tree: every path it names
// must exist, and every folder of the source must be named there (so a new folder cannot
// be added without saying what it is for).
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const readme = readFileSync(path.join(root, 'README.md'), 'utf8');
const section = readme.slice(readme.indexOf('## Where things live'), readme.indexOf('\n## ', readme.indexOf('## Where things live') + 5));
const firstColumn = section
  .split('\n')
  .filter((l) => l.startsWith('| `'))
  .map((l) => l.split('|')[1]!);
const named = firstColumn.flatMap((cell) => [...cell.matchAll(/`([^`]+)`/g)].map((m) => m[1]!));

const folders = (dir: string): string[] =>
  readdirSync(path.join(root, dir))
    .filter((n) => statSync(path.join(root, dir, n)).isDirectory())
    .map((n) => `${dir}/${n}`);

describe("README's Where things live", () => {
  it('names only paths that exist', () => {
    expect(named.length).toBeGreaterThan(10);
    expect(named.filter((p) => !existsSync(path.join(root, p.replace(/\/$/, ''))))).toEqual([]);
  });

  it('names every folder of the source and its top level', () => {
    const source = ['contract', 'preload', 'renderer', 'i18n', 'eslint-rules', 'scripts', 'bench', 'docs', ...folders('main'), ...folders('main/core')];
    const covered = (f: string) => named.some((p) => p.replace(/\/$/, '') === f || f.startsWith(p.replace(/\/$/, '') + '/') || p.startsWith(`${f}/`));
    expect(source.filter((f) => !covered(f))).toEqual([]);
  });
});
