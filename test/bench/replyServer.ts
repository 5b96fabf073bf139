// The long bench's model server: the Vitalentum protocol over a real socket on 127.0.0.1, each request answered with
// the 2,000-line reply (test/bench/longWorkload.ts), its first line alone and the rest at full speed. A reply can be
// held before its first byte (the wait for a model's first token) or after half its lines (a screenshot mid-stream).
import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { streamedReplyLines } from './longWorkload';

const BATCH_BYTES = 16 * 1024;
/** A held reply goes on by itself after this long, so a bench that fails to release it still ends. */
const HOLD_LIMIT_MS = 30_000;

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
}

/** A Vitalentum-protocol server: each request gets the 2,000-line reply, its first line alone, the rest at full speed. */
export async function startReplyServer(): Promise<ReplyServer> {
  let firstByteAt = 0;
  let requests = 0;
  let hold: { where: 'midway' | 'first'; released: Promise<void> } | undefined;
  const event = (text: string): string => `data: ${JSON.stringify({ choices: [{ delta: { content: text } }] })}\n\n`;
  const server = createServer((req, res) => {
    void (async () => {
      for await (const chunk of req) void chunk;
      const run = ++requests;
      const held = hold;
      hold = undefined;
      res.socket?.setNoDelay(true);
      res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache' });
      if (held?.where === 'first') await held.released;
      const [first, ...rest] = streamedReplyLines(run);
      res.write(event(`${first}\n`), () => (firstByteAt = Date.now()));
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
  };
}
