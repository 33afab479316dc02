// Packaging cannot run without the Electron binary; this holds electron-builder.yml to
// what docs/security.md ("Packaged builds flip the fuses") requires.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const config = parse(readFileSync(new URL('../../../electron-builder.yml', import.meta.url), 'utf8')) as Record<
  string,
  any // eslint-disable-line @typescript-eslint/no-explicit-any
>;

describe('electron-builder.yml', () => {
  it('names the app', () => {
    expect(config.appId).toMatch(/^[a-z]+(\.[a-z0-9-]+)+$/);
    expect(config.productName).toBe('Odoo Companion');
  });

  it('builds dmg+zip (hardened, entitled) on macOS, nsis on Windows, AppImage+deb on Linux', () => {
    expect(config.mac.target).toEqual(['dmg', 'zip']);
    expect(config.mac.hardenedRuntime).toBe(true);
    expect(readFileSync(new URL(`../../../${config.mac.entitlements}`, import.meta.url), 'utf8')).toContain(
      'com.apple.security.cs.allow-jit',
    );
    expect(config.win.target).toEqual(['nsis']);
    expect(config.linux.target).toEqual(['AppImage', 'deb']);
    expect(config.linux.category).toBe('Office');
  });

  it('names the Linux desktop entry after the appId, as Electron reports it to Wayland and portals', () => {
    const pkg = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as { desktopName?: string };
    expect(pkg.desktopName).toBe(`${config.appId}.desktop`);
    expect(config.linux.syncDesktopName).toBe(true);
  });

  it('packs into asar with keytar unpacked', () => {
    expect(config.asar).toBe(true);
    expect(config.asarUnpack.some((p: string) => p.includes('node_modules/keytar'))).toBe(true);
  });

  it('flips the fuses: no run-as-node, no NODE_OPTIONS, no inspect, encrypted cookies, asar only with integrity', () => {
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableCookieEncryption: true,
      onlyLoadAppFromAsar: true,
      enableEmbeddedAsarIntegrityValidation: true,
      grantFileProtocolExtraPrivileges: false,
    });
  });

  it('packs only the build output', () => {
    expect(config.files).toContain('dist/**/*');
    expect(config.files.some((f: string) => f.startsWith('main/') || f.startsWith('renderer/'))).toBe(false);
  });
});

describe('package.json', () => {
  const pkg = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as {
    main: string;
    scripts: Record<string, string>;
  };
  it('points Electron at the built main bundle', () => {
    expect(pkg.main).toBe('dist/main/index.cjs');
  });
  it('never reaches outside the npm registry while installing', () => {
    const installHooks = ['preinstall', 'install', 'postinstall', 'prepare'].map((k) => pkg.scripts[k] ?? '');
    expect(installHooks.join(' ')).not.toMatch(/install-app-deps|electron-rebuild|install-electron/);
  });
});
