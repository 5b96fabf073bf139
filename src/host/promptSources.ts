// What the chat reads from VS Code and the server when it builds a request: the workspace's instructions file
// (trusted workspaces only) and the server's context length for the model.
import * as vscode from 'vscode';
import { INSTRUCTIONS_FILE } from '../config/ids';
import type { RequestOptions } from '../config/requestOptions';
import type { ChatLog } from '../common/log';
import { listModels } from '../provider';

/**
 * Each workspace folder's instructions file, in folder order. Read at every send, so an edit, or trust granted to
 * the workspace (onDidGrantWorkspaceTrust), counts from the next message on. In a restricted workspace the file is
 * not read: it is text from the repository that would steer the model.
 */
export async function readWorkspaceInstructions(): Promise<string | undefined> {
  if (!vscode.workspace.isTrusted) return undefined;
  const texts: string[] = [];
  for (const folder of vscode.workspace.workspaceFolders ?? []) {
    try {
      const bytes = await vscode.workspace.fs.readFile(vscode.Uri.joinPath(folder.uri, INSTRUCTIONS_FILE));
      texts.push(new TextDecoder().decode(bytes));
    } catch (error) {
      if (!(error instanceof vscode.FileSystemError && error.code === 'FileNotFound')) throw error;
    }
  }
  return texts.length === 0 ? undefined : texts.join('\n\n');
}

/**
 * The context length the server gives for the request's model (the only model it lists, when the settings name
 * none), from the model list. Asked once per server and model until `forget`: listing can take a few seconds.
 */
export class ContextLengths {
  private readonly known = new Map<string, Promise<number | undefined>>();

  constructor(private readonly log: () => ChatLog) {}

  get(request: RequestOptions): Promise<number | undefined> {
    // The Vitalentum protocol has no model list to ask.
    if (request.protocol !== 'openai-compatible') return Promise.resolve(undefined);
    const key = `${request.baseUrl} ${request.model ?? ''}`;
    let length = this.known.get(key);
    if (!length) {
      length = listModels(request).then(
        (models) =>
          (request.model ? models.find((m) => m.id === request.model) : models.length === 1 ? models[0] : undefined)
            ?.contextLength,
        (error: unknown) => {
          // The default window serves instead; the list is asked again after the settings change.
          this.log().warn(
            `No context length from ${request.baseUrl}'s model list: ${error instanceof Error ? error.message : String(error)}`,
          );
          return undefined;
        },
      );
      this.known.set(key, length);
    }
    return length;
  }

  /** The settings changed: the server or its model may have too. */
  forget(): void {
    this.known.clear();
  }
}
