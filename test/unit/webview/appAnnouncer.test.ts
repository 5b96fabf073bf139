// Screen readers hear each finished reply once, from one polite status region: not its streamed chunks, not the
// replies a conversation already had when it was opened, and stopped or failed replies with their state.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { setTranslations } from '../../../src/shared/l10n';
import { MAX_ANNOUNCED_CHARS, replyAnnouncement } from '../../../src/webview-ui/view/announcer';
import { harness, message, state, type Harness } from './appHarness';
import { withGlobalDom, type TestWindow } from './dom';

/** What the region said so far, one entry per change of its text, as a screen reader would be told it. */
function listen(window: TestWindow, h: Harness): () => string[] {
  const region = h.find('reply-announcer');
  assert.ok(region);
  const said: string[] = [];
  const observer = new window.MutationObserver(() => undefined);
  observer.observe(region, { childList: true, characterData: true, subtree: true });
  return () => {
    for (const record of observer.takeRecords()) {
      if (record.type === 'characterData') said.push(record.target.textContent ?? '');
      else if (record.addedNodes.length > 0) said.push([...record.addedNodes].map((n) => n.textContent).join(''));
    }
    return said;
  };
}

function streamReply(h: Harness, id: string, chunks: string[]): void {
  for (const text of chunks) {
    h.send({ type: 'delta', conversationId: 'c1', messageId: id, text });
    h.paint();
  }
}

test('the region is one polite status, visually hidden, and the message list is no live region', () => {
  withGlobalDom((window) => {
    const h = harness(window);
    const region = h.find('reply-announcer');
    assert.equal(region?.getAttribute('role'), 'status');
    assert.equal(region?.getAttribute('aria-live'), 'polite');
    assert.equal(region?.getAttribute('aria-atomic'), 'true');
    assert.ok(region?.classList.contains('visually-hidden'));
    // Besides it, only the setup card's server list (when a search for local servers ends) and the composer's own
    // refusal of a message (an alert, on the user's action) speak up.
    const live = [
      ...h.root.querySelectorAll<HTMLElement>('[aria-live], [role="log"], [role="status"], [role="alert"]'),
    ];
    assert.deepEqual(
      live.map((element) => element.dataset.testid),
      ['setup-servers', 'composer-problem', 'reply-announcer'],
    );
    const list = h.find('message-list');
    assert.equal(list?.getAttribute('aria-live'), null);
    assert.notEqual(list?.getAttribute('role'), 'log');
  });
});

test('a streamed reply is announced once, when it has finished, not chunk by chunk', () => {
  withGlobalDom((window) => {
    const h = harness(window);
    const said = listen(window, h);
    h.send({ type: 'state', state: state([message('u0', 'user', 'Old'), message('a0', 'assistant', 'Old answer')]) });
    h.send({
      type: 'state',
      state: state(
        [message('u0', 'user', 'Old'), message('a0', 'assistant', 'Old answer'), message('u1', 'user', 'Q')],
        {
          streamingId: 'a1',
        },
      ),
    });
    streamReply(h, 'a1', ['Sorting ', 'is ', '**easy**', '.\n\n```js\nsort()\n```']);
    assert.deepEqual(said(), [], 'nothing is said while the reply streams, nor for the old reply');
    const text = 'Sorting is **easy**.\n\n```js\nsort()\n```';
    h.send({ type: 'messageUpdated', conversationId: 'c1', message: message('a1', 'assistant', text) });
    // Later updates of the same conversation say nothing more.
    h.send({ type: 'history', history: [] });
    h.send({ type: 'messageUpdated', conversationId: 'c1', message: message('a1', 'assistant', text) });
    h.send({ type: 'state', state: state([message('u1', 'user', 'Q'), message('a1', 'assistant', text)]) });
    assert.equal(said().length, 1, JSON.stringify(said()));
    assert.match(said()[0], /^Reply finished: Sorting is easy\. js ?sort\(\)$/);
  });
});

test('stopped, cut short and failed replies are announced with their state; one that fails at once too', () => {
  withGlobalDom((window) => {
    const h = harness(window);
    const said = listen(window, h);
    h.send({ type: 'state', state: state([message('u1', 'user', 'Q')], { streamingId: 'a1' }) });
    streamReply(h, 'a1', ['half ', 'an answer']);
    h.send({
      type: 'messageUpdated',
      conversationId: 'c1',
      message: message('a1', 'assistant', 'half an answer', { status: 'stopped' }),
    });
    const error = { kind: 'http' as const, message: 'The server failed (HTTP 500).' };
    // No chunk and no streaming state came first: the failure is the first the view hears of the reply.
    h.send({
      type: 'messageUpdated',
      conversationId: 'c1',
      message: message('a2', 'assistant', '', { status: 'error', error }),
    });
    h.send({
      type: 'messageUpdated',
      conversationId: 'c1',
      message: message('a3', 'assistant', '', { status: 'streaming' }),
    });
    streamReply(h, 'a3', ['partial']);
    h.send({
      type: 'messageUpdated',
      conversationId: 'c1',
      message: message('a3', 'assistant', 'partial', { status: 'error', error }),
    });
    h.send({
      type: 'messageUpdated',
      conversationId: 'c1',
      message: message('a4', 'assistant', 'no end marker', { status: 'incomplete' }),
    });
    assert.deepEqual(said(), [
      'Reply stopped: half an answer',
      'Reply failed: The server failed (HTTP 500).',
      'Reply failed: The server failed (HTTP 500). Partial reply: partial',
      'Reply may be cut short: no end marker',
    ]);
  });
});

test('opening another conversation announces none of its replies; a regenerated reply is news again', () => {
  withGlobalDom((window) => {
    const h = harness(window);
    const said = listen(window, h);
    h.send({ type: 'state', state: state([message('u1', 'user', 'Q'), message('a1', 'assistant', 'A')]) });
    h.send({
      type: 'state',
      state: state([message('u9', 'user', 'Other'), message('a9', 'assistant', 'Other answer')], {
        conversationId: 'c2',
      }),
    });
    assert.deepEqual(said(), []);
    h.send({
      type: 'messageUpdated',
      conversationId: 'c2',
      message: message('a9', 'assistant', '', { status: 'streaming' }),
    });
    h.send({ type: 'messageUpdated', conversationId: 'c2', message: message('a9', 'assistant', 'New answer') });
    assert.deepEqual(said(), ['Reply finished: New answer']);
  });
});

test('the announcement is worded through the translation bundle', () => {
  withGlobalDom((window) => {
    setTranslations({ 'Reply finished: {0}': 'Antwort fertig: {0}' });
    try {
      const h = harness(window);
      const said = listen(window, h);
      h.send({ type: 'state', state: state([message('u1', 'user', 'Q')], { streamingId: 'a1' }) });
      streamReply(h, 'a1', ['Hallo']);
      h.send({ type: 'messageUpdated', conversationId: 'c1', message: message('a1', 'assistant', 'Hallo') });
      assert.deepEqual(said(), ['Antwort fertig: Hallo']);
    } finally {
      setTranslations(undefined);
    }
  });
});

test('a long reply is announced up to a word near the limit, with a note that it goes on in the chat', () => {
  const word = 'token ';
  const long = word.repeat(Math.ceil((2 * MAX_ANNOUNCED_CHARS) / word.length));
  const said = replyAnnouncement({ status: 'complete' }, long);
  const body = /^Reply finished: (.*) … The reply goes on in the chat\.$/.exec(said)?.[1];
  assert.ok(body, said.slice(-80));
  assert.ok(body.length <= MAX_ANNOUNCED_CHARS && body.length > MAX_ANNOUNCED_CHARS - word.length, `${body.length}`);
  assert.match(body, /^(token )*token$/);
  // A reply of the limit's length, whitespace collapsed, is read whole.
  const whole = 'x'.repeat(MAX_ANNOUNCED_CHARS - 2) + '\n\n y';
  assert.equal(
    replyAnnouncement({ status: 'complete' }, whole),
    `Reply finished: ${'x'.repeat(MAX_ANNOUNCED_CHARS - 2)} y`,
  );
});
