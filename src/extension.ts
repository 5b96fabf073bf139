// Activation registers the commands, the sidebar view, the panel serializer and the quick fixes, and nothing else: the log, the
// settings, the conversation store and the chat service are built when a chat or command first needs them.
import * as vscode from 'vscode';
import { registerChatCommands } from './commands/chatCommands';
import { ChatRuntime } from './host/chatRuntime';
import { VIEW } from './config/ids';
import { DiagnosticQuickFixes, QUICK_FIX_SELECTOR } from './host/quickFixes';
import { ChatPanels } from './panels/chatPanel';
import { ChatViewProvider } from './panels/chatViewProvider';
import { setTranslations } from './shared/l10n';

let runtime: ChatRuntime | undefined;

/** What activation returns to other extensions; the integration tests read it to see the sidebar chat come up. */
export interface AskVitalentumApi {
  /** Settles once VS Code has handed the sidebar chat view its webview. */
  readonly sidebarChatResolved: Promise<void>;
}

export function activate(context: vscode.ExtensionContext): AskVitalentumApi {
  // VS Code's bundle for the display language (l10n/bundle.l10n.<lang>.json), undefined for English.
  setTranslations(vscode.l10n.bundle);
  runtime = new ChatRuntime(context);
  const panels = new ChatPanels(context.extensionUri, runtime);
  const sidebar = new ChatViewProvider(context.extensionUri, runtime);
  context.subscriptions.push(
    runtime,
    panels,
    sidebar,
    vscode.window.registerWebviewPanelSerializer(VIEW.chatPanel, panels),
    vscode.window.registerWebviewViewProvider(VIEW.sidebarChat, sidebar),
    vscode.languages.registerCodeActionsProvider(QUICK_FIX_SELECTOR, new DiagnosticQuickFixes(), {
      providedCodeActionKinds: DiagnosticQuickFixes.kinds,
    }),
    ...registerChatCommands(runtime, panels),
  );
  return { sidebarChatResolved: sidebar.resolved };
}

/** Stops replies still arriving so their partial text is saved before the extension host goes away. */
export async function deactivate(): Promise<void> {
  await runtime?.shutdown();
  runtime = undefined;
}
