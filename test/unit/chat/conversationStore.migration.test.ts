// Conversation files as the store wrote them before the format had a version (and in version 3, before replies kept
// their reasoning and token counts) must open after the upgrade, with every message and detail, and move to the
// current version only when they are next saved.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { addUserMessage } from '../../../src/chat/conversation';
import { FORMAT_VERSION } from '../../../src/chat/conversationFormat';
import { ConversationStore } from '../../../src/chat/conversationStore';
import { RecordingLog, withTempDir } from './helpers';

/**
 * A history folder exactly as the unversioned store left it: a chat service saved an answered question with a
 * rate-limited follow-up, a reply the user stopped, and a reply still arriving when the window closed (its last
 * periodic save), plus the index of the three.
 */
const UNVERSIONED_FOLDER: Record<string, string> = {
  '88496d46-872b-4f20-9628-aa0273efb7b0.json':
    '{"id":"88496d46-872b-4f20-9628-aa0273efb7b0","title":"How do I reverse a list in Python?","createdAt":1746523800000,"updatedAt":1746523861300,"messages":[{"id":"8032a0af-1491-44b2-af77-99455fc3b59e","role":"user","text":"How do I reverse a list in Python?","status":"complete","createdAt":1746523800000},{"id":"69ac97b6-1f8f-437d-9cd4-0849d2161816","role":"assistant","text":"Use `xs[::-1]` for a copy or `xs.reverse()` in place.","status":"complete","createdAt":1746523800000,"stats":{"backend":"vitalentum","firstChunkMs":400,"durationMs":800,"chunks":2,"chars":53}},{"id":"7f471769-090d-476b-b770-6fd09aa0c365","role":"user","text":"And for a tuple?","status":"complete","createdAt":1746523860800},{"id":"dd2d903b-228b-46d4-b5d6-84054a56843e","role":"assistant","text":"","status":"error","createdAt":1746523860800,"error":{"kind":"rate-limited","message":"The server is limiting requests. Try again in 20 seconds.","detail":"HTTP 429\\nToo many requests.\\nResponse: slow down","retryAfterSeconds":20},"stats":{"backend":"vitalentum","durationMs":500,"chunks":0,"chars":0}}]}',
  '83a9e6af-f650-42a9-a328-4639fa1f8050.json':
    '{"id":"83a9e6af-f650-42a9-a328-4639fa1f8050","title":"Write a haiku about \\"quotes\\" and ünïcödé","createdAt":1746527461300,"updatedAt":1746527461500,"messages":[{"id":"ddadf9ec-6759-4401-8ba0-6514d15ddc72","role":"user","text":"Write a haiku about \\"quotes\\" and ünïcödé","status":"complete","createdAt":1746527461300},{"id":"dfa083b1-a94b-45d4-a3e1-9ab57c460239","role":"assistant","text":"Quotes wrap the words\\n","status":"stopped","createdAt":1746527461300,"stats":{"backend":"vitalentum","firstChunkMs":200,"durationMs":200,"chunks":1,"chars":22}}]}',
  'f2ba605e-b245-47f7-8043-ff19dc5c9ddc.json':
    '{"id":"f2ba605e-b245-47f7-8043-ff19dc5c9ddc","title":"Explain closures","createdAt":1746531061500,"updatedAt":1746531061500,"messages":[{"id":"30e4065f-0197-44e0-adfe-a8b7b7a8ae84","role":"user","text":"Explain closures","status":"complete","createdAt":1746531061500},{"id":"8956a461-7060-4ca6-9d78-b6c6a2296a91","role":"assistant","text":"A closure is a function","status":"streaming","createdAt":1746531061500}]}',
  'index.json':
    '{"version":1,"conversations":[{"id":"88496d46-872b-4f20-9628-aa0273efb7b0","title":"How do I reverse a list in Python?","updatedAt":1746523861300,"messageCount":4},{"id":"83a9e6af-f650-42a9-a328-4639fa1f8050","title":"Write a haiku about \\"quotes\\" and ünïcödé","updatedAt":1746527461500,"messageCount":2},{"id":"f2ba605e-b245-47f7-8043-ff19dc5c9ddc","title":"Explain closures","updatedAt":1746531061500,"messageCount":2}]}',
};

const ANSWERED = '88496d46-872b-4f20-9628-aa0273efb7b0';
const STOPPED = '83a9e6af-f650-42a9-a328-4639fa1f8050';
const CUT_SHORT = 'f2ba605e-b245-47f7-8043-ff19dc5c9ddc';

async function writeFolder(dir: string): Promise<void> {
  for (const [name, text] of Object.entries(UNVERSIONED_FOLDER)) await writeFile(path.join(dir, name), text, 'utf8');
}

function fixture(id: string): Record<string, unknown> {
  return JSON.parse(UNVERSIONED_FOLDER[`${id}.json`]) as Record<string, unknown>;
}

/** The fixture as this version reads it: the reply details' `backend` is their `protocol` now. */
function upgraded(id: string): Record<string, unknown> {
  const text = UNVERSIONED_FOLDER[`${id}.json`].replaceAll('"backend":', '"protocol":');
  return JSON.parse(text) as Record<string, unknown>;
}

describe('ConversationStore reading unversioned files', () => {
  it('lists the history from the unversioned index', async () => {
    await withTempDir(async (dir) => {
      await writeFolder(dir);
      const log = new RecordingLog();
      assert.deepEqual(await new ConversationStore(dir, log).list(), [
        { id: CUT_SHORT, title: 'Explain closures', updatedAt: 1746531061500, messageCount: 2 },
        { id: STOPPED, title: 'Write a haiku about "quotes" and ünïcödé', updatedAt: 1746527461500, messageCount: 2 },
        { id: ANSWERED, title: 'How do I reverse a list in Python?', updatedAt: 1746523861300, messageCount: 4 },
      ]);
      assert.deepEqual(log.at('warn'), []);
    });
  });

  it('opens every conversation with all its messages, errors and reply details', async () => {
    await withTempDir(async (dir) => {
      await writeFolder(dir);
      const log = new RecordingLog();
      const store = new ConversationStore(dir, log);
      assert.deepEqual(await store.load(ANSWERED), upgraded(ANSWERED));
      assert.deepEqual(await store.load(STOPPED), upgraded(STOPPED));
      const answered = await store.load(ANSWERED);
      assert.deepEqual(answered?.messages[3].error, {
        kind: 'rate-limited',
        message: 'The server is limiting requests. Try again in 20 seconds.',
        detail: 'HTTP 429\nToo many requests.\nResponse: slow down',
        retryAfterSeconds: 20,
      });
      assert.deepEqual(log.at('warn'), []);
    });
  });

  it('reads the reply details’ old backend field as their protocol, from unversioned and version 2 files', async () => {
    await withTempDir(async (dir) => {
      await writeFolder(dir);
      await writeFile(path.join(dir, `${STOPPED}.json`), JSON.stringify({ ...fixture(STOPPED), version: 2 }), 'utf8');
      const store = new ConversationStore(dir, new RecordingLog());
      assert.deepEqual((await store.load(ANSWERED))?.messages[1].stats, {
        protocol: 'vitalentum',
        firstChunkMs: 400,
        durationMs: 800,
        chunks: 2,
        chars: 53,
      });
      assert.deepEqual((await store.load(STOPPED))?.messages[1].stats, {
        protocol: 'vitalentum',
        firstChunkMs: 200,
        durationMs: 200,
        chunks: 1,
        chars: 22,
      });
    });
  });

  it('opens a reply saved while it was still arriving as incomplete, with the text received', async () => {
    await withTempDir(async (dir) => {
      await writeFolder(dir);
      const cutShort = await new ConversationStore(dir, new RecordingLog()).load(CUT_SHORT);
      assert.deepEqual(
        cutShort?.messages.map((m) => [m.role, m.text, m.status]),
        [
          ['user', 'Explain closures', 'complete'],
          ['assistant', 'A closure is a function', 'incomplete'],
        ],
      );
    });
  });

  it('rebuilds the index from unversioned files when it is missing', async () => {
    await withTempDir(async (dir) => {
      await writeFolder(dir);
      await rm(path.join(dir, 'index.json'));
      const history = await new ConversationStore(dir, new RecordingLog()).list();
      assert.deepEqual(
        history.map((s) => [s.id, s.messageCount]),
        [
          [CUT_SHORT, 2],
          [STOPPED, 2],
          [ANSWERED, 4],
        ],
      );
    });
  });

  it('writes the current version when an upgraded conversation is next saved, keeping what it had', async () => {
    await withTempDir(async (dir) => {
      await writeFolder(dir);
      const store = new ConversationStore(dir, new RecordingLog());
      const conversation = await store.load(ANSWERED);
      assert.ok(conversation);
      addUserMessage(conversation, 'And for a string?', 1746523900000);
      assert.equal(await store.save(conversation), 'current');

      const written = JSON.parse(await readFile(path.join(dir, `${ANSWERED}.json`), 'utf8')) as Record<string, unknown>;
      assert.equal(written.version, FORMAT_VERSION);
      const before = upgraded(ANSWERED);
      assert.deepEqual((written.messages as unknown[]).slice(0, 4), before.messages);
      assert.deepEqual(await new ConversationStore(dir, new RecordingLog()).load(ANSWERED), conversation);
      const history = await new ConversationStore(dir, new RecordingLog()).list();
      assert.deepEqual(
        history.find((s) => s.id === ANSWERED),
        { id: ANSWERED, title: before.title, updatedAt: 1746523900000, messageCount: 5 },
      );
    });
  });

  it('reads version 3 files, and keeps a reply’s reasoning, token counts and finish reason through a save', async () => {
    await withTempDir(async (dir) => {
      await writeFolder(dir);
      const version3 = { ...upgraded(STOPPED), version: 3 };
      await writeFile(path.join(dir, `${STOPPED}.json`), JSON.stringify(version3), 'utf8');
      const store = new ConversationStore(dir, new RecordingLog());
      const conversation = await store.load(STOPPED);
      assert.deepEqual(conversation, upgraded(STOPPED));

      const reply = conversation!.messages[1];
      reply.reasoning = { text: 'Quotes, then ünïcödé.', durationMs: 1200 };
      reply.stats = { ...reply.stats!, promptTokens: 14, completionTokens: 6, finishReason: 'length' };
      assert.equal(await store.save(conversation!), 'current');
      const written = JSON.parse(await readFile(path.join(dir, `${STOPPED}.json`), 'utf8')) as {
        version: number;
        messages: Record<string, unknown>[];
      };
      // Version 3 code would drop these on saving, so the file says it needs newer code.
      assert.equal(written.version, FORMAT_VERSION);
      assert.deepEqual(written.messages[1].reasoning, { text: 'Quotes, then ünïcödé.', durationMs: 1200 });
      assert.deepEqual(await new ConversationStore(dir, new RecordingLog()).load(STOPPED), conversation);
    });
  });

  it('reads version 4 files, and keeps pinned context through a save as the current version', async () => {
    await withTempDir(async (dir) => {
      await writeFolder(dir);
      await writeFile(path.join(dir, `${STOPPED}.json`), JSON.stringify({ ...upgraded(STOPPED), version: 4 }), 'utf8');
      const store = new ConversationStore(dir, new RecordingLog());
      const conversation = await store.load(STOPPED);
      assert.deepEqual(conversation, upgraded(STOPPED));
      conversation!.context = [
        { id: 'f1', kind: 'file', uri: 'file:///w/a.ts', path: 'a.ts' },
        { id: 'p1', kind: 'problems', uri: 'file:///w/a.ts', path: 'a.ts' },
        {
          ...{ id: 's1', kind: 'selection', uri: 'file:///w/b.ts', path: 'b.ts' },
          ...{ languageId: 'typescript', startLine: 3, endLine: 4, text: 'let x = 1;\nx++;' },
        },
      ];
      assert.equal(await store.save(conversation!), 'current');
      const written = JSON.parse(await readFile(path.join(dir, `${STOPPED}.json`), 'utf8')) as Record<string, unknown>;
      // Version 4 code would drop the context on saving.
      assert.equal(written.version, FORMAT_VERSION);
      assert.deepEqual(written.context, conversation!.context);
      assert.deepEqual(await new ConversationStore(dir, new RecordingLog()).load(STOPPED), conversation);
    });
  });

  it('reads version 5 files, and keeps a reply’s note that the server cut its prompt through a save', async () => {
    await withTempDir(async (dir) => {
      await writeFolder(dir);
      await writeFile(path.join(dir, `${STOPPED}.json`), JSON.stringify({ ...upgraded(STOPPED), version: 5 }), 'utf8');
      const store = new ConversationStore(dir, new RecordingLog());
      const conversation = await store.load(STOPPED);
      assert.deepEqual(conversation, upgraded(STOPPED));
      conversation!.messages[1].promptCut = { sentTokens: 5300, countedTokens: 1024 };
      assert.equal(await store.save(conversation!), 'current');
      const written = JSON.parse(await readFile(path.join(dir, `${STOPPED}.json`), 'utf8')) as {
        version: number;
        messages: Record<string, unknown>[];
      };
      // Version 5 code would drop the note on saving.
      assert.equal(written.version, FORMAT_VERSION);
      assert.deepEqual(written.messages[1].promptCut, { sentTokens: 5300, countedTokens: 1024 });
      assert.deepEqual(await new ConversationStore(dir, new RecordingLog()).load(STOPPED), conversation);
    });
  });

  it('keeps the context items it can read and drops the others', async () => {
    await withTempDir(async (dir) => {
      await writeFolder(dir);
      const file = { ...upgraded(STOPPED), version: 5 };
      const context = [
        { id: 'f1', kind: 'file', uri: 'file:///w/a.ts', path: 'a.ts' },
        { id: 'x', kind: 'folder', uri: 'file:///w', path: '.' },
        { id: 's1', kind: 'selection', uri: 'file:///w/b.ts', path: 'b.ts', languageId: 'ts', startLine: 0 },
      ];
      await writeFile(path.join(dir, `${STOPPED}.json`), JSON.stringify({ ...file, context }), 'utf8');
      const loaded = await new ConversationStore(dir, new RecordingLog()).load(STOPPED);
      assert.deepEqual(loaded?.context, [context[0]]);
      assert.equal(loaded?.messages.length, 2);
    });
  });

  it('keeps a message whose reasoning, token counts or prompt cut note cannot be read, without them', async () => {
    await withTempDir(async (dir) => {
      await writeFolder(dir);
      const file = upgraded(STOPPED) as { messages: Record<string, unknown>[] };
      const stats = file.messages[1].stats as Record<string, unknown>;
      file.messages[1] = {
        ...file.messages[1],
        ...{ reasoning: { text: 42 }, stats: { ...stats, promptTokens: 'many' }, promptCut: { sentTokens: 9 } },
      };
      await writeFile(path.join(dir, `${STOPPED}.json`), JSON.stringify({ ...file, version: 4 }), 'utf8');
      const reply = (await new ConversationStore(dir, new RecordingLog()).load(STOPPED))?.messages[1];
      assert.equal(reply?.text, 'Quotes wrap the words\n');
      assert.equal(reply?.reasoning, undefined);
      assert.equal(reply?.promptCut, undefined);
      assert.deepEqual(reply?.stats, stats);
    });
  });

  it('neither reads nor overwrites a file a newer version wrote', async () => {
    await withTempDir(async (dir) => {
      await writeFolder(dir);
      const log = new RecordingLog();
      const store = new ConversationStore(dir, log);
      const open = await store.load(STOPPED);
      assert.ok(open);
      const file = path.join(dir, `${STOPPED}.json`);
      const newer = JSON.stringify({ ...fixture(STOPPED), version: FORMAT_VERSION + 1, tags: ['kept'] });
      await writeFile(file, newer, 'utf8');

      addUserMessage(open, 'One more', 1746527500000);
      await assert.rejects(store.save(open), /saved by a newer version/);
      assert.equal(await readFile(file, 'utf8'), newer);
      assert.equal(await new ConversationStore(dir, new RecordingLog()).load(STOPPED), undefined);
      assert.match(log.at('warn').join('\n'), new RegExp(`${STOPPED}: it was saved by a newer version`));
    });
  });
});
