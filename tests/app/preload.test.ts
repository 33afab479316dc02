// The preload entry with electron faked: it exposes exactly `companion`, invokes with one
// object argument, and never hands the renderer the IPC event object.
import { beforeAll, describe, expect, it } from 'vitest';
import type { CompanionApi } from '../../contract/index.js';
import { contextBridge, ipcRenderer } from '../support/fake-electron.js';

let api: CompanionApi;

beforeAll(async () => {
  await import('../../preload/index.js');
  api = contextBridge.exposed.get('companion') as CompanionApi;
});

describe('preload', () => {
  it('exposes only window.companion', () => {
    expect([...contextBridge.exposed.keys()]).toEqual(['companion']);
  });

  it('invokes the channel with the input object', async () => {
    await api.invoke('vault:unlock', { method: 'passphrase', passphrase: 'x' });
    expect(ipcRenderer.invoked.at(-1)).toEqual(['vault:unlock', { method: 'passphrase', passphrase: 'x' }]);
  });

  it('passes event payloads without the IPC event, and unsubscribes', () => {
    const seen: unknown[] = [];
    const off = api.on('vault:locked', (...args: unknown[]) => seen.push(args));
    ipcRenderer.emit('vault:locked', { sender: 'secret-object' }, { reason: 'idle' });
    off();
    ipcRenderer.emit('vault:locked', { sender: 'secret-object' }, { reason: 'manual' });
    expect(seen).toEqual([[{ reason: 'idle' }]]);
  });
});
