// The chat in the sidebar (view `vitalentum.chatView`). It shares conversations with the panel through the runtime's
// chat service; its webview is rebuilt whenever it becomes visible again and asks for the state with `ready`, and it
// shows again the conversation it showed last, after a reload too.
import * as vscode from 'vscode';
import { DisposableBase } from '../common/lifecycle';
import type { ChatRuntime } from '../host/chatRuntime';
import { parseWebviewState } from '../shared/webviewState';
import { ChatWebview } from './chatWebview';

export class ChatViewProvider extends DisposableBase implements vscode.WebviewViewProvider {
  private current: { view: vscode.WebviewView; chat: ChatWebview } | undefined;
  private markResolved!: () => void;
  /** Settles the first time VS Code hands this provider the sidebar's webview. */
  readonly resolved = new Promise<void>((resolve) => (this.markResolved = resolve));

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly runtime: ChatRuntime,
  ) {
    super();
  }

  resolveWebviewView(view: vscode.WebviewView, context: vscode.WebviewViewResolveContext): void {
    this.current?.chat.dispose();
    const record = this.runtime.viewRecord('sidebar');
    // As for the panel, the view's own record comes first: the state a browser's VS Code gives back after a reload
    // can be older than the last one the webview saved, or missing. The view is resolved at once; its first state
    // waits for the record.
    const conversationId = record.restore(parseWebviewState(context.state).conversationId);
    const chat = new ChatWebview(view.webview, this.extensionUri, this.runtime, conversationId, 'sidebar', {
      onShown: (id) => record.shown(id),
    });
    const entry = { view, chat };
    this.current = entry;
    const visibility = view.onDidChangeVisibility(() => {
      if (view.visible) this.runtime.markActive(chat.controller);
      else chat.controller.webviewLost();
    });
    const disposal = view.onDidDispose(() => {
      visibility.dispose();
      disposal.dispose();
      chat.dispose();
      if (this.current === entry) this.current = undefined;
    });
    this.markResolved();
  }

  override dispose(): void {
    this.current?.chat.dispose();
    this.current = undefined;
    super.dispose();
  }
}
