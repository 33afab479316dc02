// Lets plain Node 24 run the project's TypeScript (benches, child processes in tests):
//   node --import ./scripts/ts-hooks.mjs bench/rpc.ts
// Relative `.js` specifiers fall back to the `.ts` file beside them (the sources import
// with `.js`, as the bundler and TypeScript expect), and .ts files are compiled by Node's
// own type stripper in transform mode.
import { existsSync, readFileSync } from 'node:fs';
import { registerHooks, stripTypeScriptTypes } from 'node:module';
import { fileURLToPath } from 'node:url';

registerHooks({
  resolve(specifier, context, nextResolve) {
    if (context.parentURL?.startsWith('file:') && /^\.{1,2}\//.test(specifier) && specifier.endsWith('.js')) {
      const url = new URL(specifier, context.parentURL);
      if (!existsSync(fileURLToPath(url))) {
        const ts = new URL(url.href.replace(/\.js$/, '.ts'));
        if (existsSync(fileURLToPath(ts))) return { url: ts.href, format: 'module', shortCircuit: true };
      }
    }
    return nextResolve(specifier, context);
  },
  load(url, context, nextLoad) {
    if (url.startsWith('file:') && url.endsWith('.ts') && !url.includes('/node_modules/')) {
      const source = stripTypeScriptTypes(readFileSync(fileURLToPath(url), 'utf8'), { mode: 'transform' });
      return { format: 'module', source, shortCircuit: true };
    }
    // The sources import the JSON catalogues as the bundler does, without an import
    // attribute: the project's own JSON files load as JSON modules here too.
    if (url.startsWith('file:') && url.endsWith('.json') && !url.includes('/node_modules/')) {
      return { format: 'json', source: readFileSync(fileURLToPath(url), 'utf8'), shortCircuit: true };
    }
    return nextLoad(url, context);
  },
});

// The type stripper announces itself once per process; output should be the program's own.
process.removeAllListeners('warning');
