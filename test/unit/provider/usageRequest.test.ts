// Asking OpenAI-compatible servers for token usage with stream_options, and what happens when a server refuses the
// field: one retry without it, remembered for that base URL, never seen by the caller.
import assert from 'node:assert/strict';
import { after, afterEach, before, describe, it } from 'node:test';
import { streamChat, type ChatMessage, type StreamOptions } from '../../../src/provider';
import { startProtocolServer, type ProtocolServer } from '../../support/protocolServer';
import { collect } from './collect';

const ask = (content: string): ChatMessage[] => [{ role: 'user', content }];
const ASK_USAGE = { include_usage: true };

describe('stream_options and servers that refuse it', () => {
  let server: ProtocolServer;
  before(async () => {
    server = await startProtocolServer();
  });
  after(() => server.close());
  // A fresh server for each test that needs one: what is remembered is remembered per base URL.
  const fresh: ProtocolServer[] = [];
  const freshServer = async (): Promise<ProtocolServer> => {
    const started = await startProtocolServer();
    fresh.push(started);
    return started;
  };
  afterEach(async () => {
    await Promise.all(fresh.splice(0).map((s) => s.close()));
  });
  const openAi = (url: string, extra: Partial<StreamOptions> = {}): StreamOptions => ({
    baseUrl: url,
    protocol: 'openai-compatible',
    model: 'm',
    ...extra,
  });
  const bodies = (s: ProtocolServer): Array<Record<string, unknown>> =>
    s.requests.map((request) => request.body as Record<string, unknown>);

  it('asks for usage; extraBody still merges last', async () => {
    await collect(streamChat(ask('[chunks:1]'), openAi(server.url, { extraBody: { max_tokens: 9 } })));
    const body = bodies(server).at(-1);
    assert.deepEqual(body?.stream_options, ASK_USAGE);
    assert.deepEqual(Object.keys(body ?? {}).slice(-3), ['stream', 'stream_options', 'max_tokens']);
  });

  it('a stream_options in extraBody replaces ours', async () => {
    const own = { include_usage: false };
    await collect(streamChat(ask('[chunks:1]'), openAi(server.url, { extraBody: { stream_options: own } })));
    assert.deepEqual(bodies(server).at(-1)?.stream_options, own);
  });

  it('the Vitalentum protocol never sends it', async () => {
    await collect(streamChat(ask('[chunks:1]'), { baseUrl: server.url }));
    assert.equal(bodies(server).at(-1)?.stream_options, undefined);
  });

  it('refused: asked again without it, the caller sees only the reply, and later requests go without', async () => {
    const refusing = await freshServer();
    const stream = streamChat(ask('[refuse-stream-options] [chunks:2] [usage]'), openAi(refusing.url));
    const { text, error } = await collect(stream);
    assert.equal(error, undefined);
    assert.equal(text, 'w0 w1 ');
    assert.deepEqual(stream.usage, { promptTokens: 42, completionTokens: 2 });
    assert.deepEqual(
      bodies(refusing).map((body) => body.stream_options),
      [ASK_USAGE, undefined],
    );
    await collect(streamChat(ask('[chunks:1]'), openAi(`${refusing.url}/`)));
    assert.equal(refusing.requests.length, 3, 'one request, without a refusal first');
    assert.equal(bodies(refusing).at(-1)?.stream_options, undefined);
    // Another server is still asked.
    await collect(streamChat(ask('[chunks:1]'), openAi(server.url)));
    assert.deepEqual(bodies(server).at(-1)?.stream_options, ASK_USAGE);
  });

  it('two requests refused at once both get their reply', async () => {
    const refusing = await freshServer();
    const replies = await Promise.all(
      [0, 1].map(() => collect(streamChat(ask('[refuse-stream-options] [chunks:2]'), openAi(refusing.url)))),
    );
    assert.deepEqual(
      replies.map(({ text, error }) => [text, error]),
      [
        ['w0 w1 ', undefined],
        ['w0 w1 ', undefined],
      ],
    );
  });

  it('a 400 for another reason is the caller’s error, and nothing is remembered', async () => {
    const other = await freshServer();
    const { error } = await collect(streamChat([{ role: 'system', content: 'no user message' }], openAi(other.url)));
    assert.deepEqual([error?.kind, error?.status], ['http', 400]);
    assert.equal(other.requests.length, 1);
    await collect(streamChat(ask('[chunks:1]'), openAi(other.url)));
    assert.deepEqual(bodies(other).at(-1)?.stream_options, ASK_USAGE);
  });

  it('a refusal of the stream_options extraBody sets is the caller’s error: the field was not ours', async () => {
    const refusing = await freshServer();
    const { error } = await collect(
      streamChat(
        ask('[refuse-stream-options]'),
        openAi(refusing.url, { extraBody: { stream_options: { include_usage: true } } }),
      ),
    );
    assert.deepEqual([error?.kind, error?.status], ['http', 400]);
    assert.match(error?.bodyExcerpt ?? '', /stream_options/);
    assert.equal(refusing.requests.length, 1);
  });
});
