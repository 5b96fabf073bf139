// SSE framing as the WHATWG spec defines it: lines end in \r\n, \n or a lone \r, however the text is split across
// reads, and one byte order mark at the very start of the body is dropped, at the byte level.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ChatEventDecoder } from '../../../src/provider/chatEvents';
import { parse } from './collect';
import { StreamTextDecoder } from '../../../src/provider/streamText';

const BOM = Buffer.from([0xef, 0xbb, 0xbf]);
const minimal = (content: string, lineEnd: string): string =>
  `data: ${JSON.stringify({ choices: [{ delta: { content } }] })}${lineEnd}${lineEnd}`;

describe('SseParser line ends', () => {
  const mixed =
    'data: one\r\rdata: two\r\n\r\n: note\rdata: three\n\ndata: x\rdata: y\r\r\r\n\ndata: p\r\ndata: q\r\n\r\ndata: z\r\n\r';
  const expected = ['one', 'two', 'three', 'x\ny', 'p\nq', 'z'];

  it('ends lines at a lone \\r, \\n and \\r\\n, in one stream', () => {
    assert.deepEqual(parse([mixed]), expected);
  });

  it('gives the same events for every split into two and three pieces', () => {
    for (let a = 0; a <= mixed.length; a++) {
      assert.deepEqual(parse([mixed.slice(0, a), mixed.slice(a)]), expected, `cut at ${a}`);
      for (let b = a; b <= mixed.length; b++) {
        assert.deepEqual(parse([mixed.slice(0, a), mixed.slice(a, b), mixed.slice(b)]), expected, `cuts ${a}, ${b}`);
      }
    }
    assert.deepEqual(parse([...mixed]), expected);
  });

  it('a \\r\\n split between two reads is one line end, not a line end and a blank line', () => {
    assert.deepEqual(parse(['data: a\r', '\ndata: b\r', '\n\r', '\n']), ['a\nb']);
    assert.deepEqual(parse(['data: a\r', '', '\n', '\r', '\r']), ['a']);
  });

  it('events of the minimal shape with \\r line ends are read by the slower path', () => {
    const decoder = new ChatEventDecoder();
    const wire = minimal('a', '\r') + minimal('b', '\r\n') + minimal('c', '\r') + 'data: [DONE]\r\r';
    assert.equal(decoder.push(Buffer.from(wire)), 'abc');
    assert.equal(decoder.done, true);
  });
});

describe('a byte order mark at the start of the body', () => {
  const wire = Buffer.from(minimal('héllo', '\n') + 'data: [DONE]\n\n');

  it('is dropped, whether it arrives whole or split across reads', () => {
    for (let cut = 0; cut <= 5; cut++) {
      const bytes = Buffer.concat([BOM, wire]);
      const decoder = new ChatEventDecoder();
      const text = decoder.push(bytes.subarray(0, cut)) + decoder.push(bytes.subarray(cut));
      assert.equal(text, 'héllo', `cut at ${cut}`);
      assert.equal(decoder.done, true);
    }
  });

  it('without being dropped, it would hide the first event: its line would name a field "\\uFEFFdata"', () => {
    assert.deepEqual(parse([`\uFEFF${minimal('x', '\n')}`]), []);
  });

  it('is dropped only at the very start: later ones are text', () => {
    const text = new StreamTextDecoder();
    assert.equal(text.decode(Buffer.concat([BOM, Buffer.from('a'), BOM])), 'a\uFEFF');
    const afterAscii = new StreamTextDecoder();
    assert.equal(afterAscii.decode(Buffer.from('data: ')), 'data: ');
    // The TextDecoder is first needed here, in the middle of the stream, where a U+FEFF is text.
    assert.equal(afterAscii.decode(Buffer.concat([BOM, Buffer.from('é')])), '\uFEFFé');
  });

  it('an incomplete character at the end of the body becomes U+FFFD', () => {
    const text = new StreamTextDecoder();
    assert.equal(text.decode(Buffer.from([0x61, 0xe2, 0x82])), 'a');
    assert.equal(text.end(), '\uFFFD');
  });
});
