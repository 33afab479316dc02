// The registration helper: the only user of ipcMain. Every contract channel is handled
// here, and only here, by checking the sender (our window's top frame on our origin),
// then handing the raw input to the core dispatcher, which parses, runs and maps errors.
import { ipcMain, type IpcMainInvokeEvent, type WebContents } from 'electron';
import { channelNames, events, type EventName, type EventPayload } from '../../contract/index.js';
import type { Dispatch } from '../core/ipc/dispatch.js';
import { isTrustedSender, type SenderPolicy } from '../core/ipc/sender.js';

export function senderFacts(event: IpcMainInvokeEvent): {
  webContentsId: number;
  frameUrl: string | null;
  isMainFrame: boolean;
} {
  const frame = event.senderFrame;
  try {
    return {
      webContentsId: event.sender.id,
      frameUrl: frame ? frame.url : null,
      isMainFrame: frame !== null && frame !== undefined && frame.parent === null,
    };
  } catch {
    // A frame whose document is gone throws on every accessor ("Render frame was disposed
    // before WebFrameMain could be accessed"): such a sender is no sender.
    return { webContentsId: event.sender.id, frameUrl: null, isMainFrame: false };
  }
}

/** Registers every channel; returns a function that removes them all. */
export function registerIpc(dispatch: Dispatch, policy: SenderPolicy): () => void {
  for (const channel of channelNames) {
    ipcMain.handle(channel, async (event, input: unknown) => {
      if (!isTrustedSender(senderFacts(event), policy)) {
        return { ok: false, error: { code: 'forbidden_sender', message: 'This window may not make requests.' } };
      }
      return dispatch(channel, input);
    });
  }
  return () => {
    for (const channel of channelNames) ipcMain.removeHandler(channel);
  };
}

/** Pushes an event to one of our windows, validated against the contract first. */
export function sendEvent<E extends EventName>(target: WebContents, event: E, payload: EventPayload<E>): void {
  const checked = events[event].parse(payload);
  if (!target.isDestroyed()) target.send(event, checked);
}
