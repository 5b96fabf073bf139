// Streams one chat reply: builds the request for the protocol, sends it and decodes the events as they arrive.
import { normalizeBaseUrl } from './baseUrl';
import { ChatEventDecoder } from './chatEvents';
import { toProviderError } from './errors';
import { send, transportOptions, type HttpRequest, type ResponseBody } from './http';
import { buildOpenAiChatRequest } from './openAiRequest';
import type { ChatMessage, ChatStream, StreamOptions } from './types';
import { buildVitalentumRequest } from './vitalentumRequest';

function chatRequest(messages: readonly ChatMessage[], options: StreamOptions): HttpRequest {
  const base = normalizeBaseUrl(options.baseUrl);
  return options.protocol === 'openai-compatible'
    ? buildOpenAiChatRequest(messages, options, base)
    : buildVitalentumRequest(messages, options, base);
}

// What follows the end marker is read and dropped (up to a limit) rather than cutting the connection, so the
// connection can serve the next request. The reply is complete at this point: a failure while discarding only
// costs that connection, which undici then closes.
const DISCARD_LIMIT = 64 * 1024;
function discardRest(body: ResponseBody): void {
  body.dump({ limit: DISCARD_LIMIT }).catch(() => undefined);
}

class ChatReplyStream implements ChatStream {
  private reason: 'done' | 'end-of-body' | undefined;
  private started = false;

  constructor(
    private readonly messages: readonly ChatMessage[],
    private readonly options: StreamOptions,
  ) {}

  get endReason(): 'done' | 'end-of-body' | undefined {
    return this.reason;
  }

  // Not read from the stream yet: every server's reply reads as one without a finish reason or usage.
  readonly finishReason = undefined;
  readonly usage = undefined;

  [Symbol.asyncIterator](): AsyncIterator<string> {
    if (this.started) throw new Error('A chat stream can be iterated only once.');
    this.started = true;
    return this.read();
  }

  private async *read(): AsyncGenerator<string, void, undefined> {
    const transport = transportOptions(this.options);
    const body = await send(chatRequest(this.messages, this.options), 'text/event-stream', transport);
    const decoder = new ChatEventDecoder(this.options.onWarning);
    try {
      for await (const bytes of body) {
        const text = decoder.push(bytes as Buffer);
        if (decoder.done) {
          this.reason = 'done';
          discardRest(body);
          if (text.length > 0) yield text;
          return;
        }
        if (text.length > 0) yield text;
      }
      const tail = decoder.finish();
      this.reason = decoder.done ? 'done' : 'end-of-body';
      if (tail.length > 0) yield tail;
    } catch (error) {
      throw toProviderError(error, transport.signal, transport.idleTimeoutMs);
    } finally {
      // Stopping early (a consumer's break, an error) must release the socket at once.
      if (!this.reason && !body.readableEnded) body.destroy();
    }
  }
}

/** Streams the reply to `messages`; see ChatStream. Failures are ProviderErrors thrown from the iteration. */
export function streamChat(messages: ChatMessage[], options: StreamOptions): ChatStream {
  return new ChatReplyStream([...messages], options);
}
