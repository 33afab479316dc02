// Lint rule: no import cycle between the project's own modules (docs/architecture.md,
// "Layers"). A cycle makes the order in which modules initialise an accident, and it is
// the first sign that two layers lean on each other. Type-only imports count too: a type
// cycle is a design cycle even when the compiler erases it.
//
// The file being linted contributes its imports from its AST (so an edit is seen before
// it is saved); every other file is read from disk once per lint run and its relative
// imports taken with a small scanner. Only relative specifiers are followed: packages
// cannot import the project back.
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

const EXTENSIONS = ['.ts', '.tsx', '.mts', '.js', '.mjs', '.jsx'];

/** Resolves a relative specifier to a file on disk, or null (a package, or a missing file). */
function resolve(fromFile, specifier) {
  if (!specifier.startsWith('.')) return null;
  const base = path.resolve(path.dirname(fromFile), specifier);
  const stem = base.replace(/\.(m?js|jsx)$/, '');
  const candidates = [base, ...EXTENSIONS.map((e) => stem + e), ...EXTENSIONS.map((e) => path.join(base, 'index' + e))];
  for (const c of candidates) {
    try {
      if (existsSync(c) && statSync(c).isFile()) return c;
    } catch {
      // unreadable: not a module we can follow
    }
  }
  return null;
}

const SPECIFIER = /(?:^|[\s;}])(?:import|export)\s+(?:type\s+)?(?:[\w*{}\s,$]+?\s+from\s+)?['"]([^'"\n]+)['"]|import\(\s*['"]([^'"\n]+)['"]\s*\)/g;

/** Strips comments, so a commented-out import does not count. */
function withoutComments(text) {
  return text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`\\])\/\/.*$/gm, '$1');
}

const graph = new Map();

function importsOnDisk(file) {
  const known = graph.get(file);
  if (known) return known;
  let text = '';
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    // a file that cannot be read imports nothing we can see
  }
  const out = new Set();
  for (const m of withoutComments(text).matchAll(SPECIFIER)) {
    const target = resolve(file, m[1] ?? m[2]);
    if (target) out.add(target);
  }
  graph.set(file, out);
  return out;
}

/** A path from `start` back to `goal` through files on disk, or null. */
function pathBack(start, goal) {
  const seen = new Set();
  const stack = [[start, [start]]];
  while (stack.length > 0) {
    const [file, trail] = stack.pop();
    if (file === goal) return trail;
    if (seen.has(file)) continue;
    seen.add(file);
    for (const next of importsOnDisk(file)) stack.push([next, [...trail, next]]);
  }
  return null;
}

export default {
  rules: {
    'no-import-cycle': {
      meta: {
        type: 'problem',
        docs: { description: 'Refuses an import that leads back to the importing module.' },
        schema: [],
        messages: { cycle: 'Import cycle: {{trail}}.' },
      },
      create(context) {
        const file = context.filename;
        const root = context.cwd;
        const check = (node, source) => {
          if (typeof source !== 'string') return;
          const target = resolve(file, source);
          if (target === null || target === file) return;
          const trail = pathBack(target, file);
          if (trail === null) return;
          const shown = [file, ...trail].map((f) => path.relative(root, f)).join(' → ');
          context.report({ node, messageId: 'cycle', data: { trail: shown } });
        };
        return {
          ImportDeclaration: (node) => check(node, node.source.value),
          ExportNamedDeclaration: (node) => node.source && check(node, node.source.value),
          ExportAllDeclaration: (node) => check(node, node.source.value),
          ImportExpression: (node) => node.source.type === 'Literal' && check(node, node.source.value),
        };
      },
    },
  },
};
