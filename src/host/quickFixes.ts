// "Fix with Vitalentum" and "Explain with Vitalentum" in the light bulb and Ctrl+., for any problem the editor reports.
// Offering them reads nothing: the lines around the problem are read only when the user picks one.
import * as vscode from 'vscode';
import { COMMAND, FILE_SCHEMES } from '../config/ids';
import { t } from '../shared/l10n';

export class DiagnosticQuickFixes implements vscode.CodeActionProvider {
  static readonly kinds = [vscode.CodeActionKind.QuickFix];

  provideCodeActions(
    document: vscode.TextDocument,
    _range: vscode.Range,
    context: vscode.CodeActionContext,
  ): vscode.CodeAction[] {
    return context.diagnostics.flatMap((diagnostic) => [
      action(t('Fix with Vitalentum'), COMMAND.fixDiagnostic, document.uri, diagnostic),
      action(t('Explain with Vitalentum'), COMMAND.explainDiagnostic, document.uri, diagnostic),
    ]);
  }
}

function action(title: string, command: string, uri: vscode.Uri, diagnostic: vscode.Diagnostic): vscode.CodeAction {
  const codeAction = new vscode.CodeAction(title, vscode.CodeActionKind.QuickFix);
  codeAction.diagnostics = [diagnostic];
  codeAction.command = { title, command, arguments: [uri, diagnostic] };
  return codeAction;
}

/** Where quick fixes are offered: files (local or in a remote window) and untitled documents, in every language. */
export const QUICK_FIX_SELECTOR: vscode.DocumentSelector = [
  ...FILE_SCHEMES.map((scheme) => ({ scheme })),
  { scheme: 'untitled' },
];
