// A faithful stand-in for the parts of the `electron` module main/app uses, so the shell's
// wiring is tested under plain Node (the Electron binary is not available on the build
// machines). It records what main/app asked for and lets a test play Electron's part:
// fire events, invoke IPC handlers as a given frame, answer permission requests.
// `fake.reset()` between tests.
//
// The parts live in fake-electron/: types (what the parts share), state (the log, the
// fake network's servers, reset), network (sessions, cookies, certificates, downloads),
// web-contents (windows and pages), app (app, ipcMain, protocol, net) and desktop (power,
// tray, menus, notifications…).
import { app, ipcMain, net, protocol } from './fake-electron/app.js';
import {
  collectGarbage,
  contextBridge,
  dialog,
  FakeMenu,
  FakeNativeImage,
  FakeNotification,
  FakeToast,
  FakeTray,
  globalShortcut,
  ipcRenderer,
  nativeImage,
  powerMonitor,
  safeStorage,
  shell,
  systemPreferences,
} from './fake-electron/desktop.js';
import { FakeCookies, FakeDownloadItem, FakeSession, session } from './fake-electron/network.js';
import { fake } from './fake-electron/state.js';
import { FakeBrowserWindow, FakeFrame, FakeWebContents } from './fake-electron/web-contents.js';

export type { FakeCookie, FakeLoadError, FakeVerifyProc, FakeVerifyRequest } from './fake-electron/network.js';
export type { FakeCertificate, FakeServer, FakeServerOptions, FrameLike } from './fake-electron/types.js';
export {
  app,
  collectGarbage,
  contextBridge,
  dialog,
  fake,
  FakeBrowserWindow,
  FakeCookies,
  FakeDownloadItem,
  FakeFrame,
  FakeMenu,
  FakeNativeImage,
  FakeNotification,
  FakeSession,
  FakeToast,
  FakeTray,
  FakeWebContents,
  globalShortcut,
  ipcMain,
  ipcRenderer,
  nativeImage,
  net,
  powerMonitor,
  protocol,
  safeStorage,
  session,
  shell,
  systemPreferences,
};

export const BrowserWindow = FakeBrowserWindow;
export const Menu = FakeMenu;
export const Tray = FakeTray;
export const Notification = FakeNotification;

export default {
  app,
  BrowserWindow,
  contextBridge,
  dialog,
  safeStorage,
  globalShortcut,
  ipcMain,
  ipcRenderer,
  Menu,
  nativeImage,
  net,
  Notification,
  powerMonitor,
  protocol,
  session,
  shell,
  systemPreferences,
  Tray,
};
