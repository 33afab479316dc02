// A person who works from the keyboard, in the production build in Chromium on the real
// core against the Odoo test server: the lock screen points out Caps Lock and can show the
// passphrase; each screen opens with the focus on its main control; Ctrl+K and "/" reach a
// profile's search ("/" only when not typing); "?" lists the keys; Ctrl+L locks, and
// unlocking comes back to the screen the person was on; the global shortcut is recorded by
// pressing it. Screens reached are screenshot in light and dark and scanned by axe.
import { afterAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { closeBrowser, openRenderer } from '../support/e2e-harness.js';
import { bothSchemes, expectNoCanary } from './support/checks.js';
import { coreWithOdoo } from './support/real-core.js';

afterAll(closeBrowser);

const PASSPHRASE = 'canary-vault-Passphrase-Lighthouse-Fennel-5';

/** Runs in the page: what has the focus — its role or tag, and its name or text. */
const FOCUSED = `(() => {
  const el = document.activeElement;
  if (el === null || el === document.body) return 'body';
  const labels = el.labels && el.labels.length > 0 ? el.labels[0].textContent : '';
  const name = el.getAttribute('aria-label') || labels || el.textContent || '';
  return (el.getAttribute('role') || el.tagName.toLowerCase()) + ': ' + name.trim();
})()`;
const focused = (page: Page) => page.evaluate<string>(FOCUSED);

/**
 * Caps Lock as the page sees it on the next key. Why a stand-in: Playwright cannot turn
 * Caps Lock on (microsoft/playwright#16214), so this sends the keydown Chromium would send
 * with it on — a real KeyboardEvent whose getModifierState('CapsLock') is true.
 */
const CAPS_LOCK_KEY = `document.activeElement.dispatchEvent(new KeyboardEvent('keydown', { key: 'A', code: 'KeyA', bubbles: true, modifierCapsLock: true }))`;

describe('keyboard', () => {
  it('unlock (Caps Lock, show passphrase) → Ctrl+K and / → ? → Ctrl+L and back to the same screen → record a shortcut', async () => {
    const { core, odoo, probe } = await coreWithOdoo(PASSPHRASE);
    await core.call('profiles:save', {
      label: 'Acme production', url: odoo.origin, database: odoo.database, login: 'admin', authMethod: 'password', transport: 'auto',
      pins: probe.tls!.chain.map((c) => c.pin), trustSelfSigned: false, secret: odoo.user('admin').password,
    });
    core.harness.core.lock('quit');
    const e2e = await openRenderer(core.dispatch, { colorScheme: 'light' });
    const off = core.onEvent((event, payload) => void e2e.emit(event, payload));
    const { page } = e2e;
    const unlock = async () => {
      await page.getByRole('heading', { name: 'Odoo Companion is locked' }).waitFor();
      await expect.poll(() => focused(page)).toBe('input: Vault passphrase');
      await page.keyboard.type(PASSPHRASE);
      await page.keyboard.press('Enter');
    };
    try {
      // Lock screen: the focus is in the passphrase field; Caps Lock is pointed out, and the field says so.
      await page.getByRole('heading', { name: 'Odoo Companion is locked' }).waitFor();
      await expect.poll(() => focused(page)).toBe('input: Vault passphrase');
      const field = page.getByLabel('Vault passphrase', { exact: true });
      await page.evaluate(CAPS_LOCK_KEY);
      const caps = page.getByText('Caps Lock is on.');
      await caps.waitFor();
      expect(await field.getAttribute('aria-describedby')).toContain(await caps.getAttribute('id'));
      await bothSchemes(e2e, 'lock-caps-lock');
      // Typed without Caps Lock: the notice goes.
      await page.keyboard.type(PASSPHRASE);
      await caps.waitFor({ state: 'detached' });
      // Show the passphrase, by keyboard: the next control, Space.
      await page.keyboard.press('Tab');
      expect(await focused(page)).toBe('button: Show passphrase');
      await page.keyboard.press('Space');
      expect(await field.getAttribute('type')).toBe('text');
      // Shown, it is still nobody else's: no spellchecker or autocapitalisation sees it.
      expect([await field.getAttribute('spellcheck'), await field.getAttribute('autocapitalize')]).toEqual(['false', 'off']);
      expect(await page.getByRole('button', { name: 'Show passphrase' }).getAttribute('aria-pressed')).toBe('true');
      await page.keyboard.press('Shift+Tab');
      await page.keyboard.press('Enter');

      // Profiles: the focus is on its main control; the profile is one Tab away.
      await page.getByRole('heading', { name: 'Profiles', level: 1 }).waitFor();
      await expect.poll(() => focused(page)).toBe('button: Add profile');
      await page.keyboard.press('Tab');
      expect(await focused(page)).toBe('button: Acme production');
      await page.keyboard.press('Enter');
      await page.getByRole('heading', { name: 'Acme production', level: 1 }).waitFor();
      await expect.poll(() => focused(page)).toBe('button: Open in Odoo');

      // "/" goes to the search; typed in the search, "/" and "?" are just characters.
      const search = page.getByRole('combobox');
      await page.keyboard.press('/');
      await expect.poll(() => focused(page)).toMatch(/^combobox: /);
      await page.keyboard.type('/?');
      expect(await search.inputValue()).toBe('/?');
      expect(await page.getByRole('dialog').count()).toBe(0);
      await page.keyboard.press('Escape');
      expect(await search.inputValue()).toBe('');
      // Ctrl+K from anywhere on the page.
      await page.getByRole('button', { name: 'Open in Odoo' }).focus();
      await page.keyboard.press('Control+KeyK');
      await expect.poll(() => focused(page)).toMatch(/^combobox: /);
      // The global shortcut, pressed in another app (main says ui:show), twice: the search each time.
      for (let i = 0; i < 2; i += 1) {
        await page.getByRole('button', { name: 'Open in Odoo' }).focus();
        await e2e.emit('ui:show', { screen: 'quick-search' });
        await expect.poll(() => focused(page)).toMatch(/^combobox: /);
      }

      // "?" (not typing) lists the keys, lock included, in this platform's words.
      await page.getByRole('button', { name: 'Security' }).focus();
      await page.keyboard.press('?');
      const keys = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
      await keys.waitFor();
      for (const text of ['Ctrl+K', '/', 'Ctrl+L', 'Lock Odoo Companion', 'Ctrl+Shift+Space', 'Quick search, from any app', 'Show this list']) {
        await keys.getByText(text, { exact: true }).waitFor();
      }
      await bothSchemes(e2e, 'keyboard-shortcuts');
      await page.keyboard.press('Escape');
      await keys.waitFor({ state: 'detached' });

      // Settings: the focus on its first control. Ctrl+L locks; unlocking comes back here.
      await page.getByRole('button', { name: 'Settings' }).focus();
      await page.keyboard.press('Enter');
      await page.getByRole('heading', { name: 'Settings', level: 1 }).waitFor();
      await expect.poll(() => focused(page)).toBe('select: Lock after this much inactivity');
      await page.keyboard.press('Control+KeyL');
      await unlock();
      await page.getByRole('heading', { name: 'Settings', level: 1 }).waitFor();
      await expect.poll(() => focused(page)).toBe('select: Lock after this much inactivity');
      expect(await page.getByRole('heading', { name: 'Profiles', level: 1 }).count()).toBe(0);

      // The shortcut recorder: Enter starts, Escape cancels, a key alone is refused, keys pressed together are saved.
      const recorder = page.getByRole('button', { name: /^Quick search shortcut/ });
      await recorder.focus();
      expect(await recorder.textContent()).toBe('Ctrl+Shift+Space');
      await page.keyboard.press('Enter');
      await page.getByText('Hold a modifier and press a key. Escape cancels.').waitFor();
      await page.keyboard.down('Control');
      await page.keyboard.down('Alt');
      await expect.poll(() => recorder.textContent()).toBe('Ctrl+Alt+');
      await bothSchemes(e2e, 'settings-shortcut-recording');
      await page.keyboard.up('Alt');
      await page.keyboard.up('Control');
      await page.keyboard.press('Escape');
      await expect.poll(() => recorder.textContent()).toBe('Ctrl+Shift+Space');
      expect((await core.call('settings:get', {})).shortcut).toBe('CommandOrControl+Shift+Space');
      await page.keyboard.press('Enter');
      await page.keyboard.press('KeyA');
      await page.getByText(/^Hold Ctrl, Alt or Super while you press the key/).waitFor();
      await page.keyboard.press('Control+Alt+KeyK');
      await page.getByRole('status').filter({ hasText: 'Shortcut saved.' }).waitFor();
      await expect.poll(() => recorder.textContent()).toBe('Ctrl+Alt+K');
      expect((await core.call('settings:get', {})).shortcut).toBe('CommandOrControl+Alt+K');
      expect(await focused(page)).toBe('button: Quick search shortcut');
      await bothSchemes(e2e, 'settings-shortcut-recorded');
      await expectNoCanary(e2e, core.canaries, core.dataDir);
    } finally {
      off();
      await e2e.close();
      await core.close();
    }
  }, 120_000);
});
