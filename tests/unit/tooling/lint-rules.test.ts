// The architecture rules are only as good as the lint that enforces them: each case lints
// a file that breaks a rule, at the path where it would live, and expects the failure.
import { ESLint } from 'eslint';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';

const cwd = fileURLToPath(new URL('../../../', import.meta.url));
let eslint: ESLint;

async function ruleIds(code: string, filePath: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).map((m) => `${m.ruleId}: ${m.message}`);
}

beforeAll(() => {
  eslint = new ESLint({ cwd });
});

describe('lint rules', () => {
  it("refuses 'electron' imported under main/core", async () => {
    const ids = await ruleIds("import { app } from 'electron';\nexport const a = app;\n", 'main/core/vault/x.ts');
    expect(ids.some((m) => m.startsWith('no-restricted-imports'))).toBe(true);
  });

  it("refuses 'electron' imported in the renderer", async () => {
    const ids = await ruleIds("import { shell } from 'electron';\nexport const s = shell;\n", 'renderer/x.tsx');
    expect(ids.some((m) => m.startsWith('no-restricted-imports'))).toBe(true);
  });

  it("allows 'electron' under main/app", async () => {
    const ids = await ruleIds("import { app } from 'electron';\nexport const a = app;\n", 'main/app/x.ts');
    expect(ids).toEqual([]);
  });

  it('refuses ipcMain outside the registration helper', async () => {
    const code = "import { ipcMain } from 'electron';\nipcMain.handle('x', () => 1);\n";
    expect((await ruleIds(code, 'main/app/windows.ts')).some((m) => m.includes('ipcMain/ipcRenderer'))).toBe(true);
    expect(await ruleIds(code, 'main/app/ipc.ts')).toEqual([]);
  });

  it('refuses sendSync anywhere', async () => {
    const ids = await ruleIds("declare const r: { sendSync(c: string): void };\nr.sendSync('x');\n", 'preload/index.ts');
    expect(ids.some((m) => m.includes('No synchronous IPC'))).toBe(true);
  });

  it('refuses `any` in the contract', async () => {
    const ids = await ruleIds('export const x: any = 1;\n', 'contract/channels.ts');
    expect(ids.some((m) => m.startsWith('@typescript-eslint/no-explicit-any'))).toBe(true);
  });

  it('lets the contract take from main only the zod storage schemas, and no Node module', async () => {
    const store = "import { ProfileStore } from '../main/core/profiles/profile-store.js';\nexport const s = ProfileStore;\n";
    expect((await ruleIds(store, 'contract/x.ts')).some((m) => m.startsWith('@typescript-eslint/no-restricted-imports'))).toBe(true);
    const node = "import { join } from 'node:path';\nexport const j = join;\n";
    expect((await ruleIds(node, 'contract/x.ts')).some((m) => m.startsWith('@typescript-eslint/no-restricted-imports'))).toBe(true);
    const schema = "import { profileRecordSchema } from '../main/core/profiles/profile-schema.js';\nexport const s = profileRecordSchema;\n";
    expect(await ruleIds(schema, 'contract/x.ts')).toEqual([]);
  });

  it('lets the renderer take only types from the contract', async () => {
    const value = "import { channels } from '../../contract';\nexport const c = channels;\n";
    expect((await ruleIds(value, 'renderer/screens/x.tsx')).some((m) => m.startsWith('@typescript-eslint/no-restricted-imports'))).toBe(true);
    const indexJs = "import { channels } from '../contract/index.js';\nexport const c = channels;\n";
    expect((await ruleIds(indexJs, 'renderer/x.ts')).some((m) => m.startsWith('@typescript-eslint/no-restricted-imports'))).toBe(true);
    expect(await ruleIds("import type { Channels } from '../contract';\nexport type C = Channels;\n", 'renderer/x.ts')).toEqual([]);
  });

  it('refuses network APIs in the renderer', async () => {
    const ids = await ruleIds("export const p = fetch('https://example.com');\n", 'renderer/x.ts');
    expect(ids.some((m) => m.startsWith('no-restricted-globals'))).toBe(true);
  });

  it('refuses a literal sentence in the renderer\'s JSX, in its text and its user-facing attributes', async () => {
    const text = await ruleIds('export const A = () => <p>Vault passphrase</p>;\n', 'renderer/screens/x.tsx');
    expect(text.some((m) => m.startsWith('i18n/no-literal-jsx-text'))).toBe(true);
    const attribute = await ruleIds('export const A = () => <nav aria-label="Main" />;\n', 'renderer/screens/x.tsx');
    expect(attribute.some((m) => m.startsWith('i18n/no-literal-jsx-text'))).toBe(true);
    const child = await ruleIds("export const A = ({ b }: { b: boolean }) => <p>{b ? 'Saving…' : 'Save'}</p>;\n", 'renderer/screens/x.tsx');
    expect(child.some((m) => m.startsWith('i18n/no-literal-jsx-text'))).toBe(true);
  });

  it('allows catalogue text, product names and punctuation in JSX', async () => {
    const code = "declare function t(k: string): string;\nexport const A = () => <p aria-label={t('nav.main')}>{t('lock.title')} · Odoo Companion</p>;\n";
    expect(await ruleIds(code, 'renderer/screens/x.tsx')).toEqual([]);
  });

  it('refuses a literal label, title or body in main\'s menus, tray and notifications', async () => {
    const menu = await ruleIds("export const item = { id: 'lock', label: 'Lock now' };\n", 'main/core/shell/x.ts');
    expect(menu.some((m) => m.startsWith('i18n/no-literal-shell-text'))).toBe(true);
    const tray = await ruleIds("declare const tray: { setToolTip(s: string): void };\ntray.setToolTip('Locked');\n", 'main/app/x.ts');
    expect(tray.some((m) => m.startsWith('i18n/no-literal-shell-text'))).toBe(true);
    const named = await ruleIds("export const n = { title: 'Odoo Companion', body: `${1}` };\n", 'main/app/x.ts');
    expect(named).toEqual([]);
  });

  it('refuses an import that leads back to the importing module, through files on disk', async () => {
    // errors.ts imports secret-scrubber.ts: the scrubber importing errors.ts closes a cycle.
    const cycle = await ruleIds("import { AppError } from './errors.js';\nexport const E = AppError;\n", 'main/core/secret-scrubber.ts');
    expect(cycle.some((m) => m.startsWith('imports/no-import-cycle') && m.includes('main/core/errors.ts'))).toBe(true);
    const typeOnly = await ruleIds("import type { AppError } from './errors.js';\nexport type E = AppError;\n", 'main/core/secret-scrubber.ts');
    expect(typeOnly.some((m) => m.startsWith('imports/no-import-cycle'))).toBe(true);
    const reExport = await ruleIds("export { AppError } from './errors.js';\n", 'main/core/secret-scrubber.ts');
    expect(reExport.some((m) => m.startsWith('imports/no-import-cycle'))).toBe(true);
  });

  it('allows imports that do not come back, and packages', async () => {
    const code = "import { scrubText } from './secret-scrubber.js';\nimport { z } from 'zod';\nexport const a = [scrubText, z];\n";
    expect((await ruleIds(code, 'main/core/x-new.ts')).filter((m) => m.startsWith('imports/'))).toEqual([]);
  });
});
