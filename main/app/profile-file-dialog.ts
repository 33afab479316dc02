// Why: a profile file is written where the person chooses, in main's own save dialog: the
// renderer has no file system, and it never decides the path. The text comes from the
// core's export (no secret in it); a cancelled dialog writes nothing.
import { dialog, type BrowserWindow, type SaveDialogOptions } from 'electron';
import { writeFile } from 'node:fs/promises';

export async function saveProfileFileWithDialog(suggestedName: string, text: string, parent: BrowserWindow | null): Promise<boolean> {
  const options: SaveDialogOptions = {
    defaultPath: suggestedName,
    filters: [{ name: 'JSON', extensions: ['json'] }],
    properties: ['showOverwriteConfirmation', 'createDirectory'],
  };
  const result =
    parent !== null && !parent.isDestroyed() ? await dialog.showSaveDialog(parent, options) : await dialog.showSaveDialog(options);
  if (result.canceled || result.filePath === undefined || result.filePath === '') return false;
  await writeFile(result.filePath, text, { encoding: 'utf8', mode: 0o644 });
  return true;
}
