// A state posted to a view that shows the conversation already carries only the messages that changed since the last
// one, whatever changed in them, and what was posted does not change afterwards.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { EARLIER_PAGE_CHARS, FIRST_STATE_MESSAGES, ShownMessages } from '../../../src/chat/shownMessages';
import type { ChatMessageView } from '../../../src/shared/protocol';

function conversation(): ChatMessageView[] {
  return [
    { id: 'q', role: 'user', text: 'Question', status: 'complete', createdAt: 1 },
    {
      id: 'a',
      role: 'assistant',
      text: 'Answer',
      status: 'complete',
      createdAt: 2,
      reasoning: { text: 'Thought' },
      stats: { chunks: 3, chars: 6, protocol: 'vitalentum', durationMs: 10, firstChunkMs: 5 },
    },
  ];
}

describe('ShownMessages', () => {
  it('posts the whole conversation first, then only what changed in it, with the order', () => {
    const shown = new ShownMessages();
    const messages = conversation();
    const first = shown.take('c1', messages);
    assert.deepEqual(first, { messages });
    assert.notEqual(first.messages[1], messages[1]);
    assert.deepEqual(shown.take('c1', messages), { messages: [], order: [], orderKept: 2 });

    const [question, answer] = messages;
    answer.text += ' and more';
    assert.deepEqual(shown.take('c1', messages).messages, [answer]);
    answer.stats!.chunks++;
    assert.deepEqual(shown.take('c1', messages).messages, [answer], 'a count changed in place');
    answer.reasoning!.text += ' again';
    assert.deepEqual(shown.take('c1', messages).messages, [answer], 'reasoning grown in place');
    question.status = 'error';
    assert.deepEqual(shown.take('c1', messages).messages, [question]);
  });

  it('posts copies that later changes do not reach, and a whole state for another conversation or after forget', () => {
    const shown = new ShownMessages();
    const messages = conversation();
    const posted = shown.take('c1', messages).messages[1];
    messages[1].stats!.chars = 99;
    messages[1].reasoning!.text = 'Changed';
    assert.equal(posted.stats?.chars, 6);
    assert.equal(posted.reasoning?.text, 'Thought');
    assert.equal(shown.take('c2', messages).order, undefined);
    shown.forget();
    assert.equal(shown.take('c2', messages).messages.length, 2);
  });

  it('posts only the end of a long conversation first, and the messages before it with the next state', () => {
    const shown = new ShownMessages();
    const messages = Array.from({ length: FIRST_STATE_MESSAGES + 5 }, (_, i) => ({
      ...conversation()[i % 2],
      id: `m${i}`,
    }));
    const first = shown.take('c1', messages);
    assert.equal(first.earlier, 5);
    assert.deepEqual(first.messages, messages.slice(5));
    assert.equal(first.order, undefined);
    const next = shown.take('c1', messages);
    assert.deepEqual(next.messages, messages.slice(0, 5));
    assert.deepEqual(
      next.order,
      messages.map((m) => m.id),
    );
    assert.equal(next.earlier, undefined);
    assert.equal(next.orderKept, undefined, 'the first message changed places');
    // A conversation that fits is posted whole.
    assert.equal(shown.take('c2', messages.slice(5)).earlier, undefined);
  });

  it('posts the ids after the messages that keep their places', () => {
    const shown = new ShownMessages();
    const messages = conversation();
    shown.take('c1', messages);
    const added = { ...messages[0], id: 'q2', text: 'Another' };
    assert.deepEqual(shown.take('c1', [...messages, added]), { messages: [added], order: ['q2'], orderKept: 2 });
    // The last question and its reply taken back, and the question asked again.
    assert.deepEqual(shown.take('c1', [messages[0]]), { messages: [], order: [], orderKept: 1 });
    // A message the last state left out is posted again.
    assert.deepEqual(shown.take('c1', [added, messages[0]]), { messages: [added], order: ['q2', 'q'] });
  });

  it('keeps its record right through states that add at the end, and then one that puts a message between', () => {
    const shown = new ShownMessages();
    const [question, answer] = conversation();
    shown.take('c1', [question]);
    assert.deepEqual(shown.take('c1', [question, answer]), { messages: [answer], order: ['a'], orderKept: 1 });
    const next = { ...question, id: 'b' };
    assert.deepEqual(shown.take('c1', [question, answer, next]), { messages: [next], order: ['b'], orderKept: 2 });
    // Another window's message lands before the last one.
    const other = { ...question, id: 'c' };
    const all = [question, answer, other, next];
    assert.deepEqual(shown.take('c1', all), { messages: [other], order: ['c', 'b'], orderKept: 2 });
    assert.deepEqual(shown.take('c1', all), { messages: [], order: [], orderKept: 4 });
  });

  it('posts the final form of a reply its deltas started as the text after them, and leaves it out of the next state', () => {
    const shown = new ShownMessages();
    const messages = conversation();
    shown.take('c1', messages);
    const reply: ChatMessageView = {
      id: 'r',
      role: 'assistant',
      text: 'Streamed and ended.',
      status: 'complete',
      createdAt: 3,
    };
    shown.appended('r', 'Streamed');
    assert.deepEqual(shown.updated('c1', reply), { message: { ...reply, text: ' and ended.' }, textFrom: 8 });
    // The webview put the reply at its end: a state with nothing else new has nothing to post.
    assert.deepEqual(shown.take('c1', [...messages, reply]), { messages: [], order: [], orderKept: 3 });
    const question: ChatMessageView = { ...messages[0], id: 'q2' };
    assert.deepEqual(shown.take('c1', [...messages, question, reply]), {
      messages: [question],
      order: ['q2', 'r'],
      orderKept: 2,
    });
    // The record follows: the question before the reply, nothing left of the reply's place at the end.
    assert.deepEqual(shown.take('c1', [...messages, question, reply]), { messages: [], order: [], orderKept: 4 });
    // Text that does not continue what the webview holds, or a conversation other than the last state's: whole.
    shown.appended('r', 'Something longer than the reply');
    assert.deepEqual(shown.updated('c1', reply), { message: reply });
    shown.appended('x', 'Streamed');
    assert.deepEqual(shown.updated('c2', { ...reply, id: 'x' }), { message: { ...reply, id: 'x' } });
  });

  it('posts of a reply streaming in only the text after what its copy and the deltas since brought', () => {
    const shown = new ShownMessages();
    const messages = conversation();
    shown.take('c1', messages);
    const reply: ChatMessageView = { id: 'r', role: 'assistant', text: 'Streamed', status: 'streaming', createdAt: 3 };
    shown.appended('r', 'Stream');
    const all = [...messages, reply];
    assert.deepEqual(shown.take('c1', all), {
      messages: [{ ...reply, text: 'ed' }],
      textFrom: { r: 6 },
      order: ['r'],
      orderKept: 2,
    });
    reply.text += ' on';
    shown.appended('r', ' o');
    assert.deepEqual(shown.take('c1', all), {
      messages: [{ ...reply, text: 'n' }],
      textFrom: { r: 10 },
      order: [],
      orderKept: 3,
    });
    // Grown with no delta posted since, or no longer continuing what the webview holds: whole.
    reply.text += ', and on';
    assert.deepEqual(shown.take('c1', all).messages, [reply]);
    shown.appended('r', 'x');
    reply.text = 'Changed';
    assert.deepEqual(shown.take('c1', all), { messages: [reply], order: [], orderKept: 3 });
  });

  it('brings the messages the first state left out a page of text at a time, the last ones first', () => {
    const shown = new ShownMessages();
    // Ten messages before the first state's, of a third of a page each: three a page, the last ones first.
    const size = Math.floor(EARLIER_PAGE_CHARS / 3);
    const messages: ChatMessageView[] = Array.from({ length: FIRST_STATE_MESSAGES + 10 }, (_, i) => ({
      id: `m${i}`,
      role: i % 2 === 0 ? 'user' : 'assistant',
      text: i < 10 ? `${i}`.padEnd(size, '.') : `Short ${i}`,
      status: 'complete',
      createdAt: i,
    }));
    assert.equal(shown.take('c1', messages).earlier, 10);
    assert.equal(shown.leftOutOf('c1'), 10);
    assert.equal(shown.leftOutOf('c2'), 0);
    const pages = [];
    while (shown.leftOutOf('c1') > 0) {
      const page = shown.take('c1', messages);
      pages.push(page.messages.map((m) => m.id));
      assert.deepEqual(
        page.order,
        messages.slice(page.earlier ?? 0).map((m) => m.id),
      );
    }
    assert.deepEqual(pages, [['m7', 'm8', 'm9'], ['m4', 'm5', 'm6'], ['m1', 'm2', 'm3'], ['m0']]);
    // A message longer than a page comes alone.
    const long = [{ ...messages[0], id: 'huge', text: 'x'.repeat(EARLIER_PAGE_CHARS * 2) }, ...messages.slice(10)];
    shown.forget();
    shown.take('c1', long);
    assert.deepEqual(
      shown.take('c1', long).messages.map((m) => m.id),
      ['huge'],
    );
    assert.equal(shown.leftOutOf('c1'), 0);
  });
});
