// A conversation of 1,000 turns, opened from the history as a person would: it shows its end at once, rendered, and
// the replies far above render as the user scrolls up to them; the whole text is in the page for find-in-page.
import assert from 'node:assert/strict';
import { describe } from 'node:test';
import { answer, LONG_TITLE, TURNS, writeLongConversation } from '../bench/longWorkload';
import { it, useChatSuite } from '../support/ui';

describe('a conversation of 1,000 turns', () => {
  const suite = useChatSuite('longConversation', {
    // The chat reads its store when it first opens, so files written now are what an earlier session left.
    beforeChat: (vscode) => void writeLongConversation(vscode.userDataDir),
  });
  const replies = () => suite.chat.messages('assistant');
  const rendered = (index: number) => replies().nth(index).locator('[data-testid="code-block"]');

  it('opens at its end, rendered, with the earliest replies waiting as text', async () => {
    await suite.chat.by('history').click();
    await suite.chat.by('history-item').filter({ hasText: LONG_TITLE }).locator('[data-testid="history-open"]').click();
    await rendered(TURNS - 1).waitFor();
    assert.equal(await replies().count(), TURNS);
    assert.equal(await rendered(0).count(), 0, 'the first reply was rendered although it is far out of view');
    // Its source is in the page meanwhile, where find-in-page finds it.
    const first = await replies().first().locator('[data-testid="message-body"]').textContent();
    assert.equal(first, answer(0));
    const list = suite.chat.by('message-list');
    const atBottom = await list.evaluate((e) => e.scrollHeight - e.scrollTop - e.clientHeight);
    assert.ok(atBottom < 30, `the list is ${atBottom} px above its bottom`);
  });

  it('renders the replies the user scrolls up to', async () => {
    const list = suite.chat.by('message-list');
    const box = await (await suite.chat.frame.frameElement()).boundingBox();
    assert.ok(box);
    await suite.vscode.page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    const deadline = Date.now() + 60_000;
    while ((await list.evaluate((e) => e.scrollTop)) > 0) {
      assert.ok(Date.now() < deadline, 'the list did not reach its top within 60 s of scrolling');
      await suite.vscode.page.mouse.wheel(0, -20_000);
    }
    await rendered(0).waitFor({ timeout: 10_000 });
    assert.match((await replies().first().locator('strong').first().textContent()) ?? '', /least recent use/);
    await suite.vscode.screenshot('long-conversation-top');
  });

  it('follows the bottom while a long reply streams in', async () => {
    const list = suite.chat.by('message-list');
    const gap = () => list.evaluate((e) => e.scrollHeight - e.scrollTop - e.clientHeight);
    const deadline = Date.now() + 60_000;
    while ((await gap()) > 30) {
      assert.ok(Date.now() < deadline, 'the list did not reach its bottom within 60 s of scrolling');
      await suite.vscode.page.mouse.wheel(0, 20_000);
    }
    await suite.chat.send('A long one, please. [size:40000] [pace:100]');
    await suite.chat.frame.waitForFunction(() => {
      const replies = document.querySelectorAll('[data-testid="message"][data-role="assistant"]');
      return replies[replies.length - 1]?.getAttribute('data-status') === 'streaming';
    });
    const gaps: number[] = [];
    while ((await suite.chat.lastReply().getAttribute('data-status')) === 'streaming' && gaps.length < 400) {
      gaps.push(await gap());
      await suite.chat.frame.waitForTimeout(50);
    }
    assert.ok(gaps.length >= 5, `the reply streamed for ${gaps.length} samples only: this proves nothing`);
    assert.ok(Math.max(...gaps) <= 30, `the list fell behind its bottom while streaming: ${gaps.join(', ')} px`);
    await suite.chat.waitForReply('complete');
    assert.ok((await gap()) <= 30, 'the list is not at its bottom once the reply is complete');
  });
});
