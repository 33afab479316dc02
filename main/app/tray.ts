// The tray icon and its menu. The icon shows the vault state (a closed or open padlock,
// drawn by core/shell/tray-icon; template images on macOS so the menu bar tints them); the
// menu comes from core/shell/tray-menu and is rebuilt on every update. Once destroyed (at
// quit), updates are ignored: Electron throws on a destroyed Tray.
import { nativeImage, Tray, type NativeImage } from 'electron';
import type { ShellAction } from '../core/shell/menu-model.js';
import { trayIconPng, type TrayIconState } from '../core/shell/tray-icon.js';
import { trayMenuTemplate, trayTooltip, type TrayMenuInput } from '../core/shell/tray-menu.js';
import { buildMenu } from './menus.js';

export interface ShellTray {
  update(input: TrayMenuInput): void;
  destroy(): void;
}

export function trayImage(state: TrayIconState, platform: string): NativeImage {
  const template = platform === 'darwin';
  const image = nativeImage.createFromBuffer(trayIconPng(state, { size: 16, template }), { scaleFactor: 1 });
  image.addRepresentation({ scaleFactor: 2, buffer: trayIconPng(state, { size: 32, template }) });
  if (template) image.setTemplateImage(true);
  return image;
}

export function createTray(options: { platform: string; perform(action: ShellAction): void }): ShellTray {
  const images = new Map<TrayIconState, NativeImage>();
  const imageFor = (state: TrayIconState): NativeImage => {
    let image = images.get(state);
    if (image === undefined) {
      image = trayImage(state, options.platform);
      images.set(state, image);
    }
    return image;
  };
  const tray = new Tray(imageFor('locked'));
  tray.setToolTip(trayTooltip('locked'));
  // Windows opens the app on a left click; macOS and Linux show the menu.
  if (options.platform === 'win32') tray.on('click', () => options.perform({ kind: 'open' }));
  let destroyed = false;
  return {
    update(input) {
      if (destroyed) return;
      tray.setImage(imageFor(input.state === 'unlocked' ? 'unlocked' : 'locked'));
      tray.setToolTip(trayTooltip(input.state, input.t));
      tray.setContextMenu(buildMenu(trayMenuTemplate(input), options.perform));
    },
    destroy() {
      if (destroyed) return;
      destroyed = true;
      tray.destroy();
    },
  };
}
