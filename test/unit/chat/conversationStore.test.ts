// The conversation store on its own: what it gives back, the index that lists the history, and what it does with
// files that a crash or a disk error left damaged, half written or locked.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readdir, readFile, rm, utimes, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { addReply, addUserMessage, createConversation, type Conversation } from '../../../src/chat/conversation';
import { ConversationStore } from '../../../src/chat/conversationStore';
import { RecordingLog, withTempDir } from './helpers';

function conversationWith(question: string, answer: string, at: number): Conversation {
  const conversation = createConversation(at);
  addUserMessage(conversation, question, at);
  const reply = addReply(conversation, at);
  reply.text = answer;
  reply.status = 'complete';
  return conversation;
}

describe('ConversationStore', () => {
  it('gives back a saved conversation as it was', async () => {
    await withTempDir(async (dir) => {
      const store = new ConversationStore(dir, new RecordingLog());
      const conversation = conversationWith('Why?', 'Because.', 10);
      conversation.messages[1].stats = { protocol: 'vitalentum', durationMs: 5, chunks: 2, chars: 8 };
      addUserMessage(conversation, 'And now?', 11);
      Object.assign(addReply(conversation, 11), {
        status: 'error',
        error: { kind: 'auth', message: 'The key was refused.', action: 'setApiKey', detail: 'HTTP 401' },
      });
      await store.save(conversation);
      const reopened = new ConversationStore(dir, new RecordingLog());
      assert.deepEqual(await reopened.load(conversation.id), conversation);
      assert.deepEqual(await reopened.list(), [{ id: conversation.id, title: 'Why?', updatedAt: 11, messageCount: 4 }]);
    });
  });

  it('lists 500 conversations newest first from the index', async () => {
    await withTempDir(async (dir) => {
      const store = new ConversationStore(dir, new RecordingLog());
      const saved = Array.from({ length: 500 }, (_, i) => conversationWith(`question ${i}`, `answer ${i}`, 1000 + i));
      await Promise.all(saved.map((c) => store.save(c)));
      const index = JSON.parse(await readFile(path.join(dir, 'index.json'), 'utf8')) as { conversations: unknown[] };
      assert.equal(index.conversations.length, 500);

      const history = await new ConversationStore(dir, new RecordingLog()).list();
      assert.equal(history.length, 500);
      assert.equal(history[0].title, 'question 499');
      assert.equal(history[499].title, 'question 0');
    });
  });

  it('skips a damaged conversation with a warning and keeps all the others', async () => {
    await withTempDir(async (dir) => {
      const store = new ConversationStore(dir, new RecordingLog());
      const good = conversationWith('good', 'fine', 1);
      const damaged = conversationWith('damaged', 'lost', 2);
      await store.save(good);
      await store.save(damaged);
      await writeFile(path.join(dir, `${damaged.id}.json`), '{"id": "truncated', 'utf8');
      await rm(path.join(dir, 'index.json'));

      const log = new RecordingLog();
      const reopened = new ConversationStore(dir, log);
      assert.deepEqual(
        (await reopened.list()).map((s) => s.title),
        ['good'],
      );
      assert.equal(await reopened.load(damaged.id), undefined);
      assert.deepEqual(await reopened.load(good.id), good);
      assert.ok(log.at('warn').some((line) => line.includes(damaged.id)));
    });
  });

  it('unlists a conversation whose file turns out damaged when it is opened', async () => {
    await withTempDir(async (dir) => {
      const store = new ConversationStore(dir, new RecordingLog());
      const damaged = conversationWith('damaged later', 'x', 1);
      await store.save(damaged);
      await writeFile(
        path.join(dir, `${damaged.id}.json`),
        JSON.stringify({ ...damaged, messages: [{ role: 'robot' }] }),
        'utf8',
      );
      const log = new RecordingLog();
      const reopened = new ConversationStore(dir, log);
      assert.equal((await reopened.list()).length, 1);
      assert.equal(await reopened.load(damaged.id), undefined);
      assert.deepEqual(await reopened.list(), []);
      assert.match(log.at('warn').join('\n'), /does not have the shape of a conversation/);
    });
  });

  it('rebuilds a damaged index from the conversation files', async () => {
    await withTempDir(async (dir) => {
      const store = new ConversationStore(dir, new RecordingLog());
      const conversation = conversationWith('survives', 'yes', 1);
      await store.save(conversation);
      await writeFile(path.join(dir, 'index.json'), 'not json', 'utf8');
      const log = new RecordingLog();
      assert.deepEqual(
        (await new ConversationStore(dir, log).list()).map((s) => s.id),
        [conversation.id],
      );
      assert.match(log.at('warn').join('\n'), /Rebuilding the chat history index/);
    });
  });

  it('ignores a temporary file left by a write cut short and keeps the version before it', async () => {
    await withTempDir(async (dir) => {
      const conversation = conversationWith('kept', 'as it was', 1);
      await new ConversationStore(dir, new RecordingLog()).save(conversation);
      const leftover = path.join(dir, `${conversation.id}.json.0b5e3c1a-leftover.tmp`);
      await writeFile(leftover, '{"id":"' + conversation.id + '","title":"half', 'utf8');

      const log = new RecordingLog();
      const reopened = new ConversationStore(dir, log);
      assert.deepEqual(await reopened.load(conversation.id), conversation);
      assert.deepEqual(
        (await reopened.list()).map((s) => s.id),
        [conversation.id],
      );
      assert.deepEqual(log.at('warn'), []);
    });
  });

  it('writes the open copy over a conversation file that was cut short', async () => {
    await withTempDir(async (dir) => {
      const store = new ConversationStore(dir, new RecordingLog());
      const conversation = conversationWith('repaired', 'by the next save', 1);
      await store.save(conversation);
      const file = path.join(dir, `${conversation.id}.json`);
      const text = await readFile(file, 'utf8');
      await writeFile(file, text.slice(0, text.length / 2), 'utf8');

      assert.equal(await store.save(conversation), 'current');
      assert.deepEqual(await new ConversationStore(dir, new RecordingLog()).load(conversation.id), conversation);
    });
  });

  it('waits for a lock another window holds, and takes over one left by a window that crashed', async () => {
    await withTempDir(async (dir) => {
      const store = new ConversationStore(dir, new RecordingLog());
      const conversation = conversationWith('locked', 'for a moment', 1);
      await store.save(conversation);
      const lock = path.join(dir, `${conversation.id}.lock`);

      await writeFile(lock, '', 'utf8');
      let saved = false;
      const save = store.save(conversation).then(() => (saved = true));
      await new Promise((resolve) => setTimeout(resolve, 100));
      assert.equal(saved, false, 'the save did not wait for the lock');
      await rm(lock);
      await save;

      await writeFile(lock, '', 'utf8');
      const longAgo = new Date(Date.now() - 60_000);
      await utimes(lock, longAgo, longAgo);
      assert.equal(await store.save(conversation), 'current');
      assert.deepEqual((await readdir(dir)).sort(), [`${conversation.id}.json`, 'index.json'].sort());
    });
  });

  it('deletes a conversation and refuses ids that are not conversation ids', async () => {
    await withTempDir(async (dir) => {
      const store = new ConversationStore(dir, new RecordingLog());
      const conversation = conversationWith('to delete', 'ok', 1);
      await store.save(conversation);
      await writeFile(path.join(path.dirname(dir), `${path.basename(dir)}-outside.json`), '{}', 'utf8');
      assert.equal(await store.load(`../${path.basename(dir)}-outside`), undefined);
      await store.delete(`../${path.basename(dir)}-outside`);
      await rm(path.join(path.dirname(dir), `${path.basename(dir)}-outside.json`));

      await store.delete(conversation.id);
      assert.deepEqual(await store.list(), []);
      assert.deepEqual(await readdir(dir), ['index.json']);
    });
  });
});
