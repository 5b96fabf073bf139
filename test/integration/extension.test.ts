// The extension in a real VS Code extension host: it installs, activates, registers its commands and opens its
// sidebar chat.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { AskVitalentumApi } from '../../src/extension';
import { within } from '../support/deadline';

const EXTENSION_ID = 'vitalentum.ask-vitalentum';

interface CommandContribution {
  command: string;
  title: string;
}

describe('Ask Vitalentum in a real VS Code', () => {
  it('is installed and activates', async () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension, `${EXTENSION_ID} is not installed`);
    await extension.activate();
    assert.equal(extension.isActive, true);
  });

  it('registers every command it contributes', async () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID)!;
    const contributed = (extension.packageJSON.contributes.commands as CommandContribution[]).map((c) => c.command);
    assert.ok(contributed.includes('vitalentum.ask'));
    const registered = new Set(await vscode.commands.getCommands(true));
    const missing = contributed.filter((c) => !registered.has(c));
    assert.deepEqual(missing, []);
  });

  it('opens the sidebar chat view, which VS Code resolves with its webview', async () => {
    const api = vscode.extensions.getExtension<AskVitalentumApi>(EXTENSION_ID)!.exports;
    await vscode.commands.executeCommand('workbench.view.extension.vitalentum');
    await vscode.commands.executeCommand('vitalentum.chatView.focus');
    await within(20_000, 'VS Code resolving the sidebar chat view', api.sidebarChatResolved);
  });
});
