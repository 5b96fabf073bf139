// What real OpenAI-compatible servers send beside the answer, through the real chat: reasoning in a collapsed Thinking
// section (never sent back), a reply cut at the token limit and continued, an error event inside the stream, the token
// usage in the reply's details, and the notice for a prompt the server counted far short of what was sent. Every
// assertion is on what VS Code shows or what the local server received.
import assert from 'node:assert/strict';
import { describe } from 'node:test';
import type { RecordedRequest } from '../support/protocolServer';
import { MARKDOWN_ANSWER, THINK_TEXT } from '../support/protocolServerDirectives';
import { it, useChatSuite } from '../support/ui';
import { chatRequests, detailRows, nthRequest } from '../support/uiPower';

const COMPLETIONS = '/v1/chat/completions';

/** The messages an OpenAI-compatible request carried. */
function sentMessages(request: RecordedRequest): { role: string; content: string }[] {
  return (request.body as { messages: { role: string; content: string }[] }).messages;
}

/** `[reasoning:N]`'s reasoning text as the server streams it. */
function reasoningText(n: number): string {
  return Array.from({ length: n }, (_, i) => `r${i} `).join('');
}

describe('what real servers send beside the answer', () => {
  const suite = useChatSuite('realServers', {
    server: { paceMs: 2 },
    settings: { 'vitalentum.provider': 'openai-compatible', 'vitalentum.model': 'qwen3-local' },
  });

  it('reasoning streams into a collapsed Thinking section above the answer; expanding shows it', async () => {
    const requestsBefore = chatRequests(suite.server, COMPLETIONS).length;
    await suite.chat.send('Why is the sky blue? [reasoning:40] [pace:40] [chunks:6]');
    // The reasoning shows while it arrives, before any of the answer.
    await suite.chat.frame.waitForFunction(
      () => {
        const replies = document.querySelectorAll('[data-testid="message"][data-role="assistant"]');
        const reply = replies[replies.length - 1];
        const section = reply?.querySelector<HTMLElement>('.reasoning');
        return (
          reply?.getAttribute('data-status') === 'streaming' &&
          section?.hidden === false &&
          (reply.querySelector('[data-testid="reasoning"]')?.textContent ?? '').includes('r3 ') &&
          reply.querySelector('[data-testid="message-body"]')?.textContent === ''
        );
      },
      undefined,
      { timeout: 10_000 },
    );
    assert.equal(await suite.chat.waitForReply('complete'), 'w0 w1 w2 w3 w4 w5');
    const reply = suite.chat.lastReply();
    const toggle = reply.locator('[data-testid="reasoning-toggle"]');
    const reasoning = reply.locator('[data-testid="reasoning"]');
    assert.equal(await toggle.evaluate((e) => e.tagName), 'BUTTON');
    assert.equal(await toggle.getAttribute('aria-expanded'), 'false');
    assert.match(await toggle.innerText(), /^Thinking · \d+(\.\d)? m?s$/);
    assert.equal(await reasoning.isVisible(), false);
    await suite.vscode.screenshot('reasoning-collapsed');

    await toggle.click();
    assert.equal(await toggle.getAttribute('aria-expanded'), 'true');
    assert.equal(await reasoning.isVisible(), true);
    assert.equal((await reasoning.innerText()).trim(), reasoningText(40).trim());
    assert.doesNotMatch(await suite.chat.replyText(), /r\d/);
    await suite.vscode.screenshot('reasoning-expanded');

    // The next question goes out with the answer alone: the reasoning is never sent back.
    await suite.chat.sendAndWait('And at sunset? [chunks:2]');
    const next = sentMessages(await nthRequest(suite.server, COMPLETIONS, requestsBefore + 2));
    assert.deepEqual(
      next.map((m) => [m.role, m.content]),
      [
        ['user', 'Why is the sky blue? [reasoning:40] [pace:40] [chunks:6]'],
        ['assistant', 'w0 w1 w2 w3 w4 w5 '],
        ['user', 'And at sunset? [chunks:2]'],
      ],
    );
  });

  it('a <think> block at the start of the content is shown as reasoning, not as the answer', async () => {
    assert.equal(await suite.chat.sendAndWait('Think aloud [think] [chunks:3] [pace:20]'), 'w0 w1 w2');
    const reply = suite.chat.lastReply();
    await reply.locator('[data-testid="reasoning-toggle"]').click();
    assert.equal((await reply.locator('[data-testid="reasoning"]').innerText()).trim(), THINK_TEXT);
  });

  it('a reply cut at the token limit says so, and Continue appends the rest to it', async () => {
    const text = await suite.chat.sendAndWait('List the planets [chunks:5] [finish:length]');
    assert.equal(text, 'w0 w1 w2 w3 w4');
    const reply = suite.chat.lastReply();
    const replyId = await reply.getAttribute('data-message-id');
    assert.match(await reply.locator('[data-testid="notice"]').innerText(), /cut off at the server’s token limit/);
    const requestsBefore = chatRequests(suite.server, COMPLETIONS).length;

    await reply.locator('[data-testid="continue"]').click();
    await suite.chat.frame.waitForFunction(
      (id) => {
        const replies = document.querySelectorAll('[data-testid="message"][data-role="assistant"]');
        const last = replies[replies.length - 1];
        return last?.getAttribute('data-message-id') === id && last.querySelector('[data-testid="notice"]') === null;
      },
      replyId,
      { timeout: 20_000 },
    );
    const continued = await suite.chat.waitForReply('complete');
    const request = sentMessages(await nthRequest(suite.server, COMPLETIONS, requestsBefore + 1));
    assert.deepEqual(request.at(-2), { role: 'assistant', content: 'w0 w1 w2 w3 w4 ' });
    assert.match(request.at(-1)?.content ?? '', /continue/i);
    assert.equal(await suite.chat.lastReply().getAttribute('data-message-id'), replyId);
    assert.ok(continued.startsWith('w0 w1 w2 w3 w4'), continued);
    assert.ok(continued.indexOf('Here is a small function') > continued.indexOf('w4'), continued);
    assert.equal(await suite.chat.lastReply().locator('[data-testid="continue"]').count(), 0);
    await suite.chat.lastReply().locator('[data-testid="details-toggle"]').click();
    const rows = await detailRows(suite.chat);
    assert.equal(rows.get('Characters'), String('w0 w1 w2 w3 w4 '.length + MARKDOWN_ANSWER.length));
    assert.equal(rows.get('Finish reason'), 'stop');
  });

  it('an error event inside the stream keeps the partial text and shows the server’s message', async () => {
    const partial = await suite.chat.sendAndWait('Write a poem [chunks:20] [stream-error]', 'error');
    assert.equal(partial, 'w0 w1 w2');
    const box = suite.chat.lastReply().locator('[data-testid="error-box"]');
    assert.equal(await box.getAttribute('data-error-kind'), 'server');
    assert.match(await box.innerText(), /model overloaded/);
    assert.equal(await suite.chat.lastReply().locator('[data-testid="continue"]').count(), 1);
  });

  it('reply details show the prompt and completion tokens and the tokens per second the server reported', async () => {
    await suite.chat.sendAndWait('Count to eight [chunks:8] [usage] [pace:20]');
    await suite.chat.lastReply().locator('[data-testid="details-toggle"]').click();
    const rows = await detailRows(suite.chat);
    assert.equal(rows.get('Prompt tokens'), '42');
    assert.equal(rows.get('Completion tokens'), '8');
    assert.match(rows.get('Tokens per second') ?? '', /^\d+\.\d$/);
    assert.ok(Number(rows.get('Tokens per second')) > 0);
    assert.equal(rows.get('Finish reason'), 'stop');
    assert.equal(rows.get('Model'), 'qwen3-local');
  });

  it('a prompt the server counted under half of what was sent gets a notice that the server probably cut it', async () => {
    // About 500 estimated tokens, of which the local server reports 42.
    await suite.chat.sendAndWait(`Summarize [usage] ${'lorem '.repeat(340)}`);
    const notice = await suite.chat.lastReply().getByTestId('notice').innerText();
    assert.match(notice, /^The server counted 42 prompt tokens of about [\d,]+ sent: it probably cut the prompt/);
    assert.match(
      notice,
      /Raise the server’s context size \(Ollama: num_ctx\) or lower vitalentum\.contextWindowTokens\.$/,
    );
  });
});
