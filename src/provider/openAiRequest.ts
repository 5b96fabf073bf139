// The OpenAI-compatible protocol's requests: a streamed chat completion and the model list.
import type { HttpRequest } from './http';
import { DEFAULT_TEMPERATURE, type ChatMessage, type ListModelsOptions, type StreamOptions } from './types';

/** `{baseUrl}/v1`, without doubling a /v1 the user already put in the base URL. */
function apiRoot(base: string): string {
  return base.endsWith('/v1') ? base : `${base}/v1`;
}

function authorization(apiKey: string | undefined): Record<string, string> {
  return apiKey ? { authorization: `Bearer ${apiKey}` } : {};
}

/** POST {baseUrl}/v1/chat/completions with stream: true. */
export function buildOpenAiChatRequest(
  messages: readonly ChatMessage[],
  options: StreamOptions,
  base: string,
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
