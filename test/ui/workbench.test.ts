import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { VSCodeSession } from '../support/ui';

describe('the extension in the VS Code workbench', () => {
  let vscode: VSCodeSession;

  before(async () => {
    vscode = await VSCodeSession.start();
  });

  after(async () => {
    await vscode?.close();
  });

  it('shows the Vitalentum icon in the activity bar', async () => {
    const icon = vscode.page.locator('.activitybar [aria-label^="Vitalentum"]').first();
    assert.equal(await icon.isVisible(), true);
  });

  it('lists its commands in the command palette', async () => {
    await vscode.page.keyboard.press('F1');
    const input = vscode.page.locator('.quick-input-widget input');
    await input.fill('>Vitalentum');
    const rows = vscode.page.locator('.quick-input-widget .monaco-list-row');
    await rows.first().waitFor();
    const labels = await rows.allInnerTexts();
    await input.press('Escape');
    for (const title of [
      'Ask Vitalentum',
      'Vitalentum: Explain Selection',
      'Vitalentum: New Chat',
      'Vitalentum: Set API Key',
    ]) {
      assert.ok(
        labels.some((l) => l.includes(title)),
        `"${title}" is not in the palette: ${labels.join(' | ')}`,
      );
    }
  });
});
