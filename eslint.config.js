// Lint rules that hold the architecture in place (docs/architecture.md, "Layers"):
// - only main/app imports 'electron' (plus the preload entry, which must);
// - ipcMain / ipcRenderer appear only in the registration helper and the preload entry;
// - no synchronous IPC; no `any` (the contract above all);
// - the renderer has no network API, and takes only types from the contract (no zod in
//   its bundle);
// - the contract (contract/, bundled into the preload) takes nothing from main but the
//   core's zod-only storage schemas, and no Node module;
// - no user-facing text written as a literal (JSX, and main's menus, tray, notifications,
//   dialogs): it comes from the i18n catalogues (docs/i18n.md);
// - no import cycle between the project's modules (eslint-rules/no-import-cycle.js).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import i18n from './eslint-rules/no-literal-ui-text.js';
import imports from './eslint-rules/no-import-cycle.js';

/** Names that are the same in every language. */
const productNames = ['Odoo Companion', 'Touch ID', 'Windows Hello', 'Odoo'];

const ipcOwners = ['main/app/ipc.ts', 'preload/index.ts'];

export default tseslint.config(
  { ignores: ['dist/**', 'release/**', 'node_modules/**', 'test-results/**', 'coverage/**', '.cache/**', '.stryker-tmp/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx,js,mjs}'],
    plugins: { imports },
    rules: { 'imports/no-import-cycle': 'error' },
  },
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
    files: ['renderer/**/*.{ts,tsx}'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '(^|/)contract(/index)?(\\.js)?$',
              allowTypeImports: true,
              message: 'The renderer takes only types from the contract (import type): zod stays out of its bundle.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['contract/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '(^|/)main/(?!.*-schema\\.js$)',
              message: 'The contract takes from main only the storage schemas (main/core/**/*-schema.ts: zod, no Node module).',
            },
            { regex: '^node:', message: 'The contract is bundled into the preload and the renderer: no Node module.' },
          ],
        },
      ],
    },
  },
  {
    files: ['renderer/**/*.tsx'],
    plugins: { i18n },
    rules: { 'i18n/no-literal-jsx-text': ['error', { allow: productNames }] },
  },
  {
    files: ['main/app/**/*.ts', 'main/core/shell/**/*.ts'],
    plugins: { i18n },
    rules: { 'i18n/no-literal-shell-text': ['error', { allow: productNames }] },
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
