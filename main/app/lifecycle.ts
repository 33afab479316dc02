// The app's life as Electron runs it: one instance (a second launch focuses the first),
// defaults every webContents gets, staying alive in the tray when the last window closes,
// and a quit held until the quit sequence has run (lock first, then close and clear). It
// owns these app events so the composition can say in one line each what happens on them.
import { app } from 'electron';

export interface AppLifecycle {
  /** Resolves once Electron is ready (windows, sessions and powerMonitor are usable then). */
  ready(): Promise<void>;
  /** A second launch of the app: `show` brings the first one's window up. */
  onSecondInstance(show: () => void): void;
  /** macOS: the dock icon was clicked (also sent at launch, so wired after the start decision). */
  onActivate(show: () => void): void;
  /**
   * Every quit waits for `sequence`, run once; then the app quits for real, whether the
   * sequence succeeded or not. Returns the sequence once a quit has started it.
   */
  holdQuitUntil(sequence: () => Promise<void>): () => Promise<void> | null;
}

/**
 * Claims the single-instance lock. Null when another instance holds it: this one has
 * asked to quit and must do nothing else (the other one was told through 'second-instance').
 */
export function claimSingleInstance(): AppLifecycle | null {
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return null;
  }
  app.on('web-contents-created', (_event, contents) => {
    // Default for every webContents; our window and Odoo windows install their own.
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
    contents.on('will-attach-webview', (event) => event.preventDefault());
  });
  // Without a listener Electron quits when the last window closes: the tray keeps us.
  app.on('window-all-closed', () => {});

  return {
    ready: () => app.whenReady(),
    onSecondInstance(show) {
      app.on('second-instance', () => show());
    },
    onActivate(show) {
      app.on('activate', () => show());
    },
    holdQuitUntil(sequence) {
      let running: Promise<void> | null = null;
      let done = false;
      app.on('before-quit', (event) => {
        if (done) return;
        event.preventDefault();
        if (running !== null) return;
        // Called at once, not on a later tick: its first step (the lock) runs inside this event.
        const run = async (): Promise<void> => sequence();
        running = run()
          .catch(() => {
            // The sequence reports its own failures; the app quits regardless.
          })
          .finally(() => {
            done = true;
            app.quit();
          });
      });
      return () => running;
    },
  };
}
