// The Vitalentum protocol's one request: the chat history posted as its own web page posts it.
import type { HttpRequest } from './http';
import { DEFAULT_TEMPERATURE, type ChatMessage, type StreamOptions } from './types';

// The service checked that requests looked like its own web page's, so the request carries a browser's headers.
const CHROME_USER_AGENT =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/116.0.0.0 Safari/537.36';

/** POST {baseUrl}/api/converse-edge with the history as a JSON string; see docs/vitalentum-protocol.md. */
export function buildVitalentumRequest(
  messages: readonly ChatMessage[],
  options: StreamOptions,
  base: string,
): HttpRequest {
  const history = messages.map((message) => ({
    speaker: message.role === 'user' ? 'human' : 'bot',
    text: message.content,
  }));
  return {
    url: new URL(`${base}/api/converse-edge`),
    method: 'POST',
    headers: {
      accept: 'text/event-stream',
      'content-type': 'application/json',
      origin: base,
      referer: `${base}/`,
      'user-agent': CHROME_USER_AGENT,
      'accept-language': 'de,en-US;q=0.7,en;q=0.3',
      'sec-fetch-dest': 'empty',
      'sec-fetch-mode': 'cors',
      'sec-fetch-site': 'same-origin',
    },
    body: JSON.stringify({
      conversation: JSON.stringify({ history }),
      temperature: options.temperature ?? DEFAULT_TEMPERATURE,
      ...options.extraBody,
    }),
    forbiddenMeansAuth: false,
  };
}
