import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  addReply,
  addUserMessage,
  conversationToMarkdown,
  createConversation,
  removeLastExchange,
  removeTrailingReply,
  settleInterruptedReplies,
  titleFromText,
  toPromptMessages,
  UNTITLED,
} from '../../../src/chat/conversation';

describe('conversation model', () => {
  it('titles the conversation after the first line of the first question only', () => {
    const conversation = createConversation(1);
    assert.equal(conversation.title, UNTITLED);
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
    assert.equal(conversation.title, UNTITLED);
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

  it('exports Markdown with each speaker and marks replies that did not finish', () => {
    const conversation = createConversation(1);
    addUserMessage(conversation, 'What is 2+2?', 1);
    const reply = addReply(conversation, 2);
    reply.text = 'It is';
    reply.status = 'error';
    reply.error = { kind: 'network', message: 'The connection dropped.' };
    const markdown = conversationToMarkdown(conversation);
    assert.equal(
      markdown,
      [
        '# What is 2+2?',
        '',
        '## You',
        '',
        'What is 2+2?',
        '',
        '## Vitalentum',
        '',
        'It is',
        '',
        '_(failed: The connection dropped.)_',
        '',
      ].join('\n'),
    );
  });
});
