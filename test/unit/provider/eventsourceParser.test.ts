// Our SSE decoding against eventsource-parser on that library's own fixture streams: the data of every event must
// agree, fed as the fixtures feed them, as bytes in the fixtures' chunks and as bytes one at a time.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createParser } from 'eventsource-parser';
import { SseParser } from '../../../src/provider/sseParser';
import { StreamTextDecoder } from '../../../src/provider/streamText';
import { FIXTURE_STREAMS } from './eventsourceParserFixtures';

interface Ours {
  /** Events completed by their blank line, which is all the WHATWG spec delivers. */
  events: string[];
  /** What our parser delivers beyond the spec when the body ends: an event missing its closing blank line. */
  atEnd: string[];
}

function ours(reads: Array<string | Uint8Array>): Ours {
  const result: Ours = { events: [], atEnd: [] };
  let into = result.events;
  const parser = new SseParser((data) => {
    into.push(data);
    return 'continue';
  });
  const text = new StreamTextDecoder();
  for (const read of reads) parser.feed(typeof read === 'string' ? read : text.decode(read));
  parser.feed(text.end());
  into = result.atEnd;
  parser.end();
  return result;
}

/** eventsource-parser behind a TextDecoder, as its EventSourceParserStream is used behind a TextDecoderStream. */
function theirs(reads: Array<string | Uint8Array>): string[] {
  const events: string[] = [];
  const parser = createParser({ onEvent: (event) => events.push(event.data) });
  const text = new TextDecoder();
  for (const read of reads) parser.feed(typeof read === 'string' ? read : text.decode(read, { stream: true }));
  parser.feed(text.decode());
  return events;
}

function slices(bytes: Buffer, size: number): Buffer[] {
  const reads: Buffer[] = [];
  for (let at = 0; at < bytes.length; at += size) reads.push(bytes.subarray(at, at + size));
  return reads;
}

/** Each fixture fed three ways: its chunks as text, its chunks as UTF-8 bytes, and its bytes in small reads. */
function feeds(chunks: string[]): Record<string, Array<string | Uint8Array>> {
  const bytes = Buffer.from(chunks.join(''));
  return {
    text: chunks,
    bytes: chunks.map((chunk) => Buffer.from(chunk)),
    // One byte at a time splits every line end and every multi-byte character; the 10 MB stream takes larger reads.
    split: slices(bytes, bytes.length > 1_000_000 ? 4093 : 1),
  };
}

describe('our SSE decoding against eventsource-parser, on its fixture streams', () => {
  it('agrees on the data of every event of every fixture, fed every way', (t) => {
    let compared = 0;
    let runs = 0;
    for (const [name, stream] of Object.entries(FIXTURE_STREAMS)) {
      for (const [way, reads] of Object.entries(feeds(stream()))) {
        const expected = theirs(reads);
        const got = ours(reads);
        assert.ok(expected.length > 0, `${name}: eventsource-parser found events`);
        assert.deepEqual(got.events, expected, `${name}, ${way}`);
        compared += expected.length;
        runs++;
      }
    }
    t.diagnostic(`${runs} runs of ${Object.keys(FIXTURE_STREAMS).length} fixtures: all ${compared} events agree`);
  });

  it('delivers an event cut off by the end of the body where the spec drops it, and only then', () => {
    for (const [name, stream] of Object.entries(FIXTURE_STREAMS)) {
      assert.deepEqual(ours(stream()).atEnd, name === 'mixedComments' ? ['5'] : [], name);
    }
  });

  it('gives the results eventsource-parser’s own tests expect', () => {
    const data = (name: string): string[] => ours(feeds(FIXTURE_STREAMS[name]())['bytes']).events;
    assert.deepEqual(data('carriageReturn'), ['dog\nbark', 'cat\nmeow', '✔']);
    assert.deepEqual(data('carriageReturnLineFeed'), ['sheep\nbleat', 'pig\noink', '✔']);
    assert.deepEqual(data('mixedComments'), ['1', '2', '3', '4']);
    assert.deepEqual(data('dataFieldParsing'), ['', '\n', 'test', '✔']);
    assert.deepEqual(data('unknownFields'), ['abc\n\n123', '✔']);
    // As bytes, a BOM starts each of these streams and is dropped; the one starting a later chunk hides its line.
    assert.deepEqual(data('leadingBom'), ['bomful 1', 'bomless 2', '✔']);
    assert.deepEqual(data('multiBom'), ['bomful 1', 'bomless 3', '✔']);
    assert.equal(data('huge').length, 2);
  });
});
