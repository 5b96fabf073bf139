// The chat in German: with VS Code's display language set to `de`, the palette lists the command by its German title
// from package.nls.de.json, and the webview and the host's sentences come from l10n/bundle.l10n.de.json.
import assert from 'node:assert/strict';
import { describe } from 'node:test';
import { ChatView, it, useChatSuite } from '../support/ui';

describe('the chat in German', () => {
  const suite = useChatSuite('l10n', { language: 'de', openChat: false });

  it('opens from the palette by its German title and shows the webview in German', async () => {
    // pickRow clicks only a row labelled exactly so: the English title would not match.
    await suite.vscode.runCommand('Vitalentum fragen');
    const chat = await ChatView.find(suite.vscode, 'panel');
    assert.equal(
      await chat.input.getAttribute('placeholder'),
      'Vitalentum fragen (Eingabetaste zum Senden, Umschalt+Eingabetaste für eine neue Zeile)',
    );
    assert.match(await chat.by('empty-state').innerText(), /Stellen Sie eine Frage zu Ihrem Code\./);
    assert.equal(await chat.by('send').getAttribute('aria-label'), 'Senden');
    assert.equal(await chat.frame.locator('html').getAttribute('lang'), 'de');
    await suite.vscode.screenshot('l10n-de-empty-chat');
  });

  it('words a failure in German, from the chat layer on the host', async () => {
    const chat = await ChatView.find(suite.vscode, 'panel');
    await chat.sendAndWait('[fault:429] Hallo', 'error');
    const box = chat.lastReply().locator('[data-testid="error-box"]');
    assert.match(
      await box.innerText(),
      /Der Chatserver begrenzt die Anfragen\. Versuchen Sie es in 7 Sekunden erneut\./,
    );
    assert.match(await chat.by('retry').innerText(), /Wiederholen/);
    await suite.vscode.screenshot('l10n-de-error');
  });
});
