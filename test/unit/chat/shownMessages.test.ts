// A state posted to a view that shows the conversation already carries only the messages that changed since the last
// one, whatever changed in them, and what was posted does not change afterwards.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ShownMessages } from '../../../src/chat/shownMessages';
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
    assert.deepEqual(shown.take('c1', messages), { messages: [], order: ['q', 'a'] });

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
});
