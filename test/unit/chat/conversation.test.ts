import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  addReply,
  addUserMessage,
  appendReasoning,
  createConversation,
  removeLastExchange,
  removeTrailingReply,
  settleInterruptedReplies,
  titleFromText,
  toPromptMessages,
  untitled,
} from '../../../src/chat/conversation';

describe('conversation model', () => {
  it('titles the conversation after the first line of the first question only', () => {
    const conversation = createConversation(1);
    assert.equal(conversation.title, untitled());
    addUserMessage(conversation, '\n  How do I   reverse a list?\nin Python', 2);
    addUserMessage(conversation, 'And a string?', 3);
    assert.equal(conversation.title, 'How do I reverse a list?');
    assert.equal(conversation.updatedAt, 3);
  });

  it('shortens long titles with an ellipsis', () => {
    const title = titleFromText('x'.repeat(200));
    assert.equal(title.length, 60);
    assert.ok(title.endsWith('…'));
  });

  it('sends every message in order but leaves out replies that failed before any text', () => {
    const conversation = createConversation(1);
    addUserMessage(conversation, 'first', 1);
    const failed = addReply(conversation, 2);
    failed.status = 'error';
    addUserMessage(conversation, 'second', 3);
    const partial = addReply(conversation, 4);
    partial.text = 'half an ans';
    partial.status = 'stopped';
    assert.deepEqual(toPromptMessages(conversation.messages), [
      { role: 'user', content: 'first' },
      { role: 'user', content: 'second' },
      { role: 'assistant', content: 'half an ans' },
    ]);
  });

  it('never sends a reply’s reasoning, and leaves out a reply that only reasoned', () => {
    const conversation = createConversation(1);
    addUserMessage(conversation, 'first', 1);
    const answered = addReply(conversation, 2);
    answered.reasoning = { text: 'scratch work', durationMs: 900 };
    answered.text = 'the answer';
    addUserMessage(conversation, 'second', 3);
    const onlyReasoned = addReply(conversation, 4);
    onlyReasoned.reasoning = { text: 'more scratch work' };
    onlyReasoned.status = 'error';
    assert.deepEqual(toPromptMessages(conversation.messages), [
      { role: 'user', content: 'first' },
      { role: 'assistant', content: 'the answer' },
      { role: 'user', content: 'second' },
    ]);
  });

  it('appends a continued reply’s reasoning as a paragraph of its own', () => {
    const reply = addReply(createConversation(1), 2);
    assert.equal(appendReasoning(reply, 'Let me', true), 'Let me');
    assert.equal(appendReasoning(reply, ' see.', false), ' see.');
    reply.reasoning = { ...reply.reasoning!, durationMs: 400 };
    assert.equal(appendReasoning(reply, 'Again.', true), '\n\nAgain.');
    assert.deepEqual(reply.reasoning, { text: 'Let me see.\n\nAgain.', durationMs: 400 });
  });

  it('takes back the last question and its reply for editing', () => {
    const conversation = createConversation(1);
    addUserMessage(conversation, 'keep me', 1);
    addReply(conversation, 2).text = 'kept';
    addUserMessage(conversation, 'edit me', 3);
    addReply(conversation, 4).text = 'goes away';
    assert.equal(removeLastExchange(conversation, 5), 'edit me');
    assert.deepEqual(
      conversation.messages.map((m) => m.text),
      ['keep me', 'kept'],
    );
  });

  it('resets the title when the only question is taken back', () => {
    const conversation = createConversation(1);
    addUserMessage(conversation, 'only question', 1);
    assert.equal(removeLastExchange(conversation, 2), 'only question');
    assert.equal(conversation.title, untitled());
    assert.equal(removeLastExchange(conversation, 3), undefined);
  });

  it('removes a trailing reply but never a question', () => {
    const conversation = createConversation(1);
    addUserMessage(conversation, 'q', 1);
    assert.equal(removeTrailingReply(conversation), undefined);
    addReply(conversation, 2);
    assert.equal(removeTrailingReply(conversation)?.role, 'assistant');
    assert.equal(conversation.messages.length, 1);
  });

  it('marks a reply saved while still streaming as incomplete', () => {
    const conversation = createConversation(1);
    addUserMessage(conversation, 'q', 1);
    addReply(conversation, 2).text = 'partial';
    settleInterruptedReplies(conversation);
    assert.equal(conversation.messages[1].status, 'incomplete');
    assert.equal(conversation.messages[1].text, 'partial');
  });
});
