// The provider's event decoding against a well-kept library, in processor time: the hand SSE framing versus
// eventsource-parser's, the hand decoder versus eventsource-parser with the same content readers, and the hand decoder
// on content with JSON escapes versus content without.
import { createParser } from 'eventsource-parser';
import { ChatEventDecoder, eventContent } from '../../src/provider/chatEvents';
import { SseParser } from '../../src/provider/sseParser';
import { median, report } from './benchSupport';

/** Timed rounds per figure, after one untimed round. */
const RUNS = 11;

/** Processor time of the current process in milliseconds: steadier than wall time on a shared machine. */
function cpuMs(since?: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(since);
  return (used.user + used.system) / 1000;
}

/** The same job as ChatEventDecoder (UTF-8 across reads, SSE framing, JSON, [DONE]) on top of eventsource-parser. */
class EventsourceParserDecoder {
  private readonly textDecoder = new TextDecoder('utf-8');
  private collected = '';
  private done = false;
  private readonly parser = createParser({
    onEvent: (event) => {
      if (this.done) return;
      if (event.data === '[DONE]') {
        this.done = true;
        return;
      }
      try {
        const content = eventContent(event.data);
        if (content !== undefined) this.collected += content;
      } catch {
        // The comparison measures parsing speed; the bench input has no malformed events.
      }
    },
  });

  push(bytes: Uint8Array): string {
    this.parser.feed(this.textDecoder.decode(bytes, { stream: true }));
    const text = this.collected;
    this.collected = '';
    return text;
  }
}

/** Reports `events` handled in `ms` milliseconds as a rate. */
function reportRate(name: string, events: number, ms: number): void {
  report({ name, value: events / (ms / 1000), unit: 'events/s' });
}

/** `events` events of the OpenAI shape with the contents `content` gives, and the end marker. */
function wireOf(events: number, content: (index: number) => string): Buffer {
  const parts: string[] = [];
  for (let i = 0; i < events; i++) {
    parts.push(`data: ${JSON.stringify({ choices: [{ index: 0, delta: { content: content(i) } }] })}\r\n\r\n`);
  }
  parts.push('data: [DONE]\r\n\r\n');
  return Buffer.from(parts.join(''));
}

/** The wire in reads of uneven sizes, so events and multi-byte characters straddle reads. */
function readsOf(wire: Buffer): Buffer[] {
  const reads: Buffer[] = [];
  for (let offset = 0, size = 1000; offset < wire.length; offset += size, size = size === 1000 ? 16_381 : 1000) {
    reads.push(wire.subarray(offset, offset + size));
  }
  return reads;
}

/** Processor time of ChatEventDecoder over the reads; checks the text's length. */
function handDecodeMs(reads: readonly Buffer[], chars: number): number {
  const decoder = new ChatEventDecoder();
  const start = process.cpuUsage();
  let decoded = 0;
  for (const read of reads) decoded += decoder.push(read).length;
  const ms = cpuMs(start);
  if (decoded !== chars) throw new Error(`the decoder gave ${decoded} characters, not ${chars}`);
  return ms;
}

/**
 * Events whose content has JSON escapes (a model's code has a line break or a quote in nearly every event) against
 * events of the same text length without any: both stay on the decoder's fast path, so the first must keep up. The two
 * take turns, round after round, medians of RUNS after one: timed one after the other, the second ran on code the JIT
 * had tuned to the first, and the ratio went from 0.30 to 1.04 between runs of the bench.
 */
function escapedComparison(events: number): void {
  const plain = (i: number) => `  f('w${i}'); `;
  const escaped = (i: number) => `  f("w${i}");\n`;
  let chars = 0;
  for (let i = 0; i < events; i++) chars += plain(i).length;
  const plainReads = readsOf(wireOf(events, plain));
  const escapedReads = readsOf(wireOf(events, escaped));
  const plainTimes: number[] = [];
  const escapedTimes: number[] = [];
  for (let round = 0; round <= RUNS; round++) {
    const plainMs = handDecodeMs(plainReads, chars);
    const escapedMs = handDecodeMs(escapedReads, chars);
    if (round === 0) continue;
    plainTimes.push(plainMs);
    escapedTimes.push(escapedMs);
  }
  const escapedMs = median(escapedTimes);
  reportRate('provider.parser.hand.escapedEventsPerSecond', events, escapedMs);
  report({ name: 'provider.parser.escapedToPlainSpeed', value: median(plainTimes) / escapedMs, unit: 'x' });
}

export function parserComparison(): void {
  const events = 200_000;
  const wire = wireOf(events, (i) => `wörd${i} `);
  const reads = readsOf(wire);
  const decoders = {
    hand: () => new ChatEventDecoder(),
    eventsourceParser: () => new EventsourceParserDecoder(),
  };
  const results: Record<string, number[]> = { hand: [], eventsourceParser: [] };
  for (let round = 0; round <= RUNS; round++) {
    for (const [name, create] of Object.entries(decoders)) {
      const decoder = create();
      const start = process.cpuUsage();
      let chars = 0;
      for (const read of reads) chars += decoder.push(read).length;
      const ms = cpuMs(start);
      if (chars === 0) throw new Error(`${name} decoded nothing`);
      if (round > 0) results[name].push(ms);
    }
  }
  const framing: Record<string, number[]> = { hand: [], eventsourceParser: [] };
  const text = wire.toString('utf8');
  const pieces: string[] = [];
  for (let offset = 0; offset < text.length; offset += 8192) pieces.push(text.slice(offset, offset + 8192));
  for (let round = 0; round <= RUNS; round++) {
    let count = 0;
    let start = process.cpuUsage();
    const hand = new SseParser(() => {
      count++;
      return 'continue';
    });
    for (const piece of pieces) hand.feed(piece);
    if (round > 0) framing.hand.push(cpuMs(start));
    start = process.cpuUsage();
    const library = createParser({
      onEvent: () => {
        count++;
      },
    });
    for (const piece of pieces) library.feed(piece);
    if (round > 0) framing.eventsourceParser.push(cpuMs(start));
    if (count !== 2 * (events + 1)) throw new Error(`framing counted ${count} events`);
  }
  reportRate('provider.sseFraming.hand.eventsPerSecond', events, median(framing.hand));
  reportRate('provider.sseFraming.eventsourceParser.eventsPerSecond', events, median(framing.eventsourceParser));
  const hand = median(results.hand);
  const library = median(results.eventsourceParser);
  reportRate('provider.parser.hand.eventsPerSecond', events, hand);
  reportRate('provider.parser.eventsourceParser.eventsPerSecond', events, library);
  report({ name: 'provider.parser.handSpeedup', value: library / hand, unit: 'x' });
  escapedComparison(events);
}
