// What settings with bad values do, through the real chat: one warning for each, the defaults used meanwhile, and no
// new warnings when the settings are read again. Every assertion is on what VS Code shows or what the server received.
import assert from 'node:assert/strict';
import { describe } from 'node:test';
import { startProtocolServer } from '../support/protocolServer';
import { ChatView, it, useChatSuite } from '../support/ui';
import { chatRequests, editUserSettings, notificationMessages, nthRequest, readSettings } from '../support/uiPower';

const CONVERSE = '/api/converse-edge';

describe('settings with bad values', () => {
  const suite = useChatSuite('power-settings', {
    server: { paceMs: 1 },
    settings: { 'vitalentum.idleTimeoutSeconds': -5, 'vitalentum.extraBody': [1] },
  });

  const aboutTimeout = (message: string) => message.includes('vitalentum.idleTimeoutSeconds');
  const aboutExtraBody = (message: string) => message.includes('vitalentum.extraBody');

  it('warns once per bad setting and chats with the defaults', async () => {
    await suite.chat.send('Hello [echo] Still working.');
    assert.equal(await suite.chat.waitForReply('complete'), 'Still working.');
    await suite.vscode.page.locator('.notification-toast', { hasText: 'vitalentum.extraBody' }).first().waitFor();

    let messages = await notificationMessages(suite.vscode);
    assert.equal(messages.filter(aboutTimeout).length, 1, messages.join('\n'));
    assert.equal(messages.filter(aboutExtraBody).length, 1, messages.join('\n'));
    assert.match(messages.find(aboutTimeout) ?? '', /using the default \(60\)/);
    const request = await nthRequest(suite.server, CONVERSE, 1);
    assert.ok(!Object.hasOwn(request.body as object, '0'), 'the array in extraBody was merged into the request');

    // A settings change (another server) makes the chat read its settings again; the next message brings no new
    // warnings.
    const other = await startProtocolServer({ paceMs: 1 });
    try {
      await editUserSettings(suite.vscode, { ...readSettings(suite.vscode), 'vitalentum.baseUrl': other.url });
      await suite.vscode.runCommand('Ask Vitalentum');
      suite.chat = await ChatView.find(suite.vscode, 'panel');
      await suite.chat.frame.locator(`[data-testid="backend-chip"][title*="${other.url}"]`).waitFor();
      assert.equal(await suite.chat.sendAndWait('Again [echo] Still fine.'), 'Still fine.');
      assert.equal(chatRequests(other, CONVERSE).length, 1, 'the changed settings were not used');
    } finally {
      await other.close();
    }
    await suite.chat.frame.waitForTimeout(500);
    messages = await notificationMessages(suite.vscode);
    assert.equal(messages.filter(aboutTimeout).length, 1, messages.join('\n'));
    assert.equal(messages.filter(aboutExtraBody).length, 1, messages.join('\n'));
  });
});
