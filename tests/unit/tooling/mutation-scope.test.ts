// The mutation step is only as good as its scope: a new file in the security core that no
// group of stryker.config.mjs names would never be mutated, and nothing would say so. This
// holds that every file of the core's folders is in exactly one group, except modules with
// nothing to mutate (types and re-exports only, checked by compiling them).
import { globSync, readFileSync } from 'node:fs';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const root = new URL('../../../', import.meta.url);
interface Group {
  name: string;
  mutate: string[];
  report: string;
}
const { groups } = (await import(new URL('stryker.config.mjs', root).href)) as { groups: Group[] };
const CORE = ['main/core/{ipc,net,secrets,vault}/**/*.ts', 'main/core/odoo/sign-in/**/*.ts'];
const NOTHING_TO_MUTATE = ['main/core/net/index.ts', 'main/core/net/types.ts', 'main/core/vault/index.ts', 'main/core/secrets/types.ts', 'main/core/odoo/sign-in/method.ts'];
/** What such a module may hold at run time: re-exports, and constant lists (static mutants, ignored). */
const NO_MUTANT_TO_TEST = [/^export \{[^}]*\} from '[^']+'$/, /^export const \w+ = \[[^\]]*\]$/];

const files = (patterns: string[]) => [...new Set(patterns.flatMap((p) => globSync(p, { cwd: root })))].sort();

/** The statements left once TypeScript has erased the types. */
function runtimeStatements(file: string): string[] {
  const js = ts.transpileModule(readFileSync(new URL(file, root), 'utf8'), {
    compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022, removeComments: true, verbatimModuleSyntax: false },
  }).outputText;
  return js
    .replace(/\s+/g, ' ')
    .split(';')
    .map((s) => s.trim())
    .filter((s) => s !== '' && s !== 'export {}');
}

describe('mutation scope', () => {
  it('puts every file of the security core in exactly one group', () => {
    const grouped = groups.flatMap((g) => files(g.mutate));
    const missing = files(CORE).filter((f) => !grouped.includes(f) && !NOTHING_TO_MUTATE.includes(f));
    expect(missing).toEqual([]);
    expect(grouped.length).toBe(new Set(grouped).size);
  });

  it('leaves out only modules whose compiled form is re-exports or constant lists', () => {
    for (const file of NOTHING_TO_MUTATE) {
      const statements = runtimeStatements(file);
      expect(statements.filter((s) => !NO_MUTANT_TO_TEST.some((r) => r.test(s))), file).toEqual([]);
    }
  });

  it('keeps reports that name no folder of the machine that wrote them', () => {
    // Status reasons quote stack traces; scripts/mutation.mjs strips the checkout's folder.
    const absolute = /file:\/\/\/|(?<![\w.:/])\/(?:[\w.-]+\/)+(?:node_modules|main|tests|scripts)\//;
    for (const g of groups) {
      const report = JSON.parse(readFileSync(new URL(g.report, root), 'utf8')) as { files: Record<string, { mutants: { statusReason?: string }[] }> };
      const reasons = Object.values(report.files).flatMap((f) => f.mutants.map((m) => m.statusReason ?? ''));
      expect(reasons.find((r) => absolute.test(r)) ?? null, g.report).toBeNull();
    }
  });

  it('gives each group its own kept report', () => {
    const reports = groups.map((g) => g.report);
    expect(new Set(reports).size).toBe(groups.length);
    for (const r of reports) expect(r).toMatch(/^\.stryker\/[a-z-]+\.json$/);
  });
});
