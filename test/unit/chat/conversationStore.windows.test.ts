// Two windows writing one history: two stores over one folder, as two extension hosts would be. Every message either
// window saved stays on disk and reaches the other window's copy; deletions stay deleted; a reply still arriving is
// never overwritten by an older copy of itself.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import {
  addReply,
  addUserMessage,
  createConversation,
  removeLastExchange,
  type Conversation,
} from '../../../src/chat/conversation';
import { ConversationStore } from '../../../src/chat/conversationStore';
import type { ChatMessageView } from '../../../src/shared/protocol';
import { RecordingLog, withTempDir } from './helpers';

function exchange(conversation: Conversation, question: string, answer: string, at: number): ChatMessageView {
  addUserMessage(conversation, question, at);
  const reply = addReply(conversation, at);
  reply.text = answer;
  reply.status = 'complete';
  return reply;
}

function texts(conversation: Conversation | undefined): string[] {
  return conversation?.messages.map((m) => m.text) ?? [];
}

async function onDisk(dir: string, id: string): Promise<string[]> {
  return texts(await new ConversationStore(dir, new RecordingLog()).load(id));
}

/** Two windows that both have the conversation open, as saved by the first. */
async function twoWindows(dir: string) {
  const first = new ConversationStore(dir, new RecordingLog());
  const second = new ConversationStore(dir, new RecordingLog());
  const mine = createConversation(1000);
  exchange(mine, 'Q1', 'A1', 1000);
  await first.save(mine);
  const theirs = await second.load(mine.id);
  assert.ok(theirs);
  return { first, second, mine, theirs };
}

describe('ConversationStore with two windows', () => {
  it('keeps both windows’ messages when each saves its own copy, in the order they were written', async () => {
    await withTempDir(async (dir) => {
      const { first, second, mine, theirs } = await twoWindows(dir);
      exchange(theirs, 'Q2', 'A2', 2000);
      assert.equal(await second.save(theirs), 'current');
      exchange(mine, 'Q3', 'A3', 3000);

      assert.equal(await first.save(mine), 'merged');
      const all = ['Q1', 'A1', 'Q2', 'A2', 'Q3', 'A3'];
      assert.deepEqual(texts(mine), all);
      assert.deepEqual(await onDisk(dir, mine.id), all);
      assert.equal(await second.refresh(theirs), 'merged');
      assert.deepEqual(texts(theirs), all);
      assert.equal(await second.refresh(theirs), 'current');
      assert.deepEqual(
        (await new ConversationStore(dir, new RecordingLog()).list()).map((s) => s.messageCount),
        [6],
      );
    });
  });

  it('lets a message changed in this window win for that message and keeps the other window’s changes', async () => {
    await withTempDir(async (dir) => {
      const { first, second, mine, theirs } = await twoWindows(dir);
      theirs.messages[1].text = 'A1, continued in window 2';
      theirs.title = 'Renamed in window 2';
      await second.save(theirs);
      mine.messages[0].text = 'Q1, edited in window 1';
      await first.save(mine);

      const stored = await new ConversationStore(dir, new RecordingLog()).load(mine.id);
      assert.deepEqual(texts(stored), ['Q1, edited in window 1', 'A1, continued in window 2']);
      assert.equal(stored?.title, 'Renamed in window 2');
      await second.refresh(theirs);
      assert.deepEqual(texts(theirs), texts(stored));
    });
  });

  it('does not bring back messages the other window removed', async () => {
    await withTempDir(async (dir) => {
      const { first, second, mine, theirs } = await twoWindows(dir);
      exchange(mine, 'Q2', 'A2', 2000);
      await first.save(mine);
      await second.refresh(theirs);
      removeLastExchange(theirs, 2500);
      await second.save(theirs);
      exchange(mine, 'Q3', 'A3', 3000);

      assert.equal(await first.save(mine), 'merged');
      assert.deepEqual(texts(mine), ['Q1', 'A1', 'Q3', 'A3']);
      assert.deepEqual(await onDisk(dir, mine.id), ['Q1', 'A1', 'Q3', 'A3']);
    });
  });

  it('keeps a deleted conversation deleted when the other window saves it again', async () => {
    await withTempDir(async (dir) => {
      const { first, second, mine, theirs } = await twoWindows(dir);
      await first.delete(mine.id);
      exchange(theirs, 'Q2', 'A2', 2000);

      assert.equal(await second.save(theirs), 'deleted');
      assert.equal(await second.save(theirs), 'deleted');
      assert.equal(await second.refresh(theirs), 'deleted');
      assert.deepEqual(await readdir(dir), ['index.json']);
      assert.deepEqual(await second.list(), []);
      assert.deepEqual(await new ConversationStore(dir, new RecordingLog()).list(), []);
    });
  });

  it('tells the other window of a deletion when it next looks', async () => {
    await withTempDir(async (dir) => {
      const { first, second, mine, theirs } = await twoWindows(dir);
      await first.delete(mine.id);
      assert.equal(await second.refresh(theirs), 'deleted');
      assert.equal(await second.historyChanged(), true);
      assert.deepEqual(await second.list(), []);
    });
  });

  it('never lets an older copy of a reply still arriving overwrite the newer text', async () => {
    await withTempDir(async (dir) => {
      const first = new ConversationStore(dir, new RecordingLog());
      const second = new ConversationStore(dir, new RecordingLog());
      const mine = createConversation(1000);
      addUserMessage(mine, 'Explain closures', 1000);
      const reply = addReply(mine, 1000);
      reply.text = 'A closure';
      await first.save(mine);
      const theirs = await second.load(mine.id);
      assert.ok(theirs);
      assert.equal(theirs.messages[1].status, 'incomplete');

      // Its own save, seen by window 1's watcher, changes nothing: the reply is still arriving there.
      assert.equal(await first.refresh(mine), 'current');
      assert.equal(mine.messages[1], reply);
      assert.equal(reply.status, 'streaming');

      // Window 1 saves periodically while its reply arrives; window 2 saves its stale copy in between.
      reply.text += ' is a function';
      const partial = first.save(mine);
      reply.text += ' with its scope';
      addUserMessage(theirs, 'Thanks', 2000);
      await Promise.all([partial, second.save(theirs)]);
      await first.refresh(mine);
      assert.deepEqual(texts(mine), ['Explain closures', 'A closure is a function with its scope', 'Thanks']);
      assert.ok(mine.messages.includes(reply), 'the reply streams into a message that is no longer in the chat');
      assert.equal(reply.text, 'A closure is a function with its scope');
      assert.equal(reply.status, 'streaming');
      reply.status = 'complete';
      await first.save(mine);

      const stored = await new ConversationStore(dir, new RecordingLog()).load(mine.id);
      assert.deepEqual(
        stored?.messages.map((m) => [m.text, m.status]),
        [
          ['Explain closures', 'complete'],
          ['A closure is a function with its scope', 'complete'],
          ['Thanks', 'complete'],
        ],
      );
      await second.refresh(theirs);
      assert.deepEqual(theirs.messages, stored?.messages);
    });
  });

  it('loses nothing when both windows save at the same moment, again and again', async () => {
    await withTempDir(async (dir) => {
      const { first, second, mine, theirs } = await twoWindows(dir);
      const saves: Promise<unknown>[] = [];
      for (let i = 0; i < 20; i++) {
        addUserMessage(mine, `window 1 #${i}`, 2000 + i);
        addUserMessage(theirs, `window 2 #${i}`, 2000 + i);
        saves.push(first.save(mine), second.save(theirs));
      }
      await Promise.all(saves);
      const stored = await onDisk(dir, mine.id);
      for (let i = 0; i < 20; i++) {
        assert.ok(stored.includes(`window 1 #${i}`), `window 1 #${i} is missing`);
        assert.ok(stored.includes(`window 2 #${i}`), `window 2 #${i} is missing`);
      }
      assert.equal(stored.length, 42);
      assert.deepEqual(await readdir(dir).then((names) => names.sort()), [`${mine.id}.json`, 'index.json'].sort());
    });
  });

  it('keeps every window’s conversations in the shared index', async () => {
    await withTempDir(async (dir) => {
      const first = new ConversationStore(dir, new RecordingLog());
      const second = new ConversationStore(dir, new RecordingLog());
      await first.list();
      await second.list();
      const created = Array.from({ length: 11 }, (_, i) => {
        const conversation = createConversation(1000 + i);
        exchange(conversation, `question ${i}`, 'answer', 1000 + i);
        return conversation;
      });
      await Promise.all(created.slice(0, 10).map((c, i) => (i % 2 === 0 ? first : second).save(c)));
      const index = JSON.parse(await readFile(path.join(dir, 'index.json'), 'utf8')) as { conversations: unknown[] };
      assert.equal(index.conversations.length, 10);

      await second.save(created[10]);
      assert.equal(await first.historyChanged(), true);
      assert.equal(await first.historyChanged(), false);
      assert.equal((await first.list()).length, 11);
      assert.equal(await second.historyChanged(), false);
      assert.equal((await second.list()).length, 11);
    });
  });
});
