// Every way a reply can fail, through the real chat: the local server misbehaves as the message's [fault:...]
// directive asks, and the chat must say in plain words what happened, keep whatever text had arrived, and answer
// the next message normally.
import assert from 'node:assert/strict';
import { describe } from 'node:test';
import { STOP_DEADLINE_MS } from '../support/deadline';
import { it, useChatSuite } from '../support/ui';

/** The first words of the server's default answer, which the stream faults send before failing. */
const ANSWER_START = 'Here is a';
const ANSWER_END = 'to get 55.';

interface ErrorCase {
  fault: string;
  kind: string;
  /** The one sentence the error box says. */
  says: string;
  /** The one button the error box offers. */
  action: 'retry' | 'setApiKey' | 'openSettings';
  /** Whether the partial answer that arrived before the failure is kept. */
  keepsPartial: boolean;
}

const ERROR_CASES: ErrorCase[] = [
  {
    fault: '429',
    kind: 'rate-limited',
    says: 'The chat server is limiting requests; try again in 7 seconds.',
    action: 'retry',
    keepsPartial: false,
  },
  {
    fault: '403',
    kind: 'blocked',
    says: 'The chat server answered with a bot-check page instead of a reply, so it is blocking this client.',
    action: 'retry',
    keepsPartial: false,
  },
  {
    fault: '500',
    kind: 'http',
    says: 'The chat server answered with HTTP status 500.',
    action: 'retry',
    keepsPartial: false,
  },
  {
    fault: '401',
    kind: 'auth',
    says: 'The chat server refused the API key (HTTP 401); set a valid key for this server.',
    action: 'setApiKey',
    keepsPartial: false,
  },
  {
    fault: 'reset',
    kind: 'network',
    says: 'The connection to the chat server was reset.',
    action: 'retry',
    keepsPartial: true,
  },
  {
    fault: 'stall',
    kind: 'timeout',
    says: 'The chat server sent nothing for 2 seconds, so the reply was given up.',
    action: 'retry',
    keepsPartial: true,
  },
  {
    fault: 'content-type',
    kind: 'protocol',
    says: 'The chat server sent text/html instead of a chat reply; check the base URL and the protocol setting.',
    action: 'openSettings',
    keepsPartial: false,
  },
];

const ACTION_BUTTONS = {
  retry: { testId: 'retry', label: 'Retry' },
  setApiKey: { testId: 'error-action', label: 'Set API Key' },
  openSettings: { testId: 'error-action', label: 'Open Settings' },
} as const;

describe('reply failures in the chat', () => {
  const suite = useChatSuite('faults', { server: { paceMs: 2 }, settings: { 'vitalentum.idleTimeoutSeconds': 2 } });

  async function nextMessageWorks(): Promise<void> {
    const text = await suite.chat.sendAndWait('Next question, please', 'complete');
    assert.match(text, /Fibonacci/);
    assert.ok(text.includes(ANSWER_END), 'the next answer is not whole');
    assert.equal(await suite.chat.lastReply().locator('[data-testid="error-box"]').count(), 0);
  }

  for (const failure of ERROR_CASES) {
    it(`explains [fault:${failure.fault}] as ${failure.kind}, then answers the next message`, async () => {
      const text = await suite.chat.sendAndWait(`Trouble ahead [fault:${failure.fault}]`, 'error');
      const reply = suite.chat.lastReply();
      const box = reply.locator('[data-testid="error-box"]');
      assert.equal(await box.getAttribute('data-error-kind'), failure.kind);
      // The box says one sentence; everything else in it is a button.
      const labels = await box.locator('button').allInnerTexts();
      const said = labels.reduce((text, label) => text.replace(label, ''), await box.innerText()).trim();
      assert.equal(said, failure.says);
      if (failure.fault === '429') assert.equal(said.match(/7 seconds/g)?.length, 1, said);
      if (failure.keepsPartial) assert.ok(text.startsWith(ANSWER_START), `the partial reply was lost: "${text}"`);
      else assert.equal(text.trim(), '');
      const action = ACTION_BUTTONS[failure.action];
      assert.equal((await box.locator(`[data-testid="${action.testId}"]`).innerText()).trim(), action.label);
      // One way to ask again: the box's own Retry, or beside the reply when the box offers something else.
      assert.equal(await reply.locator('[data-testid="retry"]').count(), 1);
      // The technical detail is one click away, and the bot page's markup is shown as text, never rendered.
      await box.locator('[data-testid="error-detail-toggle"]').click();
      const detail = await box.locator('[data-testid="error-detail"]').innerText();
      assert.ok(detail.length > 0);
      if (failure.fault === '403') assert.match(detail, /Just a moment/);
      await nextMessageWorks();
    });
  }

  it('skips a malformed event line, keeps the rest of the reply and logs a warning', async () => {
    const text = await suite.chat.sendAndWait('Broken line ahead [fault:malformed]', 'complete');
    assert.ok(text.startsWith(ANSWER_START));
    assert.ok(text.includes(ANSWER_END), 'the reply after the malformed line is missing');
    assert.ok(!text.includes('lost'), 'the malformed line was shown');
    assert.equal(await suite.chat.lastReply().locator('[data-testid="error-box"]').count(), 0);
    await suite.vscode.waitForLogLines(/\[warning\].*Line: data: \{"choices":\[\{"delta":\{"content":"lost/);
    await nextMessageWorks();
  });

  it('keeps a reply that ended without its end marker and says it may be cut short', async () => {
    const text = await suite.chat.sendAndWait('No end marker [fault:no-done]', 'incomplete');
    assert.ok(text.includes(ANSWER_END), 'the text that arrived was not kept');
    assert.match(
      await suite.chat.lastReply().locator('[data-testid="notice"]').innerText(),
      /ended the reply without its end marker; it may be cut short/,
    );
    assert.equal(await suite.chat.lastReply().locator('[data-testid="continue"]').isVisible(), true);
    await nextMessageWorks();
  });

  it('Stop keeps the partial reply with a notice, then the next message works', async () => {
    const replies = await suite.chat.messages('assistant').count();
    // 2000 words 20 ms apart: the reply would stream for 40 s, far beyond STOP_DEADLINE_MS.
    await suite.chat.send('Go on and on [chunks:2000] [pace:20]');
    await suite.chat.messages('assistant').nth(replies).waitFor();
    await suite.chat.frame.waitForFunction(() => {
      const all = document.querySelectorAll('[data-testid="message"][data-role="assistant"]');
      return (all[all.length - 1]?.textContent ?? '').includes('w3 ');
    });
    await suite.chat.by('stop').click();
    const kept = await suite.chat.waitForReply('stopped', STOP_DEADLINE_MS);
    assert.match(kept, /^w0 w1 w2 w3/);
    assert.ok(!kept.includes('w1999'), 'the reply ran to the end although it was stopped');
    assert.match(
      await suite.chat.lastReply().locator('[data-testid="notice"]').innerText(),
      /Stopped\. The partial reply is kept\./,
    );
    await suite.server.allConnectionsClosed(STOP_DEADLINE_MS);
    await nextMessageWorks();
  });

  it('Retry after a failure sends the same question again, in place of the failed reply', async () => {
    await suite.chat.sendAndWait('Flaky [fault:500]', 'error');
    const replies = await suite.chat.messages('assistant').count();
    const before = suite.server.requests.length;
    // Retry replaces the failed reply with a new one (a new message id), so its end is told from the old reply's.
    const failed = await suite.chat.lastReply().getAttribute('data-message-id');
    await suite.chat.lastReply().locator('[data-testid="retry"]').click();
    // The directive is still in the question, so the retried request fails the same way; what matters is that it
    // went out again with the same text and the chat shows one reply for it, not two.
    await suite.chat.waitForNewReply(failed, 'error', 30_000);
    assert.equal(await suite.chat.messages('assistant').count(), replies);
    const retried = suite.server.requests.slice(before).filter((r) => r.path === '/api/converse-edge');
    assert.equal(retried.length, 1);
    const human = retried[0].history?.filter((h) => h.speaker === 'human').at(-1)?.text;
    assert.equal(human, 'Flaky [fault:500]');
    await nextMessageWorks();
  });
});
