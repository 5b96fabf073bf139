// A message is told equal to its stored form field by field, without making that form; any field that differs in
// the stored form counts, and fields the stored form leaves out do not.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { toStoredMessage } from '../../../src/chat/conversationFormat';
import { isStoredFormOf } from '../../../src/chat/storedForm';
import type { ChatMessageView } from '../../../src/shared/protocol';

const reply: ChatMessageView = {
  id: 'a1',
  role: 'assistant',
  text: 'The answer',
  status: 'complete',
  createdAt: 10,
  error: { kind: 'network', message: 'Lost', detail: 'ECONNRESET' },
  stats: { protocol: 'openai', model: 'm', durationMs: 5, chunks: 3, chars: 10, completionTokens: 4 },
  reasoning: { text: 'Thinking', durationMs: 2 },
  promptCut: { sentTokens: 100, countedTokens: 40 },
};

describe('a message and its stored form', () => {
  it('are the same when the stored form was made from it, whatever fields it has beside', () => {
    const plain: ChatMessageView = { id: 'u1', role: 'user', text: 'Hi', status: 'complete', createdAt: 1 };
    assert.ok(isStoredFormOf(toStoredMessage(plain), plain));
    assert.ok(isStoredFormOf(toStoredMessage(reply), { ...reply }));
    // Fields the stored form leaves out: undefined ones, and ones it does not know.
    const extra = { ...reply, stats: { ...reply.stats!, firstChunkMs: undefined, speed: 9 } } as ChatMessageView;
    assert.ok(isStoredFormOf(toStoredMessage(reply), extra));
    assert.equal(isStoredFormOf(undefined, reply), false);
  });

  it('differ when any stored field differs', () => {
    const stored = toStoredMessage(reply);
    const changes: Partial<ChatMessageView>[] = [
      { id: 'a2' },
      { role: 'user' },
      { text: 'The answer!' },
      { status: 'stopped' },
      { createdAt: 11 },
      { error: undefined },
      { error: { ...reply.error!, detail: 'ETIMEDOUT' } },
      { stats: { ...reply.stats!, chunks: 4 } },
      { stats: { ...reply.stats!, finishReason: 'length' } },
      { reasoning: { text: 'Thinking' } },
      { promptCut: undefined },
      { promptCut: { sentTokens: 100, countedTokens: 41 } },
    ];
    for (const change of changes) {
      assert.equal(isStoredFormOf(stored, { ...reply, ...change }), false, JSON.stringify(change));
    }
  });
});
