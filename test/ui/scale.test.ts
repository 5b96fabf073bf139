// Long and many: a 10 MB answer streamed into the real chat while the user keeps typing, and a history of 500 stored
// conversations (one of them damaged) that the chat lists and opens.
import assert from 'node:assert/strict';
import { describe } from 'node:test';
import { replyChunks } from '../support/protocolServerDirectives';
import { it, renderedText, useChatSuite } from '../support/ui';
import { seedConversations, seedCorruptConversation, type SeededConversation } from '../support/uiHardening';

const TEN_MB = 10_000_000;
const SEEDED = 500;
const CORRUPT_ID = 'seeded-corrupt';
/** How long the 10 MB answer may take to arrive whole; its test gets a minute more for the rest of its steps. */
const TEN_MB_WAIT_MS = 600_000;
const TEN_MB_TEST = { timeout: TEN_MB_WAIT_MS + 60_000 };

describe('a 10 MB answer', () => {
  // A window that takes the 10 MB answer, so the next request can carry it back whole.
  const suite = useChatSuite('scale', { settings: { 'vitalentum.contextWindowTokens': 10_000_000 } });

  it('streams to the end, complete, while the input keeps taking keystrokes', TEN_MB_TEST, async () => {
    const expected = [...replyChunks({ size: TEN_MB })].join('');
    // A pace keeps the reply streaming long enough for the user to type into the input meanwhile.
    await suite.chat.send(`[size:${TEN_MB}] [pace:1]`);
    await suite.chat.messages('assistant').first().waitFor();
    await suite.chat.frame.waitForFunction(
      () =>
        document.querySelector('[data-testid="message"][data-role="assistant"]')?.getAttribute('data-status') ===
        'streaming',
    );
    await suite.chat.input.click();
    const draft = 'typed while the answer streams';
    await suite.chat.input.pressSequentially(draft);
    const typedWhileStreaming = await suite.chat.lastReply().getAttribute('data-status');
    assert.equal(await suite.chat.input.inputValue(), draft);
    assert.equal(typedWhileStreaming, 'streaming', 'the reply ended before the typing did, so this proves nothing');

    await suite.chat.waitForReply('complete', TEN_MB_WAIT_MS);
    const shown = await suite.chat.lastReply().evaluate((element) => {
      const body = element.querySelector('[data-testid="message-body"]');
      const text = (body?.textContent ?? '').replace(/\s+/g, ' ').trim();
      return { length: text.length, end: text.slice(-200) };
    });
    const normalized = expected.replace(/\s+/g, ' ').trim();
    assert.equal(shown.length, normalized.length);
    assert.equal(shown.end, normalized.slice(-200));
    assert.equal(await suite.chat.input.inputValue(), draft, 'the draft was lost while the answer streamed');
    assert.equal(await suite.chat.by('send').isEnabled(), true);
  });

  it('keeps the whole answer stored and answers the next message', async () => {
    await suite.chat.input.fill('');
    const reply = await suite.chat.sendAndWait('And a short one', 'complete', 120_000);
    assert.ok(reply.includes('Fibonacci'), `the reply is not the usual answer: ${reply.slice(0, 200)}`);
    // The long answer went back to the server as history, whole.
    const last = suite.server.requests.filter((r) => r.path === '/api/converse-edge').at(-1);
    const assistant = last?.history?.filter((h) => h.speaker !== 'human') ?? [];
    assert.ok(
      assistant.some((h) => h.text.length === TEN_MB),
      'the 10 MB answer was not sent back whole',
    );
  });
});

describe('a history of 500 conversations, one of them damaged', () => {
  let seeded: SeededConversation[];

  const suite = useChatSuite('history', {
    // The chat reads its store when it first opens, so files written now are what an earlier session left.
    beforeChat: (vscode) => {
      seeded = seedConversations(vscode, SEEDED);
      seedCorruptConversation(vscode, CORRUPT_ID);
    },
  });

  it('lists all 500, newest first, and skips the damaged one with a warning', async () => {
    await suite.chat.by('history').click();
    await suite.chat.by('history-panel').waitFor();
    await suite.chat.frame.waitForFunction(
      (count) => document.querySelectorAll('[data-testid="history-item"]').length >= count,
      SEEDED,
    );
    const ids = await suite.chat
      .by('history-item')
      .evaluateAll((items) => items.map((item) => item.getAttribute('data-conversation-id') ?? ''));
    const seededIds = ids.filter((id) => id.startsWith('seeded-'));
    assert.equal(seededIds.length, SEEDED);
    assert.ok(!ids.includes(CORRUPT_ID), 'the damaged conversation is listed');
    const newestFirst = [...seeded].sort((a, b) => b.updatedAt - a.updatedAt).map((s) => s.id);
    assert.deepEqual(seededIds, newestFirst);
    assert.match(
      await suite.chat.by('history-item').filter({ hasText: 'Seeded question 499' }).innerText(),
      /Seeded question 499/,
    );
    await suite.vscode.waitForLogLines(new RegExp(`\\[warning\\] Skipped stored conversation ${CORRUPT_ID}: `));
  });

  it('opens the oldest of them', async () => {
    const item = suite.chat
      .by('history-item')
      .filter({ has: suite.chat.frame.getByText('Seeded question 0', { exact: true }) });
    await item.locator('[data-testid="history-open"]').click();
    await suite.chat.messages('assistant').first().waitFor();
    assert.match(await renderedText(suite.chat.messages('user').first()), /Seeded question 0\b/);
    assert.match(await suite.chat.replyText(), /^Seeded answer 0$/);
  });

  it('keeps chatting, and the new conversation joins the 500', async () => {
    await suite.chat.by('new-chat').click();
    await suite.chat.by('empty-state').waitFor();
    assert.match(await suite.chat.sendAndWait('A fresh question after the history loaded'), /Fibonacci/);
    if (!(await suite.chat.by('history-panel').isVisible())) await suite.chat.by('history').click();
    await suite.chat.frame.waitForFunction(
      (count) => document.querySelectorAll('[data-testid="history-item"]').length === count,
      SEEDED + 1,
    );
    assert.match(await suite.chat.by('history-item').first().innerText(), /A fresh question after the history loaded/);
  });
});
