// Every shape the local test server imitates, over a real socket in both protocols: reasoning, <think> blocks, finish
// reasons, usage, error events in the stream, and \r, \r\n and byte-order-mark framing.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { streamChat, type ChatStream, type StreamOptions } from '../../../src/provider';
import {
  MARKDOWN_ANSWER,
  reasoningChunks,
  replyChunks,
  startProtocolServer,
  THINK_TEXT,
  type ProtocolServer,
} from '../../support/protocolServer';
import { collect, type Collected } from './collect';

interface Reply extends Collected {
  reasoning: string[];
  stream: ChatStream;
}

async function reply(server: ProtocolServer, content: string, options: Partial<StreamOptions> = {}): Promise<Reply> {
  const reasoning: string[] = [];
  const stream = streamChat([{ role: 'user', content }], {
    baseUrl: server.url,
    onReasoning: (text) => reasoning.push(text),
    ...options,
  });
  return { ...(await collect(stream)), reasoning, stream };
}

const OPENAI_SHAPES = [
  ['OpenAI', '', '503'],
  ['Ollama', '[shape:ollama]', undefined],
  ['llama.cpp', '[shape:llamacpp]', '503'],
  ['vLLM', '[shape:vllm]', '503'],
] as const;

describe('the test server’s OpenAI-compatible shapes, through streamChat', () => {
  let server: ProtocolServer;
  before(async () => {
    server = await startProtocolServer();
  });
  after(() => server.close());
  const openAi = { protocol: 'openai-compatible', model: 'm' } as const;

  for (const [name, shape, code] of OPENAI_SHAPES) {
    it(`${name}: the default answer, finish reason stop, no usage unless sent`, async () => {
      const { text, error, stream } = await reply(server, `${shape} Explain.`, openAi);
      assert.equal(error, undefined);
      assert.equal(text, MARKDOWN_ANSWER);
      assert.deepEqual([stream.endReason, stream.finishReason, stream.usage], ['done', 'stop', undefined]);
    });

    it(`${name}: reasoning deltas, a cut-off reply and its usage`, async () => {
      const got = await reply(server, `${shape} [chunks:3] [reasoning:2] [finish:length] [usage]`, openAi);
      assert.equal(got.error, undefined);
      assert.equal(got.text, 'w0 w1 w2 ');
      assert.deepEqual(got.reasoning, reasoningChunks(2));
      assert.equal(got.stream.finishReason, 'length');
      assert.deepEqual(got.stream.usage, { promptTokens: 42, completionTokens: 3 });
    });

    it(`${name}: a <think> block split across chunks and reads`, async () => {
      const got = await reply(server, `${shape} [think] [chunks:2] [pace:2]`, openAi);
      assert.equal(got.text, 'w0 w1 ');
      assert.equal(got.reasoning.join(''), THINK_TEXT);
      assert.ok(got.chunks.length >= 2, 'each chunk came in its own read');
    });

    it(`${name}: an error event after some text`, async () => {
      const got = await reply(server, `${shape} [stream-error] [chunks:10]`, openAi);
      assert.equal(got.text, 'w0 w1 w2 ');
      assert.equal(got.error?.kind, 'server');
      assert.equal(got.error?.serverMessage, 'model overloaded');
      assert.equal(got.error?.serverCode, code);
      assert.equal(got.stream.endReason, undefined);
    });
  }

  it('OpenAI: "usage": null on every event once usage was asked for, and the usage-only event read', async () => {
    const got = await reply(server, '[chunks:4] [usage]', openAi);
    assert.equal(got.text, 'w0 w1 w2 w3 ');
    assert.deepEqual(got.stream.usage, { promptTokens: 42, completionTokens: 4 });
  });

  for (const framing of ['[cr]', '[crlf]', '[bom]', '[bom] [cr]']) {
    it(`${framing}: the whole answer and its usage`, async () => {
      const got = await reply(server, `${framing} [usage] [think] Explain.`, openAi);
      assert.equal(got.error, undefined);
      assert.equal(got.text, MARKDOWN_ANSWER);
      assert.equal(got.reasoning.join(''), THINK_TEXT);
      assert.deepEqual(
        [got.stream.endReason, got.stream.usage?.completionTokens],
        ['done', [...replyChunks({})].length],
      );
    });
  }
});

describe('the test server’s Vitalentum protocol, through streamChat', () => {
  let server: ProtocolServer;
  before(async () => {
    server = await startProtocolServer();
  });
  after(() => server.close());

  it('reasoning and a <think> block; no finish reason and no usage, which the protocol does not have', async () => {
    const got = await reply(server, '[chunks:3] [reasoning:2] [think] [finish:length] [usage]');
    assert.equal(got.error, undefined);
    assert.equal(got.text, 'w0 w1 w2 ');
    assert.equal(got.reasoning.join(''), `r0 r1 ${THINK_TEXT}`);
    assert.deepEqual([got.stream.endReason, got.stream.finishReason, got.stream.usage], ['done', undefined, undefined]);
  });

  it('an error event after some text', async () => {
    const got = await reply(server, '[stream-error] [chunks:10]');
    assert.equal(got.text, 'w0 w1 w2 ');
    assert.deepEqual(
      [got.error?.kind, got.error?.serverMessage, got.error?.serverCode],
      ['server', 'model overloaded', '503'],
    );
  });

  for (const framing of ['[cr]', '[crlf]', '[bom]', '[bom] [cr] [pace:1]']) {
    it(`${framing}: the whole answer`, async () => {
      const got = await reply(server, `${framing} Explain.`);
      assert.equal(got.error, undefined);
      assert.equal(got.text, MARKDOWN_ANSWER);
      assert.equal(got.stream.endReason, 'done');
    });
  }

  it('[cr] over many reads: every event of a long reply', async () => {
    const got = await reply(server, '[cr] [chunks:5000]');
    assert.equal(got.text, Array.from({ length: 5000 }, (_, i) => `w${i} `).join(''));
  });
});
