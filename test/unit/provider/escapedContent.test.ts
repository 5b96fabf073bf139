// Content with JSON escapes (a line break or a quote is in nearly every event of a model's code) is read on the fast
// paths, without parsing the whole event, and must come out exactly as JSON.parse reads it; an escape that is not
// valid JSON must still reach the full reading, which reports the event.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ChatEventDecoder } from '../../../src/provider/chatEvents';
import {
  CanonicalReader,
  canonicalContent,
  closingQuote,
  jsonStringAt,
  minimalContent,
} from '../../../src/provider/eventShapes';
import type { ProviderWarning } from '../../../src/provider/types';

/** Contents whose JSON has escapes of every kind, a backslash right before the closing quote among them. */
const CONTENTS = [
  'line\n',
  'say "hi"\n',
  'a\\',
  'a\\\\',
  '\\"',
  'path C:\\dir\\"quoted"\\',
  'tab\there\r\n',
  'slash / and \u0001 control',
  'é ü 中文',
  '😀 pair',
  '\ud83d lone high surrogate',
  '',
];

const minimal = (content: string): string => JSON.stringify({ choices: [{ delta: { content } }] });
const openAi = (content: string): string =>
  JSON.stringify({
    id: 'c',
    object: 'chat.completion.chunk',
    choices: [{ index: 0, delta: { content }, logprobs: null, finish_reason: null }],
    usage: null,
  });
const wire = (events: string[]): Buffer => Buffer.from(`${events.map((data) => `data: ${data}\n\n`).join('')}`);

function decodeInReads(bytes: Buffer, size: number): { text: string; warnings: ProviderWarning[] } {
  const warnings: ProviderWarning[] = [];
  const decoder = new ChatEventDecoder({ onWarning: (warning) => warnings.push(warning) });
  let text = '';
  for (let at = 0; at < bytes.length; at += size) text += decoder.push(bytes.subarray(at, at + size));
  return { text: text + decoder.finish(), warnings };
}

describe('escaped content on the fast paths', () => {
  it('closingQuote skips escaped quotes and stops at one after an even run of backslashes', () => {
    assert.equal(closingQuote('ab"', 0), 2);
    assert.equal(closingQuote('a\\"b"', 0), 4);
    assert.equal(closingQuote('a\\\\"b"', 0), 3);
    assert.equal(closingQuote('a\\\\\\"b"', 0), 6);
    assert.equal(closingQuote('\\"', 0), -1);
    // Backslashes before `from` belong to something else.
    assert.equal(closingQuote('\\"', 1), 1);
  });

  it('jsonStringAt reads what JSON.parse reads, and nothing for an escape JSON does not have', () => {
    for (const content of CONTENTS) {
      const json = JSON.stringify(content);
      assert.equal(jsonStringAt(json, 1, json.length - 1), content, json);
    }
    assert.equal(jsonStringAt('"a\\xb"', 1, 5), undefined);
    assert.equal(jsonStringAt('"\\u12"', 1, 5), undefined);
  });

  it('each reader gives an event its content exactly', () => {
    const reader = new CanonicalReader();
    for (const content of CONTENTS) {
      assert.equal(minimalContent(minimal(content)), content, minimal(content));
      assert.equal(canonicalContent(openAi(content)), content, openAi(content));
      assert.equal(reader.read(openAi(content)), content, openAi(content));
    }
  });

  it('the decoder gives the reply exactly, whatever the reads, in either shape', () => {
    for (const shape of [minimal, openAi]) {
      const bytes = wire([...CONTENTS.map(shape), '[DONE]']);
      for (const size of [1, 2, 3, 7, 64, bytes.length]) {
        assert.deepEqual(decodeInReads(bytes, size), { text: CONTENTS.join(''), warnings: [] }, `${size}`);
      }
    }
  });

  it('an event with an escape JSON does not have is skipped and reported, on either shape', () => {
    const bad = '{"choices":[{"delta":{"content":"bad \\x escape"}}]}';
    const badOpenAi = '{"id":"c","choices":[{"index":0,"delta":{"content":"bad \\q"},"finish_reason":null}]}';
    for (const size of [3, 1000]) {
      const { text, warnings } = decodeInReads(
        wire([minimal('a\n'), bad, openAi('b\n'), badOpenAi, minimal('c"'), '[DONE]']),
        size,
      );
      assert.equal(text, 'a\nb\nc"');
      assert.deepEqual(
        warnings.map((w) => [w.kind, w.line]),
        [
          ['malformed-event', `data: ${bad}`],
          ['malformed-event', `data: ${badOpenAi}`],
        ],
      );
    }
  });
});
