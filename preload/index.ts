// The preload of our own windows: exposes `window.companion` (built from the contract by
// createCompanionApi) and nothing else. Sandboxed, so it is bundled into one file. The
// renderer never gets ipcRenderer or the IPC event object (it carries the sender).
import { contextBridge, ipcRenderer } from 'electron';
import { createCompanionApi } from './bridge.js';

const api = createCompanionApi({
  invoke: (channel, input) => ipcRenderer.invoke(channel, input),
  subscribe(event, listener) {
    const wrapped = (_event: unknown, payload: unknown): void => listener(payload);
    ipcRenderer.on(event, wrapped);
    return () => {
      ipcRenderer.removeListener(event, wrapped);
    };
  },
});

contextBridge.exposeInMainWorld('companion', api);
