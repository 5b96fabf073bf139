// A reply that settles in a stored conversation goes beside the conversation's file with its question, so ending a
// reply in a long conversation does not rewrite it; the file is rewritten once they grow large, when something the
// file holds changed, or when another window wrote meanwhile, and nothing is lost or brought back on the way.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readdir, readFile, stat } from 'node:fs/promises';
import { addReply, addUserMessage, type Conversation } from '../../../src/chat/conversation';
import { ConversationStore } from '../../../src/chat/conversationStore';
import { JOURNAL_LIMIT_CHARS, readJournal } from '../../../src/chat/replyJournal';
import { RecordingLog, withTempDir } from './helpers';
import { streamingInto } from './journalFixtures';

function texts(conversation: Pick<Conversation, 'messages'> | undefined): string[] | undefined {
  return conversation?.messages.map((m) => m.text);
}

function settle(conversation: Conversation, question: string | undefined, answer: string, at: number): void {
  if (question !== undefined) addUserMessage(conversation, question, at);
  const reply = addReply(conversation, at + 1);
  reply.text = answer;
  reply.status = 'complete';
  conversation.updatedAt = at + 2;
}

async function journalNames(dir: string): Promise<string[]> {
  return (await readdir(dir)).filter((name) => name.endsWith('.reply.json'));
}

describe('saving a settled reply', () => {
  it('keeps the exchanges beside a long conversation’s file, which is not rewritten, and lists the new count', async () => {
    await withTempDir(async (dir) => {
      const { store, conversation, reply, file } = await streamingInto(dir, 200);
      const before = await readFile(file, 'utf8');
      const modified = (await stat(file)).mtimeMs;
      reply.text = 'The answer';
      reply.status = 'complete';
      assert.equal(await store.saveSettled(conversation), 'current');
      settle(conversation, 'Another question', 'Another answer', 7000);
      await store.saveSettled(conversation);
      assert.equal(await readFile(file, 'utf8'), before, 'the conversation file was rewritten');
      assert.equal((await stat(file)).mtimeMs, modified);
      const journal = await readJournal(dir, conversation.id);
      assert.deepEqual(texts(journal), ['The answer', 'Another question', 'Another answer']);
      const other = new ConversationStore(dir, new RecordingLog());
      const read = await other.load(conversation.id);
      assert.deepEqual(texts(read), texts(conversation));
      assert.equal(read?.messages.at(-3)?.status, 'complete');
      assert.equal(read?.updatedAt, 7002);
      assert.equal((await other.list())[0].messageCount, conversation.messages.length);
    });
  });

  it('rewrites the file once what is beside it would pass its limit', async () => {
    await withTempDir(async (dir) => {
      const { store, conversation, reply, file } = await streamingInto(dir, 3);
      reply.text = 'x'.repeat(JOURNAL_LIMIT_CHARS + 1);
      reply.status = 'complete';
      await store.saveSettled(conversation);
      assert.deepEqual(await journalNames(dir), []);
      const stored = JSON.parse(await readFile(file, 'utf8')) as Conversation;
      assert.equal(stored.messages.at(-1)?.text.length, JOURNAL_LIMIT_CHARS + 1);
    });
  });

  it('rewrites the file when a message it holds changed or went, and a reply taken back stays gone', async () => {
    await withTempDir(async (dir) => {
      const { store, conversation, reply } = await streamingInto(dir, 3);
      reply.text = 'First try';
      reply.status = 'complete';
      await store.saveSettled(conversation);
      // Answered again: the reply only the journal holds is replaced.
      conversation.messages.pop();
      settle(conversation, undefined, 'Second try', 6000);
      await store.saveSettled(conversation);
      const reload = () => new ConversationStore(dir, new RecordingLog()).load(conversation.id);
      assert.deepEqual(texts(await reload())?.slice(-2), ['Last question', 'Second try']);
      assert.equal((await journalNames(dir)).length, 1, 'a reply beside the file rewrote it');

      conversation.messages.splice(2, 2);
      settle(conversation, 'After the removal', 'Its answer', 8000);
      await store.saveSettled(conversation);
      assert.deepEqual(await journalNames(dir), []);
      assert.deepEqual(texts(await reload()), texts(conversation));

      conversation.messages[1].text = 'An edited answer';
      settle(conversation, 'After the edit', 'Its answer', 9000);
      await store.saveSettled(conversation);
      assert.deepEqual(await journalNames(dir), []);
      assert.deepEqual(texts(await reload()), texts(conversation));
    });
  });

  it('keeps the exchanges another window put beside the file, and the next save takes them in', async () => {
    await withTempDir(async (dir) => {
      const { store: mine, conversation } = await streamingInto(dir, 2);
      conversation.messages.pop();
      const other = new ConversationStore(dir, new RecordingLog());
      const theirs = await other.load(conversation.id);
      assert.ok(theirs);
      settle(theirs, 'Their question', 'Their answer', 6000);
      await other.saveSettled(theirs);
      const question = addUserMessage(conversation, 'My question', 7000);
      await mine.saveLatest(conversation, question);
      const reload = () => new ConversationStore(dir, new RecordingLog()).load(conversation.id);
      assert.deepEqual(texts(await reload())?.slice(-3), ['Their question', 'Their answer', 'My question']);

      settle(conversation, undefined, 'My answer', 7000);
      assert.equal(await mine.saveSettled(conversation), 'merged');
      assert.deepEqual(await journalNames(dir), []);
      const expected = ['Their question', 'Their answer', 'My question', 'My answer'];
      assert.deepEqual(texts(await reload())?.slice(-4), expected);
      assert.deepEqual(texts(conversation)?.slice(-4), expected);
    });
  });

  it('does not bring back a reply it took back while another window wrote beside the file', async () => {
    await withTempDir(async (dir) => {
      const { store: mine, conversation, reply } = await streamingInto(dir, 2);
      reply.text = 'First try';
      reply.status = 'complete';
      await mine.saveSettled(conversation);
      const other = new ConversationStore(dir, new RecordingLog());
      const theirs = await other.load(conversation.id);
      assert.ok(theirs);
      await other.saveLatest(theirs, addUserMessage(theirs, 'Their question', 6000));
      conversation.messages.pop();
      settle(conversation, undefined, 'Second try', 5500);
      assert.equal(await mine.saveSettled(conversation), 'merged');
      const read = await new ConversationStore(dir, new RecordingLog()).load(conversation.id);
      assert.deepEqual(texts(read)?.slice(-3), ['Last question', 'Second try', 'Their question']);
    });
  });
});
