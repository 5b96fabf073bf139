// The chat by keyboard alone, from Ask Vitalentum in the palette: Tab reaches the composer, Send, Stop, New Chat,
// the history and each code block's Copy, Insert and Apply in the order they are shown, every one with a visible
// focus indicator, and Enter and Space do what a click does. The focus order is printed.
import assert from 'node:assert/strict';
import { describe } from 'node:test';
import { ChatView, it, useChatSuite } from '../support/ui';
import {
  announcements,
  askByKeyboard,
  focused,
  recordAnnouncements,
  tabTo,
  waitForFocus,
  type Focused,
} from '../support/uiA11y';

describe('the chat by keyboard alone', () => {
  const suite = useChatSuite('keyboard', { openChat: false });
  /** Every element focused in the tests, in order, with how its focus was drawn. */
  const seen: Focused[] = [];
  const keys = () => suite.vscode.page.keyboard;

  async function expectFocus(name: string): Promise<void> {
    await waitForFocus(suite.chat.frame, name);
    const now = await focused(suite.chat.frame);
    assert.ok(now?.visible, `${name} has the focus but no visible indicator: ${now?.indicator}`);
    seen.push(now);
  }

  async function reopenChat(): Promise<void> {
    await askByKeyboard(suite.vscode);
    suite.chat = await ChatView.find(suite.vscode, 'panel');
    await expectFocus('input');
  }

  it('Ask Vitalentum focuses the composer; Tab reaches Send and Stop, which Space and Enter work', async () => {
    await suite.vscode.openFile('fibonacci.ts');
    await keys().press('Control+End');
    await keys().press('Enter');
    await reopenChat();
    const frame = suite.chat.frame;
    await recordAnnouncements(frame);

    await keys().type('Show me the code [pace:200]');
    seen.push(...(await tabTo(suite.vscode, frame, 'send', { max: 1 })));
    await keys().press('Space');
    // The question is sent and the input is ready for the next; Stop takes Send's place while the reply streams.
    await expectFocus('input');
    // Stop shows once the host has taken the question.
    await suite.chat.by('stop').waitFor();
    seen.push(...(await tabTo(suite.vscode, frame, 'stop', { max: 1 })));
    assert.equal(await suite.chat.lastReply().getAttribute('data-status'), 'streaming');
    await suite.chat.waitForReply('complete', 30_000);
    // Stop vanished with the end of the reply: the focus went back to the input.
    await expectFocus('input');

    await keys().type('A slow one [chunks:40] [pace:400]');
    await tabTo(suite.vscode, frame, 'send', { max: 1 });
    await keys().press('Enter');
    await expectFocus('input');
    await suite.chat.by('stop').waitFor();
    await tabTo(suite.vscode, frame, 'stop', { max: 1 });
    await suite.chat.frame.waitForFunction(() =>
      document.querySelector('[data-status="streaming"]')?.textContent?.includes('w1'),
    );
    await keys().press('Space');
    await suite.chat.waitForReply('stopped');
    await expectFocus('input');
    const said = await announcements(frame);
    assert.equal(said.length, 2, JSON.stringify(said));
    assert.match(said[0], /^Reply finished: /);
    assert.match(said[1], /^Reply stopped: w0 w1/);
  });

  it('Tab visits the header, the conversation and its code buttons, then the composer, in the order shown', async () => {
    await reopenChat();
    const frame = suite.chat.frame;
    const backward = await tabTo(suite.vscode, frame, 'backend-chip', { backward: true, max: 40 });
    const forward = await tabTo(suite.vscode, frame, 'input', { max: 40 });
    const names = forward.map((f) => f.name);
    const order = ['backend-chip', ...names];
    console.log(`focus order: ${order.join(' > ')}`);
    console.log(`focus indicators:\n${forward.map((f) => `  ${f.name}: ${f.indicator}`).join('\n')}`);
    assert.deepEqual(
      backward.map((f) => f.name),
      ['backend-chip', ...names.slice(0, -1)].reverse(),
      'Shift+Tab does not retrace Tab',
    );
    const invisible = [...backward, ...forward].filter((f) => !f.visible).map((f) => `${f.name} (${f.indicator})`);
    assert.deepEqual(invisible, [], 'elements focused without a visible indicator');
    const at = (name: string) => {
      const index = order.indexOf(name);
      assert.notEqual(index, -1, `${name} is not in the focus order`);
      return index;
    };
    const sequence = ['backend-chip', 'new-chat', 'history', 'message-list', 'code-copy', 'code-insert', 'code-apply'];
    const positions = [...sequence, 'add-context', 'input'].map(at);
    assert.deepEqual(
      positions,
      [...positions].sort((a, b) => a - b),
      'out of order',
    );
    seen.push(...forward);
  });

  it('Enter and Space open and close the history; Escape returns to its button', async () => {
    await reopenChat();
    const frame = suite.chat.frame;
    seen.push(...(await tabTo(suite.vscode, frame, 'history', { backward: true, max: 40 })));
    await keys().press('Enter');
    await suite.chat.by('history-panel').waitFor();
    await expectFocus('history-open');
    assert.equal(await suite.chat.by('history').getAttribute('aria-expanded'), 'true');
    await keys().press('Escape');
    await suite.chat.by('history-panel').waitFor({ state: 'hidden' });
    await expectFocus('history');
    await keys().press('Space');
    await suite.chat.by('history-panel').waitFor();
    await keys().press('Escape');
    await expectFocus('history');
  });

  it("Enter on a code block's Copy copies it; Space on Insert puts it in the editor", async () => {
    const frame = suite.chat.frame;
    const reply = suite.chat.messages('assistant').first();
    // Its text as Copy takes it: a streamed block's lines are blocks, between which innerText adds line breaks.
    const code = (await reply.locator('pre code').first().textContent()) ?? '';
    seen.push(...(await tabTo(suite.vscode, frame, 'code-copy', { max: 10 })));
    await keys().press('Enter');
    await reply.locator('[data-testid="code-copy"] .codicon-check').waitFor();
    // The host writes the clipboard a moment after the button shows its check mark.
    await suite.vscode.page.waitForFunction(
      async (want) => (await navigator.clipboard.readText()).trim() === want,
      code.trim(),
      { timeout: 5_000 },
    );
    seen.push(...(await tabTo(suite.vscode, frame, 'code-insert', { max: 1 })));
    await keys().press('Space');
    await suite.vscode.page.locator('.editor-group-container .view-lines', { hasText: 'RangeError' }).first().waitFor();
    await suite.vscode.screenshot('keyboard-insert');
  });

  it("Enter on a code block's Apply shows the diff", async () => {
    await reopenChat();
    const frame = suite.chat.frame;
    seen.push(...(await tabTo(suite.vscode, frame, 'code-apply', { backward: true, max: 40 })));
    await keys().press('Enter');
    await suite.vscode.page.locator('.tab[aria-label*="Proposed by Vitalentum"]').first().waitFor();
  });

  it('Space on New Chat empties the chat', async () => {
    await reopenChat();
    seen.push(...(await tabTo(suite.vscode, suite.chat.frame, 'new-chat', { backward: true, max: 40 })));
    await keys().press('Space');
    await suite.chat.by('empty-state').waitFor();
    assert.equal(await suite.chat.messages().count(), 0);
    await suite.vscode.screenshot('keyboard-new-chat-focus');
    console.log(`everything focused, in order: ${seen.map((f) => f.name).join(' > ')}`);
  });
});
