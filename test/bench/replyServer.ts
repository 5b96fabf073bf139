// The long bench's model server: the Vitalentum protocol over a real socket on 127.0.0.1. A request is answered with
// the 2,000-line reply (test/bench/longWorkload.ts), its first line alone and the rest at full speed; or, asked for
// (`paceNext`), as a model gives a reply: its first line after a model's time to first token, then a line at a time
// at a model's pace. A reply can be held before its first byte (the wait for a model's first token) or after half
// its lines (a screenshot mid-stream).
import { once } from 'node:events';
import { createServer, type ServerResponse, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { streamedReplyLines } from './longWorkload';

const BATCH_BYTES = 16 * 1024;
/** A held reply goes on by itself after this long, so a bench that fails to release it still ends. */
const HOLD_LIMIT_MS = 30_000;
/**
 * A paced reply: the model's time to first token (a model reading a long conversation takes far longer), then a line
 * (about ten tokens) every 10 ms, a fast model's pace, for the reply's first 100 lines.
 */
const PACED = { firstTokenMs: 300, lineIntervalMs: 10, lines: 100 };

export interface ReplyServer {
  url: string;
  server: Server;
  /** Date.now() when the first content event of the latest reply was handed to the operating system. */
  firstByteAt(): number;
  requests(): number;
  /**
   * Holds the next reply until the returned function is called (or HOLD_LIMIT_MS pass): after half its lines
   * (`midway`), or before its first byte (`first`).
   */
  holdNext(where: 'midway' | 'first'): () => void;
  /** Answers the next request at a model's pace (PACED) rather than at full speed. */
  paceNext(): void;
}

const event = (text: string): string => `data: ${JSON.stringify({ choices: [{ delta: { content: text } }] })}\n\n`;

/** Writes the first line alone (`wrote` when it reached the operating system), then the rest in batches. */
async function writeAtFullSpeed(
  res: ServerResponse,
  lines: string[],
  wrote: () => void,
  held: { where: 'midway' | 'first'; released: Promise<void> } | undefined,
): Promise<void> {
  if (held?.where === 'first') await held.released;
  const [first, ...rest] = lines;
  res.write(event(`${first}\n`), wrote);
  let batch = '';
  for (const [index, line] of rest.entries()) {
    if (held?.where === 'midway' && index === rest.length >> 1) {
      res.write(batch);
      batch = '';
      await held.released;
    }
    batch += event(`${line}\n`);
    if (batch.length < BATCH_BYTES) continue;
    if (!res.write(batch)) await once(res, 'drain');
    batch = '';
  }
  res.end(`${batch}data: [DONE]\n\n`);
}

async function writeAtModelPace(res: ServerResponse, lines: string[], wrote: () => void): Promise<void> {
  await sleep(PACED.firstTokenMs);
  for (const [index, line] of lines.slice(0, PACED.lines).entries()) {
    if (index > 0) await sleep(PACED.lineIntervalMs);
    res.write(event(`${line}\n`), index === 0 ? wrote : undefined);
  }
  res.end('data: [DONE]\n\n');
}

/** A Vitalentum-protocol server: each request gets the 2,000-line reply, its first line alone, the rest at full speed. */
export async function startReplyServer(): Promise<ReplyServer> {
  let firstByteAt = 0;
  let requests = 0;
  let hold: { where: 'midway' | 'first'; released: Promise<void> } | undefined;
  let paced = false;
  const server = createServer((req, res) => {
    void (async () => {
      for await (const chunk of req) void chunk;
      const lines = streamedReplyLines(++requests);
      const held = hold;
      const atModelPace = paced;
      hold = undefined;
      paced = false;
      res.socket?.setNoDelay(true);
      res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache' });
      const wrote = () => (firstByteAt = Date.now());
      await (atModelPace ? writeAtModelPace(res, lines, wrote) : writeAtFullSpeed(res, lines, wrote, held));
    })();
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  const holdNext = (where: 'midway' | 'first'): (() => void) => {
    let release!: () => void;
    const released = new Promise<void>((resolve) => {
      release = resolve;
      setTimeout(resolve, HOLD_LIMIT_MS);
    });
    hold = { where, released };
    return release;
  };
  return {
    url: `http://127.0.0.1:${port}`,
    server,
    firstByteAt: () => firstByteAt,
    requests: () => requests,
    holdNext,
    paceNext: () => (paced = true),
  };
}
