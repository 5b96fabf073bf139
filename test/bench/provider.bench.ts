// Provider throughput against a local server: streamChat versus a raw undici read of the same bytes, time to first
// chunk, the decoders against eventsource-parser (providerParsers.ts), and heap growth while streaming a 50 MB reply.
// Every streamed reply, timed ones included, is checked against what the server sent. scripts/bench.mjs bundles undici
// as the extension does (its trimmed subset), so the raw read uses the dispatcher's request, which the subset keeps.
import { Agent } from 'undici';
import { streamChat } from '../../src/provider';
import { parseDirectives, replyChunks } from '../support/protocolServerDirectives';
import { median, report, runBench, type ServerProcess } from './benchSupport';
import { parserComparison } from './providerParsers';

const CHUNKS = 20_000;
const RUNS = 11;
// Rounds before the timed ones. While V8 optimizes both readers and collects what the first rounds left, the pairs'
// ratios range from 0.4 to 1.9 (one run of 30 rounds); they settle, at 0.95 to 1.04, after about 20.
const WARM_UP_ROUNDS = 20;
const MEMORY_BYTES = 50 * 1024 * 1024;

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
