// The chat as an editor panel: at most one, opened beside the editor or revealed, and restored after a reload with
// the conversation it showed. Its context is not retained while hidden; the host resends the state on `ready`.
import * as vscode from 'vscode';
import { DisposableBase } from '../common/lifecycle';
import { VIEW } from '../config/ids';
import type { ChatRuntime } from '../host/chatRuntime';
import { parseWebviewState } from '../shared/webviewState';
import { ChatWebview, webviewOptions } from './chatWebview';

export class ChatPanel extends DisposableBase {
  readonly chat: ChatWebview;

  constructor(
    readonly panel: vscode.WebviewPanel,
    extensionUri: vscode.Uri,
    runtime: ChatRuntime,
    conversationId: string | undefined,
    onDispose: () => void,
    focusComposer = false,
  ) {
    super();
    panel.iconPath = vscode.Uri.joinPath(extensionUri, 'media', 'vitalentum.svg');
    this.chat = this._register(
      new ChatWebview(panel.webview, extensionUri, runtime, conversationId, 'editor', {
        focusComposer,
        onShown: (id) => runtime.viewRecord('panel').shown(id),
      }),
    );
    this._register(
      panel.onDidChangeViewState(({ webviewPanel }) => {
        if (webviewPanel.active) runtime.markActive(this.chat.controller);
        if (!webviewPanel.visible) this.chat.controller.webviewLost();
      }),
    );
    this._register(
      panel.onDidDispose(() => {
        onDispose();
        this.dispose();
      }),
    );
  }
}

export class ChatPanels extends DisposableBase implements vscode.WebviewPanelSerializer {
  private current: ChatPanel | undefined;

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly runtime: ChatRuntime,
  ) {
    super();
  }

  /** Reveals the chat panel, or opens it beside the active editor; with `focusComposer`, ready to type into. */
  createOrShow({ focusComposer = false } = {}): ChatPanel {
    if (this.current) {
      this.current.panel.reveal(undefined, false);
      if (focusComposer) this.current.chat.controller.focusInput();
      return this.current;
    }
    const panel = vscode.window.createWebviewPanel(VIEW.chatPanel, 'Vitalentum', vscode.ViewColumn.Beside, {
      ...webviewOptions(this.extensionUri),
      retainContextWhenHidden: false,
    });
    return this.adopt(panel, undefined, focusComposer);
  }

  async deserializeWebviewPanel(panel: vscode.WebviewPanel, state: unknown): Promise<void> {
    this.current?.panel.dispose();
    // The webview's own state may be older than the last it saved, or not saved at all, when the window went away (a
    // browser tab reloaded, a crash): the panel's own record comes first, then that state, then the conversation used
    // last rather than an empty one.
    const conversationId =
      (await this.runtime.viewRecord('panel').restore(parseWebviewState(state).conversationId)) ??
      (await this.runtime.service.history())[0]?.id;
    this.adopt(panel, conversationId);
  }

  override dispose(): void {
    this.current?.dispose();
    this.current = undefined;
    super.dispose();
  }

  private adopt(panel: vscode.WebviewPanel, conversationId: string | undefined, focusComposer = false): ChatPanel {
    const chatPanel = new ChatPanel(
      panel,
      this.extensionUri,
      this.runtime,
      conversationId,
      () => {
        if (this.current === chatPanel) this.current = undefined;
      },
      focusComposer,
    );
    this.current = chatPanel;
    return chatPanel;
  }
}
