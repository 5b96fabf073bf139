import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { listModels, ProviderError, streamChat, type ChatMessage } from '../../../src/provider';
import { MARKDOWN_ANSWER, startProtocolServer, type ProtocolServer } from '../../support/protocolServer';
import { collect } from './collect';

const API_KEY = 'sk-test-0123456789abcdef';
const messages: ChatMessage[] = [
  { role: 'system', content: 'Be brief.' },
  { role: 'user', content: 'Explain SSE.' },
];

describe('streamChat over the OpenAI-compatible protocol', () => {
  let server: ProtocolServer;
  before(async () => {
    server = await startProtocolServer({ apiKey: API_KEY, models: ['llama3.2', 'qwen2.5-coder'] });
  });
  after(() => server.close());

  it('posts model, messages, temperature, stream and the usage request to /v1/chat/completions with the Bearer key', async () => {
    const stream = streamChat(messages, {
      baseUrl: server.url,
      protocol: 'openai-compatible',
      model: 'llama3.2',
      apiKey: API_KEY,
      temperature: 0.3,
      extraBody: { max_tokens: 64, temperature: 0.1 },
    });
    const { error, text } = await collect(stream);
    assert.equal(error, undefined);
    assert.equal(text, MARKDOWN_ANSWER);
    assert.equal(stream.endReason, 'done');
    const request = server.requests.at(-1);
    assert.equal(request?.method, 'POST');
    assert.equal(request?.path, '/v1/chat/completions');
    assert.equal(request?.headers.authorization, `Bearer ${API_KEY}`);
    assert.equal(request?.headers.accept, 'text/event-stream');
    assert.equal(request?.headers['content-type'], 'application/json');
    assert.deepEqual(request?.body, {
      model: 'llama3.2',
      messages: [
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: 'Explain SSE.' },
      ],
      temperature: 0.1,
      stream: true,
      stream_options: { include_usage: true },
      max_tokens: 64,
    });
  });

  it('does not double a /v1 already in the base URL', async () => {
    await collect(
      streamChat(messages, {
        baseUrl: `${server.url}/v1/`,
        protocol: 'openai-compatible',
        model: 'm',
        apiKey: API_KEY,
      }),
    );
    assert.equal(server.requests.at(-1)?.path, '/v1/chat/completions');
  });

  it('a refused key: auth, and the key appears nowhere in the error', async () => {
    const wrongKey = 'sk-wrong-key-abcdef';
    const { error } = await collect(
      streamChat(messages, { baseUrl: server.url, protocol: 'openai-compatible', model: 'm', apiKey: wrongKey }),
    );
    assert.equal(error?.kind, 'auth');
    assert.equal(error?.status, 401);
    assert.equal(error?.message, 'HTTP 401');
    assert.equal(server.requests.at(-1)?.headers.authorization, `Bearer ${wrongKey}`);
    assert.doesNotMatch(JSON.stringify([error?.message, error?.bodyExcerpt]), /sk-wrong/);
  });

  it('no key at all: auth, and no Authorization header was sent', async () => {
    const { error } = await collect(
      streamChat(messages, { baseUrl: server.url, protocol: 'openai-compatible', model: 'm' }),
    );
    assert.equal(error?.kind, 'auth');
    assert.equal(server.requests.at(-1)?.headers.authorization, undefined);
  });

  it('faults behave as on the Vitalentum protocol', async () => {
    const options = { baseUrl: server.url, protocol: 'openai-compatible', model: 'm', apiKey: API_KEY } as const;
    const limited = await collect(streamChat([{ role: 'user', content: '[fault:429]' }], options));
    assert.equal(limited.error?.kind, 'rate-limited');
    assert.equal(limited.error?.retryAfterSeconds, 7);
    const cut = streamChat([{ role: 'user', content: '[fault:no-done] [chunks:2]' }], options);
    assert.equal((await collect(cut)).text, 'w0 w1 ');
    assert.equal(cut.endReason, 'end-of-body');
  });

  it('listModels: GET /v1/models with the key, returning the ids in order', async () => {
    const models = await listModels({ baseUrl: server.url, protocol: 'openai-compatible', apiKey: API_KEY });
    const ids = models.map((model) => model.id);
    assert.deepEqual(ids, ['llama3.2', 'qwen2.5-coder']);
    const request = server.requests.at(-1);
    assert.equal(request?.method, 'GET');
    assert.equal(request?.path, '/v1/models');
    assert.equal(request?.headers.authorization, `Bearer ${API_KEY}`);
  });

  it('listModels with a refused key: auth', async () => {
    await assert.rejects(
      listModels({ baseUrl: server.url, protocol: 'openai-compatible', apiKey: 'sk-nope' }),
      (error: unknown) => error instanceof ProviderError && error.kind === 'auth' && !error.message.includes('sk-nope'),
    );
  });

  it('listModels on the Vitalentum protocol: protocol error, nothing sent', async () => {
    const before = server.requests.length;
    await assert.rejects(
      listModels({ baseUrl: server.url }),
      (error: unknown) =>
        error instanceof ProviderError && error.kind === 'protocol' && error.code === 'ERR_NO_MODEL_LIST',
    );
    assert.equal(server.requests.length, before);
  });
});

describe('OpenAI-compatible servers answering 403 or echoing the key', () => {
  let server: Server;
  let url: string;
  before(async () => {
    server = createServer((req, res) => {
      if (req.url === '/v1/models') {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end('not json');
        return;
      }
      res.writeHead(403, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: { message: `Key ${req.headers.authorization} has no access to this model.` } }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(() => {
    server.closeAllConnections();
    server.close();
  });

  it('a non-HTML 403: auth, with the echoed key redacted from the excerpt', async () => {
    const { error } = await collect(
      streamChat(messages, { baseUrl: url, protocol: 'openai-compatible', model: 'm', apiKey: API_KEY }),
    );
    assert.equal(error?.kind, 'auth');
    assert.equal(error?.status, 403);
    assert.equal(error?.bodyExcerpt, '{"error":{"message":"Key Bearer *** has no access to this model."}}');
    assert.ok(!error?.message.includes(API_KEY));
  });

  it('a non-HTML 403 on the Vitalentum protocol is a plain http error', async () => {
    const { error } = await collect(streamChat(messages, { baseUrl: url }));
    assert.equal(error?.kind, 'http');
    assert.equal(error?.status, 403);
  });

  it('a model list that is not JSON: protocol', async () => {
    await assert.rejects(
      listModels({ baseUrl: url, protocol: 'openai-compatible' }),
      (error: unknown) =>
        error instanceof ProviderError && error.kind === 'protocol' && /not valid JSON/.test(error.message),
    );
  });
});
