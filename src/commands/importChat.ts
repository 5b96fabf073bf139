// Import Chat: reads a chat exported as Markdown back into a new conversation in the history and opens it in the chat
// panel. The file is only read and parsed; why one cannot be imported is told in one sentence.
import * as vscode from 'vscode';
import type { ChatController } from '../chat/chatController';
import { conversationFromExport, ImportRefused, refuseIfTooLarge } from '../chat/markdownImport';
import type { ChatRuntime } from '../host/chatRuntime';
import { t } from '../shared/l10n';

export async function importChat(runtime: ChatRuntime, openPanel: () => ChatController): Promise<void> {
  const [file] =
    (await vscode.window.showOpenDialog({
      title: t('Vitalentum: Import Chat'),
      openLabel: t('Import'),
      canSelectMany: false,
      filters: { [t('Markdown')]: ['md', 'markdown'] },
    })) ?? [];
  if (!file) return;
  try {
    // The size is checked before reading, so a huge file is never loaded into memory.
    refuseIfTooLarge((await vscode.workspace.fs.stat(file)).size);
    const conversation = conversationFromExport(await vscode.workspace.fs.readFile(file));
    await runtime.importConversation(conversation, openPanel());
    runtime.log.info(`Imported ${file.toString(true)} as conversation ${conversation.id}.`);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    const reason = error instanceof ImportRefused ? detail : t('it could not be read ({0})', detail);
    runtime.log.warn(`Import of ${file.toString(true)} refused: ${reason}`);
    const name = file.path.split('/').pop() ?? file.path;
    void vscode.window.showErrorMessage(t('Vitalentum: "{0}" cannot be imported: {1}.', name, reason));
  }
}
