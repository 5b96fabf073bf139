// Provider throughput against a local server: streamChat versus a raw undici read of the same bytes, time to first
// chunk, the hand SSE parser versus eventsource-parser (processor time), and heap growth while streaming a 50 MB reply.
// Every streamed reply, timed ones included, is checked against what the server sent. scripts/bench.mjs bundles undici
// as the extension does (its trimmed subset), so the raw read uses the dispatcher's request, which the subset keeps.
import { createParser } from 'eventsource-parser';
import { Agent } from 'undici';
import { streamChat } from '../../src/provider';
import { ChatEventDecoder, eventContent } from '../../src/provider/chatEvents';
import { SseParser } from '../../src/provider/sseParser';
import { parseDirectives, replyChunks } from '../support/protocolServerDirectives';
import { median, report, runBench, type ServerProcess } from './benchSupport';

const CHUNKS = 20_000;
const RUNS = 11;
// Rounds before the timed ones. While V8 optimizes both readers and collects what the first rounds left, the pairs'
// ratios range from 0.4 to 1.9 (one run of 30 rounds); they settle, at 0.95 to 1.04, after about 20.
const WARM_UP_ROUNDS = 20;
const MEMORY_BYTES = 50 * 1024 * 1024;

/** Processor time of the current process in milliseconds: steadier than wall time on a shared machine. */
function cpuMs(since?: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(since);
  return (used.user + used.system) / 1000;
}

const ask = (content: string) => [{ role: 'user' as const, content }];

/** How many of the last characters are compared. */
const TAIL = 64;

/** The length and the last characters of the reply the server sends for `message`, from the server's own source. */
function sentReply(message: string): { length: number; tail: string } {
  let length = 0;
  let tail = '';
  for (const chunk of replyChunks(parseDirectives(message))) {
    length += chunk.length;
    tail = (tail + chunk).slice(-TAIL);
  }
  return { length, tail };
}

/** The length of what a stream delivered and its last two pieces: little enough work for a timed loop. */
class Delivered {
  length = 0;
  private previous: string | Buffer = '';
  private last: string | Buffer = '';

  add(piece: string | Buffer): void {
    this.length += piece.length;
    this.previous = this.last;
    this.last = piece;
  }

  /** The last characters delivered. */
  end(): string {
    return `${this.previous.toString()}${this.last.toString()}`.slice(-TAIL);
  }
}

/** Throws unless streamChat delivered exactly the reply the server sent: its length, and its last characters. */
function checkReply(delivered: Delivered, sent: { length: number; tail: string }): void {
  const end = delivered.end();
  if (delivered.length !== sent.length || end === '' || !sent.tail.endsWith(end)) {
    throw new Error(
      `streamChat delivered ${delivered.length} characters ending ${JSON.stringify(end)}; ` +
        `the server sent ${sent.length} ending ${JSON.stringify(sent.tail.slice(-end.length))}`,
    );
  }
}

interface Run {
  totalMs: number;
  firstMs: number;
  delivered: Delivered;
}

async function timeStreamChat(server: ServerProcess, message: string): Promise<Run> {
  const delivered = new Delivered();
  const start = performance.now();
  let firstMs = 0;
  for await (const chunk of streamChat(ask(message), { baseUrl: server.url })) {
    if (delivered.length === 0) firstMs = performance.now() - start;
    delivered.add(chunk);
  }
  return { totalMs: performance.now() - start, firstMs, delivered };
}

async function timeRawRead(server: ServerProcess, dispatcher: Agent, message: string): Promise<Run> {
  const delivered = new Delivered();
  const start = performance.now();
  const { body } = await dispatcher.request({
    origin: server.url,
    path: '/api/converse-edge',
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'text/event-stream' },
    body: JSON.stringify({ conversation: JSON.stringify({ history: [{ speaker: 'human', text: message }] }) }),
  });
  let firstMs = 0;
  for await (const chunk of body) {
    if (delivered.length === 0) firstMs = performance.now() - start;
    delivered.add(chunk as Buffer);
  }
  return { totalMs: performance.now() - start, firstMs, delivered };
}

/** Throws unless every raw read received the same bytes up to the end of the stream. */
function checkRawReads(runs: readonly Run[]): void {
  for (const { delivered } of runs) {
    if (delivered.length !== runs[0].delivered.length || !delivered.end().endsWith('data: [DONE]\n\n')) {
      throw new Error(`a raw read received ${delivered.length} bytes ending ${JSON.stringify(delivered.end())}`);
    }
  }
}

async function throughput(server: ServerProcess): Promise<void> {
  const dispatcher = new Agent();
  const message = `[chunks:${CHUNKS}]`;
  const sent = sentReply(message);
  const streamRuns: Run[] = [];
  const rawRuns: Run[] = [];
  // Interleaved so both see the same machine state.
  for (let i = 0; i < WARM_UP_ROUNDS + RUNS; i++) {
    const raw = await timeRawRead(server, dispatcher, message);
    const streamed = await timeStreamChat(server, message);
    checkReply(streamed.delivered, sent);
    if (i >= WARM_UP_ROUNDS) {
      rawRuns.push(raw);
      streamRuns.push(streamed);
    }
  }
  await dispatcher.close();
  checkRawReads(rawRuns);
  const wireBytes = rawRuns[0].delivered.length;
  const streamMs = median(streamRuns.map((r) => r.totalMs));
  const rawMs = median(rawRuns.map((r) => r.totalMs));
  // Each pair ran back to back, so its ratio is the least disturbed by other load on the machine.
  const ratio = median(rawRuns.map((raw, i) => raw.totalMs / streamRuns[i].totalMs));
  report({ name: 'provider.chunksPerSecond', value: CHUNKS / (streamMs / 1000), unit: 'chunks/s' });
  report({ name: 'provider.raw.chunksPerSecond', value: CHUNKS / (rawMs / 1000), unit: 'chunks/s' });
  report({ name: 'provider.megabytesPerSecond', value: wireBytes / 1e6 / (streamMs / 1000), unit: 'MB/s' });
  report({ name: 'provider.raw.megabytesPerSecond', value: wireBytes / 1e6 / (rawMs / 1000), unit: 'MB/s' });
  report({ name: 'provider.throughputRatio', value: ratio, unit: 'streamChat/raw' });
  report({ name: 'provider.timeToFirstChunk', value: median(streamRuns.map((r) => r.firstMs)), unit: 'ms' });
  report({ name: 'provider.raw.timeToFirstByte', value: median(rawRuns.map((r) => r.firstMs)), unit: 'ms' });
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

function wireOf(events: number): Buffer {
  const parts: string[] = [];
  for (let i = 0; i < events; i++) {
    parts.push(`data: ${JSON.stringify({ choices: [{ index: 0, delta: { content: `wörd${i} ` } }] })}\r\n\r\n`);
  }
  parts.push('data: [DONE]\r\n\r\n');
  return Buffer.from(parts.join(''));
}

function parserComparison(): void {
  const events = 200_000;
  const wire = wireOf(events);
  const reads: Buffer[] = [];
  // Uneven read sizes, so events and multi-byte characters straddle reads.
  for (let offset = 0, size = 1000; offset < wire.length; offset += size, size = size === 1000 ? 16_381 : 1000) {
    reads.push(wire.subarray(offset, offset + size));
  }
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
  const handFraming = median(framing.hand);
  const libraryFraming = median(framing.eventsourceParser);
  report({ name: 'provider.sseFraming.hand.eventsPerSecond', value: events / (handFraming / 1000), unit: 'events/s' });
  report({
    name: 'provider.sseFraming.eventsourceParser.eventsPerSecond',
    value: events / (libraryFraming / 1000),
    unit: 'events/s',
  });

  const hand = median(results.hand);
  const library = median(results.eventsourceParser);
  report({ name: 'provider.parser.hand.eventsPerSecond', value: events / (hand / 1000), unit: 'events/s' });
  report({
    name: 'provider.parser.eventsourceParser.eventsPerSecond',
    value: events / (library / 1000),
    unit: 'events/s',
  });
  report({ name: 'provider.parser.handSpeedup', value: library / hand, unit: 'x' });
}

async function memory(server: ServerProcess): Promise<void> {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('Run with --expose-gc (scripts/bench.mjs does).');
  const message = `[size:${MEMORY_BYTES}]`;
  const sent = sentReply(message);
  const delivered = new Delivered();
  let chunks = 0;
  gc();
  const baseline = process.memoryUsage().heapUsed;
  let peak = baseline;
  for await (const chunk of streamChat(ask(message), { baseUrl: server.url })) {
    delivered.add(chunk);
    if (++chunks % 64 === 0) peak = Math.max(peak, process.memoryUsage().heapUsed);
  }
  checkReply(delivered, sent);
  report({ name: 'provider.heapGrowth50MB', value: (peak - baseline) / 1024 / 1024, unit: 'MB' });
}

runBench(async (server) => {
  await throughput(server);
  parserComparison();
  await memory(server);
});
