// The workspace's instructions file (.vitalentum/instructions.md in each folder), which every request starts with.
// Read at every send and every refresh of the context meter, so an edit, a new folder or trust granted to the
// workspace counts from the next message on. A folder on this machine's disk (the extension host's: the remote one in
// a remote window) is read from the disk directly: through VS Code's file system API each read is a round trip to the
// workbench, tens of milliseconds between Enter and the request.
import { readFile } from 'node:fs/promises';
import * as vscode from 'vscode';
import { INSTRUCTIONS_FILE } from '../config/ids';

/** The file's text, or `undefined` when the folder has none; any other failure is thrown. */
async function readInstructionsFile(folder: vscode.Uri): Promise<string | undefined> {
  const file = vscode.Uri.joinPath(folder, INSTRUCTIONS_FILE);
  // Decoded as VS Code's API is, a byte order mark dropped.
  const decoder = new TextDecoder();
  if (file.scheme === 'file') {
    try {
      return decoder.decode(await readFile(file.fsPath));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
  }
  try {
    return decoder.decode(await vscode.workspace.fs.readFile(file));
  } catch (error) {
    if (error instanceof vscode.FileSystemError && error.code === 'FileNotFound') return undefined;
    throw error;
  }
}

/**
 * Each workspace folder's instructions file, in folder order. In a restricted workspace the file is not read: it is
 * text from the repository that would steer the model.
 */
export async function readWorkspaceInstructions(): Promise<string | undefined> {
  if (!vscode.workspace.isTrusted) return undefined;
  const texts: string[] = [];
  for (const folder of vscode.workspace.workspaceFolders ?? []) {
    const text = await readInstructionsFile(folder.uri);
    if (text !== undefined) texts.push(text);
  }
  return texts.length === 0 ? undefined : texts.join('\n\n');
}
