// "Vitalentum: Select Model": the server's models in a quick pick, shown at once and filled when the list arrives.
// Shown before the request rather than after it: VS Code gives the focus back to a chat webview a moment after the
// command palette closes (microsoft/vscode#75209), and a picker that opened just then would show without the focus.
import * as vscode from 'vscode';
import { presentError } from '../chat/errorPresenter';
import { SETTINGS_SECTION } from '../config/ids';
import type { ChatRuntime } from '../host/chatRuntime';
import type { ModelInfo } from '../provider';
import { t } from '../shared/l10n';
import { formatWindowTokens } from '../shared/tokenEstimate';

/** A context window as model cards name it: 32768 tokens is "32k context". */
function contextDescription(tokens: number): string {
  return tokens >= 1024 ? t('{0} context', formatWindowTokens(tokens)) : t('{0}-token context', tokens);
}

function modelItems(models: readonly ModelInfo[], current: string | undefined): vscode.QuickPickItem[] {
  return models.map(({ id, contextLength }) => {
    const notes = [
      ...(contextLength === undefined ? [] : [contextDescription(contextLength)]),
      ...(id === current ? [t('current')] : []),
    ];
    return { label: id, description: notes.length > 0 ? notes.join(' · ') : undefined };
  });
}

export async function selectModel(runtime: ChatRuntime): Promise<void> {
  const settings = runtime.settings();
  if (settings.protocol !== 'openai-compatible') {
    void vscode.window.showInformationMessage(
      t(
        'Vitalentum: the Vitalentum protocol serves one model, so there is nothing to choose. Set {0} to "{1}" to pick a model.',
        `${SETTINGS_SECTION}.provider`,
        'openai-compatible',
      ),
    );
    return;
  }
  const pick = vscode.window.createQuickPick();
  pick.title = t('Vitalentum: Select Model');
  pick.placeholder = t('Listing the models of {0}…', settings.baseUrl);
  // Escape closes it; a click elsewhere, such as the webview taking the focus back, does not.
  pick.ignoreFocusOut = true;
  pick.busy = true;
  const listing = new AbortController();
  const chosen = new Promise<string | undefined>((resolve) => {
    // Enter before the list has come (nothing to select) leaves the picker open.
    pick.onDidAccept(() => {
      const [item] = pick.selectedItems;
      if (item) resolve(item.label);
    });
    pick.onDidHide(() => {
      listing.abort();
      resolve(undefined);
    });
  });
  pick.show();
  try {
    const models = await runtime.listModels(listing.signal);
    if (models.length === 0) {
      void vscode.window.showWarningMessage(t('Vitalentum: {0} lists no models.', settings.baseUrl));
      return;
    }
    pick.items = modelItems(models, settings.model);
    pick.placeholder = t('The model for new replies');
    pick.busy = false;
    const picked = await chosen;
    if (picked === undefined) return;
    pick.hide();
    await vscode.workspace
      .getConfiguration(SETTINGS_SECTION)
      .update('model', picked, vscode.ConfigurationTarget.Global);
  } catch (error) {
    // Escape while the list was on its way is no failure.
    if (listing.signal.aborted) return;
    const problem = presentError(error);
    runtime.log.warn(`Listing models failed: ${problem.kind} ${problem.detail ?? ''}`);
    void vscode.window.showErrorMessage(t('Vitalentum: the models could not be listed. {0}', problem.message));
  } finally {
    // Closes the picker too, so that one left open by a missing list or a failure goes with its message.
    pick.dispose();
  }
}
