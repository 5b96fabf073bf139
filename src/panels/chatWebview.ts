// Connects one VS Code webview (of the panel or the sidebar view) to a chat controller: options, HTML, and the
// message channel in both directions.
import * as vscode from 'vscode';
import type { ChatController } from '../chat/chatController';
import { DisposableBase } from '../common/lifecycle';
import type { ChatRuntime } from '../host/chatRuntime';
import { currentTranslations } from '../shared/l10n';
import { buildWebviewHtml, type WebviewSurface } from './webviewHtml';

/** The only folder the webview may load from: the built bundle (script, styles, fonts). */
export function webviewResourceRoot(extensionUri: vscode.Uri): vscode.Uri {
  return vscode.Uri.joinPath(extensionUri, 'media', 'dist');
}

export function webviewOptions(extensionUri: vscode.Uri): vscode.WebviewOptions {
  return { enableScripts: true, localResourceRoots: [webviewResourceRoot(extensionUri)] };
}

export class ChatWebview extends DisposableBase {
  readonly controller: ChatController;

  constructor(
    webview: vscode.Webview,
    extensionUri: vscode.Uri,
    runtime: ChatRuntime,
    conversationId: string | Promise<string | undefined> | undefined,
    surface: WebviewSurface,
    { focusComposer = false, onShown }: { focusComposer?: boolean; onShown?: (conversationId: string) => void } = {},
  ) {
    super();
    webview.options = webviewOptions(extensionUri);
    const root = webviewResourceRoot(extensionUri);
    this.controller = this._register(
      runtime.createController((message) => {
        if (message.type === 'state') onShown?.(message.state.conversationId);
        webview.postMessage(message).then(undefined, (error: unknown) => {
          runtime.log.warn(`Could not post "${message.type}" to the chat view: ${String(error)}`);
        });
      }, conversationId),
    );
    this._register(runtime.releaseController(this.controller));
    this._register(webview.onDidReceiveMessage((message: unknown) => this.controller.handleMessage(message)));
    webview.html = buildWebviewHtml({
      cspSource: webview.cspSource,
      scriptUri: webview.asWebviewUri(vscode.Uri.joinPath(root, 'webview.js')).toString(),
      styleUri: webview.asWebviewUri(vscode.Uri.joinPath(root, 'webview.css')).toString(),
      highlightWorkerUri: webview.asWebviewUri(vscode.Uri.joinPath(root, 'highlightWorker.js')).toString(),
      language: vscode.env.language,
      translations: currentTranslations(),
      surface,
      focusComposer,
    });
  }
}
