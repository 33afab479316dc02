// One Vite config, three builds (selected with --mode), so `npm run build` lays out
// dist/ exactly as electron-builder packs it:
//   renderer → dist/renderer (React, browser build, served on app://companion)
//   main     → dist/main/index.cjs (Node 24 inside Electron; electron and keytar external)
//   preload  → dist/preload/index.cjs (sandboxed preload: one self-contained CommonJS file)
// Plain Vite rather than a wrapper plugin: three small, explicit builds are easier to read
// and keep working across Vite majors than a plugin that owns the Electron lifecycle.
import react from '@vitejs/plugin-react';
import { builtinModules } from 'node:module';
import { fileURLToPath } from 'node:url';
import { defineConfig, type UserConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));
const nodeBuiltins = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];

function nodeBundle(entry: string, outDir: string, external: string[]): UserConfig {
  return {
    root,
    publicDir: false,
    build: {
      ssr: entry,
      outDir,
      emptyOutDir: true,
      target: 'node24',
      minify: false,
      sourcemap: false,
      rollupOptions: {
        external: [...external, ...nodeBuiltins],
        output: { format: 'cjs', entryFileNames: 'index.cjs' },
      },
    },
    ssr: { noExternal: true, external },
  };
}

export default defineConfig(({ mode }) => {
  if (mode === 'main') return nodeBundle('main/index.ts', 'dist/main', ['electron', 'keytar']);
  if (mode === 'preload') return nodeBundle('preload/index.ts', 'dist/preload', ['electron']);
  return {
    root: `${root}renderer`,
    base: './',
    plugins: [react()],
    build: {
      outDir: `${root}dist/renderer`,
      emptyOutDir: true,
      target: 'chrome140',
      sourcemap: false,
      assetsInlineLimit: 0,
    },
  };
});
