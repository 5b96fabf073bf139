// A long conversation in the chat webview: only its last messages render as markdown when it opens; the others show
// their source (so find-in-page finds them) until they come near the viewport; the composer takes the focus once a
// conversation picked in the history shows.
import assert from 'node:assert/strict';
import { mock, test } from 'node:test';
import { MessageView } from '../../../src/webview-ui/view/message';
import { click, harness, message, state } from './appHarness';
import { withGlobalDom } from './dom';
import { fakeLayout } from './fakeLayout';

const answer = (i: number): string => `Answer **${i}**\n\n\`\`\`ts\nconst value${i} = ${i};\n\`\`\``;

function conversation(turns: number) {
  return Array.from({ length: turns }, (_, i) => [
    message(`u${i}`, 'user', `Question ${i}`),
    message(`a${i}`, 'assistant', answer(i)),
  ]).flat();
}

test('a long conversation renders its last messages at once and the others when they come near', () => {
  withGlobalDom((window) => {
    const h = harness(window);
    const layout = fakeLayout(h.find('message-list')!);
    h.send({ type: 'state', state: state(conversation(50)) });
    const replies = h.findAll('message').filter((m) => m.dataset.role === 'assistant');
    const rendered = () =>
      replies.filter((r) => r.querySelector('[data-testid="code-block"]')).map((r) => r.dataset.messageId);
    assert.deepEqual(rendered(), ['a47', 'a48', 'a49']);
    const first = replies[0].querySelector<HTMLElement>('[data-testid="message-body"]');
    assert.equal(first?.textContent, answer(0));
    assert.equal(first?.classList.contains('deferred'), true);
    // At the next frame, the replies within 1500 px of the bottom screenful render: messages 79 to 99.
    layout.place();
    h.paint();
    assert.deepEqual(
      rendered(),
      Array.from({ length: 11 }, (_, i) => `a${39 + i}`),
    );
    layout.scrollTo(0);
    h.paint();
    assert.ok(replies[0].querySelector('[data-testid="code-block"]'));
    assert.equal(replies[0].querySelector('strong')?.textContent, '0');
    assert.equal(rendered().length, 21);
    assert.equal(replies[20].querySelector('[data-testid="code-block"]'), null, 'a reply far from view rendered');
  });
});

test('a list that shows its bottom is not measured again as streamed text scrolls it, until the user scrolls up', () => {
  withGlobalDom((window) => {
    const h = harness(window);
    const layout = fakeLayout(h.find('message-list')!);
    h.send({ type: 'state', state: state(conversation(50)) });
    layout.place();
    for (let frame = 0; frame < 5; frame++) h.paint();
    const looks = layout.looks();
    // The browser keeps the bottom in view as a reply grows (scroll anchoring): a scroll each frame.
    for (let frame = 0; frame < 10; frame++) {
      layout.scrollTo(Infinity);
      h.paint();
    }
    assert.equal(layout.looks(), looks, 'the list was measured while it followed its bottom');
    layout.scrollTo(0);
    h.paint();
    assert.ok(layout.looks() > looks, 'the list was not measured after the user scrolled up');
    const first = h.findAll('message').find((m) => m.dataset.messageId === 'a0');
    assert.ok(first?.querySelector('[data-testid="code-block"]'), 'the first reply did not render near the viewport');
  });
});

test('a list laid out anew at another width is looked at again, at its bottom too', () => {
  withGlobalDom((window) => {
    const h = harness(window);
    const layout = fakeLayout(h.find('message-list')!);
    // A narrow webview first: each message 1,000 px tall, none of those waiting within reach of the bottom.
    layout.widen(50, 1000);
    h.send({ type: 'state', state: state(conversation(50)) });
    layout.place();
    h.paint();
    const deferred = () => h.findAll('message').find((m) => m.dataset.messageId === 'a46');
    assert.equal(deferred()?.querySelector('[data-testid="code-block"]'), null);
    layout.widen(800, 100);
    h.paint();
    assert.ok(deferred()?.querySelector('[data-testid="code-block"]'), 'a reply brought near by the new width waits');
  });
});

test('a conversation opened from the history gives the composer the focus once it shows', () => {
  withGlobalDom((window) => {
    const h = harness(window);
    h.send({ type: 'state', state: state([message('u1', 'user', 'Q')]) });
    click(h.find('history'));
    const older = h.findAll('history-item').find((item) => item.dataset.conversationId === 'c0');
    click(h.find('history-open', older));
    const input = h.find('input');
    assert.notEqual(window.document.activeElement, input);
    h.send({ type: 'state', state: state([message('u0', 'user', 'Older question')], { conversationId: 'c0' }) });
    assert.equal(window.document.activeElement, input);
  });
});

test('a state of changes only adds the new messages and leaves the views of the others untouched', () => {
  withGlobalDom((window) => {
    const h = harness(window);
    const messages = conversation(20);
    h.send({ type: 'state', state: state(messages) });
    const before = h.findAll('message');
    // A mark in each status line, which an update of the message would clear.
    for (const m of before) m.querySelector('.message-status')!.append(window.document.createElement('mark'));
    const reply = message('a20', 'assistant', '', { status: 'streaming' });
    const order = [...messages.map((m) => m.id), 'u20', 'a20'];
    h.send({
      type: 'state',
      state: state([message('u20', 'user', 'Question 20'), reply], { order, streamingId: 'a20' }),
    });
    const after = h.findAll('message');
    assert.deepEqual(
      after.map((m) => m.dataset.messageId),
      order,
    );
    assert.deepEqual(after.slice(0, 40), before);
    // Updated: only the last question and reply before the new ones, whose actions change.
    assert.deepEqual(
      after.filter((m) => !m.querySelector('.message-status mark')).map((m) => m.dataset.messageId),
      ['u19', 'a19', 'u20', 'a20'],
    );
    // The last question and reply before the new one lose Edit and Regenerate while the reply streams.
    assert.equal(h.findAll('regenerate').length, 0);
    assert.equal(h.findAll('edit').length, 0);
    assert.equal(after[41].dataset.status, 'streaming');
  });
});

test('a reply that settles with the text it streamed (and more) keeps the blocks it rendered, unless it defines a link reference', () => {
  withGlobalDom((window) => {
    const h = harness(window);
    for (const [id, text] of [
      ['a1', 'First paragraph.\n\nSecond [link].\n\nLast'],
      ['a2', 'See [docs].\n\n[docs]: https://example.com/docs\n\nLast'],
    ]) {
      const reply = message(id, 'assistant', '', { status: 'streaming' });
      h.send({ type: 'state', state: state([message('u1', 'user', 'Q'), reply], { streamingId: id }) });
      // The last word's delta never came: the final message superseded it.
      h.send({ type: 'delta', conversationId: 'c1', messageId: id, text: text.slice(0, -2) });
      h.paint();
      const body = () => h.find('message-body', h.findAll('message')[1])!;
      const first = body().querySelector('p');
      h.send({ type: 'messageUpdated', conversationId: 'c1', message: message(id, 'assistant', text) });
      assert.equal(body().querySelector('.stream-tail'), null);
      assert.equal(body().querySelector('p') === first, id === 'a1', id);
      assert.match(body().textContent ?? '', /Last\s*$/);
      if (id === 'a2') assert.equal(body().querySelector('a')?.getAttribute('href'), 'https://example.com/docs');
    }
  });
});

test('a reply starting in a long conversation touches only the views at its end, and moves the actions', () => {
  withGlobalDom((window) => {
    const h = harness(window);
    const messages = conversation(50);
    h.send({ type: 'state', state: state(messages) });
    h.paint();
    const list = h.find('message-list')!;
    const touched = new Set<string>();
    const note = (records: MutationRecord[]): void => {
      for (const record of records) {
        const element = record.target instanceof window.Element ? record.target : record.target.parentElement;
        const id = element?.closest<HTMLElement>('[data-testid="message"]')?.dataset.messageId;
        if (id) touched.add(id);
      }
    };
    const watcher = new window.MutationObserver(note);
    watcher.observe(list, { subtree: true, childList: true, attributes: true, characterData: true });
    const original = MessageView.prototype.update;
    const updated = new Set<string>();
    const update = mock.method(
      MessageView.prototype,
      'update',
      function (this: MessageView, ...args: Parameters<MessageView['update']>) {
        updated.add(args[0].id);
        original.apply(this, args);
      },
    );
    const question = message('u50', 'user', 'One more');
    const reply = message('a50', 'assistant', '', { status: 'streaming' });
    const order = [...messages, question, reply].map((m) => m.id);
    h.send({ type: 'state', state: state([question, reply], { order, streamingId: 'a50' }) });
    h.send({ type: 'messageUpdated', conversationId: 'c1', message: { ...reply, text: 'Done', status: 'complete' } });
    h.paint();
    note(watcher.takeRecords());
    watcher.disconnect();
    update.mock.restore();
    assert.deepEqual([...touched].sort(), ['a49', 'a50', 'u49', 'u50']);
    assert.deepEqual([...updated].sort(), ['a49', 'a50', 'u49', 'u50']);
    const actions = (id: string) =>
      [...list.querySelectorAll(`[data-message-id="${id}"] button`)].map((b) => b.getAttribute('data-testid'));
    assert.deepEqual(actions('a49').includes('regenerate'), false);
    assert.deepEqual(actions('u49').includes('edit'), false);
    assert.ok(actions('a50').includes('regenerate'));
    assert.ok(actions('u50').includes('edit'));
  });
});

test('replies before the last keep their text only in the page, and one the host changes shows its new text', () => {
  withGlobalDom((window) => {
    const h = harness(window);
    const layout = fakeLayout(h.find('message-list')!);
    const views = new Map<string, MessageView>();
    const original = MessageView.prototype.update;
    const update = mock.method(
      MessageView.prototype,
      'update',
      function (this: MessageView, ...args: Parameters<MessageView['update']>) {
        views.set(args[0].id, this);
        original.apply(this, args);
      },
    );
    try {
      const messages = conversation(10);
      h.send({ type: 'state', state: state(messages) });
      const texts = () => Object.fromEntries([...views].map(([id, view]) => [id, view.current.text]));
      // Questions keep theirs, and so does the last reply, which Continue appends to.
      const kept = messages.map((m) => [m.id, m.role === 'user' || m.id === 'a9' ? m.text : '']);
      assert.deepEqual(texts(), Object.fromEntries(kept));
      const body = (id: string) =>
        h.find(
          'message-body',
          h.findAll('message').find((m) => m.dataset.messageId === id),
        )!;
      const lastBlock = body('a9').firstElementChild;
      // A new exchange: the reply that was last gives up its text, and keeps its blocks as they are.
      const question = message('u10', 'user', 'One more');
      const reply = message('a10', 'assistant', 'Done');
      h.send({
        type: 'state',
        state: state([question, reply], { order: [...messages, question, reply].map((m) => m.id) }),
      });
      assert.equal(views.get('a9')?.current.text, '');
      assert.equal(body('a9').firstElementChild, lastBlock);
      // Shown from the text in the page once near the viewport, and anew when the host changes the reply.
      layout.scrollTo(0);
      h.paint();
      assert.equal(body('a0').querySelector('strong')?.textContent, '0');
      h.send({ type: 'messageUpdated', conversationId: 'c1', message: message('a0', 'assistant', 'Changed **zero**') });
      h.paint();
      assert.equal(body('a0').querySelector('strong')?.textContent, 'zero');
      assert.equal(views.get('a0')?.current.text, '');
    } finally {
      update.mock.restore();
    }
  });
});

test('the end of a long conversation shows first; once it has painted, the rest is asked for, and joins it unannounced', () => {
  withGlobalDom((window) => {
    const h = harness(window);
    const messages = conversation(30);
    h.send({ type: 'state', state: state(messages.slice(20), { earlier: 20 }) });
    const shownIds = () => h.findAll('message').map((m) => m.dataset.messageId);
    assert.deepEqual(
      shownIds(),
      messages.slice(20).map((m) => m.id),
    );
    const lastView = h.findAll('message').at(-1);
    assert.equal(h.posted.length, 0, 'asked before the end painted');
    h.paint();
    assert.deepEqual(h.posted, [{ type: 'showEarlier', conversationId: 'c1' }]);
    const announced = h.find('reply-announcer')?.textContent;
    h.send({ type: 'state', state: state(messages.slice(0, 20), { order: messages.map((m) => m.id) }) });
    assert.deepEqual(
      shownIds(),
      messages.map((m) => m.id),
    );
    assert.equal(h.findAll('message').at(-1), lastView);
    assert.equal(h.find('reply-announcer')?.textContent, announced, 'an earlier reply was announced');
    h.paint();
    assert.equal(h.posted.length, 1, 'asked again');
  });
});

test('the rest of a conversation is not asked for once another shows', () => {
  withGlobalDom((window) => {
    const h = harness(window);
    h.send({ type: 'state', state: state(conversation(30).slice(20), { earlier: 20 }) });
    const other = conversation(30).map((m) => ({ ...m, id: `other-${m.id}` }));
    h.send({ type: 'state', state: state(other.slice(20), { conversationId: 'c0', earlier: 20 }) });
    h.paint();
    assert.deepEqual(h.posted, [{ type: 'showEarlier', conversationId: 'c0' }]);
  });
});
