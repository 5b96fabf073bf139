// The features a person reaches for every day, through the real chat: regenerate, edit and resend, continue a cut-off
// reply, export, the API key commands, the model picker, reply details and the status bar item while a reply streams
// (bad settings: badSettings.test.ts). Every assertion is on what VS Code shows, what is on disk, or what the local
// server received.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe } from 'node:test';
import { STOP_DEADLINE_MS } from '../support/deadline';
import { MARKDOWN_ANSWER } from '../support/protocolServer';
import { ChatView, it, renderedTexts, useChatSuite } from '../support/ui';
import {
  activeEditorText,
  chatRequests,
  detailRows,
  humanTexts,
  nthRequest,
  readSettings,
  settingsFile,
} from '../support/uiPower';

const CONVERSE = '/api/converse-edge';
const COMPLETIONS = '/v1/chat/completions';

describe('daily features of the chat', () => {
  const suite = useChatSuite('power', { server: { paceMs: 2 }, settings: { 'vitalentum.idleTimeoutSeconds': 2 } });

  it('Regenerate asks again with the same history and replaces the answer', async () => {
    await suite.chat.send('How do I compute Fibonacci numbers?');
    assert.match(await suite.chat.waitForReply('complete'), /Fibonacci/);
    const firstRequest = await nthRequest(suite.server, CONVERSE, 1);
    const firstId = await suite.chat.lastReply().getAttribute('data-message-id');

    await suite.chat.lastReply().locator('[data-testid="regenerate"]').click();
    const text = await suite.chat.waitForNewReply(firstId, 'complete');

    const second = await nthRequest(suite.server, CONVERSE, 2);
    assert.deepEqual(second.history, firstRequest.history);
    assert.match(text, /Fibonacci/);
    assert.equal(await suite.chat.messages('assistant').count(), 1, 'the old answer is still on screen');
    assert.equal(await suite.chat.messages('user').count(), 1);
  });

  it('Edit puts the last question back into the input; Enter sends the edited text instead', async () => {
    const requestsBefore = chatRequests(suite.server, CONVERSE).length;
    await suite.chat.messages('user').last().locator('[data-testid="edit"]').click();
    // The host fills the input and removes the exchange in two posts: wait for both.
    await suite.chat.frame.waitForFunction(
      () =>
        (document.querySelector('[data-testid="input"]') as HTMLTextAreaElement | null)?.value ===
          'How do I compute Fibonacci numbers?' && !document.querySelector('[data-testid="message"]'),
    );
    // The input has the focus: the person moves to the end of the text, adds to it and presses Enter.
    await suite.vscode.page.keyboard.press('Control+End');
    await suite.vscode.page.keyboard.type(' [echo] Edited and sent again.');
    await suite.vscode.page.keyboard.press('Enter');
    assert.equal(await suite.chat.waitForReply('complete'), 'Edited and sent again.');

    const request = await nthRequest(suite.server, CONVERSE, requestsBefore + 1);
    assert.deepEqual(humanTexts(request), ['How do I compute Fibonacci numbers? [echo] Edited and sent again.']);
    assert.equal((request.history ?? []).length, 1, 'the old exchange was sent along');
    assert.deepEqual(await renderedTexts(suite.chat.messages('user').locator('[data-testid="message-body"]')), [
      'How do I compute Fibonacci numbers? [echo] Edited and sent again.',
    ]);
    assert.equal(await suite.chat.messages('assistant').count(), 1);
  });

  it('Continue asks the model to go on and appends to the reply that was cut short', async () => {
    // The server goes silent after a few words; the chat gives up after the idle timeout (2 s here).
    const partial = await suite.chat.sendAndWait('Count slowly [chunks:20] [fault:stall]', 'error');
    assert.equal(
      await suite.chat.lastReply().locator('[data-testid="error-box"]').getAttribute('data-error-kind'),
      'timeout',
    );
    assert.match(partial, /^w0 w1 w2$/);
    const replyId = await suite.chat.lastReply().getAttribute('data-message-id');
    const requestsBefore = chatRequests(suite.server, CONVERSE).length;

    await suite.chat.lastReply().locator('[data-testid="continue"]').click();
    const text = await suite.chat.waitForReply('complete');

    const request = await nthRequest(suite.server, CONVERSE, requestsBefore + 1);
    const history = request.history ?? [];
    assert.match(history.at(-1)?.text ?? '', /continue/i);
    assert.equal(history.at(-1)?.speaker, 'human');
    assert.deepEqual(
      history.slice(-3, -1).map((h) => h.text.trim()),
      ['Count slowly [chunks:20] [fault:stall]', 'w0 w1 w2'],
    );
    // One reply, the same message: the words that arrived before the stall, then the continuation.
    assert.equal(await suite.chat.lastReply().getAttribute('data-message-id'), replyId);
    assert.equal(await suite.chat.messages('assistant').count(), 2);
    assert.ok(text.startsWith('w0 w1 w2'), text);
    assert.ok(text.indexOf('Here is a small function') > text.indexOf('w2'), text);
    assert.equal(await suite.chat.lastReply().locator('[data-testid="error-box"]').count(), 0);
    // The details describe the whole reply: the three words before the stall and the continuation.
    await suite.chat.lastReply().locator('[data-testid="details-toggle"]').click();
    const details = await detailRows(suite.chat);
    assert.equal(details.get('Characters'), String('w0 w1 w2 '.length + MARKDOWN_ANSWER.length));
  });

  it('Continue on a reply that failed before its first word answers the question again', async () => {
    await suite.chat.sendAndWait('Fail at once [fault:500]', 'error');
    const failedId = await suite.chat.lastReply().getAttribute('data-message-id');
    assert.equal(await suite.chat.replyText(), '');
    const requestsBefore = chatRequests(suite.server, CONVERSE).length;
    const question = (await nthRequest(suite.server, CONVERSE, requestsBefore)).history;

    await suite.chat.lastReply().locator('[data-testid="continue"]').click();
    // There is nothing to continue from: the same question goes out again, and the new reply takes the old one's place.
    await suite.chat.waitForNewReply(failedId, 'error');
    const request = await nthRequest(suite.server, CONVERSE, requestsBefore + 1);
    assert.deepEqual(request.history, question);
    assert.equal(await suite.chat.messages('assistant').count(), 3);
    assert.equal(
      await suite.chat.lastReply().locator('[data-testid="error-box"]').getAttribute('data-error-kind'),
      'http',
    );
  });

  it('Export opens the conversation as an untitled Markdown document, from the header and from the palette', async () => {
    await suite.chat.by('export').click();
    await suite.vscode.page.locator('.tab.active', { hasText: 'Untitled-1' }).waitFor();
    const exported = await activeEditorText(suite.vscode);
    assert.match(exported, /^---\n\{\n[\s\S]*?\n\}\n---\n\n# How do I compute Fibonacci numbers\?/);
    assert.ok(
      exported.includes('## You\n\nHow do I compute Fibonacci numbers? [echo] Edited and sent again.'),
      exported,
    );
    assert.ok(exported.includes('## Vitalentum\n\nEdited and sent again.'), exported);
    assert.ok(exported.includes('## You\n\nCount slowly [chunks:20] [fault:stall]'), exported);
    assert.ok(exported.includes('w0 w1 w2'), exported);
    assert.ok(exported.includes('```ts\nexport function fibonacci(n: number): number {'), exported);
    assert.match(await suite.vscode.page.locator('.statusbar-item[id$="editor.mode"]').innerText(), /Markdown/);

    await suite.vscode.runCommand('Vitalentum: Export Chat as Markdown');
    await suite.vscode.page.locator('.tab.active', { hasText: 'Untitled-2' }).waitFor();
    assert.equal(await activeEditorText(suite.vscode), exported);
  });

  it('the status bar shows a streaming reply; clicking it stops the reply and keeps the text', async () => {
    await suite.vscode.runCommand('Ask Vitalentum');
    suite.chat = await ChatView.find(suite.vscode, 'panel');
    const item = suite.vscode.page.locator('.statusbar-item', { hasText: 'Vitalentum' });
    assert.equal(await item.count(), 0, 'the status bar shows a reply although none streams');
    // 1000 words 40 ms apart: the reply would stream for 40 s, far beyond STOP_DEADLINE_MS.
    await suite.chat.send('A long one please [chunks:1000] [pace:40]');
    await suite.chat.frame.waitForFunction(() => {
      const replies = document.querySelectorAll('[data-testid="message"][data-role="assistant"]');
      const last = replies[replies.length - 1];
      return last?.getAttribute('data-status') === 'streaming' && (last.textContent ?? '').includes('w3 ');
    });
    await item.first().waitFor({ state: 'visible' });
    await item.first().click();
    const kept = await suite.chat.waitForReply('stopped', STOP_DEADLINE_MS);
    assert.match(kept, /^w0 w1 w2 w3/);
    assert.ok(!kept.includes('w999'), 'the reply ran to the end although it was stopped');
    await item.first().waitFor({ state: 'hidden', timeout: STOP_DEADLINE_MS });
    await suite.server.allConnectionsClosed(STOP_DEADLINE_MS);
  });
});

describe('an OpenAI-compatible server with an API key', () => {
  const apiKey = `sk-local-${Math.random().toString(36).slice(2)}-secret`;

  const suite = useChatSuite('power-key', {
    server: { paceMs: 2, apiKey, models: ['llama-local', 'qwen-local', 'mistral-local'] },
    settings: { 'vitalentum.provider': 'openai-compatible' },
  });

  async function expectRefused(): Promise<void> {
    const requestsBefore = chatRequests(suite.server, COMPLETIONS).length;
    await suite.chat.sendAndWait('Hello [echo] never shown', 'error');
    const box = suite.chat.lastReply().locator('[data-testid="error-box"]');
    assert.equal(await box.getAttribute('data-error-kind'), 'auth');
    assert.match(await box.innerText(), /The chat server refused the API key \(HTTP 401\); set a valid key/);
    const request = await nthRequest(suite.server, COMPLETIONS, requestsBefore + 1);
    assert.equal(request.headers.authorization, undefined);
  }

  it('without a key the server refuses; the box’s Set API Key (masked input) makes the next message work', async () => {
    await expectRefused();
    await suite.chat.lastReply().locator('[data-testid="error-action"]', { hasText: 'Set API Key' }).click();
    const input = suite.vscode.page.locator('.quick-input-widget input');
    await input.waitFor({ state: 'visible' });
    assert.equal(await input.getAttribute('type'), 'password');
    await input.pressSequentially(apiKey);
    await input.press('Enter');
    await input.waitFor({ state: 'hidden' });
    await suite.vscode.page.locator('.notification-toast', { hasText: 'the API key was saved' }).first().waitFor();

    const requestsBefore = chatRequests(suite.server, COMPLETIONS).length;
    assert.equal(await suite.chat.sendAndWait('Hello again [echo] The key works.'), 'The key works.');
    const request = await nthRequest(suite.server, COMPLETIONS, requestsBefore + 1);
    assert.equal(request.headers.authorization, `Bearer ${apiKey}`);
  });

  it('Select Model lists the server models; the choice shows in the header and goes with the next request', async () => {
    await suite.vscode.runCommand('Vitalentum: Select Model', { opensPicker: true });
    const rows = suite.vscode.page.locator('.quick-input-widget .monaco-list-row .label-name');
    await rows.first().waitFor();
    assert.deepEqual(await rows.allInnerTexts(), ['llama-local', 'qwen-local', 'mistral-local']);
    const listing = suite.server.requests.filter((r) => r.method === 'GET' && r.path === '/v1/models').at(-1);
    assert.equal(listing?.headers.authorization, `Bearer ${apiKey}`);
    await suite.vscode.pickRow('qwen-local');
    await suite.vscode.page.locator('.quick-input-widget').waitFor({ state: 'hidden' });

    await suite.chat.frame.locator('[data-testid="backend-chip"]', { hasText: 'qwen-local' }).waitFor();
    const requestsBefore = chatRequests(suite.server, COMPLETIONS).length;
    assert.equal(await suite.chat.sendAndWait('Which model? [echo] This one.'), 'This one.');
    const request = await nthRequest(suite.server, COMPLETIONS, requestsBefore + 1);
    assert.equal((request.body as { model?: unknown }).model, 'qwen-local');

    // The chip in the header opens the same picker, which marks the model in use.
    await suite.chat.by('backend-chip').click();
    const current = suite.vscode.page
      .locator('.quick-input-widget .monaco-list-row')
      .filter({ has: suite.vscode.page.locator('.label-name', { hasText: /^qwen-local$/ }) });
    await current.waitFor();
    assert.equal((await current.locator('.label-description').innerText()).trim(), 'current');
    await suite.vscode.page.keyboard.press('Escape');
    await suite.vscode.page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
  });

  it('reply details show timing, chunks, speed, protocol and model', async () => {
    await suite.chat.sendAndWait('Tell me about Fibonacci');
    const reply = suite.chat.lastReply();
    const details = reply.locator('[data-testid="details"]');
    assert.equal(await details.isVisible(), false);
    await reply.locator('[data-testid="details-toggle"]').click();
    const rows = await detailRows(suite.chat);
    assert.equal(rows.get('Protocol'), 'openai-compatible');
    assert.equal(rows.get('Model'), 'qwen-local');
    assert.match(rows.get('First chunk after') ?? '', /^\d+(\.\d)? m?s$/);
    assert.match(rows.get('Duration') ?? '', /^\d+(\.\d)? m?s$/);
    assert.ok(Number(rows.get('Chunks')) > 1, `chunks: ${rows.get('Chunks')}`);
    assert.equal(rows.get('Characters'), String(MARKDOWN_ANSWER.length));
    assert.match(rows.get('Speed') ?? '', /^\d+ chars\/s$/);
  });

  it('Clear API Key makes the server refuse again; the key is in neither the settings nor the log', async () => {
    await suite.vscode.runCommand('Vitalentum: Clear API Key');
    await suite.vscode.page.locator('.notification-toast', { hasText: 'the API key was removed' }).first().waitFor();
    await expectRefused();
    // The picker, open while the models are listed, closes when the server refuses the list; the error says why.
    await suite.vscode.runCommand('Vitalentum: Select Model');
    await suite.vscode.page
      .locator('.notification-toast', {
        hasText: /the models could not be listed\. The chat server refused the API key/,
      })
      .first()
      .waitFor();
    assert.equal(await suite.vscode.page.locator('.quick-input-widget').isVisible(), false, 'the picker is still open');

    const settings = readFileSync(settingsFile(suite.vscode), 'utf8');
    assert.equal(
      readSettings(suite.vscode)['vitalentum.model'],
      'qwen-local',
      'the settings file is not the one VS Code uses',
    );
    assert.ok(!settings.includes(apiKey), 'the API key is in settings.json');
    // The log holds the requests made with the key, so an absent key means it was kept out, not that nothing was logged.
    await suite.vscode.waitForLogLines(/Request openai-compatible .* model=qwen-local .*: complete/, 2);
    await suite.vscode.waitForLogLines(/Request openai-compatible .*: error auth/, 2);
    assert.ok(suite.vscode.chatLogFiles().length > 0);
    assert.ok(!suite.vscode.chatLog().includes(apiKey), 'the API key is in the log');
  });
});
