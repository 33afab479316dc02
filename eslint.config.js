// Lint rules that hold the architecture in place (docs/architecture.md, "Layers"):
// - only main/app imports 'electron' (plus the preload entry, which must);
// - ipcMain / ipcRenderer appear only in the registration helper and the preload entry;
// - no synchronous IPC; no `any` (the contract above all);
// - the renderer has no network API.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const ipcOwners = ['main/app/ipc.ts', 'preload/index.ts'];

export default tseslint.config(
  { ignores: ['dist/**', 'release/**', 'node_modules/**', 'test-results/**', 'coverage/**', '.cache/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx}'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-syntax': [
        'error',
        { selector: "MemberExpression[property.name='sendSync']", message: 'No synchronous IPC.' },
      ],
    },
  },
  {
    files: ['**/*.{ts,tsx,js,mjs,cjs}'],
    ignores: ['main/app/**', 'preload/index.ts', 'tests/app/**', 'tests/support/fake-electron.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: "Only main/app may import 'electron' (docs/architecture.md)." }],
        },
      ],
    },
  },
  {
    files: ['**/*.{ts,tsx}'],
    ignores: [...ipcOwners, 'tests/**'],
    rules: {
      'no-restricted-syntax': [
        'error',
        { selector: "MemberExpression[property.name='sendSync']", message: 'No synchronous IPC.' },
        {
          selector: 'Identifier[name=/^ipc(Main|Renderer)$/]',
          message: 'ipcMain/ipcRenderer belong to main/app/ipc.ts and preload/index.ts only.',
        },
      ],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-globals': [
        'error',
        { name: 'fetch', message: 'The renderer has no network: ask main over IPC.' },
        { name: 'XMLHttpRequest', message: 'The renderer has no network: ask main over IPC.' },
        { name: 'WebSocket', message: 'The renderer has no network: ask main over IPC.' },
        { name: 'EventSource', message: 'The renderer has no network: ask main over IPC.' },
      ],
    },
  },
  {
    files: ['**/*.{js,mjs,cjs}'],
    languageOptions: {
      globals: {
        process: 'readonly',
        console: 'readonly',
        URL: 'readonly',
        Buffer: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
      },
    },
  },
);
