// Import Chat: an export reads back as the same conversation (roles, text, statuses, errors, stats, reasoning), even
// after an editor changed its line ends or a person edited a message; anything else is refused with a plain reason.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { addReply, addUserMessage, createConversation, type Conversation } from '../../../src/chat/conversation';
import { conversationToMarkdown, type ExportProvenance } from '../../../src/chat/markdownExport';
import { conversationFromExport, ImportRefused, MAX_IMPORT_BYTES } from '../../../src/chat/markdownImport';

const PROVENANCE: ExportProvenance = {
  extensionVersion: '0.1.0',
  protocol: 'openai-compatible',
  baseUrl: 'http://localhost:8080',
  temperature: 0.7,
  extraBody: {},
};

const bytes = (text: string) => new TextEncoder().encode(text);
const read = (markdown: string) => conversationFromExport(bytes(markdown));

/** The conversation without its ids, which an import makes anew. */
function withoutIds(conversation: Conversation): unknown {
  return { ...conversation, id: '-', messages: conversation.messages.map((m) => ({ ...m, id: '-' })) };
}

/** A conversation with every kind of message, and texts that look like the export's own structure. */
function everything(): Conversation {
  const conversation = createConversation(Date.UTC(2025, 4, 6, 7, 8, 9, 10));
  addUserMessage(conversation, 'Show me\n---\n## You\n<!-- vitalentum-export 1 -->\n</details>\n', 1_746_515_289_100);
  const thought = addReply(conversation, 1_746_515_290_000);
  thought.status = 'complete';
  thought.reasoning = { text: 'First, the fence.\n\n</details>\n\nThen the rest.', durationMs: 1500 };
  thought.promptCut = { sentTokens: 5300, countedTokens: 1024 };
  thought.text = '```md\n---\n{"format": "ask-vitalentum-chat"}\n---\n```\n\n_(stopped)_\n\n';
  thought.stats = {
    protocol: 'openai-compatible',
    model: 'qwen',
    firstChunkMs: 80,
    durationMs: 2000,
    chunks: 40,
    chars: 120,
    finishReason: 'stop',
    promptTokens: 12,
    completionTokens: 34,
  };
  addUserMessage(conversation, 'Windows\r\nline ends, ünïcödé and 🚀', 1_746_515_300_000);
  const failed = addReply(conversation, 1_746_515_301_000);
  failed.status = 'error';
  failed.error = {
    kind: 'rate-limited',
    message: 'The server is busy.\nTry again in 7 s.',
    action: 'retry',
    detail: 'HTTP 429',
    retryAfterSeconds: 7,
  };
  failed.stats = { protocol: 'openai-compatible', durationMs: 15, chunks: 0, chars: 0 };
  addUserMessage(conversation, 'Go on', 1_746_515_310_000);
  const stopped = addReply(conversation, 1_746_515_311_000);
  stopped.status = 'stopped';
  stopped.text = 'w0 w1';
  stopped.reasoning = { text: '' };
  addUserMessage(conversation, 'And?', 1_746_515_320_000);
  const cut = addReply(conversation, 1_746_515_321_000);
  cut.status = 'complete';
  cut.text = 'It goes on and';
  cut.stats = { protocol: 'vitalentum', durationMs: 9, chunks: 3, chars: 14, finishReason: 'length' };
  const incomplete = addReply(conversation, 1_746_515_322_000);
  incomplete.status = 'incomplete';
  incomplete.text = '';
  conversation.updatedAt = 1_746_515_330_000;
  return conversation;
}

function refusal(markdown: string | Uint8Array, reason: RegExp): void {
  assert.throws(
    () => conversationFromExport(typeof markdown === 'string' ? bytes(markdown) : markdown),
    (error: unknown) => error instanceof ImportRefused && reason.test(error.message),
  );
}

describe('import of an exported chat', () => {
  it('gives back the same conversation, under new ids', () => {
    const original = everything();
    const imported = read(conversationToMarkdown(original, PROVENANCE));
    assert.deepEqual(withoutIds(imported), withoutIds(original));
    assert.notEqual(imported.id, original.id);
    assert.equal(new Set(imported.messages.map((m) => m.id)).size, imported.messages.length);
    assert.ok(imported.messages.every((m, i) => m.id !== original.messages[i].id));
  });

  it('keeps a reply exported while it was arriving as one that may be cut short', () => {
    const original = everything();
    original.messages[1].status = 'streaming';
    const imported = read(conversationToMarkdown(original));
    assert.equal(imported.messages[1].status, 'incomplete');
    assert.equal(imported.messages[1].text, original.messages[1].text);
  });

  it('reads a file whose line ends an editor turned into CRLF, and takes in a person’s edits to a message', () => {
    const markdown = conversationToMarkdown(everything()).replace('Go on', 'Please go on');
    const imported = read(markdown.replace(/\r?\n/g, '\r\n'));
    assert.equal(imported.messages[4].text, 'Please go on');
    assert.equal(imported.messages[1].reasoning?.text, 'First, the fence.\n\n</details>\n\nThen the rest.');
    assert.equal(imported.messages[7].status, 'complete');
  });

  it('refuses a Markdown file that is not an export', () => {
    const notAnExport = /^it is not a chat exported by Ask Vitalentum$/;
    refusal('# Notes\n\nSome text.\n', notAnExport);
    refusal('---\ntitle: A blog post\n---\n\nHello\n', notAnExport);
    refusal('---\n{"format": "something-else", "version": 1}\n---\n', notAnExport);
    refusal('---\n{"format": "ask-vitalentum-chat", "version": 1}\n', notAnExport);
    refusal('---\n[1, 2]\n---\n', notAnExport);
    refusal('', notAnExport);
  });

  it('refuses an export of a later version, a file over the size cap and one that is not UTF-8', () => {
    const later = conversationToMarkdown(everything()).replace('"version": 1', '"version": 2');
    refusal(later, /newer version of Ask Vitalentum; update the extension/);
    refusal(new Uint8Array(MAX_IMPORT_BYTES + 1), /^it is larger than 32 MB$/);
    refusal(new Uint8Array([0x2d, 0x2d, 0x2d, 0x0a, 0xff, 0xfe]), /^it is not UTF-8 text$/);
  });

  it('refuses a damaged export, saying what is wrong, instead of importing part of it', () => {
    const good = conversationToMarkdown(everything());
    // The first message holds a marker-like line, so the export's markers use another boundary.
    const boundary = 'vitalentum-export-1';
    const mark = (label: string) => `<!-- ${boundary} ${label} -->`;
    const damaged: [string, RegExp][] = [
      [good.replace(`${mark('3')}\n`, ''), /messages in the text do not match/],
      [good.replace(mark('end'), ''), /messages in the text do not match/],
      [good.replace(mark('2 thinking'), mark('3')), /do not match/],
      [good.replace('"role": "assistant"', '"role": "system"'), /front matter does not describe a conversation/],
      [good.replace('"status": "stopped"', '"status": "paused"'), /front matter does not describe a conversation/],
      [good.replace('"startedAt": "2025', '"startedAt": "yesterday'), /front matter does not describe a conversation/],
      [good.replace('"title": "Show me"', '"title": 7'), /front matter does not describe a conversation/],
      [good.replace(`"boundary": "${boundary}"`, '"boundary": ".*"'), /it has no boundary/],
      [good.replace(/"messages": \[[\s\S]*\]\n\}/, '"messages": {}\n}'), /its front matter lists no messages/],
      [good.replace('## Vitalentum\n\n<details>', '## Model\n\n<details>'), /message 2 has lost its heading/],
      [good.replace('<details><summary>Thinking</summary>', '<p>'), /message 2 has lost its reasoning block/],
    ];
    for (const [markdown, reason] of damaged) {
      assert.notEqual(markdown, good, `the damage to make for ${reason} is not in the export`);
      refusal(markdown, reason);
    }
  });

  it('drops a detail that does not read and keeps its message, as the history does', () => {
    const good = conversationToMarkdown(everything());
    const imported = read(
      good
        .replace('"kind": "rate-limited"', '"kind": "exploded"')
        .replace('"chunks": 40', '"chunks": "40"')
        .replace('"durationMs": 1500', '"durationMs": "long"'),
    );
    assert.equal(imported.messages[3].status, 'error');
    assert.equal(imported.messages[3].error, undefined);
    assert.equal(imported.messages[1].stats, undefined);
    assert.deepEqual(imported.messages[1].reasoning, { text: 'First, the fence.\n\n</details>\n\nThen the rest.' });
    const unknownAction = read(good.replace('"action": "retry"', '"action": "runScript"')).messages[3].error;
    assert.deepEqual(unknownAction, {
      kind: 'rate-limited',
      message: 'The server is busy.\nTry again in 7 s.',
      detail: 'HTTP 429',
      retryAfterSeconds: 7,
    });
  });

  it('keeps whatever a hostile front matter holds out of the objects it builds', () => {
    const good = conversationToMarkdown(everything());
    const hostile = good.replace('"role": "user",', '"role": "user", "__proto__": {"polluted": true}, "id": "x",');
    const imported = read(hostile);
    assert.equal(({} as { polluted?: boolean }).polluted, undefined);
    assert.equal(Object.getPrototypeOf(imported.messages[0]), Object.prototype);
    assert.notEqual(imported.messages[0].id, 'x');
    assert.equal('polluted' in imported.messages[0], false);
  });
});
