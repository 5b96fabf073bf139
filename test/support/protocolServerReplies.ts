// How the test server (./protocolServer.ts) answers a chat request: an event stream in either protocol's shape,
// paced and cut short as the directives ask, exact raw bytes, or a fault that replaces the whole response.
import type { ServerResponse } from 'node:http';
import { replyChunks, type Directives } from './protocolServerDirectives';

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

export type EventShape = (content: string) => string;

export const vitalentumEvent: EventShape = (content) =>
  `data: ${JSON.stringify({ choices: [{ delta: { content } }] })}\n\n`;

export function openAiEvent(model: string): EventShape {
  const created = Math.floor(Date.now() / 1000);
  return (content) =>
    `data: ${JSON.stringify({
      id: 'chatcmpl-local',
      object: 'chat.completion.chunk',
      created,
      model,
      choices: [{ index: 0, delta: { content }, finish_reason: null }],
    })}\n\n`;
}

export async function streamReply(
  res: ServerResponse,
  directives: Directives,
  event: EventShape,
  defaultPaceMs: number,
): Promise<void> {
  const { fault } = directives;
  const paceMs = directives.paceMs ?? defaultPaceMs;
  res.socket?.setNoDelay(true);
  res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache' });
  await write(res, `: stream opened\n\ndata: ${JSON.stringify({ choices: [{ delta: { role: 'assistant' } }] })}\n\n`);
  const limit = fault === 'reset' || fault === 'stall' ? FAULT_PREFIX_CHUNKS : Infinity;
  let batch = '';
  let sent = 0;
  for (const chunk of replyChunks(directives)) {
    if (res.destroyed || sent >= limit) break;
    batch += event(chunk);
    if (fault === 'malformed' && sent === 0) batch += 'data: {"choices":[{"delta":{"content":"lost\n\n';
    sent++;
    if (paceMs > 0) {
      await write(res, batch);
      batch = '';
      await sleep(paceMs);
    } else if (batch.length >= BATCH_BYTES) {
      await write(res, batch);
      batch = '';
    }
  }
  if (batch.length > 0) await write(res, batch);
  if (res.destroyed) return;
  if (fault === 'reset') {
    // Let the client read the chunks first, as when a connection drops mid-reply, then send a TCP reset.
    await sleep(Math.max(paceMs, 50));
    res.socket?.resetAndDestroy();
    return;
  }
  // A stalled stream stays open until the client gives up; close() destroys it otherwise.
  if (fault === 'stall') return;
  if (fault !== 'no-done') await write(res, 'data: [DONE]\n\n');
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
