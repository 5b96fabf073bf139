// While any reply streams: the `vitalentum.streaming` context key (for the Escape keybinding) and a status bar item
// that stops the reply when clicked.
import * as vscode from 'vscode';
import { DisposableBase } from '../common/lifecycle';
import { COMMAND, CONTEXT_KEY, STATUS_BAR_ITEM } from '../config/ids';
import { t } from '../shared/l10n';

export class StreamingIndicator extends DisposableBase {
  private item: vscode.StatusBarItem | undefined;

  set(streaming: boolean): void {
    void vscode.commands.executeCommand('setContext', CONTEXT_KEY.streaming, streaming);
    if (!streaming) {
      this.item?.hide();
      return;
    }
    if (!this.item) {
      this.item = this._register(vscode.window.createStatusBarItem(STATUS_BAR_ITEM, vscode.StatusBarAlignment.Left));
      this.item.name = t('Vitalentum reply');
      this.item.text = '$(loading~spin) Vitalentum';
      this.item.tooltip = t('Vitalentum is replying. Click to stop.');
      this.item.command = COMMAND.stop;
    }
    this.item.show();
  }
}
