// Saves beside a conversation's file add only what changed: a record appended to the journal while it is as this
// window left it, the journal written anew otherwise; a record torn by a crash is skipped.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { appendFile, readFile, stat, writeFile } from 'node:fs/promises';
import { addUserMessage } from '../../../src/chat/conversation';
import { toStoredMessage } from '../../../src/chat/conversationFormat';
import { ConversationStore } from '../../../src/chat/conversationStore';
import { JOURNAL_LIMIT_CHARS, journalFileOf, readJournal } from '../../../src/chat/replyJournal';
import { RecordingLog, withTempDir } from './helpers';
import { askAndStream, lastText, streamingInto } from './journalFixtures';

describe('the journal writer', () => {
  it('appends the messages that changed, leaving the records before as they were', async () => {
    await withTempDir(async (dir) => {
      const { store, conversation, reply } = await streamingInto(dir, 3);
      const journal = journalFileOf(dir, conversation.id);
      reply.text = 'A settled answer, long enough to be noticed if it were written again. '.repeat(20);
      reply.status = 'complete';
      await store.saveSettled(conversation);
      const first = await readFile(journal, 'utf8');
      await askAndStream(store, conversation, 'Next question', 'Half', 6000);
      const after = await readFile(journal, 'utf8');
      assert.ok(after.startsWith(first), 'the records before were rewritten');
      const added = after.slice(first.length);
      assert.equal(added.split('\n').length - 1, 2, 'one record per save');
      assert.ok(!added.includes('A settled answer'), 'the settled answer was written again');
      assert.ok(added.includes('Next question') && added.includes('Half'));
      const read = await new ConversationStore(dir, new RecordingLog()).load(conversation.id);
      assert.deepEqual(
        read?.messages.slice(-3).map((m) => [m.text.slice(0, 8), m.status]),
        [
          ['A settle', 'complete'],
          ['Next que', 'complete'],
          ['Half', 'incomplete'],
        ],
      );
    });
  });

  it('skips a record torn by a crash, and reads the records after it', async () => {
    await withTempDir(async (dir) => {
      const { store, conversation, reply } = await streamingInto(dir, 1);
      const journal = journalFileOf(dir, conversation.id);
      reply.text = 'Early';
      await store.saveLatest(conversation, reply);
      await appendFile(journal, '\n{"updatedAt":5,"messages":[{"id":"');
      // Records start with a line break, so one written after the tear is read whole.
      const after = { updatedAt: 6, messages: [toStoredMessage({ ...reply, text: 'After the tear' })] };
      await appendFile(journal, `\n${JSON.stringify(after)}`);
      assert.equal((await readJournal(dir, conversation.id)).messages.at(-1)?.text, 'After the tear');
      await writeFile(journal, (await readFile(journal, 'utf8')).split('\n').slice(0, 3).join('\n'));
      const other = new ConversationStore(dir, new RecordingLog());
      const read = await other.load(conversation.id);
      assert.equal(lastText(read), 'Early');
      assert.ok(read);
      read.messages[read.messages.length - 1].text = 'Later, from the window that read it';
      await other.saveLatest(read, read.messages[read.messages.length - 1]);
      assert.equal(
        (await readJournal(dir, conversation.id)).messages.at(-1)?.text,
        'Later, from the window that read it',
      );
    });
  });

  it('appends only the text a streaming reply added since the last save, past the limit too', async () => {
    await withTempDir(async (dir) => {
      const { store, conversation, reply } = await streamingInto(dir, 1);
      const journal = journalFileOf(dir, conversation.id);
      let size = 0;
      for (let part = 0; part < 4; part++) {
        reply.text += String(part).repeat(JOURNAL_LIMIT_CHARS / 2);
        await store.saveLatest(conversation, reply);
        const added = (await stat(journal)).size - size;
        size += added;
        if (part > 0) assert.ok(added < JOURNAL_LIMIT_CHARS / 2 + 500, `save ${part} added ${added} bytes`);
      }
      assert.equal((await readFile(journal, 'utf8')).split('\n').length, 5, 'a header and a record per save');
      reply.status = 'complete';
      await store.saveLatest(conversation, reply);
      const read = (await readJournal(dir, conversation.id)).messages.at(-1);
      assert.deepEqual([read?.text, read?.status], [reply.text, 'complete']);
      assert.ok((await stat(journal)).size < size + 500, 'the settled save wrote the text again');
    });
  });

  it('appends only the reasoning a streaming reply added since the last save, and reads it whole', async () => {
    await withTempDir(async (dir) => {
      const { store, conversation, reply } = await streamingInto(dir, 1);
      const journal = journalFileOf(dir, conversation.id);
      const step = 'thinking it through '.repeat(500);
      const sizes: number[] = [];
      for (let part = 0; part < 3; part++) {
        reply.reasoning = { text: `${reply.reasoning?.text ?? ''}${part}${step}` };
        reply.text += `${part}`;
        await store.saveLatest(conversation, reply);
        sizes.push((await stat(journal)).size);
      }
      const added = sizes[2] - sizes[1];
      assert.ok(added < step.length + 500, `the third save added ${added} bytes for ${step.length} of reasoning`);
      reply.reasoning = { text: reply.reasoning?.text ?? '', durationMs: 1200 };
      reply.status = 'complete';
      await store.saveLatest(conversation, reply);
      const read = (await readJournal(dir, conversation.id)).messages.at(-1);
      assert.deepEqual([read?.text, read?.reasoning, read?.status], [reply.text, reply.reasoning, 'complete']);
      // A record whose reasoning follows more than the copy holds, or no reasoning, does not fit: it is skipped.
      const entry = { ...toStoredMessage({ ...reply, text: '' }), textFrom: reply.text.length };
      const records = [
        { ...entry, reasoning: { text: ' lost' }, reasoningFrom: reply.reasoning.text.length + 1 },
        { ...entry, reasoning: { text: ' lost' }, reasoningFrom: 'no length' },
        { ...entry, reasoning: undefined, reasoningFrom: 0 },
      ];
      for (const record of records) {
        await appendFile(journal, `\n${JSON.stringify({ updatedAt: 9, messages: [record] })}`);
      }
      assert.deepEqual((await readJournal(dir, conversation.id)).messages.at(-1)?.reasoning, reply.reasoning);
    });
  });

  it('reads an added text only after the copy it continues: a record that does not fit it is skipped', async () => {
    await withTempDir(async (dir) => {
      const { store, conversation, reply } = await streamingInto(dir, 1);
      const journal = journalFileOf(dir, conversation.id);
      reply.text = 'Early';
      await store.saveLatest(conversation, reply);
      const entry = (textFrom: unknown, text: string) => ({ ...toStoredMessage({ ...reply, text }), textFrom });
      const record = (textFrom: unknown, text: string) =>
        appendFile(journal, `\n${JSON.stringify({ updatedAt: 7, messages: [entry(textFrom, text)] })}`);
      await record(5, ', then more');
      await record(99, ' after a lost record');
      await record('5', ' with a textFrom that is no length');
      await record(-1, ' from before the start');
      assert.equal((await readJournal(dir, conversation.id)).messages.at(-1)?.text, 'Early, then more');
    });
  });

  it('writes the journal anew, each message once, before its records would pass the limit', async () => {
    await withTempDir(async (dir) => {
      const { store, conversation, reply } = await streamingInto(dir, 1);
      const journal = journalFileOf(dir, conversation.id);
      const sizes: number[] = [];
      // Each save replaces the reply's text, so each record holds it whole.
      for (let part = 0; part < 4; part++) {
        reply.text = String(part).repeat(JOURNAL_LIMIT_CHARS / 2);
        await store.saveLatest(conversation, reply);
        sizes.push((await stat(journal)).size);
      }
      assert.ok(sizes[2] > sizes[1] + JOURNAL_LIMIT_CHARS / 2, `the third save did not append: ${sizes.join(', ')}`);
      assert.ok(sizes[3] < sizes[2], `the fourth save did not write the journal anew: ${sizes.join(', ')}`);
      assert.equal((await readFile(journal, 'utf8')).split('\n').length, 2, 'a header and one record');
      assert.equal((await readJournal(dir, conversation.id)).messages.at(-1)?.text, reply.text);
    });
  });

  it('writes the journal anew, keeping what another window appended, when it changed since this window wrote', async () => {
    await withTempDir(async (dir) => {
      const { store, conversation, reply } = await streamingInto(dir, 1);
      reply.text = 'Mine';
      await store.saveLatest(conversation, reply);
      const other = new ConversationStore(dir, new RecordingLog());
      const theirs = await other.load(conversation.id);
      assert.ok(theirs);
      const question = addUserMessage(theirs, 'Asked in the other window', 5500);
      await other.saveLatest(theirs, question);
      reply.text = 'Mine, longer';
      await store.saveLatest(conversation, reply);
      const texts = (await readJournal(dir, conversation.id)).messages.map((m) => m.text);
      assert.deepEqual(texts, ['Mine, longer', 'Asked in the other window']);
      await writeFile(journalFileOf(dir, conversation.id), 'not a journal');
      assert.deepEqual((await readJournal(dir, conversation.id)).messages, []);
    });
  });
});
