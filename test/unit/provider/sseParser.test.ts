import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ChatEventDecoder, eventContent } from '../../../src/provider/chatEvents';
import { SseParser } from '../../../src/provider/sseParser';
import { parse } from './collect';
import type { ProviderWarning } from '../../../src/provider';

const event = (content: string): string => `data: ${JSON.stringify({ choices: [{ delta: { content } }] })}\n\n`;
const bytes = (text: string): Buffer => Buffer.from(text, 'utf8');

describe('SseParser', () => {
  it('delivers the data of each event, for \\n and \\r\\n line ends', () => {
    assert.deepEqual(parse(['data: a\n\ndata: b\r\n\r\ndata:c\n\n']), ['a', 'b', 'c']);
  });

  it('joins an event split at every position', () => {
    const text = 'data: {"x":1}\r\n\r\ndata: two\n\n';
    for (let cut = 0; cut <= text.length; cut++) {
      assert.deepEqual(parse([text.slice(0, cut), text.slice(cut)]), ['{"x":1}', 'two'], `cut at ${cut}`);
    }
  });

  it('skips comments, event/id/retry fields, unknown fields and extra blank lines', () => {
    const text = ': keep-alive\n\nevent: message\nid: 7\nretry: 3000\ndata: a\n\n\n\nid: 8\n\ndatum: no\n\ndata: b\n\n';
    assert.deepEqual(parse([text]), ['a', 'b']);
  });

  it('joins multi-line data with \\n and keeps a value without the optional space', () => {
    assert.deepEqual(parse(['data: one\ndata:two\ndata\n\n']), ['one\ntwo\n']);
  });

  it('delivers an unterminated last event when the body ends', () => {
    assert.deepEqual(parse(['data: a\n\ndata: tail']), ['a', 'tail']);
  });

  it('ignores everything after the handler asks to stop', () => {
    const events: string[] = [];
    const parser = new SseParser((data) => {
      events.push(data);
      return data === 'stop' ? 'stop' : 'continue';
    });
    parser.feed('data: a\n\ndata: stop\n\ndata: after\n\n');
    parser.feed('data: later\n\n');
    parser.end();
    assert.deepEqual(events, ['a', 'stop']);
  });
});

describe('ChatEventDecoder', () => {
  it('yields the text of an event only when the event is complete, split inside "é" and "€"', () => {
    const decoder = new ChatEventDecoder();
    const wire = bytes(event('café') + event('5 €') + 'data: [DONE]\n\n');
    const eAcute = wire.indexOf(bytes('é'));
    const euro = wire.indexOf(bytes('€'));
    assert.equal(decoder.push(wire.subarray(0, eAcute + 1)), '');
    assert.equal(decoder.push(wire.subarray(eAcute + 1, euro + 2)), 'café');
    assert.equal(decoder.done, false);
    assert.equal(decoder.push(wire.subarray(euro + 2)), '5 €');
    assert.equal(decoder.done, true);
  });

  it('returns the text of many events arriving in one read as one chunk', () => {
    const decoder = new ChatEventDecoder();
    assert.equal(decoder.push(bytes(event('a') + event('b') + event('c'))), 'abc');
  });

  it('adds nothing for deltas without content, and ignores events after [DONE]', () => {
    const decoder = new ChatEventDecoder();
    const wire =
      'data: {"choices":[{"delta":{"role":"assistant"}}]}\n\n' +
      'data: {"choices":[{"delta":{}, "finish_reason":"stop"}]}\n\n' +
      'data: {"choices":[]}\n\ndata: {"other":true}\n\ndata: 42\n\n' +
      event('ok') +
      'data: [DONE]\n\n' +
      event('after the end');
    assert.equal(decoder.push(bytes(wire)), 'ok');
    assert.equal(decoder.done, true);
    assert.equal(decoder.finish(), '');
  });

  it('reports malformed JSON through onWarning and keeps going', () => {
    const warnings: ProviderWarning[] = [];
    const decoder = new ChatEventDecoder({ onWarning: (warning) => warnings.push(warning) });
    assert.equal(decoder.push(bytes(event('a') + 'data: {"choices":[{"delta\n\n' + event('b'))), 'ab');
    assert.equal(warnings.length, 1);
    assert.equal(warnings[0].kind, 'malformed-event');
    assert.equal(warnings[0].line, 'data: {"choices":[{"delta');
    assert.match(warnings[0].message, /not valid JSON/);
  });

  it('finishes a body without [DONE], including a last event missing its blank line', () => {
    const decoder = new ChatEventDecoder();
    assert.equal(decoder.push(bytes(event('a') + 'data: {"choices":[{"delta":{"content":"b"}}]}')), 'a');
    assert.equal(decoder.finish(), 'b');
    assert.equal(decoder.done, false);
  });
});

describe('eventContent', () => {
  const cases: Array<[string, string | undefined]> = [
    ['{"choices":[{"delta":{"content":"Hi"}}]}', 'Hi'],
    ['{"id":"x","choices":[{"index":0,"delta":{"role":"assistant","content":"Hi"},"finish_reason":null}]}', 'Hi'],
    ['{"choices":[{"delta":{"content":"line\\nbreak \\"q\\" \\u00e9"}}]}', 'line\nbreak "q" é'],
    ['{"choices": [{"delta": {"content": "spaced"}}]}', 'spaced'],
    ['{"choices":[{"delta":{"reasoning_content":"thinking"}}]}', undefined],
    ['{"choices":[{"delta":{"reasoning_content":"t","content":"said"}}]}', 'said'],
    ['{"choices":[{"delta":{},"message":{"content":"not a delta"}}]}', undefined],
    ['{"choices":[{"index":0,"delta":{}},{"index":1,"delta":{"content":"second choice"}}]}', undefined],
    ['{"choices":[{"delta":{"content":""}}]}', ''],
    ['{"choices":[{"delta":{"content":null}}]}', undefined],
    ['{"error":{"message":"{\\"content\\":\\"x\\"}"}}', undefined],
    ['{"choices":[{"delta":{"content":"x"},"logprobs":{"content":[]}}]}', 'x'],
  ];
  for (const [data, expected] of cases) {
    it(`reads ${data}`, () => {
      assert.equal(eventContent(data), expected);
    });
  }

  it('throws for data that is not JSON', () => {
    assert.throws(() => eventContent('{"choices":[{"delta":{"content":"cut'), SyntaxError);
  });
});
