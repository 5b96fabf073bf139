// The chat service with the real provider against a local Vitalentum-protocol server: what the server receives and
// what the user is left with.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DEFAULT_SETTINGS } from '../../../src/config/settings';
import { ChatService } from '../../../src/chat/chatService';
import type { ChatEvent } from '../../../src/chat/serviceEvents';
import { ConversationStore } from '../../../src/chat/conversationStore';
import { streamChat } from '../../../src/provider';
import { RecordingLog, withTempDir } from './helpers';

type Handler = (request: IncomingMessage, body: string, response: ServerResponse) => void;

let server: Server;
let baseUrl: string;
let handler: Handler;
const bodies: unknown[] = [];

before(async () => {
  server = createServer((request, response) => {
    let body = '';
    request.setEncoding('utf8');
    request.on('data', (chunk: string) => (body += chunk));
    request.on('end', () => {
      bodies.push(JSON.parse(body));
      handler(request, body, response);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

after(() => new Promise<void>((resolve) => server.close(() => resolve())));

function event(content: string): string {
  return `data: ${JSON.stringify({ choices: [{ delta: { content } }] })}\n\n`;
}

async function converse(dir: string, text: string): Promise<{ events: ChatEvent[]; id: string }> {
  const log = new RecordingLog();
  const store = new ConversationStore(dir, log);
  const service = new ChatService({
    store,
    log,
    streamChat: (messages, request) => streamChat(messages, request),
    requestConfig: async () => ({ settings: { ...DEFAULT_SETTINGS, baseUrl, extraBody: {} }, strictSSL: true }),
    notify: (message) => log.error(message),
  });
  const events: ChatEvent[] = [];
  service.onEvent((e) => events.push(e));
  const conversation = service.newConversation();
  await service.send(conversation.id, text);
  await store.list();
  return { events, id: conversation.id };
}

describe('ChatService with a real server', () => {
  it('sends the conversation and keeps the streamed reply', async () => {
    handler = (_request, _body, response) => {
      response.writeHead(200, { 'Content-Type': 'text/event-stream' });
      response.write(event('Hello'));
      response.write(event(', world'));
      response.end('data: [DONE]\n\n');
    };
    await withTempDir(async (dir) => {
      bodies.length = 0;
      const { events, id } = await converse(dir, 'Greet me');
      assert.deepEqual(bodies, [
        { conversation: JSON.stringify({ history: [{ speaker: 'human', text: 'Greet me' }] }), temperature: 0.7 },
      ]);
      const final = events.flatMap((e) => (e.type === 'messageUpdated' ? [e.message] : []));
      assert.deepEqual(
        final.map((m) => [m.text, m.status]),
        [['Hello, world', 'complete']],
      );
      const streamed = events.flatMap((e) => (e.type === 'delta' ? [e.text] : [])).join('');
      assert.equal(streamed, 'Hello, world');
      const stored = await new ConversationStore(dir, new RecordingLog()).load(id);
      assert.equal(stored?.messages[1].text, 'Hello, world');
    });
  });

  it('tells the user when to retry after a 429 and keeps the question', async () => {
    handler = (_request, _body, response) => {
      response.writeHead(429, { 'Content-Type': 'text/plain', 'Retry-After': '20' });
      response.end('slow down');
    };
    await withTempDir(async (dir) => {
      const { events, id } = await converse(dir, 'Are you there?');
      const [final] = events.flatMap((e) => (e.type === 'messageUpdated' ? [e.message] : []));
      assert.equal(final.status, 'error');
      assert.equal(final.error?.kind, 'rate-limited');
      assert.equal(final.error?.message, 'The chat server is limiting requests; try again in 20 seconds.');
      assert.equal(final.error?.action, 'retry');
      const stored = await new ConversationStore(dir, new RecordingLog()).load(id);
      assert.deepEqual(
        stored?.messages.map((m) => [m.role, m.text, m.status]),
        [
          ['user', 'Are you there?', 'complete'],
          ['assistant', '', 'error'],
        ],
      );
    });
  });

  it('marks a reply whose body ends without the end marker as possibly cut short', async () => {
    handler = (_request, _body, response) => {
      response.writeHead(200, { 'Content-Type': 'text/event-stream' });
      response.end(event('Half a sen'));
    };
    await withTempDir(async (dir) => {
      const { events } = await converse(dir, 'Tell me');
      const [final] = events.flatMap((e) => (e.type === 'messageUpdated' ? [e.message] : []));
      assert.deepEqual([final.text, final.status], ['Half a sen', 'incomplete']);
    });
  });
});
