// The question just asked and the reply still arriving are saved on their own, beside their conversation's file: the
// saves of a long conversation's exchange do not rewrite it, every reader sees them, a crash keeps them, and the next
// full save takes them in.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import type { Conversation } from '../../../src/chat/conversation';
import { ConversationStore, conversationIdOfFile } from '../../../src/chat/conversationStore';
import { toStoredMessage } from '../../../src/chat/conversationFormat';
import { journalFileOf } from '../../../src/chat/replyJournal';
import { RecordingLog, withTempDir } from './helpers';
import { askAndStream, lastText, streamingInto } from './journalFixtures';

describe('the journal of a reply still arriving', () => {
  it('saves only the reply while it streams, and leaves the conversation file as it was', async () => {
    await withTempDir(async (dir) => {
      const { store, conversation, reply, file } = await streamingInto(dir, 200);
      const before = await readFile(file, 'utf8');
      const modified = (await stat(file)).mtimeMs;
      for (const part of ['First part. ', 'Second part. ', 'Third part.']) {
        reply.text += part;
        await store.saveLatest(conversation, reply);
      }
      assert.equal(await readFile(file, 'utf8'), before);
      assert.equal((await stat(file)).mtimeMs, modified);
      const journal = await readFile(journalFileOf(dir, conversation.id), 'utf8');
      assert.ok(journal.length < 1000, `the journal holds ${journal.length} characters`);
      assert.ok(before.length > 100_000, `the conversation file holds ${before.length} characters`);
    });
  });

  it('is read with the conversation by another window, and after a crash, as an incomplete reply', async () => {
    await withTempDir(async (dir) => {
      const { store, conversation, reply } = await streamingInto(dir, 3);
      reply.text = 'Half of the answer';
      await store.saveLatest(conversation, reply);
      const other = await new ConversationStore(dir, new RecordingLog()).load(conversation.id);
      assert.equal(other?.messages.length, conversation.messages.length);
      assert.equal(lastText(other), 'Half of the answer');
      assert.equal(other?.messages.at(-1)?.status, 'incomplete');
    });
  });

  it('is taken into the file and removed by the next full save', async () => {
    await withTempDir(async (dir) => {
      const { store, conversation, reply, file } = await streamingInto(dir, 3);
      reply.text = 'Half';
      await store.saveLatest(conversation, reply);
      reply.text = 'The whole answer';
      reply.status = 'complete';
      await store.save(conversation);
      assert.deepEqual(
        (await readdir(dir)).filter((name) => name.includes('reply')),
        [],
      );
      const stored = JSON.parse(await readFile(file, 'utf8')) as Conversation;
      assert.equal(lastText(stored), 'The whole answer');
      assert.equal(stored.messages.at(-1)?.status, 'complete');
    });
  });

  it('never replaces a settled copy in the file, and a damaged journal is ignored', async () => {
    await withTempDir(async (dir) => {
      const { store, conversation, reply } = await streamingInto(dir, 1);
      reply.text = 'Early text';
      await store.saveLatest(conversation, reply);
      const journal = await readFile(journalFileOf(dir, conversation.id), 'utf8');
      reply.text = 'Final';
      reply.status = 'complete';
      await store.save(conversation);
      // A window that crashed between writing the file and removing the journal left it behind.
      await writeFile(journalFileOf(dir, conversation.id), journal);
      const read = await new ConversationStore(dir, new RecordingLog()).load(conversation.id);
      assert.equal(lastText(read), 'Final');
      await writeFile(journalFileOf(dir, conversation.id), '{"version":1,"conv');
      const again = await new ConversationStore(dir, new RecordingLog()).load(conversation.id);
      assert.equal(lastText(again), 'Final');
    });
  });

  it('holds the question just asked with the reply, so a crash keeps both, and the file is not rewritten', async () => {
    await withTempDir(async (dir) => {
      const { store, conversation, file } = await streamingInto(dir, 50);
      conversation.messages.pop();
      const before = await readFile(file, 'utf8');
      await askAndStream(store, conversation, 'One more question', 'Half an answer', 6000);
      assert.equal(await readFile(file, 'utf8'), before, 'the conversation file was rewritten');
      const crashed = await new ConversationStore(dir, new RecordingLog()).load(conversation.id);
      assert.deepEqual(
        crashed?.messages.slice(-2).map((m) => [m.text, m.status]),
        [
          ['One more question', 'complete'],
          ['Half an answer', 'incomplete'],
        ],
      );
    });
  });

  it('still reads journals of the first two formats: the reply alone, then several messages in one object', async () => {
    await withTempDir(async (dir) => {
      const { store, conversation, reply } = await streamingInto(dir, 1);
      reply.text = 'From an older window';
      await store.saveLatest(conversation, reply);
      const first = { version: 1, conversationId: conversation.id, message: toStoredMessage(reply) };
      await writeFile(journalFileOf(dir, conversation.id), JSON.stringify(first));
      const read = await new ConversationStore(dir, new RecordingLog()).load(conversation.id);
      assert.equal(lastText(read), 'From an older window');
      const second = { version: 2, conversationId: conversation.id, updatedAt: 1, messages: [toStoredMessage(reply)] };
      reply.text = 'From a window of the second format';
      second.messages[0].text = reply.text;
      await writeFile(journalFileOf(dir, conversation.id), JSON.stringify(second));
      const again = await new ConversationStore(dir, new RecordingLog()).load(conversation.id);
      assert.equal(lastText(again), 'From a window of the second format');
      const later = { ...second, version: 4, messages: [{ ...second.messages[0], text: 'A format not known yet' }] };
      await writeFile(journalFileOf(dir, conversation.id), JSON.stringify(later));
      const unknown = await new ConversationStore(dir, new RecordingLog()).load(conversation.id);
      assert.equal(lastText(unknown), 'Last question', 'a journal of a later format was read');
    });
  });

  it('names its conversation, so a window watching the folder reloads it', () => {
    const id = '0b5e1c2a-1111-4222-8333-444455556666';
    assert.equal(conversationIdOfFile(`${id}.reply.json`), id);
    assert.equal(conversationIdOfFile(`${id}.json`), id);
  });
});
