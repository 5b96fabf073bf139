import type { HttpRequest } from './http';
import type { ChatMessage, ListModelsOptions, StreamOptions } from './types';

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
      temperature: options.temperature ?? 0.7,
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
