// Long and many: a 10 MB answer streamed into the real chat while the user keeps typing, and a history of 500 stored
// conversations (one of them damaged) that the chat lists and opens.
import assert from 'node:assert/strict';
import { after, afterEach, before, describe, it } from 'node:test';
import { startProtocolServer, type ProtocolServer } from '../support/protocol-server';
import { replyChunks } from '../support/protocol-server-directives';
import { ChatView, testFailed, VSCodeSession } from '../support/ui';
import { seedConversations, seedCorruptConversation, type SeededConversation } from '../support/ui-hardening';

const TEN_MB = 10_000_000;
const SEEDED = 500;
const CORRUPT_ID = 'seeded-corrupt';

describe('a 10 MB answer', () => {
  let server: ProtocolServer;
  let vscode: VSCodeSession;
  let chat: ChatView;

  before(async () => {
    server = await startProtocolServer();
    vscode = await VSCodeSession.start({ settings: { 'vitalentum.baseUrl': server.url } });
    await vscode.runCommand('Ask Vitalentum');
    chat = await ChatView.find(vscode, 'panel');
  });

  afterEach(async (t) => {
    if (testFailed(t)) await vscode.screenshot(`scale-failure-${t.name}`);
  });

  after(async () => {
    await vscode?.close();
    await server?.close();
  });

  it('streams to the end, complete, while the input keeps taking keystrokes', async () => {
    const expected = [...replyChunks({ size: TEN_MB })].join('');
    // A pace keeps the reply streaming long enough for the user to type into the input meanwhile.
    await chat.send(`[size:${TEN_MB}] [pace:1]`);
    await chat.messages('assistant').first().waitFor();
    await chat.frame.waitForFunction(
      () =>
        document.querySelector('[data-testid="message"][data-role="assistant"]')?.getAttribute('data-status') ===
        'streaming',
    );
    await chat.input.click();
    const draft = 'typed while the answer streams';
    await chat.input.pressSequentially(draft);
    const typedWhileStreaming = await chat.lastReply().getAttribute('data-status');
    assert.equal(await chat.input.inputValue(), draft);
    assert.equal(typedWhileStreaming, 'streaming', 'the reply ended before the typing did, so this proves nothing');

    await chat.waitForReply('complete', 600_000);
    const shown = await chat.lastReply().evaluate((element) => {
      const body = element.querySelector('[data-testid="message-body"]');
      const text = (body?.textContent ?? '').replace(/\s+/g, ' ').trim();
      return { length: text.length, end: text.slice(-200) };
    });
    const normalized = expected.replace(/\s+/g, ' ').trim();
    assert.equal(shown.length, normalized.length);
    assert.equal(shown.end, normalized.slice(-200));
    assert.equal(await chat.input.inputValue(), draft, 'the draft was lost while the answer streamed');
    assert.equal(await chat.by('send').isEnabled(), true);
  });

  it('keeps the whole answer stored and answers the next message', async () => {
    await chat.input.fill('');
    const reply = await chat.sendAndWait('And a short one', 'complete', 120_000);
    assert.ok(reply.includes('Fibonacci'), `the reply is not the usual answer: ${reply.slice(0, 200)}`);
    // The long answer went back to the server as history, whole.
    const last = server.requests.filter((r) => r.path === '/api/converse-edge').at(-1);
    const assistant = last?.history?.filter((h) => h.speaker !== 'human') ?? [];
    assert.ok(
      assistant.some((h) => h.text.length === TEN_MB),
      'the 10 MB answer was not sent back whole',
    );
  });
});

describe('a history of 500 conversations, one of them damaged', () => {
  let server: ProtocolServer;
  let vscode: VSCodeSession;
  let chat: ChatView;
  let seeded: SeededConversation[];

  before(async () => {
    server = await startProtocolServer();
    vscode = await VSCodeSession.start({ settings: { 'vitalentum.baseUrl': server.url } });
    // The chat reads its store when it first opens, so files written now are what an earlier session left.
    seeded = seedConversations(vscode, SEEDED);
    seedCorruptConversation(vscode, CORRUPT_ID);
    await vscode.runCommand('Ask Vitalentum');
    chat = await ChatView.find(vscode, 'panel');
  });

  afterEach(async (t) => {
    if (testFailed(t)) await vscode.screenshot(`history-failure-${t.name}`);
  });

  after(async () => {
    await vscode?.close();
    await server?.close();
  });

  it('lists all 500, newest first, and skips the damaged one with a warning', async () => {
    await chat.by('history').click();
    await chat.by('history-panel').waitFor();
    await chat.frame.waitForFunction(
      (count) => document.querySelectorAll('[data-testid="history-item"]').length >= count,
      SEEDED,
    );
    const ids = await chat
      .by('history-item')
      .evaluateAll((items) => items.map((item) => item.getAttribute('data-conversation-id') ?? ''));
    const seededIds = ids.filter((id) => id.startsWith('seeded-'));
    assert.equal(seededIds.length, SEEDED);
    assert.ok(!ids.includes(CORRUPT_ID), 'the damaged conversation is listed');
    const newestFirst = [...seeded].sort((a, b) => b.updatedAt - a.updatedAt).map((s) => s.id);
    assert.deepEqual(seededIds, newestFirst);
    assert.match(
      await chat.by('history-item').filter({ hasText: 'Seeded question 499' }).innerText(),
      /Seeded question 499/,
    );
    await vscode.waitForLogLines(new RegExp(`\\[warning\\] Skipped stored conversation ${CORRUPT_ID}: `));
  });

  it('opens the oldest of them', async () => {
    const item = chat.by('history-item').filter({ has: chat.frame.getByText('Seeded question 0', { exact: true }) });
    await item.locator('[data-testid="history-open"]').click();
    await chat.messages('assistant').first().waitFor();
    assert.equal(
      await chat
        .messages('user')
        .first()
        .innerText()
        .then((t) => t.includes('Seeded question 0')),
      true,
    );
    assert.match(await chat.replyText(), /^Seeded answer 0$/);
  });

  it('keeps chatting, and the new conversation joins the 500', async () => {
    await chat.by('new-chat').click();
    await chat.by('empty-state').waitFor();
    assert.match(await chat.sendAndWait('A fresh question after the history loaded'), /Fibonacci/);
    if (!(await chat.by('history-panel').isVisible())) await chat.by('history').click();
    await chat.frame.waitForFunction(
      (count) => document.querySelectorAll('[data-testid="history-item"]').length === count,
      SEEDED + 1,
    );
    assert.match(await chat.by('history-item').first().innerText(), /A fresh question after the history loaded/);
  });
});
