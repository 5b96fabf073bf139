// Add File to Chat: from the Explorer's or an editor tab's context menu (every selected file), or from the palette
// (the active editor's file). The files are pinned to the chat the user worked in last.
import * as vscode from 'vscode';
import type { ChatController } from '../chat/chatController';
import type { Disposable } from '../common/lifecycle';
import { COMMAND } from '../config/ids';
import { contextItemFor } from '../host/contextReader';
import { t } from '../shared/l10n';

/** Menus pass the clicked file and, with several selected, all of them; the palette passes nothing. */
function filesFrom(clicked: unknown, selected: unknown): vscode.Uri[] {
  if (Array.isArray(selected) && selected.length > 0) {
    return selected.filter((uri): uri is vscode.Uri => uri instanceof vscode.Uri);
  }
  if (clicked instanceof vscode.Uri) return [clicked];
  // From the chat's own panel no text editor is active; the one beside it is what the user means.
  const editor = vscode.window.activeTextEditor ?? vscode.window.visibleTextEditors[0];
  return editor ? [editor.document.uri] : [];
}

export function registerContextCommands(chat: () => ChatController): Disposable[] {
  return [
    vscode.commands.registerCommand(COMMAND.addFileToChat, async (clicked: unknown, selected: unknown) => {
      const files = filesFrom(clicked, selected).filter((uri) => uri.scheme !== 'vscode-userdata');
      if (files.length === 0) {
        void vscode.window.showInformationMessage(
          t('Vitalentum: open a file, or right-click one, to add it to the chat.'),
        );
        return;
      }
      const controller = chat();
      await controller.addContext(files.map((uri) => contextItemFor(uri, 'file')));
      controller.focusInput();
    }),
  ];
}
