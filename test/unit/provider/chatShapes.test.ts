// The event shapes of real OpenAI-compatible servers, decoded: role-only and empty first events, unknown fields, finish
// events with an empty delta, usage-only events, usage on the last content event, error events and reasoning. None may
// add text, and the fast readers must hand every event they do not fully understand to the full reading.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ChatEventDecoder } from '../../../src/provider/chatEvents';
import { CanonicalReader, canonicalContent, minimalContent, readChunk } from '../../../src/provider/eventShapes';

const wire = (...events: string[]): Buffer => Buffer.from(events.map((data) => `data: ${data}\n\n`).join(''));

interface Decoded {
  text: string;
  reasoning: string[];
  decoder: ChatEventDecoder;
}

function decode(bytes: Buffer, secret?: string): Decoded {
  const reasoning: string[] = [];
  const decoder = new ChatEventDecoder({ onReasoning: (text) => reasoning.push(text), secret });
  const text = decoder.push(bytes) + (decoder.done || decoder.error ? '' : decoder.finish());
  return { text, reasoning, decoder };
}

// Each as the server's documentation or source writes it.
const OPENAI = {
  first:
    '{"id":"chatcmpl-1","object":"chat.completion.chunk","created":1,"model":"gpt-4o-mini","service_tier":"default","system_fingerprint":"fp_1","choices":[{"index":0,"delta":{"role":"assistant","content":"","refusal":null},"logprobs":null,"finish_reason":null}],"usage":null,"obfuscation":"a1"}',
  text: '{"id":"chatcmpl-1","object":"chat.completion.chunk","created":1,"model":"gpt-4o-mini","system_fingerprint":"fp_1","choices":[{"index":0,"delta":{"content":"Hi"},"logprobs":{"content":[{"token":"Hi","logprob":-0.1,"bytes":[72,105],"top_logprobs":[]}],"refusal":null},"finish_reason":null}],"usage":null}',
  finish:
    '{"id":"chatcmpl-1","object":"chat.completion.chunk","created":1,"model":"gpt-4o-mini","choices":[{"index":0,"delta":{},"logprobs":null,"finish_reason":"length"}],"usage":null}',
  usage:
    '{"id":"chatcmpl-1","object":"chat.completion.chunk","created":1,"model":"gpt-4o-mini","choices":[],"usage":{"prompt_tokens":12,"completion_tokens":3,"total_tokens":15,"prompt_tokens_details":{"cached_tokens":0},"completion_tokens_details":{"reasoning_tokens":0}}}',
};
const LLAMA_CPP = {
  first:
    '{"choices":[{"finish_reason":null,"index":0,"delta":{"role":"assistant","content":null}}],"created":1,"id":"chatcmpl-X","model":"gpt-oss:20b","system_fingerprint":"b6097-9515c613","object":"chat.completion.chunk"}',
  reasoning:
    '{"choices":[{"finish_reason":null,"index":0,"delta":{"reasoning_content":"We"}}],"created":1,"id":"chatcmpl-X","model":"m","system_fingerprint":"b1","object":"chat.completion.chunk"}',
  lastWithUsage:
    '{"choices":[{"finish_reason":"stop","index":0,"delta":{"content":" there"}}],"created":1,"id":"chatcmpl-X","model":"m","system_fingerprint":"b1","object":"chat.completion.chunk","usage":{"completion_tokens":247,"prompt_tokens":1085,"total_tokens":1332},"timings":{"prompt_n":1085,"prompt_ms":203.378,"predicted_n":247,"predicted_ms":933.63}}',
  finalEmpty:
    '{"choices":[{"finish_reason":"stop","index":0,"delta":{}}],"created":1,"id":"chatcmpl-X","model":"m","object":"chat.completion.chunk","usage":{"completion_tokens":5,"prompt_tokens":7,"total_tokens":12},"timings":{"predicted_ms":9.5}}',
};
const OLLAMA = {
  reasoning:
    '{"id":"chatcmpl-123","object":"chat.completion.chunk","created":1,"model":"qwen3","system_fingerprint":"fp_ollama","choices":[{"index":0,"delta":{"role":"assistant","content":"","reasoning":"Hmm"},"finish_reason":null}]}',
  text: '{"id":"chatcmpl-123","object":"chat.completion.chunk","created":1,"model":"qwen3","system_fingerprint":"fp_ollama","choices":[{"index":0,"delta":{"role":"assistant","content":"Hi"},"finish_reason":null}]}',
  finish:
    '{"id":"chatcmpl-123","object":"chat.completion.chunk","created":1,"model":"qwen3","system_fingerprint":"fp_ollama","choices":[{"index":0,"delta":{"role":"assistant","content":""},"finish_reason":"stop"}]}',
  usage:
    '{"id":"chatcmpl-123","object":"chat.completion.chunk","created":1,"model":"qwen3","system_fingerprint":"fp_ollama","choices":[],"usage":{"prompt_tokens":26,"completion_tokens":9,"total_tokens":35}}',
};
const VLLM = {
  first:
    '{"id":"chatcmpl-a","object":"chat.completion.chunk","created":1,"model":"Qwen/Qwen3-8B","choices":[{"index":0,"delta":{"role":"assistant","content":""},"logprobs":null,"finish_reason":null}]}',
  reasoning:
    '{"id":"chatcmpl-a","object":"chat.completion.chunk","created":1,"model":"m","choices":[{"index":0,"delta":{"reasoning_content":"Let me"},"logprobs":null,"finish_reason":null}]}',
  last: '{"id":"chatcmpl-a","object":"chat.completion.chunk","created":1,"model":"m","choices":[{"index":0,"delta":{"content":"!"},"logprobs":null,"finish_reason":"length","stop_reason":null}]}',
  usage:
    '{"id":"chatcmpl-a","object":"chat.completion.chunk","created":1,"model":"m","choices":[],"usage":{"prompt_tokens":10,"total_tokens":30,"completion_tokens":20}}',
};

describe('server event shapes', () => {
  it('OpenAI: an empty first delta, logprobs, refusal and unknown fields add nothing; finish and usage are read', () => {
    const { text, decoder } = decode(wire(OPENAI.first, OPENAI.text, OPENAI.finish, OPENAI.usage, '[DONE]'));
    assert.equal(text, 'Hi');
    assert.equal(decoder.done, true);
    assert.equal(decoder.finishReason, 'length');
    assert.deepEqual(decoder.usage, { promptTokens: 12, completionTokens: 3 });
  });

  it('llama.cpp: content null, reasoning_content, and usage and timings on the last content event', () => {
    const { text, reasoning, decoder } = decode(
      wire(LLAMA_CPP.first, LLAMA_CPP.reasoning, OPENAI.text, LLAMA_CPP.lastWithUsage, '[DONE]'),
    );
    assert.equal(text, 'Hi there');
    assert.deepEqual(reasoning, ['We']);
    assert.equal(decoder.finishReason, 'stop');
    assert.deepEqual(decoder.usage, { promptTokens: 1085, completionTokens: 247 });
  });

  it('llama.cpp: a final event with an empty delta, usage and timings', () => {
    const { text, decoder } = decode(wire(LLAMA_CPP.first, OPENAI.text, LLAMA_CPP.finalEmpty, '[DONE]'));
    assert.equal(text, 'Hi');
    assert.deepEqual([decoder.finishReason, decoder.usage], ['stop', { promptTokens: 7, completionTokens: 5 }]);
  });

  it('Ollama: reasoning beside an empty content, a finish event with empty content, a usage-only event', () => {
    const { text, reasoning, decoder } = decode(
      wire(OLLAMA.reasoning, OLLAMA.text, OLLAMA.finish, OLLAMA.usage, '[DONE]'),
    );
    assert.equal(text, 'Hi');
    assert.deepEqual(reasoning, ['Hmm']);
    assert.deepEqual([decoder.finishReason, decoder.usage], ['stop', { promptTokens: 26, completionTokens: 9 }]);
  });

  it('vLLM: the finish reason on the last content event, then a usage-only event', () => {
    const { text, reasoning, decoder } = decode(wire(VLLM.first, VLLM.reasoning, VLLM.last, VLLM.usage, '[DONE]'));
    assert.equal(text, '!');
    assert.deepEqual(reasoning, ['Let me']);
    assert.deepEqual([decoder.finishReason, decoder.usage], ['length', { promptTokens: 10, completionTokens: 20 }]);
  });

  it('no finish reason and no usage when the server gave none', () => {
    const { decoder } = decode(wire('{"choices":[{"delta":{"content":"a"}}]}', '[DONE]'));
    assert.deepEqual([decoder.finishReason, decoder.usage], [undefined, undefined]);
  });

  it('the fast readers leave every event with more than plain content to the full reading', () => {
    for (const data of [
      OPENAI.finish,
      LLAMA_CPP.lastWithUsage,
      LLAMA_CPP.first,
      OLLAMA.reasoning,
      VLLM.last,
      '{"choices":[{"delta":{"content":"x"},"finish_reason": "length"}]}',
      '{"choices":[{"delta":{"content":"x"}}],"usage":{"prompt_tokens":1,"completion_tokens":1}}',
      '{"choices":[{"delta":{"content":"x","reasoning":"y"}}]}',
      '{"choices":[{"delta":{"content":"x"}}],"error":{"message":"m"}}',
      '{"choices":[{"delta":{"content":null}}]}',
    ]) {
      assert.equal(minimalContent(data), undefined, data);
      assert.equal(canonicalContent(data), undefined, data);
    }
    // Nulls everywhere stay on the fast path.
    assert.equal(canonicalContent(OPENAI.text), 'Hi');
    assert.equal(canonicalContent(OPENAI.first), '');
    assert.equal(canonicalContent('{"choices":[{"delta":{"content":"x","reasoning_content":null}}]}'), 'x');
    assert.equal(minimalContent('{"choices":[{"delta":{"content":""}}]}'), '');
  });

  it('the text around the content of the last event is remembered, and anything else in its place is read', () => {
    const prefix = '{"id":"c","choices":[{"index":0,"delta":{"content":"';
    const suffix = '"},"finish_reason":null}],"usage":null}';
    const reader = new CanonicalReader();
    assert.equal(reader.read(`${prefix}one${suffix}`), 'one');
    assert.equal(reader.read(`${prefix}two${suffix}`), 'two');
    assert.equal(reader.read(`${prefix}x\\"y${suffix}`), 'x"y');
    for (const data of [
      `${prefix}x","reasoning":"y${suffix}`,
      `${prefix}x${suffix.replace('null}', '{"prompt_tokens":1,"completion_tokens":2}}')}`,
      `${prefix.replace('"c"', '"d"')}x"},"finish_reason":"length"}]}`,
    ]) {
      assert.equal(reader.read(data), undefined, data);
    }
    const reasoning: string[] = [];
    const decoder = new ChatEventDecoder({ onReasoning: (text) => reasoning.push(text) });
    const text = decoder.push(
      wire(`${prefix}one${suffix}`, `${prefix}x","reasoning":"y${suffix}`, `${prefix}z${suffix}`),
    );
    assert.deepEqual([text, reasoning], ['onexz', ['y']]);
  });

  it('reads an event with text, reasoning, a finish reason and usage all at once', () => {
    assert.deepEqual(
      readChunk({
        choices: [{ delta: { content: 'a', reasoning: 'b' }, finish_reason: 'length' }],
        usage: { prompt_tokens: 1, completion_tokens: 2 },
      }),
      { content: 'a', reasoning: 'b', finishReason: 'length', usage: { promptTokens: 1, completionTokens: 2 } },
    );
    assert.deepEqual(readChunk({ choices: [{ delta: { reasoning_content: 'a', reasoning: 'a' } }] }), {
      reasoning: 'a',
    });
    assert.deepEqual(readChunk({ usage: { prompt_tokens: 1 }, choices: [{ finish_reason: '' }] }), {});
  });
});

describe('error events in the stream', () => {
  const text = '{"choices":[{"delta":{"content":"Partial "}}]}';

  for (const [name, event, message, code] of [
    [
      'OpenAI',
      '{"error":{"message":"model overloaded","type":"server_error","param":null,"code":503}}',
      'model overloaded',
      '503',
    ],
    [
      'a string code',
      '{"error":{"message":"slow down","code":"rate_limit_exceeded"}}',
      'slow down',
      'rate_limit_exceeded',
    ],
    [
      'Ollama, no code',
      '{"error":{"message":"llama runner process has terminated","type":"api_error","param":null,"code":null}}',
      'llama runner process has terminated',
      undefined,
    ],
    [
      'vLLM, spaced',
      '{"error": {"object": "error", "message": "out of memory", "type": "InternalServerError", "param": null, "code": 500}}',
      'out of memory',
      '500',
    ],
    [
      'a plain string',
      '{"error":"an error was encountered while running the model"}',
      'an error was encountered while running the model',
      undefined,
    ],
    ['no message', '{"error":{"code":500}}', '{"code":500}', '500'],
  ] as const) {
    it(`${name}: ends the reply with a server error after the text before it`, () => {
      const { text: got, decoder } = decode(wire(text, event, '{"choices":[{"delta":{"content":"never"}}]}'));
      assert.equal(got, 'Partial ');
      assert.equal(decoder.error?.kind, 'server');
      assert.equal(decoder.error?.serverMessage, message);
      assert.equal(decoder.error?.serverCode, code);
      assert.equal(decoder.done, false);
    });
  }

  it('an error that is null or empty is no error', () => {
    const { text, decoder } = decode(wire('{"error":null,"choices":[{"delta":{"content":"a"}}]}', '{"error":""}'));
    assert.equal(text, 'a');
    assert.equal(decoder.error, undefined);
  });

  it('removes the API key from the message and cuts a very long one', () => {
    const key = 'sk-secret-123456';
    const echoed = decode(wire(`{"error":{"message":"key ${key} is not allowed"}}`), key).decoder.error;
    assert.equal(echoed?.serverMessage, 'key *** is not allowed');
    assert.ok(!echoed?.message.includes(key));
    const long = decode(wire(JSON.stringify({ error: 'x'.repeat(5000) }))).decoder.error;
    assert.equal(long?.serverMessage?.length, 500);
  });
});
