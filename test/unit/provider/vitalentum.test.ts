// streamChat over the Vitalentum protocol: the request it sends, the local test server's replies and faults, raw byte
// streams split at any byte, and servers that cannot be reached or stay silent.
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { streamChat, type ChatMessage, type ProviderWarning } from '../../../src/provider';
import { MARKDOWN_ANSWER, startProtocolServer, type ProtocolServer } from '../../support/protocolServer';
import { collect } from './collect';

const ask = (content: string): ChatMessage[] => [{ role: 'user', content }];

describe('streamChat over the Vitalentum protocol', () => {
  let server: ProtocolServer;
  before(async () => {
    server = await startProtocolServer();
  });
  after(() => server.close());

  it('sends the browser-like request the protocol describes', async () => {
    const messages: ChatMessage[] = [
      { role: 'system', content: 'Be brief.' },
      { role: 'user', content: 'Hi' },
      { role: 'assistant', content: 'Hello!' },
      { role: 'user', content: 'What is "SSE"?' },
    ];
    const result = await collect(streamChat(messages, { baseUrl: `${server.url}/` }));
    assert.equal(result.error, undefined);
    const request = server.requests.at(-1);
    assert.ok(request);
    assert.equal(request.method, 'POST');
    assert.equal(request.path, '/api/converse-edge');
    const h = request.headers;
    assert.equal(h.accept, 'text/event-stream');
    assert.equal(h['content-type'], 'application/json');
    assert.equal(h.origin, server.url);
    assert.equal(h.referer, `${server.url}/`);
    assert.equal(
      h['user-agent'],
      'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/116.0.0.0 Safari/537.36',
    );
    assert.equal(h['accept-language'], 'de,en-US;q=0.7,en;q=0.3');
    assert.equal(h['sec-fetch-dest'], 'empty');
    assert.equal(h['sec-fetch-mode'], 'cors');
    assert.equal(h['sec-fetch-site'], 'same-origin');
    assert.equal(h.authorization, undefined);
    const history = [
      { speaker: 'bot', text: 'Be brief.' },
      { speaker: 'human', text: 'Hi' },
      { speaker: 'bot', text: 'Hello!' },
      { speaker: 'human', text: 'What is "SSE"?' },
    ];
    assert.deepEqual(request.body, { conversation: JSON.stringify({ history }), temperature: 0.7 });
    assert.deepEqual(request.history, history);
  });

  it('merges extra body parameters after temperature, so theirs win, and never sends the model', async () => {
    await collect(
      streamChat(ask('x'), {
        baseUrl: server.url,
        model: 'gpt-4',
        temperature: 1.1,
        extraBody: { temperature: 0.2, top_p: 0.9 },
      }),
    );
    const body = server.requests.at(-1)?.body as Record<string, unknown>;
    assert.deepEqual(Object.keys(body), ['conversation', 'temperature', 'top_p']);
    assert.equal(body.temperature, 0.2);
    assert.equal(body.top_p, 0.9);
  });

  it('streams the whole default answer and ends with done', async () => {
    const stream = streamChat(ask('Explain this.'), { baseUrl: server.url });
    const result = await collect(stream);
    assert.equal(result.error, undefined);
    assert.equal(result.text, MARKDOWN_ANSWER);
    assert.equal(stream.endReason, 'done');
  });

  it('yields each chunk as it arrives when the server paces them', async () => {
    const stream = streamChat(ask('[chunks:4] [pace:20]'), { baseUrl: server.url });
    const result = await collect(stream);
    assert.deepEqual(result.chunks, ['w0 ', 'w1 ', 'w2 ', 'w3 ']);
    assert.equal(stream.endReason, 'done');
  });

  it('passes hostile text through verbatim', async () => {
    const hostile = '<script>alert(1)</script> "quotes" \\ back\nslash\r\n\u2028 😀 data: [DONE]\n\n';
    const stream = streamChat(ask(`[echo] ${hostile}`), { baseUrl: server.url });
    const result = await collect(stream);
    assert.equal(result.text, hostile);
    assert.equal(stream.endReason, 'done');
  });

  it('429: rate-limited with Retry-After in seconds', async () => {
    const stream = streamChat(ask('[fault:429]'), { baseUrl: server.url });
    const { error, text } = await collect(stream);
    assert.equal(text, '');
    assert.equal(error?.kind, 'rate-limited');
    assert.equal(error?.status, 429);
    assert.equal(error?.retryAfterSeconds, 7);
    assert.equal(error?.message, 'HTTP 429');
    assert.equal(stream.endReason, undefined);
  });

  it('403 with a bot-check page: blocked, with a readable excerpt', async () => {
    const { error } = await collect(streamChat(ask('[fault:403]'), { baseUrl: server.url }));
    assert.equal(error?.kind, 'blocked');
    assert.equal(error?.status, 403);
    assert.match(error?.bodyExcerpt ?? '', /^Just a moment\.\.\. app\.vitalentum\.io Checking if the site/);
    assert.doesNotMatch(error?.bodyExcerpt ?? '', /[<>]|_cf_chl_opt|font-family/);
    assert.ok((error?.bodyExcerpt ?? '').length <= 300);
  });

  it('500: http with the status and the body excerpt', async () => {
    const { error } = await collect(streamChat(ask('[fault:500]'), { baseUrl: server.url }));
    assert.equal(error?.kind, 'http');
    assert.equal(error?.status, 500);
    assert.equal(error?.bodyExcerpt, 'Internal Server Error: the model backend is unavailable.');
    assert.equal(error?.message, 'HTTP 500');
  });

  it('401: auth, with the status', async () => {
    const { error } = await collect(streamChat(ask('[fault:401]'), { baseUrl: server.url }));
    assert.equal(error?.kind, 'auth');
    assert.equal(error?.status, 401);
  });

  it('200 with text/html: protocol, with the content type received and the one expected', async () => {
    const { error } = await collect(streamChat(ask('[fault:content-type]'), { baseUrl: server.url }));
    assert.equal(error?.kind, 'protocol');
    assert.equal(error?.status, 200);
    assert.equal(error?.contentType, 'text/html; charset=utf-8');
    assert.equal(error?.expectedContentType, 'text/event-stream');
    assert.equal(error?.bodyExcerpt, 'Welcome This is a web page, not a chat API.');
  });

  it('connection reset mid-reply: network, after the chunks that arrived', async () => {
    const stream = streamChat(ask('[fault:reset] [chunks:10]'), { baseUrl: server.url });
    const { error, text } = await collect(stream);
    assert.equal(text, 'w0 w1 w2 ');
    assert.equal(error?.kind, 'network');
    assert.equal(error?.code, 'ECONNRESET');
  });

  it('stalled mid-reply: timeout after the idle time, keeping the chunks that arrived', async () => {
    const { error, text } = await collect(
      streamChat(ask('[fault:stall] [chunks:10]'), { baseUrl: server.url, idleTimeoutMs: 200 }),
    );
    assert.equal(text, 'w0 w1 w2 ');
    assert.equal(error?.kind, 'timeout');
    assert.equal(error?.code, 'UND_ERR_BODY_TIMEOUT');
    assert.equal(error?.idleTimeoutMs, 200);
  });

  it('malformed event: skipped, reported, and the rest of the reply kept', async () => {
    const warnings: ProviderWarning[] = [];
    const stream = streamChat(ask('[fault:malformed] [chunks:3]'), {
      baseUrl: server.url,
      onWarning: (warning) => warnings.push(warning),
    });
    const { error, text } = await collect(stream);
    assert.equal(error, undefined);
    assert.equal(text, 'w0 w1 w2 ');
    assert.equal(stream.endReason, 'done');
    assert.deepEqual(
      warnings.map((w) => [w.kind, w.line]),
      [['malformed-event', 'data: {"choices":[{"delta":{"content":"lost']],
    );
  });

  it('no [DONE]: the whole text, with endReason end-of-body', async () => {
    const stream = streamChat(ask('[fault:no-done] [chunks:3]'), { baseUrl: server.url });
    const { error, text } = await collect(stream);
    assert.equal(error, undefined);
    assert.equal(text, 'w0 w1 w2 ');
    assert.equal(stream.endReason, 'end-of-body');
  });

  it('a stream can be iterated only once', async () => {
    const stream = streamChat(ask('[chunks:1]'), { baseUrl: server.url });
    await collect(stream);
    assert.throws(() => stream[Symbol.asyncIterator](), /only once/);
  });
});

describe('streamChat: raw byte streams', () => {
  const event = (content: string): string => `data: ${JSON.stringify({ choices: [{ delta: { content } }] })}\r\n\r\n`;

  it('reassembles events split across reads, inside "é" and "€", with \\r\\n, comments and fields', async () => {
    const wire = Buffer.from(
      ': keep-alive\r\n\r\nevent: message\r\nid: 1\r\nretry: 1000\r\n' +
        event('Café ') +
        'data: {"choices":[{"delta":{"role":"assistant"}}]}\r\n\r\n' +
        event('costs 3 €.') +
        event(' Bye') +
        'data: [DONE]\r\n\r\n',
    );
    const eAcute = wire.indexOf(Buffer.from('é'));
    const euro = wire.indexOf(Buffer.from('€'));
    const server = await startProtocolServer({
      rawReply: {
        pieces: [
          wire.subarray(0, eAcute + 1),
          wire.subarray(eAcute + 1, euro + 1),
          wire.subarray(euro + 1, euro + 2),
          wire.subarray(euro + 2),
        ],
      },
    });
    try {
      const stream = streamChat(ask('x'), { baseUrl: server.url });
      const { error, text } = await collect(stream);
      assert.equal(error, undefined);
      assert.equal(text, 'Café costs 3 €. Bye');
      assert.equal(stream.endReason, 'done');
    } finally {
      await server.close();
    }
  });

  it('stops reading at [DONE]', async () => {
    const server = await startProtocolServer({
      rawReply: { pieces: [event('kept') + 'data: [DONE]\n\n' + event(' ignored'), event(' never read')] },
    });
    try {
      const stream = streamChat(ask('x'), { baseUrl: server.url });
      const { text } = await collect(stream);
      assert.equal(text, 'kept');
      assert.equal(stream.endReason, 'done');
    } finally {
      await server.close();
    }
  });
});

describe('streamChat: unreachable or silent servers', () => {
  let silent: Server;
  let silentUrl: string;
  before(async () => {
    // Accepts requests and never answers them.
    silent = createServer(() => undefined);
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    silentUrl = `http://127.0.0.1:${(silent.address() as AddressInfo).port}`;
  });
  after(() => {
    silent.closeAllConnections();
    silent.close();
  });

  it('no headers within the idle time: timeout', async () => {
    const { error } = await collect(streamChat(ask('x'), { baseUrl: silentUrl, idleTimeoutMs: 150 }));
    assert.equal(error?.kind, 'timeout');
    assert.equal(error?.code, 'UND_ERR_HEADERS_TIMEOUT');
    assert.equal(error?.idleTimeoutMs, 150);
  });

  it('connection refused: network, with the code and a technical message', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const { error } = await collect(streamChat(ask('x'), { baseUrl: `http://127.0.0.1:${port}` }));
    assert.equal(error?.kind, 'network');
    assert.equal(error?.code, 'ECONNREFUSED');
    assert.equal(error?.message, `connect ECONNREFUSED 127.0.0.1:${port}`);
  });

  it('an invalid base URL: an error from the iteration, naming the URL and where it came from', async () => {
    const { error } = await collect(streamChat(ask('x'), { baseUrl: 'ftp://example.com' }));
    assert.equal(error?.kind, 'network');
    assert.equal(error?.code, 'ERR_INVALID_URL_SCHEME');
    assert.equal(error?.urlSource, 'baseUrl');
    assert.equal(error?.url, 'ftp://example.com');
    const unparsable = (await collect(streamChat(ask('x'), { baseUrl: 'not a url' }))).error;
    assert.deepEqual([unparsable?.kind, unparsable?.code], ['network', 'ERR_INVALID_URL']);
  });
});
