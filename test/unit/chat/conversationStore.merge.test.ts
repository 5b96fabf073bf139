// The three-way merge of two copies of a conversation, on its own: who wins for each message, and the order.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Conversation } from '../../../src/chat/conversation';
import { adoptMerge, baseOf, mergeConversations } from '../../../src/chat/conversationMerge';
import type { ChatMessageView } from '../../../src/shared/protocol';

function message(id: string, createdAt: number, text = id): ChatMessageView {
  return { id, role: 'user', text, status: 'complete', createdAt };
}

function conversation(...messages: ChatMessageView[]): Conversation {
  return { id: 'c', title: 'Title', createdAt: 0, updatedAt: 0, messages };
}

const ids = (c: Conversation): string[] => c.messages.map((m) => m.text);

describe('conversation merge', () => {
  it('takes each message from the copy that changed it, and drops what one copy removed', () => {
    const base = conversation(message('a', 1), message('b', 2), message('c', 3));
    const ours = conversation(message('a', 1, 'a changed here'), message('b', 2), message('d', 4));
    const theirs = conversation(message('a', 1), message('b', 2, 'b changed there'), message('c', 3), message('e', 5));
    assert.deepEqual(ids(mergeConversations(baseOf(base), ours, theirs)), [
      'a changed here',
      'b changed there',
      'd',
      'e',
    ]);
  });

  it('keeps this copy’s order even when creation times went backwards, and places the other’s by time', () => {
    const ours = conversation(message('q', 100), message('r', 50), message('later', 300));
    const theirs = conversation(message('q', 100), message('tied', 100), message('between', 200));
    assert.deepEqual(ids(mergeConversations(baseOf(conversation(message('q', 100))), ours, theirs)), [
      'q',
      'r',
      'tied',
      'between',
      'later',
    ]);
  });

  it('keeps this copy’s objects where the content is the same, so a view can tell what came in', () => {
    const ours = conversation(message('a', 1), message('b', 2));
    const target = ours;
    const theirs = structuredClone(ours);
    theirs.messages.push(message('c', 3));
    const merged = mergeConversations(baseOf(ours), ours, theirs);
    assert.equal(merged.messages[0], ours.messages[0]);
    const kept = ours.messages[1];
    assert.equal(adoptMerge(target, merged), true);
    assert.equal(target.messages[1], kept);
    assert.equal(adoptMerge(target, mergeConversations(baseOf(target), target, structuredClone(target))), false);
  });

  it('takes the pinned context from the copy that changed it, and a view sees the change', () => {
    const file = { id: 'f', kind: 'file' as const, uri: 'file:///w/a.ts', path: 'a.ts' };
    const base = conversation(message('a', 1));
    const theirs = { ...structuredClone(base), context: [file] };
    const merged = mergeConversations(baseOf(base), structuredClone(base), theirs);
    assert.deepEqual(merged.context, [file]);
    const ours = { ...structuredClone(theirs), context: [] };
    assert.equal(mergeConversations(baseOf(theirs), ours, theirs).context, undefined, 'our removal wins');
    const target = structuredClone(base);
    assert.equal(adoptMerge(target, merged), true);
    assert.deepEqual(target.context, [file]);
  });
});
