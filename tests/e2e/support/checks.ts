// The checks every e2e flow repeats: a screenshot and an axe scan of the screen it reached,
// and the canary sweep — no planted secret in the DOM, in any input's value, in anything
// the renderer received (results and events), in console output, or in the app-data folder.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { expect } from 'vitest';
import { axeViolations, type E2E } from '../../support/e2e-harness.js';

export async function checkScreen(e2e: E2E, name: string, scheme: 'light' | 'dark'): Promise<void> {
  await e2e.screenshot(`${name}-${scheme}`);
  const serious = (await axeViolations(e2e.page)).filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(serious, `axe on ${name} (${scheme})`).toEqual([]);
}

function filesUnder(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir)) {
    const full = path.join(dir, entry);
    if (statSync(full).isDirectory()) out.push(...filesUnder(full));
    else out.push(full);
  }
  return out;
}

export async function expectNoCanary(e2e: E2E, canaries: readonly string[], dataDir: string | null = null): Promise<void> {
  const html = await e2e.page.content();
  const values = await Promise.all((await e2e.page.locator('input, textarea, select').all()).map((field) => field.inputValue()));
  const received = JSON.stringify(e2e.received);
  const consoleText = e2e.consoleLines.join('\n');
  const files = dataDir === null ? [] : filesUnder(dataDir).map((f) => ({ f, text: readFileSync(f, 'latin1') }));
  for (const canary of canaries) {
    expect(html.includes(canary), 'canary in the DOM').toBe(false);
    expect(values.some((v) => v.includes(canary)), 'canary in an input value').toBe(false);
    expect(received.includes(canary), 'canary in a payload the renderer received').toBe(false);
    expect(consoleText.includes(canary), 'canary in console output').toBe(false);
    for (const { f, text } of files) expect(text.includes(canary), `canary in ${path.basename(f)}`).toBe(false);
  }
  expect(e2e.consoleLines.filter((l) => l.startsWith('error') || l.startsWith('pageerror'))).toEqual([]);
}

/** The same screen in both schemes (dark, then light, where the page stays): a screenshot and an axe scan of each. */
export async function bothSchemes(e2e: E2E, name: string): Promise<void> {
  for (const scheme of ['dark', 'light'] as const) {
    await e2e.page.emulateMedia({ colorScheme: scheme });
    await checkScreen(e2e, name, scheme);
  }
}
