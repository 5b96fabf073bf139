// How each server the test server imitates writes its events' data: the Vitalentum protocol's minimal shape, and the
// OpenAI-compatible stream as OpenAI, Ollama, llama.cpp and vLLM write it (from their documentation and sources).
import type { Shape } from './protocolServerDirectives';

export interface TokenCounts {
  prompt: number;
  completion: number;
}

/** The data of one server's events; an optional one is an event that server does not send. */
export interface Dialect {
  /** The event announcing the assistant's role, before any text. */
  opening?: string;
  reasoning(text: string): string;
  content(text: string): string;
  /** The last content event, for servers that put the finish reason (and usage, when any) on it. */
  lastContent?(text: string, finishReason: string, usage: TokenCounts | undefined): string;
  /** An event after the text with an empty delta and the finish reason. */
  finish?(finishReason: string): string;
  /** A usage-only event, with no choices. */
  usage?(counts: TokenCounts): string;
  /** The error event of [stream-error]. */
  error: string;
}

const OVERLOADED = 'model overloaded';

function usageOf({ prompt, completion }: TokenCounts): Record<string, number> {
  return { prompt_tokens: prompt, completion_tokens: completion, total_tokens: prompt + completion };
}

const vitalentum: Dialect = {
  opening: JSON.stringify({ choices: [{ delta: { role: 'assistant' } }] }),
  reasoning: (text) => JSON.stringify({ choices: [{ delta: { reasoning_content: text } }] }),
  content: (text) => JSON.stringify({ choices: [{ delta: { content: text } }] }),
  error: JSON.stringify({ error: { message: OVERLOADED, code: 503 } }),
};

/** OpenAI: every field of its chunks, `"usage":null` on each when usage was asked for, then a usage-only chunk. */
function openAi(model: string, askedUsage: boolean): Dialect {
  const head = { id: 'chatcmpl-local', object: 'chat.completion.chunk', created: 1767225600, model };
  const tail = askedUsage ? { usage: null } : {};
  const chunk = (delta: object, finishReason: string | null = null): string =>
    JSON.stringify({
      ...head,
      system_fingerprint: 'fp_local',
      choices: [{ index: 0, delta, logprobs: null, finish_reason: finishReason }],
      ...tail,
    });
  return {
    opening: chunk({ role: 'assistant', content: '', refusal: null }),
    // As DeepSeek's OpenAI-compatible API sends reasoning: beside a null content.
    reasoning: (text) => chunk({ content: null, reasoning_content: text }),
    content: (text) => chunk({ content: text }),
    finish: (finishReason) => chunk({}, finishReason),
    usage: (counts) => JSON.stringify({ ...head, system_fingerprint: 'fp_local', choices: [], usage: usageOf(counts) }),
    error: JSON.stringify({ error: { message: OVERLOADED, code: 503 } }),
  };
}

/** Go's encoding/json escapes these even inside strings, so Ollama's `<think>` arrives as `\u003cthink\u003e`. */
function goJson(value: unknown): string {
  return JSON.stringify(value).replace(
    /[<>&\u2028\u2029]/g,
    (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

function ollama(model: string): Dialect {
  const head = { id: 'chatcmpl-123', object: 'chat.completion.chunk', created: 1767225600, model };
  const chunk = (delta: object, finishReason: string | null = null): string =>
    goJson({
      ...head,
      system_fingerprint: 'fp_ollama',
      choices: [{ index: 0, delta: { role: 'assistant', ...delta }, finish_reason: finishReason }],
    });
  return {
    reasoning: (text) => chunk({ content: '', reasoning: text }),
    content: (text) => chunk({ content: text }),
    finish: (finishReason) => chunk({ content: '' }, finishReason),
    usage: (counts) => goJson({ ...head, system_fingerprint: 'fp_ollama', choices: [], usage: usageOf(counts) }),
    error: goJson({ error: { message: OVERLOADED, type: 'api_error', param: null, code: null } }),
  };
}

function llamaCpp(model: string): Dialect {
  const chunk = (delta: object, finishReason: string | null = null, extra: object = {}): string =>
    JSON.stringify({
      choices: [{ finish_reason: finishReason, index: 0, delta }],
      created: 1767225600,
      id: 'chatcmpl-X6urH4f6JOotPwco2EgcgeoM6ZWup59u',
      model,
      system_fingerprint: 'b6097-9515c613',
      object: 'chat.completion.chunk',
      ...extra,
    });
  const timings = { prompt_n: 42, prompt_ms: 203.378, predicted_n: 1, predicted_ms: 3.78 };
  return {
    opening: chunk({ role: 'assistant', content: null }),
    reasoning: (text) => chunk({ reasoning_content: text }),
    content: (text) => chunk({ content: text }),
    lastContent: (text, finishReason, counts) =>
      chunk({ content: text }, finishReason, { ...(counts ? { usage: usageOf(counts) } : {}), timings }),
    error: JSON.stringify({ error: { code: 503, message: OVERLOADED, type: 'unavailable_error' } }),
  };
}

function vllm(model: string): Dialect {
  const head = { id: 'chatcmpl-a1b2c3', object: 'chat.completion.chunk', created: 1767225600, model };
  const chunk = (delta: object, finishReason: string | null = null): string =>
    JSON.stringify({
      ...head,
      choices: [
        {
          index: 0,
          delta,
          logprobs: null,
          finish_reason: finishReason,
          ...(finishReason ? { stop_reason: null } : {}),
        },
      ],
    });
  return {
    opening: chunk({ role: 'assistant', content: '' }),
    reasoning: (text) => chunk({ reasoning_content: text }),
    content: (text) => chunk({ content: text }),
    lastContent: (text, finishReason) => chunk({ content: text }, finishReason),
    usage: ({ prompt, completion }) =>
      JSON.stringify({
        ...head,
        choices: [],
        usage: { prompt_tokens: prompt, total_tokens: prompt + completion, completion_tokens: completion },
      }),
    // Written by Python's json.dumps, with its spaces after `,` and `:`.
    error: `{"error": {"object": "error", "message": "${OVERLOADED}", "type": "ServiceUnavailableError", "param": null, "code": 503}}`,
  };
}

/** The Vitalentum protocol's dialect. */
export const VITALENTUM_DIALECT = vitalentum;

/** An OpenAI-compatible server's dialect; `askedUsage` when the request body asked for usage. */
export function openAiDialect(shape: Shape | undefined, model: string, askedUsage: boolean): Dialect {
  switch (shape) {
    case 'ollama':
      return ollama(model);
    case 'llamacpp':
      return llamaCpp(model);
    case 'vllm':
      return vllm(model);
    default:
      return openAi(model, askedUsage);
  }
}
