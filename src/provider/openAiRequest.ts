// The OpenAI-compatible protocol's requests: a streamed chat completion and the model list.
import { ProviderError } from './errors';
import type { HttpRequest } from './http';
import { DEFAULT_TEMPERATURE, type ChatMessage, type ListModelsOptions, type StreamOptions } from './types';

// Base URLs whose server refused `stream_options` (some OpenAI-compatible servers reject fields they do not know):
// their requests go without it from then on, for as long as the extension runs.
const refusingStreamOptions = new Set<string>();

/**
 * Whether a chat request to `base` asks for token usage with `stream_options`: not when the server refused the field
 * before, nor when extraBody sets it, since extraBody's own value replaces it.
 */
export function asksForUsage(options: StreamOptions, base: string): boolean {
  return !refusingStreamOptions.has(base) && !Object.hasOwn(options.extraBody ?? {}, 'stream_options');
}

/**
 * True when a request that asked for usage failed because the server refuses `stream_options` (a 400 whose body
 * names it); `base` is remembered, so that asksForUsage says no from now on.
 */
export function recordStreamOptionsRefusal(error: unknown, base: string): boolean {
  if (!(error instanceof ProviderError) || error.status !== 400) return false;
  if (!error.bodyExcerpt?.includes('stream_options')) return false;
  refusingStreamOptions.add(base);
  return true;
}

/** `{baseUrl}/v1`, without doubling a /v1 the user already put in the base URL. */
function apiRoot(base: string): string {
  return base.endsWith('/v1') ? base : `${base}/v1`;
}

function authorization(apiKey: string | undefined): Record<string, string> {
  return apiKey ? { authorization: `Bearer ${apiKey}` } : {};
}

/** POST {baseUrl}/v1/chat/completions with stream: true, and when `askUsage`, usage in the stream's last event. */
export function buildOpenAiChatRequest(
  messages: readonly ChatMessage[],
  options: StreamOptions,
  base: string,
  askUsage: boolean,
): HttpRequest {
  return {
    url: new URL(`${apiRoot(base)}/chat/completions`),
    method: 'POST',
    headers: {
      accept: 'text/event-stream',
      'content-type': 'application/json',
      ...authorization(options.apiKey),
    },
    body: JSON.stringify({
      model: options.model,
      messages: messages.map(({ role, content }) => ({ role, content })),
      temperature: options.temperature ?? DEFAULT_TEMPERATURE,
      stream: true,
      ...(askUsage ? { stream_options: { include_usage: true } } : {}),
      ...options.extraBody,
    }),
    forbiddenMeansAuth: true,
    secret: options.apiKey,
  };
}

/** GET {baseUrl}/v1/models. */
export function buildOpenAiModelsRequest(options: ListModelsOptions, base: string): HttpRequest {
  return {
    url: new URL(`${apiRoot(base)}/models`),
    method: 'GET',
    headers: { accept: 'application/json', ...authorization(options.apiKey) },
    forbiddenMeansAuth: true,
    secret: options.apiKey,
  };
}
