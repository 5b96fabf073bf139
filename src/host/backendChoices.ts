// Carries out a backend choice, from the setup card or Choose Backend: a local server with one of its models, a URL
// the user types (then, optionally, an API key and a model from its list), or the Vitalentum service. Choices are
// written to the user's settings, so they hold in every workspace.
import * as vscode from 'vscode';
import type { BackendChoices } from '../chat/setupCard';
import { COMMAND, SETTINGS_SECTION } from '../config/ids';
import { SETTING_KEYS } from '../config/settings';
import { httpUrlProblem, INVALID_URL_SCHEME, normalizeBaseUrl } from '../provider';
import { t } from '../shared/l10n';

type BackendKey = typeof SETTING_KEYS.protocol | typeof SETTING_KEYS.baseUrl | typeof SETTING_KEYS.model;

/** Writes the values to user settings (undefined removes the user's value), and warns of a workspace that overrides them. */
async function writeUserSettings(values: Partial<Record<BackendKey, string | undefined>>): Promise<void> {
  const config = vscode.workspace.getConfiguration(SETTINGS_SECTION);
  for (const [key, value] of Object.entries(values)) {
    await config.update(key, value, vscode.ConfigurationTarget.Global);
  }
  const overridden = Object.keys(values).filter((key) => {
    const inspected = config.inspect(key);
    return inspected?.workspaceValue !== undefined || inspected?.workspaceFolderValue !== undefined;
  });
  if (overridden.length > 0) {
    const keys = overridden.map((key) => `${SETTINGS_SECTION}.${key}`).join(', ');
    void vscode.window.showWarningMessage(
      t(
        'Vitalentum: this workspace’s settings set {0}, which wins over the choice just saved in your user settings.',
        keys,
      ),
    );
  }
}

/** The URL rule of the settings, worded for the input box. */
export function urlInputProblem(value: string): string | undefined {
  if (value.trim() === '') return t('Enter the server’s base URL, for example http://localhost:11434.');
  const problem = httpUrlProblem(value);
  if (problem === undefined) return undefined;
  return problem === INVALID_URL_SCHEME
    ? t('The URL must start with http:// or https://.')
    : t('This is not a valid URL.');
}

export const backendChoices: BackendChoices = {
  async useServer(baseUrl, model) {
    await writeUserSettings({
      [SETTING_KEYS.protocol]: 'openai-compatible',
      [SETTING_KEYS.baseUrl]: baseUrl,
      [SETTING_KEYS.model]: model,
    });
    return true;
  },

  async useCustomUrl() {
    const typed = await vscode.window.showInputBox({
      title: t('Vitalentum: OpenAI-compatible server'),
      prompt: t('The base URL of the server, without /v1 (Ollama: http://localhost:11434).'),
      placeHolder: 'https://',
      ignoreFocusOut: true,
      validateInput: urlInputProblem,
    });
    if (typed === undefined) return false;
    await writeUserSettings({
      [SETTING_KEYS.protocol]: 'openai-compatible',
      [SETTING_KEYS.baseUrl]: normalizeBaseUrl(typed),
      [SETTING_KEYS.model]: undefined,
    });
    const setKey = t('Set API Key');
    const answer = await vscode.window.showInformationMessage(
      t('Vitalentum: does this server need an API key? It is kept in VS Code’s secret storage.'),
      setKey,
      t('No Key'),
    );
    if (answer === setKey) await vscode.commands.executeCommand(COMMAND.setApiKey);
    await vscode.commands.executeCommand(COMMAND.selectModel);
    return true;
  },

  async keepVitalentum() {
    await writeUserSettings({ [SETTING_KEYS.protocol]: undefined, [SETTING_KEYS.baseUrl]: undefined });
    return true;
  },
};

/** True when any scope's settings name a backend: the user has chosen one, and the setup card is not offered. */
export function backendConfigured(): boolean {
  const config = vscode.workspace.getConfiguration(SETTINGS_SECTION);
  return [SETTING_KEYS.protocol, SETTING_KEYS.baseUrl].some((key) => {
    const inspected = config.inspect(key);
    return (
      inspected?.globalValue !== undefined ||
      inspected?.workspaceValue !== undefined ||
      inspected?.workspaceFolderValue !== undefined
    );
  });
}
