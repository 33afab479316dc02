// The preload runs sandboxed: it can require 'electron' and nothing else from outside
// its own file. It carries the contract (channel and event names) and, through it, the
// core's storage schemas; this builds it as `npm run build` does (in memory) and checks
// that nothing node-only came along — a storage module that imports node:fs, say.
import { fileURLToPath } from 'node:url';
import { build, type Rollup } from 'vite';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../../', import.meta.url));

describe('the preload bundle', () => {
  it("requires 'electron' only", async () => {
    const out = await build({ configFile: `${root}vite.config.ts`, mode: 'preload', logLevel: 'silent', build: { write: false } });
    const outputs = (Array.isArray(out) ? out : [out]) as Rollup.RollupOutput[];
    const chunks = outputs.flatMap((o) => o.output.filter((c): c is Rollup.OutputChunk => c.type === 'chunk'));
    expect(chunks).toHaveLength(1);
    const code = chunks[0]!.code;
    const required = new Set([...code.matchAll(/\brequire\(\s*["'`]([^"'`]+)["'`]\s*\)/g)].map((m) => m[1]));
    expect([...required]).toEqual(['electron']);
    expect(code).not.toMatch(/\bimport\(/);
  }, 60_000);
});
