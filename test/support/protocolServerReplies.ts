// How the test server (./protocolServer.ts) answers a chat request: an event stream in a server's dialect,
// paced and cut short as the directives ask, exact raw bytes, or a fault that replaces the whole response.
import type { ServerResponse } from 'node:http';
import { reasoningChunks, replyChunks, THINK_CHUNKS, type Directives } from './protocolServerDirectives';
import type { Dialect } from './protocolServerShapes';

export interface RawReply {
  /** Written one by one with gapMs between them, so the client sees them as separate reads. */
  pieces: Array<string | Uint8Array>;
  gapMs?: number;
  contentType?: string;
}

const FAULT_PREFIX_CHUNKS = 3;
const BATCH_BYTES = 16 * 1024;

const CLOUDFLARE_PAGE = `<!DOCTYPE html><html lang="en-US"><head><title>Just a moment...</title>
<style>body{font-family:sans-serif}</style><script>window._cf_chl_opt={cvId:'3'};</script></head>
<body><div class="main-wrapper"><h1>app.vitalentum.io</h1><h2>Checking if the site connection is secure</h2>
<p>app.vitalentum.io needs to review the security of your connection before proceeding.</p>
<div>Ray ID: <code>8a1b2c3d4e5f6a7b</code></div><div>Performance &amp; security by Cloudflare</div></div></body></html>`;

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Writes and waits for the socket to take the data, or for the client to go away. */
function write(res: ServerResponse, data: string | Uint8Array): Promise<void> {
  if (res.write(data)) return Promise.resolve();
  return new Promise((resolve) => {
    const done = (): void => {
      res.off('drain', done);
      res.off('close', done);
      resolve();
    };
    res.on('drain', done);
    res.on('close', done);
  });
}

export function sendJson(
  res: ServerResponse,
  status: number,
  value: unknown,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(value));
}

/** Each item with whether it is the last, read one ahead so that a lazily produced reply stays lazy. */
function* withLast<T>(items: Iterable<T>): Generator<[T, boolean]> {
  const iterator = items[Symbol.iterator]();
  let current = iterator.next();
  while (current.done !== true) {
    const next = iterator.next();
    yield [current.value, next.done === true];
    current = next;
  }
}

const frame = (data: string): string => `data: ${data}\n\n`;
const MALFORMED_EVENT = 'data: {"choices":[{"delta":{"content":"lost\n\n';
const PROMPT_TOKENS = 42;

/** The reply's events, framed with \n line ends: reasoning, a [think] block, the answer, its finish and usage. */
function* replyEvents(directives: Directives, dialect: Dialect): Generator<string> {
  const { fault, streamError } = directives;
  for (const text of reasoningChunks(directives.reasoning ?? 0)) yield frame(dialect.reasoning(text));
  if (directives.think) for (const piece of THINK_CHUNKS) yield frame(dialect.content(piece));
  const cut = fault === 'reset' || fault === 'stall' || streamError === true;
  const finishReason = directives.finish ?? 'stop';
  let sent = 0;
  for (const [chunk, last] of withLast(replyChunks(directives))) {
    sent++;
    const usage = directives.usage ? { prompt: PROMPT_TOKENS, completion: sent } : undefined;
    const lastContent = last && !cut ? dialect.lastContent : undefined;
    yield frame(lastContent ? lastContent(chunk, finishReason, usage) : dialect.content(chunk));
    if (fault === 'malformed' && sent === 1) yield MALFORMED_EVENT;
    if (cut && sent === FAULT_PREFIX_CHUNKS) break;
  }
  if (streamError) yield frame(dialect.error);
  if (cut) return;
  const usage = directives.usage ? { prompt: PROMPT_TOKENS, completion: sent } : undefined;
  if (dialect.lastContent && sent === 0) yield frame(dialect.lastContent('', finishReason, usage));
  if (dialect.finish) yield frame(dialect.finish(finishReason));
  if (dialect.usage && usage) yield frame(dialect.usage(usage));
}

export async function streamReply(
  res: ServerResponse,
  directives: Directives,
  dialect: Dialect,
  defaultPaceMs: number,
): Promise<void> {
  const { fault } = directives;
  const paceMs = directives.paceMs ?? defaultPaceMs;
  const lineEnd = directives.lineEnd ?? '\n';
  // Events are written with \n; JSON data has no raw line breaks, so every \n is a line end to rewrite.
  const send = (text: string): Promise<void> => write(res, lineEnd === '\n' ? text : text.replaceAll('\n', lineEnd));
  res.socket?.setNoDelay(true);
  res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache' });
  // A byte order mark goes right before the first event with text, which a client that kept it would lose.
  let batch = directives.bom ? '\uFEFF' : '';
  if (!directives.bom) await send(`: stream opened\n\n${dialect.opening === undefined ? '' : frame(dialect.opening)}`);
  for (const event of replyEvents(directives, dialect)) {
    if (res.destroyed) break;
    batch += event;
    if (paceMs > 0) {
      await send(batch);
      batch = '';
      await sleep(paceMs);
    } else if (batch.length >= BATCH_BYTES) {
      await send(batch);
      batch = '';
    }
  }
  if (batch.length > 0) await send(batch);
  if (res.destroyed) return;
  if (fault === 'reset') {
    // Let the client read the chunks first, as when a connection drops mid-reply, then send a TCP reset.
    await sleep(Math.max(paceMs, 50));
    res.socket?.resetAndDestroy();
    return;
  }
  // A stalled stream stays open until the client gives up; close() destroys it otherwise.
  if (fault === 'stall') return;
  // A server that sent an error event ends the body there.
  if (fault !== 'no-done' && !directives.streamError) await send('data: [DONE]\n\n');
  res.end();
}

export async function writeRaw(res: ServerResponse, raw: RawReply): Promise<void> {
  res.socket?.setNoDelay(true);
  res.writeHead(200, { 'content-type': raw.contentType ?? 'text/event-stream' });
  for (const [index, piece] of raw.pieces.entries()) {
    if (index > 0) await sleep(raw.gapMs ?? 5);
    if (res.destroyed) return;
    await write(res, piece);
  }
  res.end();
}

/** Answers a fault that replaces the whole response; false when the fault (if any) is part of the stream. */
export function answerFault(res: ServerResponse, directives: Directives): boolean {
  switch (directives.fault) {
    case '429':
      sendJson(res, 429, { error: { message: 'Rate limit reached. Please try again later.' } }, { 'retry-after': '7' });
      return true;
    case '403':
      res.writeHead(403, { 'content-type': 'text/html; charset=UTF-8', server: 'cloudflare' });
      res.end(CLOUDFLARE_PAGE);
      return true;
    case '500':
      res.writeHead(500, { 'content-type': 'text/plain' });
      res.end('Internal Server Error: the model backend is unavailable.');
      return true;
    case '401':
      sendJson(res, 401, { error: { message: 'Incorrect API key provided.', type: 'invalid_request_error' } });
      return true;
    case 'content-type':
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end('<!DOCTYPE html><html><body><h1>Welcome</h1><p>This is a web page, not a chat API.</p></body></html>');
      return true;
    default:
      return false;
  }
}
