/**
 * A local chat server speaking both protocols the provider supports, for unit tests, the demo (`npm start`) and UI
 * tests in a real VS Code:
 *   POST /api/converse-edge     Vitalentum protocol
 *   POST /v1/chat/completions   OpenAI-compatible, streaming
 *   GET  /v1/models             OpenAI-compatible model list
 * The scenario of a chat request is chosen by directives in the last user message; the grammar is documented in
 * ./protocol-server-directives.ts (for example `[fault:429]`, `[echo] text`, `[chunks:100]`, `[pace:40]`).
 * Every request is recorded, and open connections are counted so tests can prove an abort released its socket.
 */
import {
  createServer as createHttpServer,
  type IncomingHttpHeaders,
  type IncomingMessage,
  type ServerResponse,
} from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import { parseDirectives, replyChunks, type Directives } from './protocol-server-directives';

export { MARKDOWN_ANSWER, parseDirectives, replyChunks, type Directives } from './protocol-server-directives';

export interface RawReply {
  /** Written one by one with gapMs between them, so the client sees them as separate reads. */
  pieces: Array<string | Uint8Array>;
  gapMs?: number;
  contentType?: string;
}

export interface ProtocolServerOptions {
  /** Delay between chunks when the message has no [pace:MS] directive. Default 0 (the demo uses ~40). */
  paceMs?: number;
  /** When set, OpenAI-compatible requests without `Authorization: Bearer <apiKey>` get 401. */
  apiKey?: string;
  /** The ids GET /v1/models lists. */
  models?: string[];
  /** Default 127.0.0.1. */
  host?: string;
  /** Default 0 (any free port). */
  port?: number;
  /** Serve HTTPS with this key and certificate. */
  tls?: { key: string; cert: string };
  /** Answer every chat request with exactly these bytes (split-read tests); directives are ignored then. */
  rawReply?: RawReply;
}

export interface HistoryEntry {
  speaker: string;
  text: string;
}

export interface RecordedRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  /** The parsed JSON body, undefined for GET or a body that is not JSON. */
  body: unknown;
  /** Vitalentum requests: the parsed `conversation` history. */
  history?: HistoryEntry[];
}

export interface ProtocolServer {
  url: string;
  requests: RecordedRequest[];
  connectionsOpen(): number;
  /** Resolves once no connection is open (at once when none is). */
  allConnectionsClosed(): Promise<void>;
  close(): Promise<void>;
}

export const DEFAULT_MODELS = ['vitalentum-demo', 'gpt-3.5-turbo'];
const FAULT_PREFIX_CHUNKS = 3;
const BATCH_BYTES = 16 * 1024;

const CLOUDFLARE_PAGE = `<!DOCTYPE html><html lang="en-US"><head><title>Just a moment...</title>
<style>body{font-family:sans-serif}</style><script>window._cf_chl_opt={cvId:'3'};</script></head>
<body><div class="main-wrapper"><h1>app.vitalentum.io</h1><h2>Checking if the site connection is secure</h2>
<p>app.vitalentum.io needs to review the security of your connection before proceeding.</p>
<div>Ray ID: <code>8a1b2c3d4e5f6a7b</code></div><div>Performance &amp; security by Cloudflare</div></div></body></html>`;

function sleep(ms: number): Promise<void> {
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

function sendJson(res: ServerResponse, status: number, value: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(value));
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function vitalentumHistory(body: unknown): HistoryEntry[] | undefined {
  if (!isRecord(body) || typeof body.conversation !== 'string') return undefined;
  const conversation = parseJson(body.conversation);
  if (!isRecord(conversation) || !Array.isArray(conversation.history)) return undefined;
  return conversation.history.filter(
    (entry): entry is HistoryEntry =>
      isRecord(entry) && typeof entry.speaker === 'string' && typeof entry.text === 'string',
  );
}

function lastOpenAiUserText(body: unknown): string | undefined {
  if (!isRecord(body) || !Array.isArray(body.messages)) return undefined;
  const users = body.messages.filter((m): m is { role: string; content: string } => isRecord(m) && m.role === 'user');
  const content = users.at(-1)?.content;
  return typeof content === 'string' ? content : undefined;
}

type EventShape = (content: string) => string;

const vitalentumEvent: EventShape = (content) => `data: ${JSON.stringify({ choices: [{ delta: { content } }] })}\n\n`;

function openAiEvent(model: string): EventShape {
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

async function streamReply(
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

async function writeRaw(res: ServerResponse, raw: RawReply): Promise<void> {
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
function answerFault(res: ServerResponse, directives: Directives): boolean {
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

export async function startProtocolServer(options: ProtocolServerOptions = {}): Promise<ProtocolServer> {
  const requests: RecordedRequest[] = [];
  const sockets = new Set<Socket>();
  let closedWaiters: Array<() => void> = [];
  const defaultPaceMs = options.paceMs ?? 0;
  const models = options.models ?? DEFAULT_MODELS;

  const authorized = (req: IncomingMessage): boolean =>
    options.apiKey === undefined || req.headers.authorization === `Bearer ${options.apiKey}`;

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    const text = await readBody(req);
    const body = text.length > 0 ? parseJson(text) : undefined;
    const history = path === '/api/converse-edge' ? vitalentumHistory(body) : undefined;
    requests.push({ method: req.method ?? '', path, headers: req.headers, body, ...(history ? { history } : {}) });

    const route = `${req.method} ${path}`;
    if (route === 'GET /v1/models') {
      if (!authorized(req)) return sendJson(res, 401, { error: { message: 'Incorrect API key provided.' } });
      return sendJson(res, 200, {
        object: 'list',
        data: models.map((id) => ({ id, object: 'model', owned_by: 'local' })),
      });
    }
    let userText: string | undefined;
    let event: EventShape;
    if (route === 'POST /api/converse-edge') {
      if (history === undefined) {
        return sendJson(res, 400, { error: 'conversation must be a JSON string with a history' });
      }
      userText = history.filter((entry) => entry.speaker === 'human').at(-1)?.text;
      event = vitalentumEvent;
    } else if (route === 'POST /v1/chat/completions') {
      if (!authorized(req)) return sendJson(res, 401, { error: { message: 'Incorrect API key provided.' } });
      userText = lastOpenAiUserText(body);
      if (userText === undefined) {
        return sendJson(res, 400, { error: { message: 'messages must include a user message' } });
      }
      event = openAiEvent(isRecord(body) && typeof body.model === 'string' ? body.model : 'local');
    } else {
      return sendJson(res, 404, { error: `no route for ${route}` });
    }
    if (options.rawReply) return writeRaw(res, options.rawReply);
    const directives = parseDirectives(userText ?? '');
    if (answerFault(res, directives)) return;
    await streamReply(res, directives, event, defaultPaceMs);
  }

  const listener = (req: IncomingMessage, res: ServerResponse): void => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) sendJson(res, 500, { error: String(error) });
      else res.destroy();
    });
  };
  const server = options.tls ? createHttpsServer(options.tls, listener) : createHttpServer(listener);
  server.on(options.tls ? 'secureConnection' : 'connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => {
      sockets.delete(socket);
      if (sockets.size === 0) {
        const waiters = closedWaiters;
        closedWaiters = [];
        for (const resolve of waiters) resolve();
      }
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const host = options.host ?? '127.0.0.1';

  return {
    url: `${options.tls ? 'https' : 'http'}://${host}:${port}`,
    requests,
    connectionsOpen: () => sockets.size,
    allConnectionsClosed: () =>
      sockets.size === 0 ? Promise.resolve() : new Promise<void>((resolve) => closedWaiters.push(resolve)),
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
