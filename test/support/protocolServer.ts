/**
 * A local chat server speaking both protocols the provider supports, for unit tests, the demo (`npm start`) and UI
 * tests in a real VS Code:
 *   POST /api/converse-edge     Vitalentum protocol
 *   POST /v1/chat/completions   OpenAI-compatible, streaming
 *   GET  /v1/models             OpenAI-compatible model list
 * The scenario of a chat request is chosen by directives in the last user message; the grammar is documented in
 * ./protocolServerDirectives.ts (for example `[fault:429]`, `[echo] text`, `[chunks:100]`, `[pace:40]`, `[usage]`,
 * `[shape:vllm]`), and how each imitated server writes its events in ./protocolServerShapes.ts.
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
import { parseDirectives, type Directives } from './protocolServerDirectives';
import { answerFault, sendJson, sleep, streamReply, writeRaw, type RawReply } from './protocolServerReplies';
import { openAiDialect, VITALENTUM_DIALECT, type Dialect } from './protocolServerShapes';

export {
  MARKDOWN_ANSWER,
  parseDirectives,
  reasoningChunks,
  replyChunks,
  THINK_TEXT,
  type Directives,
} from './protocolServerDirectives';
export type { RawReply } from './protocolServerReplies';

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
  /** Resolves once no connection is open (at once when none is); rejects, naming how many are, after timeoutMs. */
  allConnectionsClosed(timeoutMs: number): Promise<void>;
  close(): Promise<void>;
}

export const DEFAULT_MODELS = ['vitalentum-demo', 'gpt-3.5-turbo'];

/** What [refuse-stream-options] answers, as a server that checks for unknown fields does. */
const STREAM_OPTIONS_REFUSAL = {
  error: {
    message: 'Unrecognized request argument supplied: stream_options',
    type: 'invalid_request_error',
    param: null,
    code: null,
  },
};

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

export async function startProtocolServer(options: ProtocolServerOptions = {}): Promise<ProtocolServer> {
  const requests: RecordedRequest[] = [];
  const sockets = new Set<Socket>();
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
    let dialect: Dialect;
    let directives: Directives;
    if (route === 'POST /api/converse-edge') {
      if (history === undefined) {
        return sendJson(res, 400, { error: 'conversation must be a JSON string with a history' });
      }
      directives = parseDirectives(history.filter((entry) => entry.speaker === 'human').at(-1)?.text ?? '');
      dialect = VITALENTUM_DIALECT;
    } else if (route === 'POST /v1/chat/completions') {
      if (!authorized(req)) return sendJson(res, 401, { error: { message: 'Incorrect API key provided.' } });
      const userText = lastOpenAiUserText(body);
      if (userText === undefined) {
        return sendJson(res, 400, { error: { message: 'messages must include a user message' } });
      }
      directives = parseDirectives(userText);
      if (directives.refuseStreamOptions && isRecord(body) && 'stream_options' in body) {
        return sendJson(res, 400, STREAM_OPTIONS_REFUSAL);
      }
      const model = isRecord(body) && typeof body.model === 'string' ? body.model : 'local';
      const streamOptions = isRecord(body) ? body.stream_options : undefined;
      dialect = openAiDialect(directives.shape, model, isRecord(streamOptions) && streamOptions.include_usage === true);
    } else {
      return sendJson(res, 404, { error: `no route for ${route}` });
    }
    if (options.rawReply) return writeRaw(res, options.rawReply);
    if (answerFault(res, directives)) return;
    await streamReply(res, directives, dialect, defaultPaceMs);
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
    socket.on('close', () => sockets.delete(socket));
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
    allConnectionsClosed: async (timeoutMs) => {
      const deadline = Date.now() + timeoutMs;
      while (sockets.size > 0) {
        if (Date.now() > deadline) {
          throw new Error(`${sockets.size} connection(s) to the test server still open after ${timeoutMs} ms`);
        }
        await sleep(10);
      }
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
