// What a save costs and what it reads: a file this window wrote last is not read back (its copy in memory is what it
// holds), while a file or a reply journal another window wrote is; the file's text, built from each message's JSON
// kept from the last save, is what encoding the whole conversation gives, and is written a piece at a time; and the
// copy a save takes is its own.
import { describe, it, mock } from 'node:test';
import assert from 'node:assert/strict';
import fsPromises, { readFile } from 'node:fs/promises';
import path from 'node:path';
import {
  addReply,
  addUserMessage,
  createConversation,
  snapshotOf,
  type Conversation,
} from '../../../src/chat/conversation';
import { toStored } from '../../../src/chat/conversationFormat';
import { ConversationStore } from '../../../src/chat/conversationStore';
import { ConversationText, PIECE_CHARS } from '../../../src/chat/conversationText';
import { RecordingLog, withTempDir } from './helpers';

function answered(question: string, answer: string, at: number, conversation = createConversation(at)): Conversation {
  addUserMessage(conversation, question, at);
  const reply = addReply(conversation, at);
  reply.text = answer;
  reply.status = 'complete';
  return conversation;
}

/** The conversation's own files (its file and its reply journal) read while `work` runs (the store reads with fs/promises). */
async function conversationFilesRead(dir: string, id: string, work: () => Promise<unknown>): Promise<string[]> {
  const reads = mock.method(fsPromises, 'readFile');
  try {
    await work();
    return reads.mock.calls
      .map((call) => path.relative(dir, String(call.arguments[0])))
      .filter((file) => file.startsWith(id));
  } finally {
    reads.mock.restore();
  }
}

describe('ConversationStore saves', () => {
  it('does not read back a file it wrote last, and does read one another window wrote since', async () => {
    await withTempDir(async (dir) => {
      const store = new ConversationStore(dir, new RecordingLog());
      const mine = answered('Q1', 'A1', 1000);
      await store.save(mine);
      const file = path.join(dir, `${mine.id}.json`);
      addUserMessage(mine, 'mine', 2000);
      assert.deepEqual(await conversationFilesRead(dir, mine.id, () => store.save(mine)), []);
      assert.deepEqual(
        JSON.parse(await readFile(file, 'utf8')).messages.map((m: { text: string }) => m.text),
        ['Q1', 'A1', 'mine'],
      );

      // Another window's write is a new file (a rename): the next save reads and merges it.
      const other = await new ConversationStore(dir, new RecordingLog()).load(mine.id);
      assert.ok(other);
      addUserMessage(other, 'theirs', 3000);
      await new ConversationStore(dir, new RecordingLog()).save(other);
      addUserMessage(mine, 'mine again', 4000);
      assert.ok((await conversationFilesRead(dir, mine.id, () => store.save(mine))).includes(`${mine.id}.json`));
      assert.deepEqual(
        mine.messages.map((m) => m.text),
        ['Q1', 'A1', 'mine', 'theirs', 'mine again'],
      );
    });
  });

  it('reads the file when another window wrote the reply journal beside it', async () => {
    await withTempDir(async (dir) => {
      const store = new ConversationStore(dir, new RecordingLog());
      const mine = answered('Q1', 'A1', 1000);
      await store.save(mine);
      const other = new ConversationStore(dir, new RecordingLog());
      const theirs = await other.load(mine.id);
      assert.ok(theirs);
      addUserMessage(theirs, 'Q2', 2000);
      const reply = addReply(theirs, 2000);
      reply.text = 'arriving';
      await other.saveLatest(theirs, reply);
      addUserMessage(mine, 'Q3', 3000);
      assert.equal(await store.save(mine), 'merged');
      // The other window's question went into its journal with the reply.
      assert.deepEqual(
        mine.messages.map((m) => m.text),
        ['Q1', 'A1', 'Q2', 'arriving', 'Q3'],
      );
    });
  });

  it('loads a conversation and saves it without reading it again, journal included', async () => {
    await withTempDir(async (dir) => {
      const writer = new ConversationStore(dir, new RecordingLog());
      const saved = answered('Q1', 'A1', 1000);
      await writer.save(saved);
      const reply = addReply(saved, 2000);
      reply.text = 'cut short by a crash';
      await writer.saveLatest(saved, reply);

      const store = new ConversationStore(dir, new RecordingLog());
      const mine = await store.load(saved.id);
      assert.ok(mine);
      assert.deepEqual(
        mine.messages.map((m) => m.text),
        ['Q1', 'A1', 'cut short by a crash'],
      );
      addUserMessage(mine, 'Q2', 3000);
      assert.deepEqual(await conversationFilesRead(dir, mine.id, () => store.save(mine)), []);
      const stored = await new ConversationStore(dir, new RecordingLog()).load(mine.id);
      assert.deepEqual(
        stored?.messages.map((m) => m.text),
        ['Q1', 'A1', 'cut short by a crash', 'Q2'],
      );
    });
  });
});

describe('ConversationStore refreshes', () => {
  it('does not read back its own writes when they are reported, and reads another window’s once', async () => {
    await withTempDir(async (dir) => {
      const store = new ConversationStore(dir, new RecordingLog());
      const mine = answered('Q1', 'A1', 1000);
      await store.save(mine);
      const reply = addReply(mine, 2000);
      reply.text = 'arriving';
      await store.saveLatest(mine, reply);
      assert.deepEqual(await conversationFilesRead(dir, mine.id, () => store.refresh(mine)), []);

      const other = await new ConversationStore(dir, new RecordingLog()).load(mine.id);
      assert.ok(other);
      addUserMessage(other, 'theirs', 3000);
      await new ConversationStore(dir, new RecordingLog()).save(other);
      assert.ok((await conversationFilesRead(dir, mine.id, () => store.refresh(mine))).includes(`${mine.id}.json`));
      assert.deepEqual(
        mine.messages.map((m) => m.text),
        ['Q1', 'A1', 'arriving', 'theirs'],
      );
      // What the refresh read is known: the next save need not read it again.
      reply.text += ' and done';
      reply.status = 'complete';
      assert.deepEqual(await conversationFilesRead(dir, mine.id, () => store.save(mine)), []);
      const stored = await new ConversationStore(dir, new RecordingLog()).load(mine.id);
      assert.deepEqual(
        stored?.messages.map((m) => m.text),
        ['Q1', 'A1', 'arriving and done', 'theirs'],
      );
    });
  });
});

/** A conversation of `turns` exchanges, each answer `answerChars` long. */
function longAnswered(turns: number, answerChars: number): Conversation {
  const conversation = createConversation(1000);
  for (let turn = 0; turn < turns; turn++) {
    answered(`Q${turn}`, `${turn} `.padEnd(answerChars, 'x'), 1000, conversation);
  }
  return conversation;
}

/**
 * The lengths of the pieces a conversation's file was written in while `work` ran (none when it was written whole),
 * and how many of the pieces were asked for after the event loop had turned since the one before.
 */
async function piecesWritten(work: () => Promise<unknown>): Promise<{ lengths: number[]; afterATurn: number }> {
  const writeFile = fsPromises.writeFile.bind(fsPromises);
  const lengths: number[] = [];
  let afterATurn = 0;
  const watched = function* (pieces: Iterable<string>): Generator<string> {
    let turned = false;
    for (const piece of pieces) {
      if (turned) afterATurn++;
      lengths.push(piece.length);
      turned = false;
      setImmediate(() => (turned = true));
      yield piece;
    }
  };
  const writes = mock.method(fsPromises, 'writeFile', (file: string, data: unknown, options: unknown) =>
    writeFile(file, typeof data === 'string' ? data : watched(data as Iterable<string>), options as 'utf8'),
  );
  try {
    await work();
    return { lengths, afterATurn };
  } finally {
    writes.mock.restore();
  }
}

describe('ConversationText', () => {
  it('gives the JSON of the stored conversation through every kind of change', () => {
    const texts = new ConversationText();
    const conversation = answered('Q1', 'A1', 1000);
    const text = () => [...texts.pieces(toStored(conversation))].join('');
    const check = () => assert.equal(text(), JSON.stringify(toStored(conversation)));
    check();
    const reply = addReply(conversation, 2000);
    check();
    reply.text = 'growing';
    check();
    reply.status = 'error';
    reply.error = { kind: 'server', message: 'It failed.' };
    check();
    reply.error = { kind: 'server', message: 'It failed differently.' };
    check();
    conversation.messages[0].text = 'edited "quoted" \n text';
    conversation.title = 'Renamed "messages":[]';
    conversation.context = [{ id: 'c1', kind: 'file', path: 'a.ts', text: 'x', addedAt: 1 } as never];
    check();
    conversation.messages.splice(0, 2);
    check();
  });

  it('gives a long conversation in pieces of about PIECE_CHARS, a longer message in a piece of its own', () => {
    const conversation = longAnswered(100, 3000);
    conversation.messages[51].text = 'y'.repeat(3 * PIECE_CHARS);
    const stored = toStored(conversation);
    const pieces = [...new ConversationText().pieces(stored)];
    assert.equal(pieces.join(''), JSON.stringify(stored));
    const longest = JSON.stringify(stored.messages[51]).length;
    assert.ok(pieces.length >= 6, `${pieces.length} pieces`);
    for (const piece of pieces) assert.ok(piece.length < PIECE_CHARS + longest, `a piece of ${piece.length}`);
    assert.equal(pieces.filter((piece) => piece.length > 2 * PIECE_CHARS).length, 1);
  });

  it('writes a long conversation a piece at a time, the event loop turning between the pieces', async () => {
    await withTempDir(async (dir) => {
      const store = new ConversationStore(dir, new RecordingLog());
      // About 2 MB: where the text was encoded, joined and converted whole, the host took no other task meanwhile.
      const long = longAnswered(200, 10_000);
      const texts = (conversation: Conversation) => conversation.messages.map((m) => m.text);
      const { lengths, afterATurn } = await piecesWritten(() => store.save(long));
      assert.ok(lengths.length >= 25, `${lengths.length} pieces`);
      assert.equal(afterATurn, lengths.length - 1);
      const stored = await new ConversationStore(dir, new RecordingLog()).load(long.id);
      assert.deepEqual(stored && texts(stored), texts(long));
    });
  });
});

describe('snapshotOf', () => {
  it('makes a copy that no later change to the conversation reaches', () => {
    const conversation = answered('Q1', 'A1', 1000);
    const reply = conversation.messages[1];
    reply.error = { kind: 'server', message: 'It failed.' };
    reply.stats = { protocol: 'openai', durationMs: 5, chunks: 1, chars: 2 };
    reply.reasoning = { text: 'hmm', durationMs: 3 };
    reply.dropped = { messages: 1, windowTokens: 100 };
    reply.promptCut = { sentTokens: 10, countedTokens: 4 };
    conversation.context = [{ id: 'c1', kind: 'file', path: 'a.ts', text: 'x', addedAt: 1 } as never];
    const before = structuredClone(conversation);
    const snapshot = snapshotOf(conversation);
    reply.text += ' more';
    reply.error.message = 'changed';
    reply.stats.chunks = 9;
    reply.reasoning.durationMs = 99;
    reply.dropped.messages = 9;
    reply.promptCut.countedTokens = 9;
    (conversation.context[0] as unknown as { path: string }).path = 'b.ts';
    conversation.messages.push(conversation.messages[0]);
    conversation.title = 'changed';
    assert.deepEqual(snapshot, before);
  });
});
