// The commands the extension contributes. Each acts on the chat the user worked in last, opening the panel when
// none is open.
import * as vscode from 'vscode';
import type { ChatController } from '../chat/chatController';
import type { Disposable } from '../common/lifecycle';
import { diagnosticQuestion, explainQuestion } from '../chat/prompts';
import { COMMAND } from '../config/ids';
import type { ChatRuntime } from '../host/chatRuntime';
import type { ChatPanels } from '../panels/chatPanel';
import { importChat } from './importChat';
import { chooseBackend } from './chooseBackend';
import { selectModel } from './selectModel';
import { registerContextCommands } from './contextCommands';
import { contextItemFor, selectionItem } from '../host/contextReader';
import { t } from '../shared/l10n';

/** How many lines either side of a problem go with Fix / Explain with Vitalentum. */
const PROBLEM_CONTEXT_LINES = 3;

export function registerChatCommands(runtime: ChatRuntime, panels: ChatPanels): Disposable[] {
  const openPanel = (): ChatController => panels.createOrShow().chat.controller;
  const activeOrPanel = (): ChatController => runtime.activeController() ?? openPanel();

  /** Asks about a reported problem with the lines around it; a Fix answer's code block then replaces those lines. */
  const askAboutProblem = async (kind: 'fix' | 'explain', uri: vscode.Uri, diagnostic: vscode.Diagnostic) => {
    const document = await vscode.workspace.openTextDocument(uri);
    const first = Math.max(0, diagnostic.range.start.line - PROBLEM_CONTEXT_LINES);
    const last = Math.min(document.lineCount - 1, diagnostic.range.end.line + PROBLEM_CONTEXT_LINES);
    const range = new vscode.Range(first, 0, last, document.lineAt(last).range.end.character);
    const code = typeof diagnostic.code === 'object' ? diagnostic.code.value : diagnostic.code;
    const facts = {
      message: diagnostic.message,
      line: diagnostic.range.start.line + 1,
      ...(diagnostic.source ? { source: diagnostic.source } : {}),
      ...(code === undefined ? {} : { code: String(code) }),
    };
    // The lines go as a selection chip, so a follow-up question still has them.
    const lines = {
      ...contextItemFor(uri, 'file'),
      kind: 'selection' as const,
      languageId: document.languageId,
      startLine: first + 1,
      endLine: last + 1,
      text: document.getText(range),
    };
    const controller = openPanel();
    await controller.addContext([lines]);
    await controller.ask(diagnosticQuestion(kind, facts));
  };

  return [
    vscode.commands.registerCommand(COMMAND.ask, async () => {
      const selection = selectionItem(vscode.window.activeTextEditor);
      const controller = panels.createOrShow({ focusComposer: true }).chat.controller;
      // The selection stays with the conversation as a chip, so follow-up questions still have it.
      if (selection) await controller.addContext([selection]);
    }),

    vscode.commands.registerCommand(COMMAND.explainSelection, async () => {
      const selection = selectionItem(vscode.window.activeTextEditor);
      if (!selection) {
        void vscode.window.showInformationMessage(
          t('Vitalentum: select some code in the editor first, then run Explain Selection.'),
        );
        return;
      }
      // A chip rather than text in the question, so follow-up questions still have the code.
      const controller = openPanel();
      await controller.addContext([selection]);
      await controller.ask(explainQuestion());
    }),

    vscode.commands.registerCommand(COMMAND.fixDiagnostic, (uri: vscode.Uri, diagnostic: vscode.Diagnostic) =>
      askAboutProblem('fix', uri, diagnostic),
    ),

    vscode.commands.registerCommand(COMMAND.explainDiagnostic, (uri: vscode.Uri, diagnostic: vscode.Diagnostic) =>
      askAboutProblem('explain', uri, diagnostic),
    ),

    vscode.commands.registerCommand(COMMAND.acceptChanges, () => runtime.proposals.accept()),

    vscode.commands.registerCommand(COMMAND.rejectChanges, () => runtime.proposals.reject()),

    vscode.commands.registerCommand(COMMAND.newChat, () => activeOrPanel().newChat()),

    vscode.commands.registerCommand(COMMAND.stop, async () => {
      const controller = runtime.activeController();
      if (controller?.isStreaming()) await controller.stop();
      else await runtime.service.stopAll();
    }),

    vscode.commands.registerCommand(COMMAND.setApiKey, async () => {
      const key = await vscode.window.showInputBox({
        title: t('Vitalentum API Key'),
        prompt: t(
          'Stored in VS Code’s secret storage, never in settings. Sent as a Bearer token to OpenAI-compatible servers.',
        ),
        password: true,
        ignoreFocusOut: true,
        validateInput: (value) => (value.trim() === '' ? t('The key cannot be empty.') : undefined),
      });
      if (key === undefined) return;
      await runtime.apiKey.store(key.trim());
      void vscode.window.showInformationMessage(t('Vitalentum: the API key was saved.'));
    }),

    vscode.commands.registerCommand(COMMAND.clearApiKey, async () => {
      await runtime.apiKey.clear();
      void vscode.window.showInformationMessage(t('Vitalentum: the API key was removed.'));
    }),

    vscode.commands.registerCommand(COMMAND.selectModel, () => selectModel(runtime)),

    vscode.commands.registerCommand(COMMAND.exportChat, () => activeOrPanel().exportMarkdown()),

    vscode.commands.registerCommand(COMMAND.importChat, () => importChat(runtime, openPanel)),

    vscode.commands.registerCommand(COMMAND.chooseBackend, () => chooseBackend(runtime)),

    ...registerContextCommands(activeOrPanel),
  ];
}
