// The extension in the VS Code workbench: its activity-bar icon opens the sidebar chat, and its commands are in the
// command palette.
import assert from 'node:assert/strict';
import { after, before, describe } from 'node:test';
import { ChatView, it, UI_TEST_TIMEOUT_MS, VSCodeSession } from '../support/ui';

describe('the extension in the VS Code workbench', () => {
  let vscode: VSCodeSession;
  const hook = { timeout: UI_TEST_TIMEOUT_MS };

  before(async () => {
    vscode = await VSCodeSession.start();
  }, hook);

  after(async () => {
    await vscode?.close();
  }, hook);

  it('opens the sidebar chat, ready for a question, from its activity-bar icon', async () => {
    // Starting the session waited for the icon to show; what a click on it opens is what this test checks.
    const icon = 'a.action-label[aria-label^="Vitalentum"]';
    await vscode.page.locator(`.activitybar ${icon}`).click();
    await vscode.page.locator(`.activitybar .action-item.checked ${icon}`).waitFor();
    const title = vscode.page.locator('.part.sidebar .composite.title .title-label');
    assert.match(await title.innerText(), /^Vitalentum/i);
    const chat = await ChatView.find(vscode, 'sidebar');
    await chat.input.waitFor({ state: 'visible' });
    assert.equal(await chat.input.isEditable(), true);
    assert.equal(
      await chat.input.getAttribute('placeholder'),
      'Ask Vitalentum (Enter to send, Shift+Enter for a new line)',
    );
  });

  it('runs in a window that shows the whole page, so the display draws the composer and the status bar', async () => {
    // An emulated viewport makes the window the page's size, toolbar included: the page's bottom strip, where the
    // chat's composer and the status bar are, is then painted but never drawn, and the benches' key timings wait for
    // unrelated frames (test/support/workbench.mjs).
    const size = await vscode.page.evaluate(() => ({
      inner: [innerWidth, innerHeight],
      frame: outerHeight - innerHeight,
    }));
    assert.deepEqual(size.inner, [1400, 900]);
    assert.ok(size.frame > 0, `the window is no taller than the page (${size.frame} px more)`);
  });

  it('lists its commands in the command palette', async () => {
    await vscode.focusWorkbench();
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
