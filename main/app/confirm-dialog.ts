// Why: irreversible actions (reset vault, forget profile, presence off, re-pin) are
// confirmed by the person in a native dialog that main opens, so a compromised renderer
// cannot confirm them on its own. What the dialog says comes from core/shell/confirmations.
import { dialog, type BrowserWindow, type MessageBoxOptions } from 'electron';
import type { ConfirmRequest } from '../core/shell/confirmations.js';

export async function confirmWithDialog(request: ConfirmRequest, parent: BrowserWindow | null): Promise<boolean> {
  const options: MessageBoxOptions = {
    type: 'warning',
    title: request.title,
    message: request.message,
    detail: request.detail,
    // Cancel first: it is the default button and what Escape or closing the dialog means.
    buttons: [request.cancelLabel, request.confirmLabel],
    defaultId: 0,
    cancelId: 0,
    noLink: true,
  };
  const { response } =
    parent !== null && !parent.isDestroyed() ? await dialog.showMessageBox(parent, options) : await dialog.showMessageBox(options);
  return response === 1;
}
