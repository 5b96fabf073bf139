// The editor-side effects a chat asks for: clipboard, inserting and applying code, opening links, showing an export.
import * as vscode from 'vscode';
import type { EditorActions } from '../chat/editorActions';
import { COMMAND, EXTENSION_ID } from '../config/ids';
import { t } from '../shared/l10n';
import type { BackendInfo } from '../shared/protocol';

export class VsCodeEditorActions implements EditorActions {
  constructor(
    private readonly currentBackend: () => BackendInfo,
    /** Apply's diff and its Accept and Reject live with the runtime: one proposal at a time in a window. */
    readonly applyCode: EditorActions['applyCode'],
  ) {}

  async copyText(text: string): Promise<void> {
    await vscode.env.clipboard.writeText(text);
    vscode.window.setStatusBarMessage(`$(check) ${t('Copied to the clipboard')}`, 2000);
  }

  async insertCode(code: string): Promise<void> {
    const editor = await this.targetEditor();
    if (!editor) {
      void vscode.window.showInformationMessage(t('Vitalentum: open a file in the editor to insert code into it.'));
      return;
    }
    const inserted = await editor.edit((edit) => {
      for (const selection of editor.selections) edit.replace(selection, code);
    });
    if (!inserted) {
      void vscode.window.showWarningMessage(
        t('Vitalentum: the code could not be inserted; the file may be read-only.'),
      );
    }
  }

  /**
   * While the chat panel has focus there is no active text editor: the editor beside it is the one meant, or, when
   * the chat covers it in the same editor group, the file in that group, brought back to the front.
   */
  private async targetEditor(): Promise<vscode.TextEditor | undefined> {
    const visible = vscode.window.activeTextEditor ?? vscode.window.visibleTextEditors[0];
    if (visible) return visible;
    const groups = [vscode.window.tabGroups.activeTabGroup, ...vscode.window.tabGroups.all];
    const tab = groups.flatMap((group) => group.tabs).find((t) => t.input instanceof vscode.TabInputText);
    if (!tab) return undefined;
    const { uri } = tab.input as vscode.TabInputText;
    return vscode.window.showTextDocument(uri, { viewColumn: tab.group.viewColumn, preview: false });
  }

  async openExternal(href: string): Promise<void> {
    await vscode.env.openExternal(vscode.Uri.parse(href, true));
  }

  async showMarkdown(markdown: string): Promise<void> {
    const document = await vscode.workspace.openTextDocument({ language: 'markdown', content: markdown });
    await vscode.window.showTextDocument(document, { preview: false });
  }

  async selectModel(): Promise<void> {
    await vscode.commands.executeCommand(COMMAND.selectModel);
  }

  async setApiKey(): Promise<void> {
    await vscode.commands.executeCommand(COMMAND.setApiKey);
  }

  async openSettings(): Promise<void> {
    await vscode.commands.executeCommand('workbench.action.openSettings', `@ext:${EXTENSION_ID}`);
  }

  showError(message: string): void {
    void vscode.window.showErrorMessage(message);
  }

  backend(): BackendInfo {
    return this.currentBackend();
  }
}
